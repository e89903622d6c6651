CREATE TABLE "usage_monthly" (
	"company_id" integer NOT NULL,
	"project_id" varchar(16) NOT NULL,
	"month" date NOT NULL,
	"product" smallint NOT NULL,
	"metric" smallint NOT NULL,
	"ms" bigint NOT NULL,
	CONSTRAINT "usage_monthly_project_id_month_product_metric_pk" PRIMARY KEY("project_id","month","product","metric")
);
--> statement-breakpoint
ALTER TABLE "usage_monthly" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "usage_monthly_tenant_read" ON "usage_monthly" AS PERMISSIVE FOR SELECT TO "console_tenant" USING (company_id = (select nullif(current_setting('app.company_id', true), '')::integer));--> statement-breakpoint
CREATE POLICY "usage_monthly_tenant_purge" ON "usage_monthly" AS PERMISSIVE FOR DELETE TO "console_tenant" USING (company_id = (select nullif(current_setting('app.company_id', true), '')::integer));--> statement-breakpoint
ALTER POLICY "usage_daily_tenant_read" ON "usage_daily" TO console_tenant USING (company_id = (select nullif(current_setting('app.company_id', true), '')::integer));--> statement-breakpoint
ALTER POLICY "usage_daily_tenant_purge" ON "usage_daily" TO console_tenant USING (company_id = (select nullif(current_setting('app.company_id', true), '')::integer));--> statement-breakpoint
ALTER POLICY "usage_daily_channel_tenant_read" ON "usage_daily_channel" TO console_tenant USING (company_id = (select nullif(current_setting('app.company_id', true), '')::integer));--> statement-breakpoint
ALTER POLICY "usage_daily_channel_tenant_purge" ON "usage_daily_channel" TO console_tenant USING (company_id = (select nullif(current_setting('app.company_id', true), '')::integer));--> statement-breakpoint
ALTER POLICY "usage_daily_peak_tenant_read" ON "usage_daily_peak" TO console_tenant USING (company_id = (select nullif(current_setting('app.company_id', true), '')::integer));--> statement-breakpoint
ALTER POLICY "usage_daily_peak_tenant_purge" ON "usage_daily_peak" TO console_tenant USING (company_id = (select nullif(current_setting('app.company_id', true), '')::integer));--> statement-breakpoint
ALTER POLICY "usage_rtm_events_tenant_read" ON "usage_rtm_events" TO console_tenant USING (company_id = (select nullif(current_setting('app.company_id', true), '')::integer));--> statement-breakpoint
ALTER POLICY "usage_rtm_events_tenant_purge" ON "usage_rtm_events" TO console_tenant USING (company_id = (select nullif(current_setting('app.company_id', true), '')::integer));--> statement-breakpoint
ALTER POLICY "usage_rtm_users_tenant_read" ON "usage_rtm_users" TO console_tenant USING (company_id = (select nullif(current_setting('app.company_id', true), '')::integer));--> statement-breakpoint
ALTER POLICY "usage_rtm_users_tenant_purge" ON "usage_rtm_users" TO console_tenant USING (company_id = (select nullif(current_setting('app.company_id', true), '')::integer));--> statement-breakpoint
ALTER POLICY "usage_sessions_tenant_read" ON "usage_sessions" TO console_tenant USING (company_id = (select nullif(current_setting('app.company_id', true), '')::integer));--> statement-breakpoint
ALTER POLICY "usage_sessions_tenant_purge" ON "usage_sessions" TO console_tenant USING (company_id = (select nullif(current_setting('app.company_id', true), '')::integer));--> statement-breakpoint
-- Existing installations: the monthly rollup starts as the sum of the daily one.
INSERT INTO "usage_monthly" ("company_id", "project_id", "month", "product", "metric", "ms") SELECT "company_id", "project_id", date_trunc('month', "day"::timestamp)::date, "product", "metric", sum("ms") FROM "usage_daily" GROUP BY 1, 2, 3, 4, 5;
