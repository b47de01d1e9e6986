CREATE TABLE "prospecting_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"month" date NOT NULL,
	"target" integer NOT NULL,
	"set_by_id" uuid NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "prospecting_targets_target_check" CHECK ("prospecting_targets"."target" between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "review_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"deal_id" uuid,
	"deal_stage_id" uuid,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"last_task_id" uuid,
	"planned_result_outcome" text,
	"outcome_comment" text,
	"risks" text,
	"opportunities" text,
	"next_task_id" uuid,
	"closed_as_lost" boolean DEFAULT false NOT NULL,
	"lost_reason" text,
	"seconds_spent" integer NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_items_outcome_check" CHECK ("review_items"."planned_result_outcome" is null or "review_items"."planned_result_outcome" in ('reached', 'partly', 'not_reached')),
	CONSTRAINT "review_items_seconds_check" CHECK ("review_items"."seconds_spent" >= 0),
	CONSTRAINT "review_items_close_check" CHECK ("review_items"."next_task_id" is not null or ("review_items"."closed_as_lost" and "review_items"."lost_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "review_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_settings" (
	"organization_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"cadence" text DEFAULT 'daily' NOT NULL,
	"stale_days_default" integer DEFAULT 7 NOT NULL,
	"stale_days_by_stage" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"min_deal_amount_minor" bigint,
	"sweep_at" text DEFAULT '18:00' NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_settings_organization_id_team_id_pk" PRIMARY KEY("organization_id","team_id"),
	CONSTRAINT "review_settings_cadence_check" CHECK ("review_settings"."cadence" in ('twice_daily', 'daily', 'every_two_days', 'weekly')),
	CONSTRAINT "review_settings_stale_check" CHECK ("review_settings"."stale_days_default" between 1 and 365)
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "subject_user_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "figures" jsonb;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "on_day" date;--> statement-breakpoint
ALTER TABLE "prospecting_targets" ADD CONSTRAINT "prospecting_targets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prospecting_targets" ADD CONSTRAINT "prospecting_targets_seller_id_users_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prospecting_targets" ADD CONSTRAINT "prospecting_targets_set_by_id_users_id_fk" FOREIGN KEY ("set_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_session_id_review_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."review_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_seller_id_users_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_deal_stage_id_pipeline_stages_id_fk" FOREIGN KEY ("deal_stage_id") REFERENCES "public"."pipeline_stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_last_task_id_tasks_id_fk" FOREIGN KEY ("last_task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_next_task_id_tasks_id_fk" FOREIGN KEY ("next_task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sessions" ADD CONSTRAINT "review_sessions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sessions" ADD CONSTRAINT "review_sessions_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sessions" ADD CONSTRAINT "review_sessions_seller_id_users_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_settings" ADD CONSTRAINT "review_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_settings" ADD CONSTRAINT "review_settings_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_settings" ADD CONSTRAINT "review_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "prospecting_targets_key" ON "prospecting_targets" USING btree ("organization_id","seller_id","month");--> statement-breakpoint
CREATE INDEX "review_items_seller_idx" ON "review_items" USING btree ("organization_id","seller_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "review_items_reviewer_idx" ON "review_items" USING btree ("organization_id","reviewer_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "review_items_company_idx" ON "review_items" USING btree ("organization_id","company_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "review_items_session_idx" ON "review_items" USING btree ("organization_id","session_id");--> statement-breakpoint
CREATE INDEX "review_items_next_task_idx" ON "review_items" USING btree ("organization_id","next_task_id") WHERE "review_items"."next_task_id" is not null;--> statement-breakpoint
CREATE INDEX "review_sessions_seller_idx" ON "review_sessions" USING btree ("organization_id","seller_id","started_at");--> statement-breakpoint
CREATE INDEX "review_sessions_reviewer_idx" ON "review_sessions" USING btree ("organization_id","reviewer_id","started_at");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_subject_user_id_users_id_fk" FOREIGN KEY ("subject_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_daily_key" ON "notifications" USING btree ("organization_id","user_id","kind","subject_user_id","on_day") WHERE "notifications"."on_day" is not null;--> statement-breakpoint
CREATE INDEX "tasks_open_deal_idx" ON "tasks" USING btree ("organization_id","deal_id") WHERE "tasks"."deal_id" is not null and "tasks"."done_at" is null;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('handover_received', 'handover_given', 'permanent_client', 'lead_assigned', 'lead_reminder', 'lead_taken_away', 'lead_escalated', 'lead_unassigned', 'prospects_low', 'clients_received', 'evening_sweep', 'review_due'));