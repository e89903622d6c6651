-- The role tenant transactions switch to with SET LOCAL ROLE. Roles are cluster-wide, so this
-- tolerates the role already existing (another database of the cluster, or a concurrent run).
DO $$
BEGIN
  CREATE ROLE console_tenant NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END $$;
--> statement-breakpoint
-- The connecting user must be a member to SET ROLE to it (superusers already may).
DO $$
BEGIN
  EXECUTE format('GRANT console_tenant TO %I', current_user);
EXCEPTION WHEN OTHERS THEN
  NULL;
END $$;
