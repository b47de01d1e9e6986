import type { PayPeriodInfo, Role } from "@conveyor/contracts";
import { addDays, localDateOf, nextPayPeriod, payPeriodHolding, payPeriodOf, type PayPeriod, type PayPeriodKind } from "@conveyor/domain";
import { sql } from "drizzle-orm";
import { AppError, forbidden, notFound } from "../http/app-error";
import type { Executor } from "../db/database";
import { paySellersInScope, type PaySeller } from "../repositories/pay-facts.repository";
import type { Viewer } from "../scope";

/*
 * [pay] what every pay use case needs: the pay period as dates (a Gregorian month, or a Jalali month for an
 * organization in Iran whose plans are by Jalali month), who may change pay (heads of sales and admins), and
 * the one seller a viewer may see (a seller themselves, a team lead their team, heads everyone).
 */

export type PayMonthRange = PayPeriod;

/** A pay period by its key: Gregorian unless told otherwise (contests stay on Gregorian months). */
export const payMonth = (key: string, kind: PayPeriodKind = "month"): PayMonthRange => payPeriodOf(kind, key);

/**
 * M5.2 by Jalali month → pay by Jalali month: an organization in Iran whose latest plan is by Jalali month.
 * Everyone else, and an Iranian organization planning by Gregorian month, is paid by the Gregorian month.
 */
export const payPeriodKindOf = async (ex: Executor, organizationId: string): Promise<PayPeriodKind> => {
  const result = await ex.execute<{ country: string; kind: string | null }>(sql`
    select o.country,
      (select p.period_kind from plans p where p.organization_id = o.id order by p.updated_at desc, p.period_start desc limit 1) as kind
    from organizations o where o.id = ${organizationId}`);
  const row = result.rows[0];
  return row?.country === "IR" && row.kind === "jalali_month" ? "jalali_month" : "month";
};

/** The organization's pay period of a key. */
export const payPeriodFor = async (ex: Executor, organizationId: string, key: string): Promise<PayMonthRange> => payPeriodOf(await payPeriodKindOf(ex, organizationId), key);

/** The period of a key, or today's in the organization's time zone, with its neighbours (the month switcher). */
export const readPayPeriod = async (ex: Executor, organizationId: string, timeZone: string, now: Date, key?: string): Promise<PayPeriodInfo> => {
  const kind = await payPeriodKindOf(ex, organizationId);
  const period = key ? payPeriodOf(kind, key) : payPeriodHolding(kind, localDateOf(now, timeZone));
  return { kind, key: period.key, start: period.start, end: period.end, previous: payPeriodHolding(kind, addDays(period.start, -1)).key, next: nextPayPeriod(period).key };
};

/** The key of the period starting on `start` ("2026-11-01" → "2026-11", "2027-02-20" → "1405-12"). */
export const monthKeyOf = (start: string, kind: PayPeriodKind = "month"): string => payPeriodHolding(kind, start).key;

const payManagers: readonly Role[] = ["admin", "head_of_sales"];

/** Only heads of sales and admins set schemes, close months, adjust pay and export it. */
export const mustManagePay = (viewer: Viewer): void => {
  if (!payManagers.includes(viewer.role)) throw forbidden("Only heads of sales and admins manage pay");
};

export const managesPay = (viewer: Viewer): boolean => payManagers.includes(viewer.role);

/** A seller whose pay the viewer sees; anyone else is missing (404), like an id of another organization. */
export const mustSeePaySeller = async (ex: Executor, viewer: Viewer, sellerId: string): Promise<PaySeller> => {
  const [seller] = await paySellersInScope(ex, viewer, sellerId);
  if (!seller) throw notFound("The seller");
  return seller;
};

export const validation = (field: string, code: string, message: string): AppError => new AppError("validation_failed", message, { errors: [{ field, code, message }] });
