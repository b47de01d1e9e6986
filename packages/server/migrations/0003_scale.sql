CREATE TABLE "deal_stage_totals" (
	"organization_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"count" integer NOT NULL,
	"amount_minor" bigint NOT NULL,
	CONSTRAINT "deal_stage_totals_organization_id_owner_id_stage_id_pk" PRIMARY KEY("organization_id","owner_id","stage_id")
);
--> statement-breakpoint
ALTER TABLE "deal_stage_totals" ADD CONSTRAINT "deal_stage_totals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_stage_totals" ADD CONSTRAINT "deal_stage_totals_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_stage_totals" ADD CONSTRAINT "deal_stage_totals_stage_id_pipeline_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."pipeline_stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "companies_last_activity_idx" ON "companies" USING btree ("organization_id",coalesce("last_activity_at", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "tasks_open_due_idx" ON "tasks" USING btree ("organization_id","due_at") WHERE "tasks"."done_at" is null;--> statement-breakpoint
-- deal_stage_totals is kept by statement triggers on deals, exact on every write path.
CREATE FUNCTION "deal_stage_totals_keep"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO deal_stage_totals AS t (organization_id, owner_id, stage_id, count, amount_minor)
    SELECT organization_id, owner_id, stage_id, count(*), sum(amount_minor) FROM new_rows GROUP BY 1, 2, 3
    ON CONFLICT (organization_id, owner_id, stage_id)
    DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO deal_stage_totals AS t (organization_id, owner_id, stage_id, count, amount_minor)
    SELECT organization_id, owner_id, stage_id, sum(n)::integer, sum(amount)
    FROM (SELECT organization_id, owner_id, stage_id, 1 AS n, amount_minor AS amount FROM new_rows
          UNION ALL SELECT organization_id, owner_id, stage_id, -1, -amount_minor FROM old_rows) d
    GROUP BY 1, 2, 3
    HAVING sum(n) <> 0 OR sum(amount) <> 0
    ON CONFLICT (organization_id, owner_id, stage_id)
    DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
  ELSE
    INSERT INTO deal_stage_totals AS t (organization_id, owner_id, stage_id, count, amount_minor)
    SELECT organization_id, owner_id, stage_id, -count(*), -sum(amount_minor) FROM old_rows GROUP BY 1, 2, 3
    ON CONFLICT (organization_id, owner_id, stage_id)
    DO UPDATE SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "deals_stage_totals_insert" AFTER INSERT ON "deals"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deal_stage_totals_keep();--> statement-breakpoint
CREATE TRIGGER "deals_stage_totals_update" AFTER UPDATE ON "deals"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deal_stage_totals_keep();--> statement-breakpoint
CREATE TRIGGER "deals_stage_totals_delete" AFTER DELETE ON "deals"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION deal_stage_totals_keep();--> statement-breakpoint
INSERT INTO deal_stage_totals (organization_id, owner_id, stage_id, count, amount_minor)
SELECT organization_id, owner_id, stage_id, count(*), sum(amount_minor) FROM deals GROUP BY 1, 2, 3;
