CREATE TABLE "export_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"export_roles" text[] DEFAULT '{admin,head_of_sales}'::text[] NOT NULL,
	"approval_threshold" integer DEFAULT 1000 NOT NULL,
	"approval_valid_hours" integer DEFAULT 24 NOT NULL,
	"reveal_roles" text[] DEFAULT '{admin,head_of_sales,team_lead,seller}'::text[] NOT NULL,
	"reveal_daily_cap" integer DEFAULT 50 NOT NULL,
	"card_opens_per_hour" integer DEFAULT 30 NOT NULL,
	"listed_rows_per_hour" integer DEFAULT 2000 NOT NULL,
	"slowdown_ms" integer DEFAULT 1500 NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "export_settings_threshold_check" CHECK ("export_settings"."approval_threshold" >= 0),
	CONSTRAINT "export_settings_valid_hours_check" CHECK ("export_settings"."approval_valid_hours" between 1 and 720),
	CONSTRAINT "export_settings_reveal_cap_check" CHECK ("export_settings"."reveal_daily_cap" >= 0),
	CONSTRAINT "export_settings_bulk_check" CHECK ("export_settings"."card_opens_per_hour" >= 1 and "export_settings"."listed_rows_per_hour" >= 1),
	CONSTRAINT "export_settings_slowdown_check" CHECK ("export_settings"."slowdown_ms" between 0 and 10000)
);
--> statement-breakpoint
ALTER TABLE "export_settings" ADD CONSTRAINT "export_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_settings" ADD CONSTRAINT "export_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "export_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"requester_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"format" text NOT NULL,
	"locale" text NOT NULL,
	"query" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rows" integer NOT NULL,
	"reason" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"expires_at" timestamp with time zone,
	"export_id" uuid,
	"downloaded_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "export_requests_entity_check" CHECK ("export_requests"."entity" in ('companies', 'deals', 'report')),
	CONSTRAINT "export_requests_format_check" CHECK ("export_requests"."format" in ('xlsx', 'csv')),
	CONSTRAINT "export_requests_status_check" CHECK ("export_requests"."status" in ('pending', 'approved', 'rejected', 'downloaded'))
);
--> statement-breakpoint
ALTER TABLE "export_requests" ADD CONSTRAINT "export_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_requests" ADD CONSTRAINT "export_requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_requests" ADD CONSTRAINT "export_requests_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "export_requests_status_idx" ON "export_requests" USING btree ("organization_id","status","created_at");--> statement-breakpoint
CREATE INDEX "export_requests_requester_idx" ON "export_requests" USING btree ("organization_id","requester_id","created_at");--> statement-breakpoint
ALTER TABLE "export_log" ADD COLUMN "file_hash" text;--> statement-breakpoint
ALTER TABLE "export_log" ADD COLUMN "request_id" uuid;--> statement-breakpoint
ALTER TABLE "export_log" ADD COLUMN "watermark" text;--> statement-breakpoint
ALTER TABLE "export_log" ADD CONSTRAINT "export_log_request_id_export_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."export_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "export_log_hash_idx" ON "export_log" USING btree ("organization_id","file_hash");--> statement-breakpoint
CREATE INDEX "export_log_user_idx" ON "export_log" USING btree ("organization_id","user_id","at");--> statement-breakpoint
CREATE TABLE "reveal_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	"company_id" uuid,
	"field" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "reveal_log_target_kind_check" CHECK ("reveal_log"."target_kind" in ('contact', 'lead')),
	CONSTRAINT "reveal_log_field_check" CHECK ("reveal_log"."field" in ('phones', 'emails'))
);
--> statement-breakpoint
ALTER TABLE "reveal_log" ADD CONSTRAINT "reveal_log_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reveal_log" ADD CONSTRAINT "reveal_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reveal_log_user_idx" ON "reveal_log" USING btree ("organization_id","user_id","at");--> statement-breakpoint
CREATE TABLE "read_counters" (
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"card_opens" integer DEFAULT 0 NOT NULL,
	"listed_rows" integer DEFAULT 0 NOT NULL,
	"slowed" integer DEFAULT 0 NOT NULL,
	"alerted_at" timestamp with time zone,
	CONSTRAINT "read_counters_organization_id_user_id_hour_pk" PRIMARY KEY("organization_id","user_id","hour")
);
--> statement-breakpoint
ALTER TABLE "read_counters" ADD CONSTRAINT "read_counters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "read_counters" ADD CONSTRAINT "read_counters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "card_opens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"own" boolean NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "card_opens" ADD CONSTRAINT "card_opens_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_opens" ADD CONSTRAINT "card_opens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_opens" ADD CONSTRAINT "card_opens_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "card_opens_user_idx" ON "card_opens" USING btree ("organization_id","user_id","at");--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('handover_received', 'handover_given', 'permanent_client', 'lead_assigned', 'lead_reminder', 'lead_taken_away', 'lead_escalated', 'lead_unassigned', 'prospects_low', 'clients_received', 'evening_sweep', 'review_due', 'export_requested', 'export_decided', 'bulk_read_alert'));
