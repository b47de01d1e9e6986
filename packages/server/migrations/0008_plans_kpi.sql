CREATE TABLE "calendar_days" (
	"organization_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_days_organization_id_day_pk" PRIMARY KEY("organization_id","day"),
	CONSTRAINT "calendar_days_kind_check" CHECK ("calendar_days"."kind" in ('working', 'day_off', 'shortened'))
);
--> statement-breakpoint
CREATE TABLE "client_month_revenue" (
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"month" date NOT NULL,
	"company_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"payments" integer NOT NULL,
	CONSTRAINT "client_month_revenue_organization_id_user_id_month_company_id_pk" PRIMARY KEY("organization_id","user_id","month","company_id")
);
--> statement-breakpoint
CREATE TABLE "forecast_snapshots" (
	"organization_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"month" date NOT NULL,
	"weighted_minor" bigint NOT NULL,
	"repeat_minor" bigint NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecast_snapshots_organization_id_owner_id_month_pk" PRIMARY KEY("organization_id","owner_id","month")
);
--> statement-breakpoint
CREATE TABLE "kpi_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"widgets" text[] NOT NULL,
	"tv_refresh_seconds" integer DEFAULT 60 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lost_reason_day_rollup" (
	"organization_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"day" date NOT NULL,
	"reason" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "lost_reason_day_rollup_organization_id_owner_id_day_reason_pk" PRIMARY KEY("organization_id","owner_id","day","reason")
);
--> statement-breakpoint
CREATE TABLE "open_deal_forecast" (
	"organization_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"client_type" text NOT NULL,
	"expected_month" date NOT NULL,
	"count" integer NOT NULL,
	"amount_minor" bigint NOT NULL,
	CONSTRAINT "open_deal_forecast_organization_id_owner_id_stage_id_client_type_expected_month_pk" PRIMARY KEY("organization_id","owner_id","stage_id","client_type","expected_month")
);
--> statement-breakpoint
CREATE TABLE "open_deal_totals" (
	"organization_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"temperature" text NOT NULL,
	"count" integer NOT NULL,
	"amount_minor" bigint NOT NULL,
	CONSTRAINT "open_deal_totals_organization_id_owner_id_temperature_pk" PRIMARY KEY("organization_id","owner_id","temperature")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"period_kind" text DEFAULT 'month' NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"scope_kind" text NOT NULL,
	"scope_id" text DEFAULT '' NOT NULL,
	"metric" text NOT NULL,
	"target" bigint NOT NULL,
	"updated_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_period_kind_check" CHECK ("plans"."period_kind" in ('month', 'jalali_month')),
	CONSTRAINT "plans_scope_kind_check" CHECK ("plans"."scope_kind" in ('seller', 'team', 'level', 'channel', 'product_group', 'department')),
	CONSTRAINT "plans_metric_check" CHECK ("plans"."metric" in ('revenue', 'deals_won', 'new_clients', 'calls', 'meetings')),
	CONSTRAINT "plans_target_check" CHECK ("plans"."target" >= 0),
	CONSTRAINT "plans_period_check" CHECK ("plans"."period_end" >= "plans"."period_start")
);
--> statement-breakpoint
CREATE TABLE "seller_day_rollup" (
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"calls_new" integer DEFAULT 0 NOT NULL,
	"calls_current" integer DEFAULT 0 NOT NULL,
	"meetings_new" integer DEFAULT 0 NOT NULL,
	"meetings_current" integer DEFAULT 0 NOT NULL,
	"emails" integer DEFAULT 0 NOT NULL,
	"proposals" integer DEFAULT 0 NOT NULL,
	"revenue_minor" bigint DEFAULT 0 NOT NULL,
	"refunds_minor" bigint DEFAULT 0 NOT NULL,
	"payments" integer DEFAULT 0 NOT NULL,
	"deals_won" integer DEFAULT 0 NOT NULL,
	"won_amount_minor" bigint DEFAULT 0 NOT NULL,
	"new_clients" integer DEFAULT 0 NOT NULL,
	"deals_lost" integer DEFAULT 0 NOT NULL,
	"close_seconds" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "seller_day_rollup_organization_id_user_id_day_pk" PRIMARY KEY("organization_id","user_id","day")
);
--> statement-breakpoint
CREATE TABLE "stage_day_rollup" (
	"organization_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"day" date NOT NULL,
	"entered" integer DEFAULT 0 NOT NULL,
	"exited" integer DEFAULT 0 NOT NULL,
	"exited_seconds" bigint DEFAULT 0 NOT NULL,
	"lost_after" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stage_day_rollup_organization_id_owner_id_stage_id_day_pk" PRIMARY KEY("organization_id","owner_id","stage_id","day")
);
--> statement-breakpoint
ALTER TABLE "deal_stage_visits" ADD COLUMN "owner_id" uuid;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "first_win" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "credited_user_id" uuid;--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_month_revenue" ADD CONSTRAINT "client_month_revenue_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_month_revenue" ADD CONSTRAINT "client_month_revenue_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_month_revenue" ADD CONSTRAINT "client_month_revenue_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_snapshots" ADD CONSTRAINT "forecast_snapshots_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_snapshots" ADD CONSTRAINT "forecast_snapshots_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_settings" ADD CONSTRAINT "kpi_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lost_reason_day_rollup" ADD CONSTRAINT "lost_reason_day_rollup_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lost_reason_day_rollup" ADD CONSTRAINT "lost_reason_day_rollup_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_deal_forecast" ADD CONSTRAINT "open_deal_forecast_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_deal_forecast" ADD CONSTRAINT "open_deal_forecast_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_deal_forecast" ADD CONSTRAINT "open_deal_forecast_stage_id_pipeline_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."pipeline_stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_deal_totals" ADD CONSTRAINT "open_deal_totals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_deal_totals" ADD CONSTRAINT "open_deal_totals_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_day_rollup" ADD CONSTRAINT "seller_day_rollup_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_day_rollup" ADD CONSTRAINT "seller_day_rollup_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_day_rollup" ADD CONSTRAINT "stage_day_rollup_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_day_rollup" ADD CONSTRAINT "stage_day_rollup_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_day_rollup" ADD CONSTRAINT "stage_day_rollup_stage_id_pipeline_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."pipeline_stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plans_key" ON "plans" USING btree ("organization_id","period_start","period_kind","scope_kind","scope_id","metric");--> statement-breakpoint
CREATE INDEX "seller_day_rollup_day_idx" ON "seller_day_rollup" USING btree ("organization_id","day");--> statement-breakpoint
CREATE INDEX "stage_day_rollup_day_idx" ON "stage_day_rollup" USING btree ("organization_id","day");--> statement-breakpoint
ALTER TABLE "deal_stage_visits" ADD CONSTRAINT "deal_stage_visits_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_credited_user_id_users_id_fk" FOREIGN KEY ("credited_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deals_owner_closed_idx" ON "deals" USING btree ("organization_id","owner_id","closed_at") WHERE "deals"."closed_at" is not null;--> statement-breakpoint
CREATE INDEX "deals_expected_close_idx" ON "deals" USING btree ("organization_id","expected_close_date") WHERE "deals"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "payments_credited_idx" ON "payments" USING btree ("organization_id","credited_user_id","paid_on");--> statement-breakpoint
-- Backfill the new columns before the triggers exist, so the backfill itself counts nothing twice.
UPDATE "payments" p SET credited_user_id = d.owner_id FROM deals d WHERE d.id = p.deal_id AND p.credited_user_id IS NULL;--> statement-breakpoint
UPDATE "deal_stage_visits" v SET owner_id = d.owner_id FROM deals d WHERE d.id = v.deal_id AND v.owner_id IS NULL;--> statement-breakpoint
UPDATE "deals" d SET first_win = true
FROM (SELECT DISTINCT ON (x.organization_id, x.company_id) x.id
      FROM deals x JOIN pipeline_stages s ON s.id = x.stage_id AND s.kind = 'won'
      WHERE x.closed_at IS NOT NULL
      ORDER BY x.organization_id, x.company_id, x.closed_at, x.id) f
WHERE d.id = f.id;--> statement-breakpoint
-- Credited seller and the funnel's owner: filled from the deal when a write path leaves them out.
CREATE FUNCTION "kpi_payment_credit"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.credited_user_id IS NULL THEN
    SELECT owner_id INTO NEW.credited_user_id FROM deals WHERE id = NEW.deal_id;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "payments_credit" BEFORE INSERT ON "payments" FOR EACH ROW EXECUTE FUNCTION kpi_payment_credit();--> statement-breakpoint
CREATE FUNCTION "kpi_visit_owner"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.owner_id IS NULL THEN
    SELECT owner_id INTO NEW.owner_id FROM deals WHERE id = NEW.deal_id;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "deal_stage_visits_owner" BEFORE INSERT ON "deal_stage_visits" FOR EACH ROW EXECUTE FUNCTION kpi_visit_owner();--> statement-breakpoint
-- M2.3: a deal won as the client's first won deal makes a new client. Rows earlier in the same
-- statement are visible here, so a batch of wins marks exactly one per client.
CREATE FUNCTION "kpi_deal_first_win"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.closed_at IS NULL THEN
    NEW.first_win := false;
  ELSIF TG_OP = 'INSERT' OR NEW.stage_id IS DISTINCT FROM OLD.stage_id OR NEW.company_id IS DISTINCT FROM OLD.company_id THEN
    IF (SELECT kind FROM pipeline_stages WHERE id = NEW.stage_id) = 'won' THEN
      NEW.first_win := NOT EXISTS (
        SELECT 1 FROM deals x JOIN pipeline_stages s ON s.id = x.stage_id AND s.kind = 'won'
        WHERE x.organization_id = NEW.organization_id AND x.company_id = NEW.company_id AND x.id <> NEW.id AND x.closed_at IS NOT NULL);
    ELSE
      NEW.first_win := false;
    END IF;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "deals_first_win" BEFORE INSERT OR UPDATE ON "deals" FOR EACH ROW EXECUTE FUNCTION kpi_deal_first_win();--> statement-breakpoint
-- What each rollup must hold, computed from the raw tables: the backfill below and the
-- consistency check (kpi_rollup_check) read these. A filter on organization_id pushes down.
CREATE VIEW "seller_day_expected" AS
SELECT organization_id, user_id, day,
  sum(calls_new)::integer AS calls_new, sum(calls_current)::integer AS calls_current,
  sum(meetings_new)::integer AS meetings_new, sum(meetings_current)::integer AS meetings_current,
  sum(emails)::integer AS emails, sum(proposals)::integer AS proposals,
  sum(revenue_minor)::bigint AS revenue_minor, sum(refunds_minor)::bigint AS refunds_minor, sum(payments)::integer AS payments,
  sum(deals_won)::integer AS deals_won, sum(won_amount_minor)::bigint AS won_amount_minor, sum(new_clients)::integer AS new_clients,
  sum(deals_lost)::integer AS deals_lost, sum(close_seconds)::bigint AS close_seconds
FROM (
  SELECT a.organization_id, a.author_id AS user_id, (a.occurred_at AT TIME ZONE o.time_zone)::date AS day,
    count(*) FILTER (WHERE a.type = 'call' AND a.base = 'new') AS calls_new,
    count(*) FILTER (WHERE a.type = 'call' AND a.base = 'current') AS calls_current,
    count(*) FILTER (WHERE a.type = 'meeting' AND a.base = 'new') AS meetings_new,
    count(*) FILTER (WHERE a.type = 'meeting' AND a.base = 'current') AS meetings_current,
    count(*) FILTER (WHERE a.type = 'email') AS emails,
    count(*) FILTER (WHERE a.type = 'proposal') AS proposals,
    0 AS revenue_minor, 0 AS refunds_minor, 0 AS payments, 0 AS deals_won, 0 AS won_amount_minor, 0 AS new_clients, 0 AS deals_lost, 0 AS close_seconds
  FROM activities a JOIN organizations o ON o.id = a.organization_id
  WHERE a.type <> 'note'
  GROUP BY 1, 2, 3
  UNION ALL
  SELECT p.organization_id, p.credited_user_id, p.paid_on, 0, 0, 0, 0, 0, 0,
    sum(p.amount_minor), coalesce(sum(-p.amount_minor) FILTER (WHERE p.amount_minor < 0), 0), count(*) FILTER (WHERE p.amount_minor > 0), 0, 0, 0, 0, 0
  FROM payments p
  GROUP BY 1, 2, 3
  UNION ALL
  SELECT d.organization_id, d.owner_id, (d.closed_at AT TIME ZONE o.time_zone)::date, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    count(*) FILTER (WHERE s.kind = 'won'), coalesce(sum(d.amount_minor) FILTER (WHERE s.kind = 'won'), 0),
    count(*) FILTER (WHERE s.kind = 'won' AND d.first_win), count(*) FILTER (WHERE s.kind = 'lost'),
    coalesce(sum(floor(extract(epoch FROM d.closed_at - d.created_at))::bigint) FILTER (WHERE s.kind = 'won'), 0)
  FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id JOIN organizations o ON o.id = d.organization_id
  WHERE d.closed_at IS NOT NULL AND s.kind <> 'open'
  GROUP BY 1, 2, 3
) parts
GROUP BY organization_id, user_id, day;--> statement-breakpoint
CREATE VIEW "client_month_expected" AS
SELECT organization_id, credited_user_id AS user_id, date_trunc('month', paid_on)::date AS month, company_id,
  sum(amount_minor)::bigint AS amount_minor, count(*)::integer AS payments
FROM payments GROUP BY 1, 2, 3, 4;--> statement-breakpoint
CREATE VIEW "open_deal_expected" AS
SELECT d.organization_id, d.owner_id, c.temperature, count(*)::integer AS count, sum(d.amount_minor)::bigint AS amount_minor
FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id AND s.kind = 'open' JOIN companies c ON c.id = d.company_id
GROUP BY 1, 2, 3;--> statement-breakpoint
CREATE VIEW "lost_reason_expected" AS
SELECT d.organization_id, d.owner_id, (d.closed_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.lost_reason, '') AS reason, count(*)::integer AS count
FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id AND s.kind = 'lost' JOIN organizations o ON o.id = d.organization_id
WHERE d.closed_at IS NOT NULL
GROUP BY 1, 2, 3, 4;--> statement-breakpoint
CREATE VIEW "stage_day_expected" AS
SELECT organization_id, owner_id, stage_id, day,
  sum(entered)::integer AS entered, sum(exited)::integer AS exited, sum(exited_seconds)::bigint AS exited_seconds, sum(lost_after)::integer AS lost_after
FROM (
  SELECT v.organization_id, v.owner_id, v.stage_id, (v.entered_at AT TIME ZONE o.time_zone)::date AS day, count(*) AS entered, 0 AS exited, 0 AS exited_seconds, 0 AS lost_after
  FROM deal_stage_visits v JOIN organizations o ON o.id = v.organization_id GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT v.organization_id, v.owner_id, v.stage_id, (v.left_at AT TIME ZONE o.time_zone)::date, 0, count(*), sum(floor(extract(epoch FROM v.left_at - v.entered_at))::bigint), 0
  FROM deal_stage_visits v JOIN organizations o ON o.id = v.organization_id WHERE v.left_at IS NOT NULL GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT v.organization_id, v.owner_id, p.stage_id, (v.entered_at AT TIME ZONE o.time_zone)::date, 0, 0, 0, count(*)
  FROM deal_stage_visits v JOIN pipeline_stages s ON s.id = v.stage_id AND s.kind = 'lost' JOIN organizations o ON o.id = v.organization_id
  JOIN LATERAL (SELECT x.stage_id FROM deal_stage_visits x
    WHERE x.organization_id = v.organization_id AND x.deal_id = v.deal_id AND x.entered_at < v.entered_at
    ORDER BY x.entered_at DESC, x.id DESC LIMIT 1) p ON true
  GROUP BY 1, 2, 3, 4
) parts
GROUP BY organization_id, owner_id, stage_id, day;--> statement-breakpoint
CREATE VIEW "open_deal_forecast_expected" AS
SELECT d.organization_id, d.owner_id, d.stage_id, c.status AS client_type,
  coalesce(date_trunc('month', d.expected_close_date)::date, '0001-01-01'::date) AS expected_month,
  count(*)::integer AS count, sum(d.amount_minor)::bigint AS amount_minor
FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id AND s.kind = 'open' JOIN companies c ON c.id = d.company_id
GROUP BY 1, 2, 3, 4, 5;--> statement-breakpoint
-- The KPI rollups (M2.3, M5.1, M5.15) are kept by statement triggers, exact on every write path.
-- Generated: one static branch per operation, so PL/pgSQL caches each plan.
CREATE FUNCTION "kpi_activities_keep"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO seller_day_rollup AS t (organization_id, user_id, day, calls_new, calls_current, meetings_new, meetings_current, emails, proposals)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.author_id AS user_id, (d.occurred_at AT TIME ZONE o.time_zone)::date AS day,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'call' AND d.base = 'new'), 0)::integer AS calls_new,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'call' AND d.base = 'current'), 0)::integer AS calls_current,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'meeting' AND d.base = 'new'), 0)::integer AS meetings_new,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'meeting' AND d.base = 'current'), 0)::integer AS meetings_current,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'email'), 0)::integer AS emails,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'proposal'), 0)::integer AS proposals
      FROM (SELECT r.*, 1 AS sign FROM new_rows r) d JOIN organizations o ON o.id = d.organization_id
      WHERE d.type <> 'note'
      GROUP BY 1, 2, 3) x
    WHERE x.calls_new <> 0 OR x.calls_current <> 0 OR x.meetings_new <> 0 OR x.meetings_current <> 0 OR x.emails <> 0 OR x.proposals <> 0
    ON CONFLICT (organization_id, user_id, day) DO UPDATE SET calls_new = t.calls_new + excluded.calls_new, calls_current = t.calls_current + excluded.calls_current, meetings_new = t.meetings_new + excluded.meetings_new, meetings_current = t.meetings_current + excluded.meetings_current, emails = t.emails + excluded.emails, proposals = t.proposals + excluded.proposals;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO seller_day_rollup AS t (organization_id, user_id, day, calls_new, calls_current, meetings_new, meetings_current, emails, proposals)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.author_id AS user_id, (d.occurred_at AT TIME ZONE o.time_zone)::date AS day,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'call' AND d.base = 'new'), 0)::integer AS calls_new,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'call' AND d.base = 'current'), 0)::integer AS calls_current,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'meeting' AND d.base = 'new'), 0)::integer AS meetings_new,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'meeting' AND d.base = 'current'), 0)::integer AS meetings_current,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'email'), 0)::integer AS emails,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'proposal'), 0)::integer AS proposals
      FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d JOIN organizations o ON o.id = d.organization_id
      WHERE d.type <> 'note'
      GROUP BY 1, 2, 3) x
    WHERE x.calls_new <> 0 OR x.calls_current <> 0 OR x.meetings_new <> 0 OR x.meetings_current <> 0 OR x.emails <> 0 OR x.proposals <> 0
    ON CONFLICT (organization_id, user_id, day) DO UPDATE SET calls_new = t.calls_new + excluded.calls_new, calls_current = t.calls_current + excluded.calls_current, meetings_new = t.meetings_new + excluded.meetings_new, meetings_current = t.meetings_current + excluded.meetings_current, emails = t.emails + excluded.emails, proposals = t.proposals + excluded.proposals;
  ELSE
    INSERT INTO seller_day_rollup AS t (organization_id, user_id, day, calls_new, calls_current, meetings_new, meetings_current, emails, proposals)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.author_id AS user_id, (d.occurred_at AT TIME ZONE o.time_zone)::date AS day,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'call' AND d.base = 'new'), 0)::integer AS calls_new,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'call' AND d.base = 'current'), 0)::integer AS calls_current,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'meeting' AND d.base = 'new'), 0)::integer AS meetings_new,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'meeting' AND d.base = 'current'), 0)::integer AS meetings_current,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'email'), 0)::integer AS emails,
      coalesce(sum(d.sign) FILTER (WHERE d.type = 'proposal'), 0)::integer AS proposals
      FROM (SELECT r.*, -1 AS sign FROM old_rows r) d JOIN organizations o ON o.id = d.organization_id
      WHERE d.type <> 'note'
      GROUP BY 1, 2, 3) x
    WHERE x.calls_new <> 0 OR x.calls_current <> 0 OR x.meetings_new <> 0 OR x.meetings_current <> 0 OR x.emails <> 0 OR x.proposals <> 0
    ON CONFLICT (organization_id, user_id, day) DO UPDATE SET calls_new = t.calls_new + excluded.calls_new, calls_current = t.calls_current + excluded.calls_current, meetings_new = t.meetings_new + excluded.meetings_new, meetings_current = t.meetings_current + excluded.meetings_current, emails = t.emails + excluded.emails, proposals = t.proposals + excluded.proposals;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "activities_kpi_insert" AFTER INSERT ON "activities"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_activities_keep();--> statement-breakpoint
CREATE TRIGGER "activities_kpi_update" AFTER UPDATE ON "activities"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_activities_keep();--> statement-breakpoint
CREATE TRIGGER "activities_kpi_delete" AFTER DELETE ON "activities"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_activities_keep();--> statement-breakpoint
CREATE FUNCTION "kpi_payments_keep"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO seller_day_rollup AS t (organization_id, user_id, day, revenue_minor, refunds_minor, payments)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.credited_user_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS user_id, d.paid_on AS day,
      coalesce(sum(d.sign * d.amount_minor), 0)::bigint AS revenue_minor,
      coalesce(sum(-d.sign * d.amount_minor) FILTER (WHERE d.amount_minor < 0), 0)::bigint AS refunds_minor,
      coalesce(sum(d.sign) FILTER (WHERE d.amount_minor > 0), 0)::integer AS payments
      FROM (SELECT r.*, 1 AS sign FROM new_rows r) d 
      WHERE true
      GROUP BY 1, 2, 3) x
    WHERE x.revenue_minor <> 0 OR x.refunds_minor <> 0 OR x.payments <> 0
    ON CONFLICT (organization_id, user_id, day) DO UPDATE SET revenue_minor = t.revenue_minor + excluded.revenue_minor, refunds_minor = t.refunds_minor + excluded.refunds_minor, payments = t.payments + excluded.payments;
    INSERT INTO client_month_revenue AS t (organization_id, user_id, month, company_id, amount_minor, payments)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.credited_user_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS user_id, date_trunc('month', d.paid_on)::date AS month, d.company_id AS company_id,
      coalesce(sum(d.sign * d.amount_minor), 0)::bigint AS amount_minor,
      coalesce(sum(d.sign), 0)::integer AS payments
      FROM (SELECT r.*, 1 AS sign FROM new_rows r) d 
      WHERE true
      GROUP BY 1, 2, 3, 4) x
    WHERE x.amount_minor <> 0 OR x.payments <> 0
    ON CONFLICT (organization_id, user_id, month, company_id) DO UPDATE SET amount_minor = t.amount_minor + excluded.amount_minor, payments = t.payments + excluded.payments;
    DELETE FROM client_month_revenue c WHERE c.payments = 0 AND c.organization_id IN (SELECT DISTINCT organization_id FROM (SELECT r.*, 1 AS sign FROM new_rows r) d);
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO seller_day_rollup AS t (organization_id, user_id, day, revenue_minor, refunds_minor, payments)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.credited_user_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS user_id, d.paid_on AS day,
      coalesce(sum(d.sign * d.amount_minor), 0)::bigint AS revenue_minor,
      coalesce(sum(-d.sign * d.amount_minor) FILTER (WHERE d.amount_minor < 0), 0)::bigint AS refunds_minor,
      coalesce(sum(d.sign) FILTER (WHERE d.amount_minor > 0), 0)::integer AS payments
      FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d 
      WHERE true
      GROUP BY 1, 2, 3) x
    WHERE x.revenue_minor <> 0 OR x.refunds_minor <> 0 OR x.payments <> 0
    ON CONFLICT (organization_id, user_id, day) DO UPDATE SET revenue_minor = t.revenue_minor + excluded.revenue_minor, refunds_minor = t.refunds_minor + excluded.refunds_minor, payments = t.payments + excluded.payments;
    INSERT INTO client_month_revenue AS t (organization_id, user_id, month, company_id, amount_minor, payments)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.credited_user_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS user_id, date_trunc('month', d.paid_on)::date AS month, d.company_id AS company_id,
      coalesce(sum(d.sign * d.amount_minor), 0)::bigint AS amount_minor,
      coalesce(sum(d.sign), 0)::integer AS payments
      FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d 
      WHERE true
      GROUP BY 1, 2, 3, 4) x
    WHERE x.amount_minor <> 0 OR x.payments <> 0
    ON CONFLICT (organization_id, user_id, month, company_id) DO UPDATE SET amount_minor = t.amount_minor + excluded.amount_minor, payments = t.payments + excluded.payments;
    DELETE FROM client_month_revenue c WHERE c.payments = 0 AND c.organization_id IN (SELECT DISTINCT organization_id FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d);
  ELSE
    INSERT INTO seller_day_rollup AS t (organization_id, user_id, day, revenue_minor, refunds_minor, payments)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.credited_user_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS user_id, d.paid_on AS day,
      coalesce(sum(d.sign * d.amount_minor), 0)::bigint AS revenue_minor,
      coalesce(sum(-d.sign * d.amount_minor) FILTER (WHERE d.amount_minor < 0), 0)::bigint AS refunds_minor,
      coalesce(sum(d.sign) FILTER (WHERE d.amount_minor > 0), 0)::integer AS payments
      FROM (SELECT r.*, -1 AS sign FROM old_rows r) d 
      WHERE true
      GROUP BY 1, 2, 3) x
    WHERE x.revenue_minor <> 0 OR x.refunds_minor <> 0 OR x.payments <> 0
    ON CONFLICT (organization_id, user_id, day) DO UPDATE SET revenue_minor = t.revenue_minor + excluded.revenue_minor, refunds_minor = t.refunds_minor + excluded.refunds_minor, payments = t.payments + excluded.payments;
    INSERT INTO client_month_revenue AS t (organization_id, user_id, month, company_id, amount_minor, payments)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.credited_user_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS user_id, date_trunc('month', d.paid_on)::date AS month, d.company_id AS company_id,
      coalesce(sum(d.sign * d.amount_minor), 0)::bigint AS amount_minor,
      coalesce(sum(d.sign), 0)::integer AS payments
      FROM (SELECT r.*, -1 AS sign FROM old_rows r) d 
      WHERE true
      GROUP BY 1, 2, 3, 4) x
    WHERE x.amount_minor <> 0 OR x.payments <> 0
    ON CONFLICT (organization_id, user_id, month, company_id) DO UPDATE SET amount_minor = t.amount_minor + excluded.amount_minor, payments = t.payments + excluded.payments;
    DELETE FROM client_month_revenue c WHERE c.payments = 0 AND c.organization_id IN (SELECT DISTINCT organization_id FROM (SELECT r.*, -1 AS sign FROM old_rows r) d);
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "payments_kpi_insert" AFTER INSERT ON "payments"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_payments_keep();--> statement-breakpoint
CREATE TRIGGER "payments_kpi_update" AFTER UPDATE ON "payments"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_payments_keep();--> statement-breakpoint
CREATE TRIGGER "payments_kpi_delete" AFTER DELETE ON "payments"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_payments_keep();--> statement-breakpoint
CREATE FUNCTION "kpi_deals_keep"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO seller_day_rollup AS t (organization_id, user_id, day, deals_won, won_amount_minor, new_clients, deals_lost, close_seconds)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS user_id, (d.closed_at AT TIME ZONE o.time_zone)::date AS day,
      coalesce(sum(d.sign) FILTER (WHERE s.kind = 'won'), 0)::integer AS deals_won,
      coalesce(sum(d.sign * d.amount_minor) FILTER (WHERE s.kind = 'won'), 0)::bigint AS won_amount_minor,
      coalesce(sum(d.sign) FILTER (WHERE s.kind = 'won' AND d.first_win), 0)::integer AS new_clients,
      coalesce(sum(d.sign) FILTER (WHERE s.kind = 'lost'), 0)::integer AS deals_lost,
      coalesce(sum(d.sign * floor(extract(epoch FROM d.closed_at - d.created_at))::bigint) FILTER (WHERE s.kind = 'won'), 0)::bigint AS close_seconds
      FROM (SELECT r.*, 1 AS sign FROM new_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN organizations o ON o.id = d.organization_id
      WHERE d.closed_at IS NOT NULL AND s.kind <> 'open'
      GROUP BY 1, 2, 3) x
    WHERE x.deals_won <> 0 OR x.won_amount_minor <> 0 OR x.new_clients <> 0 OR x.deals_lost <> 0 OR x.close_seconds <> 0
    ON CONFLICT (organization_id, user_id, day) DO UPDATE SET deals_won = t.deals_won + excluded.deals_won, won_amount_minor = t.won_amount_minor + excluded.won_amount_minor, new_clients = t.new_clients + excluded.new_clients, deals_lost = t.deals_lost + excluded.deals_lost, close_seconds = t.close_seconds + excluded.close_seconds;
    INSERT INTO lost_reason_day_rollup AS t (organization_id, owner_id, day, reason, count)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS owner_id, (d.closed_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.lost_reason, '') AS reason,
      coalesce(sum(d.sign), 0)::integer AS count
      FROM (SELECT r.*, 1 AS sign FROM new_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN organizations o ON o.id = d.organization_id
      WHERE d.closed_at IS NOT NULL AND s.kind = 'lost'
      GROUP BY 1, 2, 3, 4) x
    WHERE x.count <> 0
    ON CONFLICT (organization_id, owner_id, day, reason) DO UPDATE SET count = t.count + excluded.count;
    INSERT INTO open_deal_totals AS t (organization_id, owner_id, temperature, count, amount_minor)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS owner_id, c.temperature AS temperature,
      coalesce(sum(d.sign), 0)::integer AS count,
      coalesce(sum(d.sign * d.amount_minor), 0)::bigint AS amount_minor
      FROM (SELECT r.*, 1 AS sign FROM new_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN companies c ON c.id = d.company_id
      WHERE s.kind = 'open'
      GROUP BY 1, 2, 3) x
    WHERE x.count <> 0 OR x.amount_minor <> 0
    ON CONFLICT (organization_id, owner_id, temperature) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
    INSERT INTO open_deal_forecast AS t (organization_id, owner_id, stage_id, client_type, expected_month, count, amount_minor)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS owner_id, d.stage_id AS stage_id, c.status AS client_type, coalesce(date_trunc('month', d.expected_close_date)::date, '0001-01-01'::date) AS expected_month,
      coalesce(sum(d.sign), 0)::integer AS count,
      coalesce(sum(d.sign * d.amount_minor), 0)::bigint AS amount_minor
      FROM (SELECT r.*, 1 AS sign FROM new_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN companies c ON c.id = d.company_id
      WHERE s.kind = 'open'
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.count <> 0 OR x.amount_minor <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, client_type, expected_month) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO seller_day_rollup AS t (organization_id, user_id, day, deals_won, won_amount_minor, new_clients, deals_lost, close_seconds)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS user_id, (d.closed_at AT TIME ZONE o.time_zone)::date AS day,
      coalesce(sum(d.sign) FILTER (WHERE s.kind = 'won'), 0)::integer AS deals_won,
      coalesce(sum(d.sign * d.amount_minor) FILTER (WHERE s.kind = 'won'), 0)::bigint AS won_amount_minor,
      coalesce(sum(d.sign) FILTER (WHERE s.kind = 'won' AND d.first_win), 0)::integer AS new_clients,
      coalesce(sum(d.sign) FILTER (WHERE s.kind = 'lost'), 0)::integer AS deals_lost,
      coalesce(sum(d.sign * floor(extract(epoch FROM d.closed_at - d.created_at))::bigint) FILTER (WHERE s.kind = 'won'), 0)::bigint AS close_seconds
      FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN organizations o ON o.id = d.organization_id
      WHERE d.closed_at IS NOT NULL AND s.kind <> 'open'
      GROUP BY 1, 2, 3) x
    WHERE x.deals_won <> 0 OR x.won_amount_minor <> 0 OR x.new_clients <> 0 OR x.deals_lost <> 0 OR x.close_seconds <> 0
    ON CONFLICT (organization_id, user_id, day) DO UPDATE SET deals_won = t.deals_won + excluded.deals_won, won_amount_minor = t.won_amount_minor + excluded.won_amount_minor, new_clients = t.new_clients + excluded.new_clients, deals_lost = t.deals_lost + excluded.deals_lost, close_seconds = t.close_seconds + excluded.close_seconds;
    INSERT INTO lost_reason_day_rollup AS t (organization_id, owner_id, day, reason, count)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS owner_id, (d.closed_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.lost_reason, '') AS reason,
      coalesce(sum(d.sign), 0)::integer AS count
      FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN organizations o ON o.id = d.organization_id
      WHERE d.closed_at IS NOT NULL AND s.kind = 'lost'
      GROUP BY 1, 2, 3, 4) x
    WHERE x.count <> 0
    ON CONFLICT (organization_id, owner_id, day, reason) DO UPDATE SET count = t.count + excluded.count;
    INSERT INTO open_deal_totals AS t (organization_id, owner_id, temperature, count, amount_minor)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS owner_id, c.temperature AS temperature,
      coalesce(sum(d.sign), 0)::integer AS count,
      coalesce(sum(d.sign * d.amount_minor), 0)::bigint AS amount_minor
      FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN companies c ON c.id = d.company_id
      WHERE s.kind = 'open'
      GROUP BY 1, 2, 3) x
    WHERE x.count <> 0 OR x.amount_minor <> 0
    ON CONFLICT (organization_id, owner_id, temperature) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
    INSERT INTO open_deal_forecast AS t (organization_id, owner_id, stage_id, client_type, expected_month, count, amount_minor)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS owner_id, d.stage_id AS stage_id, c.status AS client_type, coalesce(date_trunc('month', d.expected_close_date)::date, '0001-01-01'::date) AS expected_month,
      coalesce(sum(d.sign), 0)::integer AS count,
      coalesce(sum(d.sign * d.amount_minor), 0)::bigint AS amount_minor
      FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN companies c ON c.id = d.company_id
      WHERE s.kind = 'open'
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.count <> 0 OR x.amount_minor <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, client_type, expected_month) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
  ELSE
    INSERT INTO seller_day_rollup AS t (organization_id, user_id, day, deals_won, won_amount_minor, new_clients, deals_lost, close_seconds)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS user_id, (d.closed_at AT TIME ZONE o.time_zone)::date AS day,
      coalesce(sum(d.sign) FILTER (WHERE s.kind = 'won'), 0)::integer AS deals_won,
      coalesce(sum(d.sign * d.amount_minor) FILTER (WHERE s.kind = 'won'), 0)::bigint AS won_amount_minor,
      coalesce(sum(d.sign) FILTER (WHERE s.kind = 'won' AND d.first_win), 0)::integer AS new_clients,
      coalesce(sum(d.sign) FILTER (WHERE s.kind = 'lost'), 0)::integer AS deals_lost,
      coalesce(sum(d.sign * floor(extract(epoch FROM d.closed_at - d.created_at))::bigint) FILTER (WHERE s.kind = 'won'), 0)::bigint AS close_seconds
      FROM (SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN organizations o ON o.id = d.organization_id
      WHERE d.closed_at IS NOT NULL AND s.kind <> 'open'
      GROUP BY 1, 2, 3) x
    WHERE x.deals_won <> 0 OR x.won_amount_minor <> 0 OR x.new_clients <> 0 OR x.deals_lost <> 0 OR x.close_seconds <> 0
    ON CONFLICT (organization_id, user_id, day) DO UPDATE SET deals_won = t.deals_won + excluded.deals_won, won_amount_minor = t.won_amount_minor + excluded.won_amount_minor, new_clients = t.new_clients + excluded.new_clients, deals_lost = t.deals_lost + excluded.deals_lost, close_seconds = t.close_seconds + excluded.close_seconds;
    INSERT INTO lost_reason_day_rollup AS t (organization_id, owner_id, day, reason, count)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS owner_id, (d.closed_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.lost_reason, '') AS reason,
      coalesce(sum(d.sign), 0)::integer AS count
      FROM (SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN organizations o ON o.id = d.organization_id
      WHERE d.closed_at IS NOT NULL AND s.kind = 'lost'
      GROUP BY 1, 2, 3, 4) x
    WHERE x.count <> 0
    ON CONFLICT (organization_id, owner_id, day, reason) DO UPDATE SET count = t.count + excluded.count;
    INSERT INTO open_deal_totals AS t (organization_id, owner_id, temperature, count, amount_minor)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS owner_id, c.temperature AS temperature,
      coalesce(sum(d.sign), 0)::integer AS count,
      coalesce(sum(d.sign * d.amount_minor), 0)::bigint AS amount_minor
      FROM (SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN companies c ON c.id = d.company_id
      WHERE s.kind = 'open'
      GROUP BY 1, 2, 3) x
    WHERE x.count <> 0 OR x.amount_minor <> 0
    ON CONFLICT (organization_id, owner_id, temperature) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
    INSERT INTO open_deal_forecast AS t (organization_id, owner_id, stage_id, client_type, expected_month, count, amount_minor)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS owner_id, d.stage_id AS stage_id, c.status AS client_type, coalesce(date_trunc('month', d.expected_close_date)::date, '0001-01-01'::date) AS expected_month,
      coalesce(sum(d.sign), 0)::integer AS count,
      coalesce(sum(d.sign * d.amount_minor), 0)::bigint AS amount_minor
      FROM (SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN companies c ON c.id = d.company_id
      WHERE s.kind = 'open'
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.count <> 0 OR x.amount_minor <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, client_type, expected_month) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "deals_kpi_insert" AFTER INSERT ON "deals"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_deals_keep();--> statement-breakpoint
CREATE TRIGGER "deals_kpi_update" AFTER UPDATE ON "deals"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_deals_keep();--> statement-breakpoint
CREATE TRIGGER "deals_kpi_delete" AFTER DELETE ON "deals"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_deals_keep();--> statement-breakpoint
CREATE FUNCTION "kpi_companies_keep"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO open_deal_totals AS t (organization_id, owner_id, temperature, count, amount_minor)
    SELECT x.* FROM (
      SELECT x2.organization_id AS organization_id, x2.owner_id AS owner_id, x2.temperature AS temperature,
      coalesce(sum(x2.sign), 0)::integer AS count,
      coalesce(sum(x2.sign * x2.amount_minor), 0)::bigint AS amount_minor
      FROM (SELECT dl.organization_id, dl.owner_id, d.temperature, d.sign, dl.amount_minor
        FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d
        JOIN deals dl ON dl.organization_id = d.organization_id AND dl.company_id = d.id
        JOIN pipeline_stages s ON s.id = dl.stage_id AND s.kind = 'open'
        WHERE d.id IN (SELECT n.id FROM new_rows n JOIN old_rows p ON p.id = n.id WHERE n.temperature <> p.temperature)) x2 
      WHERE true
      GROUP BY 1, 2, 3) x
    WHERE x.count <> 0 OR x.amount_minor <> 0
    ON CONFLICT (organization_id, owner_id, temperature) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
    INSERT INTO open_deal_forecast AS t (organization_id, owner_id, stage_id, client_type, expected_month, count, amount_minor)
    SELECT x.* FROM (
      SELECT x2.organization_id AS organization_id, x2.owner_id AS owner_id, x2.stage_id AS stage_id, x2.status AS client_type, x2.expected_month AS expected_month,
      coalesce(sum(x2.sign), 0)::integer AS count,
      coalesce(sum(x2.sign * x2.amount_minor), 0)::bigint AS amount_minor
      FROM (SELECT dl.organization_id, dl.owner_id, dl.stage_id, d.status, d.sign, dl.amount_minor,
          coalesce(date_trunc('month', dl.expected_close_date)::date, '0001-01-01'::date) AS expected_month
        FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d
        JOIN deals dl ON dl.organization_id = d.organization_id AND dl.company_id = d.id
        JOIN pipeline_stages s ON s.id = dl.stage_id AND s.kind = 'open'
        WHERE d.id IN (SELECT n.id FROM new_rows n JOIN old_rows p ON p.id = n.id WHERE n.status <> p.status)) x2 
      WHERE true
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.count <> 0 OR x.amount_minor <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, client_type, expected_month) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "companies_kpi_update" AFTER UPDATE ON "companies"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_companies_keep();--> statement-breakpoint
CREATE FUNCTION "kpi_visits_keep"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stage_day_rollup AS t (organization_id, owner_id, stage_id, day, entered)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, d.stage_id AS stage_id, (d.entered_at AT TIME ZONE o.time_zone)::date AS day,
      coalesce(sum(d.sign), 0)::integer AS entered
      FROM (SELECT r.*, 1 AS sign FROM new_rows r) d JOIN organizations o ON o.id = d.organization_id
      WHERE true
      GROUP BY 1, 2, 3, 4) x
    WHERE x.entered <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day) DO UPDATE SET entered = t.entered + excluded.entered;
    INSERT INTO stage_day_rollup AS t (organization_id, owner_id, stage_id, day, exited, exited_seconds)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, d.stage_id AS stage_id, (d.left_at AT TIME ZONE o.time_zone)::date AS day,
      coalesce(sum(d.sign), 0)::integer AS exited,
      coalesce(sum(d.sign * floor(extract(epoch FROM d.left_at - d.entered_at))::bigint), 0)::bigint AS exited_seconds
      FROM (SELECT r.*, 1 AS sign FROM new_rows r) d JOIN organizations o ON o.id = d.organization_id
      WHERE d.left_at IS NOT NULL
      GROUP BY 1, 2, 3, 4) x
    WHERE x.exited <> 0 OR x.exited_seconds <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day) DO UPDATE SET exited = t.exited + excluded.exited, exited_seconds = t.exited_seconds + excluded.exited_seconds;
    INSERT INTO stage_day_rollup AS t (organization_id, owner_id, stage_id, day, lost_after)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, p.stage_id AS stage_id, (d.entered_at AT TIME ZONE o.time_zone)::date AS day,
      coalesce(sum(d.sign), 0)::integer AS lost_after
      FROM (SELECT r.*, 1 AS sign FROM new_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id AND s.kind = 'lost' JOIN organizations o ON o.id = d.organization_id
      JOIN LATERAL (SELECT v.stage_id FROM deal_stage_visits v
        WHERE v.organization_id = d.organization_id AND v.deal_id = d.deal_id AND v.entered_at < d.entered_at
        ORDER BY v.entered_at DESC, v.id DESC LIMIT 1) p ON true
      WHERE true
      GROUP BY 1, 2, 3, 4) x
    WHERE x.lost_after <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day) DO UPDATE SET lost_after = t.lost_after + excluded.lost_after;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO stage_day_rollup AS t (organization_id, owner_id, stage_id, day, entered)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, d.stage_id AS stage_id, (d.entered_at AT TIME ZONE o.time_zone)::date AS day,
      coalesce(sum(d.sign), 0)::integer AS entered
      FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d JOIN organizations o ON o.id = d.organization_id
      WHERE true
      GROUP BY 1, 2, 3, 4) x
    WHERE x.entered <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day) DO UPDATE SET entered = t.entered + excluded.entered;
    INSERT INTO stage_day_rollup AS t (organization_id, owner_id, stage_id, day, exited, exited_seconds)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, d.stage_id AS stage_id, (d.left_at AT TIME ZONE o.time_zone)::date AS day,
      coalesce(sum(d.sign), 0)::integer AS exited,
      coalesce(sum(d.sign * floor(extract(epoch FROM d.left_at - d.entered_at))::bigint), 0)::bigint AS exited_seconds
      FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d JOIN organizations o ON o.id = d.organization_id
      WHERE d.left_at IS NOT NULL
      GROUP BY 1, 2, 3, 4) x
    WHERE x.exited <> 0 OR x.exited_seconds <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day) DO UPDATE SET exited = t.exited + excluded.exited, exited_seconds = t.exited_seconds + excluded.exited_seconds;
    INSERT INTO stage_day_rollup AS t (organization_id, owner_id, stage_id, day, lost_after)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, p.stage_id AS stage_id, (d.entered_at AT TIME ZONE o.time_zone)::date AS day,
      coalesce(sum(d.sign), 0)::integer AS lost_after
      FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id AND s.kind = 'lost' JOIN organizations o ON o.id = d.organization_id
      JOIN LATERAL (SELECT v.stage_id FROM deal_stage_visits v
        WHERE v.organization_id = d.organization_id AND v.deal_id = d.deal_id AND v.entered_at < d.entered_at
        ORDER BY v.entered_at DESC, v.id DESC LIMIT 1) p ON true
      WHERE true
      GROUP BY 1, 2, 3, 4) x
    WHERE x.lost_after <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day) DO UPDATE SET lost_after = t.lost_after + excluded.lost_after;
  ELSE
    INSERT INTO stage_day_rollup AS t (organization_id, owner_id, stage_id, day, entered)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, d.stage_id AS stage_id, (d.entered_at AT TIME ZONE o.time_zone)::date AS day,
      coalesce(sum(d.sign), 0)::integer AS entered
      FROM (SELECT r.*, -1 AS sign FROM old_rows r) d JOIN organizations o ON o.id = d.organization_id
      WHERE true
      GROUP BY 1, 2, 3, 4) x
    WHERE x.entered <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day) DO UPDATE SET entered = t.entered + excluded.entered;
    INSERT INTO stage_day_rollup AS t (organization_id, owner_id, stage_id, day, exited, exited_seconds)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, d.stage_id AS stage_id, (d.left_at AT TIME ZONE o.time_zone)::date AS day,
      coalesce(sum(d.sign), 0)::integer AS exited,
      coalesce(sum(d.sign * floor(extract(epoch FROM d.left_at - d.entered_at))::bigint), 0)::bigint AS exited_seconds
      FROM (SELECT r.*, -1 AS sign FROM old_rows r) d JOIN organizations o ON o.id = d.organization_id
      WHERE d.left_at IS NOT NULL
      GROUP BY 1, 2, 3, 4) x
    WHERE x.exited <> 0 OR x.exited_seconds <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day) DO UPDATE SET exited = t.exited + excluded.exited, exited_seconds = t.exited_seconds + excluded.exited_seconds;
    INSERT INTO stage_day_rollup AS t (organization_id, owner_id, stage_id, day, lost_after)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, p.stage_id AS stage_id, (d.entered_at AT TIME ZONE o.time_zone)::date AS day,
      coalesce(sum(d.sign), 0)::integer AS lost_after
      FROM (SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id AND s.kind = 'lost' JOIN organizations o ON o.id = d.organization_id
      JOIN LATERAL (SELECT v.stage_id FROM deal_stage_visits v
        WHERE v.organization_id = d.organization_id AND v.deal_id = d.deal_id AND v.entered_at < d.entered_at
        ORDER BY v.entered_at DESC, v.id DESC LIMIT 1) p ON true
      WHERE true
      GROUP BY 1, 2, 3, 4) x
    WHERE x.lost_after <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day) DO UPDATE SET lost_after = t.lost_after + excluded.lost_after;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "deal_stage_visits_kpi_insert" AFTER INSERT ON "deal_stage_visits"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_visits_keep();--> statement-breakpoint
CREATE TRIGGER "deal_stage_visits_kpi_update" AFTER UPDATE ON "deal_stage_visits"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_visits_keep();--> statement-breakpoint
CREATE TRIGGER "deal_stage_visits_kpi_delete" AFTER DELETE ON "deal_stage_visits"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_visits_keep();--> statement-breakpoint

INSERT INTO seller_day_rollup SELECT * FROM seller_day_expected;--> statement-breakpoint
INSERT INTO client_month_revenue SELECT * FROM client_month_expected;--> statement-breakpoint
INSERT INTO open_deal_totals SELECT * FROM open_deal_expected;--> statement-breakpoint
INSERT INTO lost_reason_day_rollup SELECT * FROM lost_reason_expected;--> statement-breakpoint
INSERT INTO stage_day_rollup SELECT * FROM stage_day_expected;
--> statement-breakpoint
INSERT INTO open_deal_forecast SELECT * FROM open_deal_forecast_expected;
