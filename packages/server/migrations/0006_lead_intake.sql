CREATE TABLE "absences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"note" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "absences_kind_check" CHECK ("absences"."kind" in ('vacation', 'sick_leave', 'day_off', 'other')),
	CONSTRAINT "absences_dates_check" CHECK ("absences"."ends_on" >= "absences"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "inbound_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"email_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"lead_id" uuid,
	"message_id" text,
	"in_reply_to" text,
	"from_address" text,
	"from_name" text,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_assign_counters" (
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"assigned" integer DEFAULT 0 NOT NULL,
	"last_assigned_at" timestamp with time zone,
	CONSTRAINT "lead_assign_counters_organization_id_user_id_day_pk" PRIMARY KEY("organization_id","user_id","day")
);
--> statement-breakpoint
CREATE TABLE "lead_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"from_user_id" uuid,
	"to_user_id" uuid,
	"route" text NOT NULL,
	"cause" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"target_team_id" uuid,
	"target_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"remind_after_minutes" integer DEFAULT 5 NOT NULL,
	"reassign_after_minutes" integer DEFAULT 15 NOT NULL,
	"escalate_after_reassignments" integer DEFAULT 2 NOT NULL,
	"default_lead_cap" integer,
	"form_rate_limit" integer DEFAULT 10 NOT NULL,
	"form_rate_window_seconds" integer DEFAULT 600 NOT NULL,
	"undo_window_minutes" integer DEFAULT 30 NOT NULL,
	"thursday_off" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"public_key" text NOT NULL,
	"secret" text,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"default_temperature" text DEFAULT 'warm' NOT NULL,
	"imap_uid_validity" text,
	"imap_last_uid" bigint DEFAULT 0 NOT NULL,
	"last_polled_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_sources_kind_check" CHECK ("lead_sources"."kind" in ('form', 'webhook', 'email', 'manual', 'import')),
	CONSTRAINT "lead_sources_temperature_check" CHECK ("lead_sources"."default_temperature" in ('cold', 'warm', 'hot'))
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"external_key" text,
	"received_at" timestamp with time zone NOT NULL,
	"person_name" text,
	"company_name" text,
	"phone" text,
	"email" text,
	"legal_id" text,
	"message" text,
	"utm" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"referrer" text,
	"page_url" text,
	"channel" text,
	"product_id" uuid,
	"product_interest" text,
	"region" text,
	"audience" text,
	"temperature" text NOT NULL,
	"amount_minor" bigint,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"company_id" uuid NOT NULL,
	"contact_id" uuid,
	"deal_id" uuid,
	"known_client" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"assignee_id" uuid,
	"assigned_at" timestamp with time zone,
	"route" text NOT NULL,
	"rule_id" uuid,
	"remind_at" timestamp with time zone,
	"reassign_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"reassign_count" integer DEFAULT 0 NOT NULL,
	"previous_assignee_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"escalated_at" timestamp with time zone,
	"first_touch_at" timestamp with time zone,
	"first_touch_by_id" uuid,
	"business_minutes_to_touch" numeric(12, 2),
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leads_status_check" CHECK ("leads"."status" in ('waiting', 'touched', 'unassigned')),
	CONSTRAINT "leads_temperature_check" CHECK ("leads"."temperature" in ('cold', 'warm', 'hot')),
	CONSTRAINT "leads_route_check" CHECK ("leads"."route" in ('existing_owner', 'rule', 'round_robin', 'on_duty', 'head', 'manual', 'unassigned'))
);
--> statement-breakpoint
CREATE TABLE "redistribution_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"redistribution_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"company_id" uuid,
	"from_user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	CONSTRAINT "redistribution_items_entity_check" CHECK ("redistribution_items"."entity" in ('company', 'deal', 'task'))
);
--> statement-breakpoint
CREATE TABLE "redistributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"from_user_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"reason" text NOT NULL,
	"clients" integer DEFAULT 0 NOT NULL,
	"deals" integer DEFAULT 0 NOT NULL,
	"tasks" integer DEFAULT 0 NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"undo_until" timestamp with time zone NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by_id" uuid,
	CONSTRAINT "redistributions_mode_check" CHECK ("redistributions"."mode" in ('rules', 'manual'))
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";--> statement-breakpoint
ALTER TABLE "timeline_events" DROP CONSTRAINT "timeline_events_kind_check";--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "lead_paused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "lead_cap" integer;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "lead_weight" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "skills" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "on_duty" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "work_start" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "work_end" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "lead_id" uuid;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD COLUMN "lead_id" uuid;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD COLUMN "inbound_email_id" uuid;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_attachments" ADD CONSTRAINT "inbound_attachments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_attachments" ADD CONSTRAINT "inbound_attachments_email_id_inbound_emails_id_fk" FOREIGN KEY ("email_id") REFERENCES "public"."inbound_emails"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_source_id_lead_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."lead_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_assign_counters" ADD CONSTRAINT "lead_assign_counters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_assign_counters" ADD CONSTRAINT "lead_assign_counters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_assignments" ADD CONSTRAINT "lead_assignments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_assignments" ADD CONSTRAINT "lead_assignments_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_assignments" ADD CONSTRAINT "lead_assignments_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_assignments" ADD CONSTRAINT "lead_assignments_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_assignments" ADD CONSTRAINT "lead_assignments_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_routing_rules" ADD CONSTRAINT "lead_routing_rules_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_routing_rules" ADD CONSTRAINT "lead_routing_rules_target_team_id_teams_id_fk" FOREIGN KEY ("target_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_settings" ADD CONSTRAINT "lead_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_sources" ADD CONSTRAINT "lead_sources_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_source_id_lead_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."lead_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_rule_id_lead_routing_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."lead_routing_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_first_touch_by_id_users_id_fk" FOREIGN KEY ("first_touch_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redistribution_items" ADD CONSTRAINT "redistribution_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redistribution_items" ADD CONSTRAINT "redistribution_items_redistribution_id_redistributions_id_fk" FOREIGN KEY ("redistribution_id") REFERENCES "public"."redistributions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redistribution_items" ADD CONSTRAINT "redistribution_items_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redistribution_items" ADD CONSTRAINT "redistribution_items_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redistribution_items" ADD CONSTRAINT "redistribution_items_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redistributions" ADD CONSTRAINT "redistributions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redistributions" ADD CONSTRAINT "redistributions_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redistributions" ADD CONSTRAINT "redistributions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redistributions" ADD CONSTRAINT "redistributions_undone_by_id_users_id_fk" FOREIGN KEY ("undone_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "absences_user_idx" ON "absences" USING btree ("organization_id","user_id","ends_on");--> statement-breakpoint
CREATE INDEX "inbound_attachments_email_idx" ON "inbound_attachments" USING btree ("organization_id","email_id");--> statement-breakpoint
CREATE INDEX "inbound_emails_message_idx" ON "inbound_emails" USING btree ("organization_id","message_id") WHERE "inbound_emails"."message_id" is not null;--> statement-breakpoint
CREATE INDEX "inbound_emails_company_idx" ON "inbound_emails" USING btree ("organization_id","company_id","received_at");--> statement-breakpoint
CREATE INDEX "lead_assignments_lead_idx" ON "lead_assignments" USING btree ("organization_id","lead_id","at");--> statement-breakpoint
CREATE INDEX "lead_routing_rules_organization_idx" ON "lead_routing_rules" USING btree ("organization_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_sources_public_key_key" ON "lead_sources" USING btree ("public_key");--> statement-breakpoint
CREATE INDEX "lead_sources_organization_idx" ON "lead_sources" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_external_key_key" ON "leads" USING btree ("organization_id","source_id","external_key") WHERE "leads"."external_key" is not null;--> statement-breakpoint
CREATE INDEX "leads_received_idx" ON "leads" USING btree ("organization_id","received_at","id");--> statement-breakpoint
CREATE INDEX "leads_status_idx" ON "leads" USING btree ("organization_id","status","received_at");--> statement-breakpoint
CREATE INDEX "leads_company_idx" ON "leads" USING btree ("organization_id","company_id");--> statement-breakpoint
CREATE INDEX "leads_waiting_idx" ON "leads" USING btree ("organization_id","assignee_id") WHERE "leads"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "leads_sla_idx" ON "leads" USING btree ("organization_id","remind_at") WHERE "leads"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "leads_sla_reassign_idx" ON "leads" USING btree ("reassign_at") WHERE "leads"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "redistribution_items_batch_idx" ON "redistribution_items" USING btree ("organization_id","redistribution_id");--> statement-breakpoint
CREATE INDEX "redistributions_at_idx" ON "redistributions" USING btree ("organization_id","at");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('handover_received', 'handover_given', 'permanent_client', 'lead_assigned', 'lead_reminder', 'lead_taken_away', 'lead_escalated', 'lead_unassigned', 'prospects_low'));--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_kind_check" CHECK ("timeline_events"."kind" in ('created', 'activity', 'task_created', 'task_done', 'owner_changed', 'field_changed', 'deal_created', 'deal_stage_changed', 'order_created', 'payment_received', 'handover', 'lead_received', 'email_received'));