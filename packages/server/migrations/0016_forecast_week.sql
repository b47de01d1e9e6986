-- #7 The weekly forecast from a rollup: open dated deals per owner, stage, client type, level, segment and
-- the Monday of their expected week, kept exact in the same statement as each deal or client write, as
-- open_deal_forecast is by month. The week screen read every open deal of the weeks live before.
CREATE TABLE "open_deal_forecast_week" (
	"organization_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"client_type" text NOT NULL,
	"expected_week" date NOT NULL,
	"count" integer NOT NULL,
	"amount_minor" bigint NOT NULL,
	"level" text DEFAULT '' NOT NULL,
	"audience" text DEFAULT '' NOT NULL,
	CONSTRAINT "open_deal_forecast_week_key_pk" PRIMARY KEY("organization_id","owner_id","stage_id","client_type","expected_week","level","audience")
);--> statement-breakpoint
ALTER TABLE "open_deal_forecast_week" ADD CONSTRAINT "open_deal_forecast_week_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_deal_forecast_week" ADD CONSTRAINT "open_deal_forecast_week_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_deal_forecast_week" ADD CONSTRAINT "open_deal_forecast_week_stage_id_pipeline_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."pipeline_stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "open_deal_forecast_week_by_week_idx" ON "open_deal_forecast_week" ("organization_id","expected_week");--> statement-breakpoint
-- What the rollup must hold, from the raw tables: the backfill below and the consistency check read it.
CREATE VIEW "open_deal_forecast_week_expected" AS
SELECT d.organization_id, d.owner_id, d.stage_id, c.status AS client_type,
  date_trunc('week', d.expected_close_date)::date AS expected_week,
  count(*)::integer AS count, sum(d.amount_minor)::bigint AS amount_minor,
  coalesce(c.level, '') AS level, coalesce(c.audience, '') AS audience
FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id AND s.kind = 'open' JOIN companies c ON c.id = d.company_id
WHERE d.expected_close_date IS NOT NULL
GROUP BY d.organization_id, d.owner_id, d.stage_id, c.status, 5, c.level, c.audience;--> statement-breakpoint
-- An update counts its new rows +1 and its old rows -1; a key whose sums cancel is left alone.
CREATE FUNCTION "kpi_deals_forecast_week_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO open_deal_forecast_week AS t (organization_id, owner_id, stage_id, client_type, expected_week, level, audience, count, amount_minor)
  SELECT x.* FROM (
    SELECT d.organization_id, d.owner_id, d.stage_id, c.status, date_trunc('week', d.expected_close_date)::date, coalesce(c.level, ''), coalesce(c.audience, ''),
      sum(d.sign)::integer AS count, sum(d.sign * d.amount_minor)::bigint AS amount_minor
    FROM (
      SELECT n.organization_id, n.owner_id, n.stage_id, n.company_id, n.expected_close_date, n.amount_minor, 1 AS sign FROM new_rows n
      UNION ALL
      SELECT o.organization_id, o.owner_id, o.stage_id, o.company_id, o.expected_close_date, o.amount_minor, -1 AS sign FROM old_rows o
    ) d JOIN pipeline_stages s ON s.id = d.stage_id AND s.kind = 'open' JOIN companies c ON c.id = d.company_id
    WHERE d.expected_close_date IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7) x
  WHERE x.count <> 0 OR x.amount_minor <> 0
  ON CONFLICT (organization_id, owner_id, stage_id, client_type, expected_week, level, audience) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
  RETURN NULL;
END;
$$;--> statement-breakpoint
-- An insert or a delete has one transition table only, so each has its function.
CREATE FUNCTION "kpi_deals_forecast_week_insert"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO open_deal_forecast_week AS t (organization_id, owner_id, stage_id, client_type, expected_week, level, audience, count, amount_minor)
  SELECT n.organization_id, n.owner_id, n.stage_id, c.status, date_trunc('week', n.expected_close_date)::date, coalesce(c.level, ''), coalesce(c.audience, ''),
    count(*)::integer, sum(n.amount_minor)::bigint
  FROM new_rows n JOIN pipeline_stages s ON s.id = n.stage_id AND s.kind = 'open' JOIN companies c ON c.id = n.company_id
  WHERE n.expected_close_date IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (organization_id, owner_id, stage_id, client_type, expected_week, level, audience) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION "kpi_deals_forecast_week_delete"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO open_deal_forecast_week AS t (organization_id, owner_id, stage_id, client_type, expected_week, level, audience, count, amount_minor)
  SELECT o.organization_id, o.owner_id, o.stage_id, c.status, date_trunc('week', o.expected_close_date)::date, coalesce(c.level, ''), coalesce(c.audience, ''),
    -count(*)::integer, -sum(o.amount_minor)::bigint
  FROM old_rows o JOIN pipeline_stages s ON s.id = o.stage_id AND s.kind = 'open' JOIN companies c ON c.id = o.company_id
  WHERE o.expected_close_date IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (organization_id, owner_id, stage_id, client_type, expected_week, level, audience) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "deals_forecast_week_insert" AFTER INSERT ON "deals"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_deals_forecast_week_insert();--> statement-breakpoint
CREATE TRIGGER "deals_forecast_week_update" AFTER UPDATE ON "deals"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_deals_forecast_week_update();--> statement-breakpoint
CREATE TRIGGER "deals_forecast_week_delete" AFTER DELETE ON "deals"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_deals_forecast_week_delete();--> statement-breakpoint
-- A client whose status, level or segment changes moves its open dated deals between keys.
CREATE FUNCTION "kpi_companies_forecast_week_keep"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO open_deal_forecast_week AS t (organization_id, owner_id, stage_id, client_type, expected_week, level, audience, count, amount_minor)
  SELECT x.* FROM (
    SELECT dl.organization_id, dl.owner_id, dl.stage_id, c.status, date_trunc('week', dl.expected_close_date)::date, coalesce(c.level, ''), coalesce(c.audience, ''),
      sum(c.sign)::integer AS count, sum(c.sign * dl.amount_minor)::bigint AS amount_minor
    FROM (
      SELECT n.id, n.organization_id, n.status, n.level, n.audience, 1 AS sign FROM new_rows n
      UNION ALL
      SELECT o.id, o.organization_id, o.status, o.level, o.audience, -1 AS sign FROM old_rows o
    ) c
    JOIN deals dl ON dl.organization_id = c.organization_id AND dl.company_id = c.id AND dl.expected_close_date IS NOT NULL
    JOIN pipeline_stages s ON s.id = dl.stage_id AND s.kind = 'open'
    WHERE c.id IN (SELECT n.id FROM new_rows n JOIN old_rows p ON p.id = n.id
      WHERE n.status <> p.status OR n.level IS DISTINCT FROM p.level OR n.audience IS DISTINCT FROM p.audience)
    GROUP BY 1, 2, 3, 4, 5, 6, 7) x
  WHERE x.count <> 0 OR x.amount_minor <> 0
  ON CONFLICT (organization_id, owner_id, stage_id, client_type, expected_week, level, audience) DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "companies_forecast_week_update" AFTER UPDATE ON "companies"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_companies_forecast_week_keep();--> statement-breakpoint
INSERT INTO open_deal_forecast_week SELECT * FROM open_deal_forecast_week_expected;--> statement-breakpoint
-- The embedded database runs no autovacuum: the planner learns the backfilled table's size here.
ANALYZE open_deal_forecast_week;
