CREATE TABLE "conveyor_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"giver_access_days" integer DEFAULT 14 NOT NULL,
	"receiver_cap" integer,
	"stuck_after_days" integer DEFAULT 30 NOT NULL,
	"permanent_total_minor" bigint,
	"permanent_monthly_minor" bigint,
	"permanent_months" integer DEFAULT 3 NOT NULL,
	"permanent_service_level" text DEFAULT 'priority' NOT NULL,
	"sweep_at" text DEFAULT '02:00' NOT NULL,
	"last_sweep_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'general' NOT NULL,
	"head_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_kind_check" CHECK ("departments"."kind" in ('general', 'new_business', 'client', 'development'))
);
--> statement-breakpoint
CREATE TABLE "export_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"format" text NOT NULL,
	"rows" integer NOT NULL,
	"filter" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handover_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"from_level" text NOT NULL,
	"to_level" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handover_rules_kind_check" CHECK ("handover_rules"."kind" in ('hot', 'stage', 'acceptance_act', 'orders', 'volume', 'product', 'monthly_minimum'))
);
--> statement-breakpoint
CREATE TABLE "handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"from_level" text NOT NULL,
	"to_level" text NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	"rule_id" uuid,
	"reason" text NOT NULL,
	"trigger" text NOT NULL,
	"figures" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text,
	"actor_id" uuid,
	"moved_tasks" integer DEFAULT 0 NOT NULL,
	"giver_access_until" timestamp with time zone,
	"seconds_at_level" bigint,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "handovers_trigger_check" CHECK ("handovers"."trigger" in ('manual', 'stage_changed', 'temperature_changed', 'order', 'payment', 'acceptance_act', 'sweep'))
);
--> statement-breakpoint
CREATE TABLE "matrix_assignments" (
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matrix_assignments_organization_id_user_id_kind_value_pk" PRIMARY KEY("organization_id","user_id","kind","value"),
	CONSTRAINT "matrix_assignments_kind_check" CHECK ("matrix_assignments"."kind" in ('product', 'product_group', 'region', 'audience', 'team'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"company_id" uuid,
	"handover_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('handover_received', 'handover_given', 'permanent_client'))
);
--> statement-breakpoint
ALTER TABLE "timeline_events" DROP CONSTRAINT "timeline_events_kind_check";--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "level_entered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "permanent_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "service_level" text;--> statement-breakpoint
ALTER TABLE "company_shares" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "level" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "sales_role" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "client_cap" integer;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "department_mode" text DEFAULT 'three_level' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "structure_variant" text DEFAULT 'linear_functional' NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "department_id" uuid;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "level" text;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD COLUMN "handover_id" uuid;--> statement-breakpoint
ALTER TABLE "conveyor_settings" ADD CONSTRAINT "conveyor_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_head_user_id_users_id_fk" FOREIGN KEY ("head_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_log" ADD CONSTRAINT "export_log_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_log" ADD CONSTRAINT "export_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_rules" ADD CONSTRAINT "handover_rules_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_rule_id_handover_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."handover_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matrix_assignments" ADD CONSTRAINT "matrix_assignments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matrix_assignments" ADD CONSTRAINT "matrix_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_handover_id_handovers_id_fk" FOREIGN KEY ("handover_id") REFERENCES "public"."handovers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "departments_organization_idx" ON "departments" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "export_log_at_idx" ON "export_log" USING btree ("organization_id","at");--> statement-breakpoint
CREATE INDEX "handover_rules_organization_idx" ON "handover_rules" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "handovers_at_idx" ON "handovers" USING btree ("organization_id","at");--> statement-breakpoint
CREATE INDEX "handovers_company_idx" ON "handovers" USING btree ("organization_id","company_id","at");--> statement-breakpoint
CREATE INDEX "handovers_from_idx" ON "handovers" USING btree ("organization_id","from_user_id","at");--> statement-breakpoint
CREATE INDEX "handovers_to_idx" ON "handovers" USING btree ("organization_id","to_user_id","at");--> statement-breakpoint
CREATE INDEX "matrix_assignments_value_idx" ON "matrix_assignments" USING btree ("organization_id","kind","value");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("organization_id","user_id","created_at");--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "companies_region_idx" ON "companies" USING btree ("organization_id","region") WHERE "companies"."region" is not null;--> statement-breakpoint
CREATE INDEX "companies_audience_idx" ON "companies" USING btree ("organization_id","audience") WHERE "companies"."audience" is not null;--> statement-breakpoint
CREATE INDEX "companies_level_idx" ON "companies" USING btree ("organization_id","level","level_entered_at") WHERE "companies"."level" is not null;--> statement-breakpoint
CREATE INDEX "memberships_level_idx" ON "memberships" USING btree ("organization_id","level") WHERE "memberships"."level" is not null;--> statement-breakpoint
CREATE INDEX "timeline_events_owner_changed_idx" ON "timeline_events" USING btree ("organization_id","at") WHERE "timeline_events"."kind" = 'owner_changed';--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_level_check" CHECK ("memberships"."level" is null or "memberships"."level" in ('L1', 'L2', 'L3'));--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_sales_role_check" CHECK ("memberships"."sales_role" is null or "memberships"."sales_role" in ('tele_sales', 'sales_manager', 'field_rep', 'account_manager', 'key_account_manager', 'partner_account_manager', 'technical_support', 'product_manager', 'territory_manager', 'regional_manager'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_department_mode_check" CHECK ("organizations"."department_mode" in ('one_level', 'three_level'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_structure_variant_check" CHECK ("organizations"."structure_variant" in ('linear_functional', 'matrix_geography', 'matrix_product', 'matrix_customer_type'));--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_level_check" CHECK ("teams"."level" is null or "teams"."level" in ('L1', 'L2', 'L3'));--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_kind_check" CHECK ("timeline_events"."kind" in ('created', 'activity', 'task_created', 'task_done', 'owner_changed', 'field_changed', 'deal_created', 'deal_stage_changed', 'order_created', 'payment_received', 'handover'));--> statement-breakpoint
-- Hand-written: clients already on a level entered it when they were created (time at level, stuck clients).
UPDATE "companies" SET "level_entered_at" = "created_at" WHERE "level" IS NOT NULL AND "level_entered_at" IS NULL;
--> statement-breakpoint
-- Clients already marked permanent became so when they were last changed.
UPDATE "companies" SET "permanent_since" = "updated_at", "service_level" = 'priority' WHERE "status" = 'permanent' AND "permanent_since" IS NULL;
