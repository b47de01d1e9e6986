-- [pay] a closed pay period keeps its last day: a Jalali month (Iran) does not end where date_trunc('month') says.
ALTER TABLE "pay_periods" ADD COLUMN "ends_on" date;--> statement-breakpoint
UPDATE "pay_periods" SET "ends_on" = ("month" + interval '1 month' - interval '1 day')::date WHERE "ends_on" IS NULL;--> statement-breakpoint
ALTER TABLE "pay_periods" ALTER COLUMN "ends_on" SET NOT NULL;--> statement-breakpoint
-- A version takes effect from a pay period's first day: the 1st of a Gregorian month, or e.g. 20 February for Esfand.
ALTER TABLE "pay_scheme_versions" DROP CONSTRAINT "pay_scheme_versions_month_check";
