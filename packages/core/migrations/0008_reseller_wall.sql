-- The role a reseller's cross-company reads switch to with SET LOCAL ROLE (see inReseller).
-- Roles are cluster-wide, so this tolerates the role already existing.
DO $$
BEGIN
  CREATE ROLE console_reseller NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT console_reseller TO %I', current_user);
EXCEPTION WHEN OTHERS THEN
  NULL;
END $$;
--> statement-breakpoint
CREATE POLICY "companies_reseller_read" ON "companies" AS PERMISSIVE FOR SELECT TO "console_reseller" USING (reseller_id = (select nullif(current_setting('app.reseller_id', true), '')::integer));--> statement-breakpoint
CREATE POLICY "users_reseller_members" ON "users" AS PERMISSIVE FOR SELECT TO "console_reseller" USING (exists (select 1 from memberships m join companies c on c.id = m.company_id where m.user_id = "users"."id" and c.reseller_id = (select nullif(current_setting('app.reseller_id', true), '')::integer)));--> statement-breakpoint
CREATE POLICY "memberships_reseller_read" ON "memberships" AS PERMISSIVE FOR SELECT TO "console_reseller" USING (company_id in (select c.id from companies c where c.reseller_id = (select nullif(current_setting('app.reseller_id', true), '')::integer)));--> statement-breakpoint
CREATE POLICY "projects_reseller_read" ON "projects" AS PERMISSIVE FOR SELECT TO "console_reseller" USING (company_id in (select c.id from companies c where c.reseller_id = (select nullif(current_setting('app.reseller_id', true), '')::integer)));--> statement-breakpoint
CREATE POLICY "company_plugins_reseller_read" ON "company_plugins" AS PERMISSIVE FOR SELECT TO "console_reseller" USING (company_id in (select c.id from companies c where c.reseller_id = (select nullif(current_setting('app.reseller_id', true), '')::integer)));