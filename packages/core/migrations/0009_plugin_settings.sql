CREATE TABLE "plugin_settings" (
	"company_id" integer NOT NULL,
	"plugin_id" varchar(40) NOT NULL,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secrets" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plugin_settings_company_id_plugin_id_pk" PRIMARY KEY("company_id","plugin_id")
);
--> statement-breakpoint
ALTER TABLE "plugin_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "plugin_settings" ADD CONSTRAINT "plugin_settings_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "plugin_settings_tenant_read" ON "plugin_settings" AS PERMISSIVE FOR SELECT TO "console_tenant" USING (company_id = (select nullif(current_setting('app.company_id', true), '')::integer));