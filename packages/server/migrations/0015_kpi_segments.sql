-- [plans-kpi] The funnel by channel and the forecast by the client's level and segment (M2.4, M5.15).
-- A deal keeps the channel its client came through when the deal was opened, and each of its stage visits keeps it
-- too, as a visit keeps its owner. Two more rollups count by that channel — the stages and the lost reasons — so the
-- whole funnel reads no more rows than before; the forecast's rollup gains the client's level and audience (segment).
ALTER TABLE "deals" ADD COLUMN "channel" text;--> statement-breakpoint
ALTER TABLE "deal_stage_visits" ADD COLUMN "channel" text;--> statement-breakpoint
CREATE TABLE "stage_channel_day_rollup" (
	"organization_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"entered" integer DEFAULT 0 NOT NULL,
	"exited" integer DEFAULT 0 NOT NULL,
	"exited_seconds" bigint DEFAULT 0 NOT NULL,
	"lost_after" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stage_channel_day_rollup_organization_id_owner_id_stage_id_day_channel_pk" PRIMARY KEY("organization_id","owner_id","stage_id","day","channel")
);--> statement-breakpoint
ALTER TABLE "stage_channel_day_rollup" ADD CONSTRAINT "stage_channel_day_rollup_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_channel_day_rollup" ADD CONSTRAINT "stage_channel_day_rollup_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_channel_day_rollup" ADD CONSTRAINT "stage_channel_day_rollup_stage_id_pipeline_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."pipeline_stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stage_channel_day_rollup_funnel_idx" ON "stage_channel_day_rollup" USING btree ("organization_id","channel","day","owner_id","stage_id","entered","exited","exited_seconds","lost_after");--> statement-breakpoint
ALTER TABLE "open_deal_forecast" ADD COLUMN "level" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "open_deal_forecast" ADD COLUMN "audience" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "open_deal_forecast" DROP CONSTRAINT "open_deal_forecast_organization_id_owner_id_stage_id_client_type_expected_month_pk";--> statement-breakpoint
ALTER TABLE "open_deal_forecast" ADD CONSTRAINT "open_deal_forecast_key_pk" PRIMARY KEY("organization_id","owner_id","stage_id","client_type","expected_month","level","audience");--> statement-breakpoint
CREATE FUNCTION "kpi_deal_channel"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.channel IS NULL THEN
    NEW.channel := coalesce((SELECT channel FROM companies WHERE id = NEW.company_id), '');
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "deals_channel" BEFORE INSERT ON "deals" FOR EACH ROW EXECUTE FUNCTION kpi_deal_channel();--> statement-breakpoint
CREATE OR REPLACE FUNCTION "kpi_visit_owner"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  deal_owner uuid;
  deal_channel text;
BEGIN
  IF NEW.owner_id IS NULL OR NEW.channel IS NULL THEN
    SELECT owner_id, channel INTO deal_owner, deal_channel FROM deals WHERE id = NEW.deal_id;
    NEW.owner_id := coalesce(NEW.owner_id, deal_owner);
    NEW.channel := coalesce(NEW.channel, deal_channel, '');
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "kpi_deals_keep"() RETURNS trigger
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
    INSERT INTO open_deal_forecast AS t (organization_id, owner_id, stage_id, client_type, expected_month, level, audience, count, amount_minor)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS owner_id, d.stage_id AS stage_id, c.status AS client_type, coalesce(date_trunc('month', d.expected_close_date)::date, '0001-01-01'::date) AS expected_month, coalesce(c.level, '') AS level, coalesce(c.audience, '') AS audience,
      coalesce(sum(d.sign), 0)::integer AS count,
      coalesce(sum(d.sign * d.amount_minor), 0)::bigint AS amount_minor
      FROM (SELECT r.*, 1 AS sign FROM new_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN companies c ON c.id = d.company_id
      WHERE s.kind = 'open'
      GROUP BY 1, 2, 3, 4, 5, 6, 7) x
    WHERE x.count <> 0 OR x.amount_minor <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, client_type, expected_month, level, audience) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
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
    INSERT INTO open_deal_forecast AS t (organization_id, owner_id, stage_id, client_type, expected_month, level, audience, count, amount_minor)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS owner_id, d.stage_id AS stage_id, c.status AS client_type, coalesce(date_trunc('month', d.expected_close_date)::date, '0001-01-01'::date) AS expected_month, coalesce(c.level, '') AS level, coalesce(c.audience, '') AS audience,
      coalesce(sum(d.sign), 0)::integer AS count,
      coalesce(sum(d.sign * d.amount_minor), 0)::bigint AS amount_minor
      FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN companies c ON c.id = d.company_id
      WHERE s.kind = 'open'
      GROUP BY 1, 2, 3, 4, 5, 6, 7) x
    WHERE x.count <> 0 OR x.amount_minor <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, client_type, expected_month, level, audience) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
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
    INSERT INTO open_deal_forecast AS t (organization_id, owner_id, stage_id, client_type, expected_month, level, audience, count, amount_minor)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS owner_id, d.stage_id AS stage_id, c.status AS client_type, coalesce(date_trunc('month', d.expected_close_date)::date, '0001-01-01'::date) AS expected_month, coalesce(c.level, '') AS level, coalesce(c.audience, '') AS audience,
      coalesce(sum(d.sign), 0)::integer AS count,
      coalesce(sum(d.sign * d.amount_minor), 0)::bigint AS amount_minor
      FROM (SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN companies c ON c.id = d.company_id
      WHERE s.kind = 'open'
      GROUP BY 1, 2, 3, 4, 5, 6, 7) x
    WHERE x.count <> 0 OR x.amount_minor <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, client_type, expected_month, level, audience) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "kpi_companies_keep"() RETURNS trigger
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
    INSERT INTO open_deal_forecast AS t (organization_id, owner_id, stage_id, client_type, expected_month, level, audience, count, amount_minor)
    SELECT x.* FROM (
      SELECT x2.organization_id AS organization_id, x2.owner_id AS owner_id, x2.stage_id AS stage_id, x2.status AS client_type, x2.expected_month AS expected_month, x2.level AS level, x2.audience AS audience,
      coalesce(sum(x2.sign), 0)::integer AS count,
      coalesce(sum(x2.sign * x2.amount_minor), 0)::bigint AS amount_minor
      FROM (SELECT dl.organization_id, dl.owner_id, dl.stage_id, d.status, coalesce(d.level, '') AS level, coalesce(d.audience, '') AS audience, d.sign, dl.amount_minor,
          coalesce(date_trunc('month', dl.expected_close_date)::date, '0001-01-01'::date) AS expected_month
        FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d
        JOIN deals dl ON dl.organization_id = d.organization_id AND dl.company_id = d.id
        JOIN pipeline_stages s ON s.id = dl.stage_id AND s.kind = 'open'
        WHERE d.id IN (SELECT n.id FROM new_rows n JOIN old_rows p ON p.id = n.id WHERE n.status <> p.status OR n.level IS DISTINCT FROM p.level OR n.audience IS DISTINCT FROM p.audience)) x2 
      WHERE true
      GROUP BY 1, 2, 3, 4, 5, 6, 7) x
    WHERE x.count <> 0 OR x.amount_minor <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, client_type, expected_month, level, audience) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
DROP VIEW "open_deal_forecast_expected";--> statement-breakpoint
CREATE VIEW "open_deal_forecast_expected" AS
SELECT d.organization_id, d.owner_id, d.stage_id, c.status AS client_type,
  coalesce(date_trunc('month', d.expected_close_date)::date, '0001-01-01'::date) AS expected_month,
  count(*)::integer AS count, sum(d.amount_minor)::bigint AS amount_minor,
  coalesce(c.level, '') AS level, coalesce(c.audience, '') AS audience
FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id AND s.kind = 'open' JOIN companies c ON c.id = d.company_id
GROUP BY d.organization_id, d.owner_id, d.stage_id, c.status, 5, c.level, c.audience;--> statement-breakpoint
CREATE FUNCTION "kpi_visit_channels_keep"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stage_channel_day_rollup AS t (organization_id, owner_id, stage_id, day, channel, entered)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, d.stage_id AS stage_id, (d.entered_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.channel, '') AS channel,
      coalesce(sum(d.sign), 0)::integer AS entered
      FROM (SELECT r.*, 1 AS sign FROM new_rows r) d JOIN organizations o ON o.id = d.organization_id
      WHERE true
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.entered <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day, channel) DO UPDATE SET entered = t.entered + excluded.entered;
    INSERT INTO stage_channel_day_rollup AS t (organization_id, owner_id, stage_id, day, channel, exited, exited_seconds)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, d.stage_id AS stage_id, (d.left_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.channel, '') AS channel,
      coalesce(sum(d.sign), 0)::integer AS exited,
      coalesce(sum(d.sign * floor(extract(epoch FROM d.left_at - d.entered_at))::bigint), 0)::bigint AS exited_seconds
      FROM (SELECT r.*, 1 AS sign FROM new_rows r) d JOIN organizations o ON o.id = d.organization_id
      WHERE d.left_at IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.exited <> 0 OR x.exited_seconds <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day, channel) DO UPDATE SET exited = t.exited + excluded.exited, exited_seconds = t.exited_seconds + excluded.exited_seconds;
    INSERT INTO stage_channel_day_rollup AS t (organization_id, owner_id, stage_id, day, channel, lost_after)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, p.stage_id AS stage_id, (d.entered_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.channel, '') AS channel,
      coalesce(sum(d.sign), 0)::integer AS lost_after
      FROM (SELECT r.*, 1 AS sign FROM new_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id AND s.kind = 'lost' JOIN organizations o ON o.id = d.organization_id
      JOIN LATERAL (SELECT v.stage_id FROM deal_stage_visits v
        WHERE v.organization_id = d.organization_id AND v.deal_id = d.deal_id AND v.entered_at < d.entered_at
        ORDER BY v.entered_at DESC, v.id DESC LIMIT 1) p ON true
      WHERE true
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.lost_after <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day, channel) DO UPDATE SET lost_after = t.lost_after + excluded.lost_after;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO stage_channel_day_rollup AS t (organization_id, owner_id, stage_id, day, channel, entered)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, d.stage_id AS stage_id, (d.entered_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.channel, '') AS channel,
      coalesce(sum(d.sign), 0)::integer AS entered
      FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d JOIN organizations o ON o.id = d.organization_id
      WHERE true
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.entered <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day, channel) DO UPDATE SET entered = t.entered + excluded.entered;
    INSERT INTO stage_channel_day_rollup AS t (organization_id, owner_id, stage_id, day, channel, exited, exited_seconds)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, d.stage_id AS stage_id, (d.left_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.channel, '') AS channel,
      coalesce(sum(d.sign), 0)::integer AS exited,
      coalesce(sum(d.sign * floor(extract(epoch FROM d.left_at - d.entered_at))::bigint), 0)::bigint AS exited_seconds
      FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d JOIN organizations o ON o.id = d.organization_id
      WHERE d.left_at IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.exited <> 0 OR x.exited_seconds <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day, channel) DO UPDATE SET exited = t.exited + excluded.exited, exited_seconds = t.exited_seconds + excluded.exited_seconds;
    INSERT INTO stage_channel_day_rollup AS t (organization_id, owner_id, stage_id, day, channel, lost_after)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, p.stage_id AS stage_id, (d.entered_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.channel, '') AS channel,
      coalesce(sum(d.sign), 0)::integer AS lost_after
      FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id AND s.kind = 'lost' JOIN organizations o ON o.id = d.organization_id
      JOIN LATERAL (SELECT v.stage_id FROM deal_stage_visits v
        WHERE v.organization_id = d.organization_id AND v.deal_id = d.deal_id AND v.entered_at < d.entered_at
        ORDER BY v.entered_at DESC, v.id DESC LIMIT 1) p ON true
      WHERE true
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.lost_after <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day, channel) DO UPDATE SET lost_after = t.lost_after + excluded.lost_after;
  ELSE
    INSERT INTO stage_channel_day_rollup AS t (organization_id, owner_id, stage_id, day, channel, entered)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, d.stage_id AS stage_id, (d.entered_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.channel, '') AS channel,
      coalesce(sum(d.sign), 0)::integer AS entered
      FROM (SELECT r.*, -1 AS sign FROM old_rows r) d JOIN organizations o ON o.id = d.organization_id
      WHERE true
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.entered <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day, channel) DO UPDATE SET entered = t.entered + excluded.entered;
    INSERT INTO stage_channel_day_rollup AS t (organization_id, owner_id, stage_id, day, channel, exited, exited_seconds)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, d.stage_id AS stage_id, (d.left_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.channel, '') AS channel,
      coalesce(sum(d.sign), 0)::integer AS exited,
      coalesce(sum(d.sign * floor(extract(epoch FROM d.left_at - d.entered_at))::bigint), 0)::bigint AS exited_seconds
      FROM (SELECT r.*, -1 AS sign FROM old_rows r) d JOIN organizations o ON o.id = d.organization_id
      WHERE d.left_at IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.exited <> 0 OR x.exited_seconds <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day, channel) DO UPDATE SET exited = t.exited + excluded.exited, exited_seconds = t.exited_seconds + excluded.exited_seconds;
    INSERT INTO stage_channel_day_rollup AS t (organization_id, owner_id, stage_id, day, channel, lost_after)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, coalesce(d.owner_id, (SELECT owner_id FROM deals WHERE id = d.deal_id)) AS owner_id, p.stage_id AS stage_id, (d.entered_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.channel, '') AS channel,
      coalesce(sum(d.sign), 0)::integer AS lost_after
      FROM (SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id AND s.kind = 'lost' JOIN organizations o ON o.id = d.organization_id
      JOIN LATERAL (SELECT v.stage_id FROM deal_stage_visits v
        WHERE v.organization_id = d.organization_id AND v.deal_id = d.deal_id AND v.entered_at < d.entered_at
        ORDER BY v.entered_at DESC, v.id DESC LIMIT 1) p ON true
      WHERE true
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.lost_after <> 0
    ON CONFLICT (organization_id, owner_id, stage_id, day, channel) DO UPDATE SET lost_after = t.lost_after + excluded.lost_after;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE VIEW "stage_channel_day_expected" AS
SELECT organization_id, owner_id, stage_id, day, channel,
  sum(entered)::integer AS entered, sum(exited)::integer AS exited, sum(exited_seconds)::bigint AS exited_seconds, sum(lost_after)::integer AS lost_after
FROM (
  SELECT v.organization_id, v.owner_id, v.stage_id, (v.entered_at AT TIME ZONE o.time_zone)::date AS day, coalesce(v.channel, '') AS channel, count(*) AS entered, 0 AS exited, 0 AS exited_seconds, 0 AS lost_after
  FROM deal_stage_visits v JOIN organizations o ON o.id = v.organization_id GROUP BY 1, 2, 3, 4, 5
  UNION ALL
  SELECT v.organization_id, v.owner_id, v.stage_id, (v.left_at AT TIME ZONE o.time_zone)::date, coalesce(v.channel, ''), 0, count(*), sum(floor(extract(epoch FROM v.left_at - v.entered_at))::bigint), 0
  FROM deal_stage_visits v JOIN organizations o ON o.id = v.organization_id WHERE v.left_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  UNION ALL
  SELECT v.organization_id, v.owner_id, p.stage_id, (v.entered_at AT TIME ZONE o.time_zone)::date, coalesce(v.channel, ''), 0, 0, 0, count(*)
  FROM deal_stage_visits v JOIN pipeline_stages s ON s.id = v.stage_id AND s.kind = 'lost' JOIN organizations o ON o.id = v.organization_id
  JOIN LATERAL (SELECT x.stage_id FROM deal_stage_visits x
    WHERE x.organization_id = v.organization_id AND x.deal_id = v.deal_id AND x.entered_at < v.entered_at
    ORDER BY x.entered_at DESC, x.id DESC LIMIT 1) p ON true
  GROUP BY 1, 2, 3, 4, 5
) parts
GROUP BY organization_id, owner_id, stage_id, day, channel;--> statement-breakpoint
CREATE TRIGGER "deal_stage_visits_channels_insert" AFTER INSERT ON "deal_stage_visits"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_visit_channels_keep();--> statement-breakpoint
CREATE TRIGGER "deal_stage_visits_channels_update" AFTER UPDATE ON "deal_stage_visits"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_visit_channels_keep();--> statement-breakpoint
CREATE TRIGGER "deal_stage_visits_channels_delete" AFTER DELETE ON "deal_stage_visits"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_visit_channels_keep();--> statement-breakpoint
CREATE TABLE "lost_reason_channel_day_rollup" (
	"organization_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"reason" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "lost_reason_channel_day_rollup_key_pk" PRIMARY KEY("organization_id","owner_id","day","channel","reason")
);--> statement-breakpoint
ALTER TABLE "lost_reason_channel_day_rollup" ADD CONSTRAINT "lost_reason_channel_day_rollup_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lost_reason_channel_day_rollup" ADD CONSTRAINT "lost_reason_channel_day_rollup_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lost_reason_channel_day_rollup_day_idx" ON "lost_reason_channel_day_rollup" USING btree ("organization_id","channel","day");--> statement-breakpoint
CREATE FUNCTION "kpi_deal_channels_keep"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO lost_reason_channel_day_rollup AS t (organization_id, owner_id, day, channel, reason, count)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS owner_id, (d.closed_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.channel, '') AS channel, coalesce(d.lost_reason, '') AS reason,
      coalesce(sum(d.sign), 0)::integer AS count
      FROM (SELECT r.*, 1 AS sign FROM new_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN organizations o ON o.id = d.organization_id
      WHERE d.closed_at IS NOT NULL AND s.kind = 'lost'
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.count <> 0
    ON CONFLICT (organization_id, owner_id, day, channel, reason) DO UPDATE SET count = t.count + excluded.count;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO lost_reason_channel_day_rollup AS t (organization_id, owner_id, day, channel, reason, count)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS owner_id, (d.closed_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.channel, '') AS channel, coalesce(d.lost_reason, '') AS reason,
      coalesce(sum(d.sign), 0)::integer AS count
      FROM (SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN organizations o ON o.id = d.organization_id
      WHERE d.closed_at IS NOT NULL AND s.kind = 'lost'
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.count <> 0
    ON CONFLICT (organization_id, owner_id, day, channel, reason) DO UPDATE SET count = t.count + excluded.count;
  ELSE
    INSERT INTO lost_reason_channel_day_rollup AS t (organization_id, owner_id, day, channel, reason, count)
    SELECT x.* FROM (
      SELECT d.organization_id AS organization_id, d.owner_id AS owner_id, (d.closed_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.channel, '') AS channel, coalesce(d.lost_reason, '') AS reason,
      coalesce(sum(d.sign), 0)::integer AS count
      FROM (SELECT r.*, -1 AS sign FROM old_rows r) d JOIN pipeline_stages s ON s.id = d.stage_id JOIN organizations o ON o.id = d.organization_id
      WHERE d.closed_at IS NOT NULL AND s.kind = 'lost'
      GROUP BY 1, 2, 3, 4, 5) x
    WHERE x.count <> 0
    ON CONFLICT (organization_id, owner_id, day, channel, reason) DO UPDATE SET count = t.count + excluded.count;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE VIEW "lost_reason_channel_expected" AS
SELECT d.organization_id, d.owner_id, (d.closed_at AT TIME ZONE o.time_zone)::date AS day, coalesce(d.channel, '') AS channel, coalesce(d.lost_reason, '') AS reason, count(*)::integer AS count
FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id AND s.kind = 'lost' JOIN organizations o ON o.id = d.organization_id
WHERE d.closed_at IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;--> statement-breakpoint
CREATE TRIGGER "deals_channels_insert" AFTER INSERT ON "deals"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_channels_keep();--> statement-breakpoint
CREATE TRIGGER "deals_channels_update" AFTER UPDATE ON "deals"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_channels_keep();--> statement-breakpoint
CREATE TRIGGER "deals_channels_delete" AFTER DELETE ON "deals"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_channels_keep();--> statement-breakpoint
-- Existing deals and visits take their client's channel today, with no trigger moving a rollup meanwhile; the
-- channel rollups are then built from the raw tables, and the forecast's rebuilt with its new keys.
ALTER TABLE "deals" DISABLE TRIGGER USER;--> statement-breakpoint
UPDATE deals d SET channel = coalesce(c.channel, '') FROM companies c WHERE c.id = d.company_id;--> statement-breakpoint
ALTER TABLE "deals" ENABLE TRIGGER USER;--> statement-breakpoint
ALTER TABLE "deal_stage_visits" DISABLE TRIGGER "deal_stage_visits_kpi_update";--> statement-breakpoint
ALTER TABLE "deal_stage_visits" DISABLE TRIGGER "deal_stage_visits_channels_update";--> statement-breakpoint
UPDATE deal_stage_visits v SET channel = d.channel FROM deals d WHERE d.id = v.deal_id;--> statement-breakpoint
UPDATE deal_stage_visits SET channel = '' WHERE channel IS NULL;--> statement-breakpoint
ALTER TABLE "deal_stage_visits" ENABLE TRIGGER "deal_stage_visits_kpi_update";--> statement-breakpoint
ALTER TABLE "deal_stage_visits" ENABLE TRIGGER "deal_stage_visits_channels_update";--> statement-breakpoint
INSERT INTO stage_channel_day_rollup SELECT * FROM stage_channel_day_expected;--> statement-breakpoint
INSERT INTO lost_reason_channel_day_rollup SELECT * FROM lost_reason_channel_expected;--> statement-breakpoint
DELETE FROM open_deal_forecast;--> statement-breakpoint
INSERT INTO open_deal_forecast SELECT * FROM open_deal_forecast_expected;
