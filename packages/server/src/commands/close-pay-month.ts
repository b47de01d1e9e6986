import type { PayPeriod } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { AppError } from "../http/app-error";
import { localDateOf } from "@conveyor/domain";
import { paySellersInScope } from "../repositories/pay-facts.repository";
import { closedPeriods, insertLines, insertPeriod, insertResult } from "../repositories/pay.repository";
import { loadOrgCalendar } from "../kpi/org-calendar";
import type { Viewer } from "../scope";
import { loadMonthPayroll } from "./compute-payroll";
import { monthKeyOf, mustManagePay, payPeriodFor, payPeriodKindOf, validation } from "./pay-context";

/*
 * [pay] M1.6: closing a month freezes its payroll — every seller's lines and the figures a later refund is
 * clawed back from are stored in one transaction; later refunds of the month land in the next open month.
 */

export const listPayPeriods = async (context: AppContext, viewer: Viewer): Promise<{ items: PayPeriod[] }> => {
  mustManagePay(viewer);
  const kind = await payPeriodKindOf(context.database.db, viewer.organizationId);
  const periods = await closedPeriods(context.database.db, viewer.organizationId);
  return { items: periods.map((p) => ({ month: monthKeyOf(p.month, kind), closedAt: p.closedAt.toISOString(), closedBy: { id: p.closedById, name: p.closedByName }, sellers: p.sellers, totalMinor: p.totalMinor })) };
};

export const closePayMonth = async (context: AppContext, viewer: Viewer, monthKey: string): Promise<PayPeriod> => {
  mustManagePay(viewer);
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const month = await payPeriodFor(tx, viewer.organizationId, monthKey);
    const { timeZone } = await loadOrgCalendar(tx, viewer.organizationId, now);
    if (month.start > localDateOf(now, timeZone)) throw validation("month", "month_not_started", "A month that has not begun cannot be closed");
    if (!(await insertPeriod(tx, viewer.organizationId, month, viewer.userId, now))) throw new AppError("pay_period_closed", "This month is already closed");
    const sellers = await paySellersInScope(tx, viewer);
    const loaded = await loadMonthPayroll(tx, viewer.organizationId, month, sellers, now, { compute: true, closedAtOverride: now });
    for (const r of loaded.results) {
      await insertResult(tx, viewer.organizationId, {
        userId: r.seller.id,
        month: month.start,
        schemeId: r.scheme?.id ?? null,
        schemeVersion: r.scheme?.version ?? null,
        definition: r.definition,
        factMinor: r.payroll.factMinor,
        planMinor: r.payroll.planMinor,
        totalMinor: r.payroll.totalMinor,
      });
      await insertLines(
        tx,
        viewer.organizationId,
        month.start,
        r.payroll.lines.map((l, position) => ({ userId: r.seller.id, position, kind: l.kind, amountMinor: l.amountMinor, figures: l.figures, refs: l.refs, contributions: l.contributions ?? null })),
      );
    }
    const period = (await closedPeriods(tx, viewer.organizationId)).find((p) => p.month === month.start);
    if (!period) throw new Error("closed month not found");
    return { month: monthKey, closedAt: period.closedAt.toISOString(), closedBy: { id: period.closedById, name: period.closedByName }, sellers: period.sellers, totalMinor: period.totalMinor };
  });
};
