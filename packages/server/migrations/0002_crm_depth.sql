CREATE TABLE "company_facet_counts" (
	"organization_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"field" text NOT NULL,
	"value" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "company_facet_counts_organization_id_owner_id_field_value_pk" PRIMARY KEY("organization_id","owner_id","field","value")
);
--> statement-breakpoint
CREATE TABLE "company_products" (
	"organization_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	CONSTRAINT "company_products_company_id_product_id_pk" PRIMARY KEY("company_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "custom_fields" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"type" text NOT NULL,
	"options" text[] DEFAULT '{}'::text[] NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_fields_entity_check" CHECK ("custom_fields"."entity" in ('company', 'deal')),
	CONSTRAINT "custom_fields_type_check" CHECK ("custom_fields"."type" in ('text', 'number', 'date', 'select'))
);
--> statement-breakpoint
CREATE TABLE "deal_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" numeric(14, 3) NOT NULL,
	"unit_price_minor" bigint NOT NULL,
	"amount_minor" bigint NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_items_quantity_check" CHECK ("deal_items"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_by_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"file_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"headers" text[] NOT NULL,
	"rows" jsonb,
	"preset" text,
	"mapping" jsonb,
	"on_duplicate" text DEFAULT 'skip' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"total_rows" integer NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"created_count" integer DEFAULT 0 NOT NULL,
	"updated_count" integer DEFAULT 0 NOT NULL,
	"skipped_count" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "import_jobs_entity_check" CHECK ("import_jobs"."entity" in ('companies', 'contacts', 'deals')),
	CONSTRAINT "import_jobs_duplicate_check" CHECK ("import_jobs"."on_duplicate" in ('skip', 'update')),
	CONSTRAINT "import_jobs_status_check" CHECK ("import_jobs"."status" in ('draft', 'running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "import_rows" (
	"organization_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"outcome" text NOT NULL,
	"entity_id" uuid,
	"code" text,
	"field" text,
	"message" text,
	CONSTRAINT "import_rows_job_id_row_number_pk" PRIMARY KEY("job_id","row_number"),
	CONSTRAINT "import_rows_outcome_check" CHECK ("import_rows"."outcome" in ('created', 'updated', 'skipped', 'error'))
);
--> statement-breakpoint
CREATE TABLE "imported_row_keys" (
	"organization_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"row_hash" text NOT NULL,
	"entity_id" uuid NOT NULL,
	CONSTRAINT "imported_row_keys_organization_id_entity_row_hash_pk" PRIMARY KEY("organization_id","entity","row_hash")
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_views_entity_check" CHECK ("saved_views"."entity" in ('companies', 'deals'))
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "custom" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "custom" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "search_text" text GENERATED ALWAYS AS (regexp_replace(translate(lower("title"), 'ёيىكأإآة۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩ًٌٍَُِّْٰٕٖٜٟٓٔٗ٘ٙٚٛٝٞ‌‍ـ', 'еییکاااه01234567890123456789'), '["''«»“”„.,;:()!?/\\\s-]+', ' ', 'g')) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "deal_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "remind_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "reminder_dismissed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "company_facet_counts" ADD CONSTRAINT "company_facet_counts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_facet_counts" ADD CONSTRAINT "company_facet_counts_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_products" ADD CONSTRAINT "company_products_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_products" ADD CONSTRAINT "company_products_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_products" ADD CONSTRAINT "company_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_fields" ADD CONSTRAINT "custom_fields_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_items" ADD CONSTRAINT "deal_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_items" ADD CONSTRAINT "deal_items_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_items" ADD CONSTRAINT "deal_items_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imported_row_keys" ADD CONSTRAINT "imported_row_keys_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "company_products_product_idx" ON "company_products" USING btree ("organization_id","product_id","company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "custom_fields_key_key" ON "custom_fields" USING btree ("organization_id","entity","key");--> statement-breakpoint
CREATE INDEX "deal_items_deal_idx" ON "deal_items" USING btree ("organization_id","deal_id","position");--> statement-breakpoint
CREATE INDEX "deal_items_product_idx" ON "deal_items" USING btree ("organization_id","product_id");--> statement-breakpoint
CREATE INDEX "import_jobs_created_idx" ON "import_jobs" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "import_jobs_running_idx" ON "import_jobs" USING btree ("status") WHERE "import_jobs"."status" = 'running';--> statement-breakpoint
CREATE INDEX "saved_views_owner_idx" ON "saved_views" USING btree ("organization_id","entity","owner_id");--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "companies_custom_idx" ON "companies" USING gin ("custom" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "contacts_phones_idx" ON "contacts" USING gin ("phones") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "contacts_emails_idx" ON "contacts" USING gin ("emails") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "deals_search_idx" ON "deals" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "tasks_deal_idx" ON "tasks" USING btree ("organization_id","deal_id") WHERE "tasks"."deal_id" is not null;--> statement-breakpoint
CREATE INDEX "tasks_reminder_idx" ON "tasks" USING btree ("organization_id","assignee_id","remind_at") WHERE "tasks"."remind_at" is not null and "tasks"."done_at" is null and "tasks"."reminder_dismissed_at" is null;--> statement-breakpoint
-- company_facet_counts is kept by statement triggers on companies (one aggregate per statement, so
-- a 1,000-row import batch costs one upsert per changed value), exact on every write path.
CREATE FUNCTION "company_facet_counts_keep"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO company_facet_counts AS f (organization_id, owner_id, field, value, count)
    SELECT c.organization_id, c.owner_id, v.field, coalesce(v.value, ''), count(*)
    FROM new_rows c
    CROSS JOIN LATERAL (VALUES ('status', c.status), ('temperature', c.temperature), ('level', c.level),
      ('region', c.region), ('industry', c.industry), ('audience', c.audience), ('channel', c.channel)) AS v(field, value)
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (organization_id, owner_id, field, value) DO UPDATE SET count = f.count + excluded.count;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO company_facet_counts AS f (organization_id, owner_id, field, value, count)
    SELECT d.organization_id, d.owner_id, v.field, coalesce(v.value, ''), sum(d.delta)::integer
    FROM (SELECT n.*, 1 AS delta FROM new_rows n UNION ALL SELECT o.*, -1 AS delta FROM old_rows o) d
    CROSS JOIN LATERAL (VALUES ('status', d.status), ('temperature', d.temperature), ('level', d.level),
      ('region', d.region), ('industry', d.industry), ('audience', d.audience), ('channel', d.channel)) AS v(field, value)
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.delta) <> 0
    ON CONFLICT (organization_id, owner_id, field, value) DO UPDATE SET count = f.count + excluded.count;
  ELSE
    INSERT INTO company_facet_counts AS f (organization_id, owner_id, field, value, count)
    SELECT c.organization_id, c.owner_id, v.field, coalesce(v.value, ''), -count(*)
    FROM old_rows c
    CROSS JOIN LATERAL (VALUES ('status', c.status), ('temperature', c.temperature), ('level', c.level),
      ('region', c.region), ('industry', c.industry), ('audience', c.audience), ('channel', c.channel)) AS v(field, value)
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (organization_id, owner_id, field, value) DO UPDATE SET count = f.count + excluded.count;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "companies_facet_counts_insert" AFTER INSERT ON "companies"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION company_facet_counts_keep();--> statement-breakpoint
CREATE TRIGGER "companies_facet_counts_update" AFTER UPDATE ON "companies"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION company_facet_counts_keep();--> statement-breakpoint
CREATE TRIGGER "companies_facet_counts_delete" AFTER DELETE ON "companies"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION company_facet_counts_keep();--> statement-breakpoint
INSERT INTO company_facet_counts (organization_id, owner_id, field, value, count)
SELECT c.organization_id, c.owner_id, v.field, coalesce(v.value, ''), count(*)
FROM companies c
CROSS JOIN LATERAL (VALUES ('status', c.status), ('temperature', c.temperature), ('level', c.level), ('region', c.region),
                           ('industry', c.industry), ('audience', c.audience), ('channel', c.channel)) AS v(field, value)
GROUP BY 1, 2, 3, 4;--> statement-breakpoint
INSERT INTO company_products (organization_id, company_id, product_id)
SELECT DISTINCT organization_id, company_id, product_id FROM orders WHERE product_id IS NOT NULL;
