CREATE TABLE "pay_schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"preset_key" text,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pay_scheme_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"scheme_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pay_scheme_versions_month_check" CHECK (extract(day from "pay_scheme_versions"."effective_from") = 1)
);
--> statement-breakpoint
CREATE TABLE "pay_scheme_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"scheme_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"target_value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pay_scheme_assignments_kind_check" CHECK ("pay_scheme_assignments"."target_kind" in ('person', 'sales_role', 'department_kind', 'level'))
);
--> statement-breakpoint
CREATE TABLE "pay_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"month" date NOT NULL,
	"amount_minor" bigint NOT NULL,
	"reason" text NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pay_adjustments_nonzero_check" CHECK ("pay_adjustments"."amount_minor" <> 0),
	CONSTRAINT "pay_adjustments_reason_check" CHECK (length(btrim("pay_adjustments"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "pay_periods" (
	"organization_id" uuid NOT NULL,
	"month" date NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"closed_by_id" uuid NOT NULL,
	CONSTRAINT "pay_periods_organization_id_month_pk" PRIMARY KEY("organization_id","month")
);
--> statement-breakpoint
CREATE TABLE "payroll_results" (
	"organization_id" uuid NOT NULL,
	"month" date NOT NULL,
	"user_id" uuid NOT NULL,
	"scheme_id" uuid,
	"scheme_version" integer,
	"definition" jsonb,
	"fact_minor" bigint NOT NULL,
	"plan_minor" bigint,
	"total_minor" bigint NOT NULL,
	CONSTRAINT "payroll_results_organization_id_month_user_id_pk" PRIMARY KEY("organization_id","month","user_id")
);
--> statement-breakpoint
CREATE TABLE "payroll_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"month" date NOT NULL,
	"user_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"figures" jsonb NOT NULL,
	"refs" jsonb NOT NULL,
	"contributions" jsonb
);
--> statement-breakpoint
CREATE TABLE "pay_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"payroll_share_limit_percent" numeric(6, 2),
	"default_margin_percent" numeric(6, 2) DEFAULT 100 NOT NULL,
	"margin_percent_by_product_group" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pay_contests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"metric" text NOT NULL,
	"level" text,
	"month" date NOT NULL,
	"prize" text NOT NULL,
	"winner_user_id" uuid,
	"prize_recorded_at" timestamp with time zone,
	"prize_recorded_by_id" uuid,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pay_contests_metric_check" CHECK ("pay_contests"."metric" in ('revenue', 'new_clients', 'meetings', 'conversion')),
	CONSTRAINT "pay_contests_level_check" CHECK ("pay_contests"."level" is null or "pay_contests"."level" in ('L1', 'L2', 'L3'))
);
--> statement-breakpoint
ALTER TABLE "pay_schemes" ADD CONSTRAINT "pay_schemes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_schemes" ADD CONSTRAINT "pay_schemes_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_scheme_versions" ADD CONSTRAINT "pay_scheme_versions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_scheme_versions" ADD CONSTRAINT "pay_scheme_versions_scheme_id_pay_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."pay_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_scheme_versions" ADD CONSTRAINT "pay_scheme_versions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_scheme_assignments" ADD CONSTRAINT "pay_scheme_assignments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_scheme_assignments" ADD CONSTRAINT "pay_scheme_assignments_scheme_id_pay_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."pay_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_adjustments" ADD CONSTRAINT "pay_adjustments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_adjustments" ADD CONSTRAINT "pay_adjustments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_adjustments" ADD CONSTRAINT "pay_adjustments_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_periods" ADD CONSTRAINT "pay_periods_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_periods" ADD CONSTRAINT "pay_periods_closed_by_id_users_id_fk" FOREIGN KEY ("closed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_results" ADD CONSTRAINT "payroll_results_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_results" ADD CONSTRAINT "payroll_results_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_results" ADD CONSTRAINT "payroll_results_scheme_id_pay_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."pay_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_lines" ADD CONSTRAINT "payroll_lines_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_lines" ADD CONSTRAINT "payroll_lines_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_settings" ADD CONSTRAINT "pay_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_settings" ADD CONSTRAINT "pay_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_contests" ADD CONSTRAINT "pay_contests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_contests" ADD CONSTRAINT "pay_contests_winner_user_id_users_id_fk" FOREIGN KEY ("winner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_contests" ADD CONSTRAINT "pay_contests_prize_recorded_by_id_users_id_fk" FOREIGN KEY ("prize_recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_contests" ADD CONSTRAINT "pay_contests_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pay_schemes_organization_idx" ON "pay_schemes" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_scheme_versions_key" ON "pay_scheme_versions" USING btree ("organization_id","scheme_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_scheme_assignments_key" ON "pay_scheme_assignments" USING btree ("organization_id","target_kind","target_value");--> statement-breakpoint
CREATE INDEX "pay_scheme_assignments_scheme_idx" ON "pay_scheme_assignments" USING btree ("organization_id","scheme_id");--> statement-breakpoint
CREATE INDEX "pay_adjustments_month_idx" ON "pay_adjustments" USING btree ("organization_id","month","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payroll_lines_key" ON "payroll_lines" USING btree ("organization_id","month","user_id","position");--> statement-breakpoint
CREATE INDEX "pay_contests_month_idx" ON "pay_contests" USING btree ("organization_id","month");
