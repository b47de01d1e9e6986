import type { PayAdjustment } from "@conveyor/contracts";
import type { PayPeriodKind } from "@conveyor/domain";
import type { AppContext } from "../context";
import { AppError } from "../http/app-error";
import { paySellersInScope } from "../repositories/pay-facts.repository";
import { adjustmentsOf, closedPeriods, insertAdjustment, type AdjustmentRow } from "../repositories/pay.repository";
import type { Viewer } from "../scope";
import { monthKeyOf, mustManagePay, mustSeePaySeller, payPeriodFor, payPeriodKindOf } from "./pay-context";

/*
 * [pay] M1.6: manual adjustments of a seller's month with a reason. Rows are never changed or deleted — who
 * added how much, when and why is the audit trail; a correction is another adjustment.
 */

const present = (a: AdjustmentRow, kind: PayPeriodKind): PayAdjustment => ({
  id: a.id,
  seller: { id: a.userId, name: a.userName },
  month: monthKeyOf(a.month, kind),
  amountMinor: a.amountMinor,
  reason: a.reason,
  createdBy: { id: a.createdById, name: a.createdByName },
  createdAt: a.createdAt.toISOString(),
});

export const listPayAdjustments = async (context: AppContext, viewer: Viewer, query: { month: string; sellerId?: string | undefined }): Promise<{ items: PayAdjustment[] }> => {
  const { db } = context.database;
  const ids = query.sellerId ? [(await mustSeePaySeller(db, viewer, query.sellerId)).id] : (await paySellersInScope(db, viewer)).map((s) => s.id);
  const kind = await payPeriodKindOf(db, viewer.organizationId);
  const month = await payPeriodFor(db, viewer.organizationId, query.month);
  return { items: (await adjustmentsOf(db, viewer.organizationId, month.start, ids)).map((a) => present(a, kind)) };
};

export const addPayAdjustment = async (context: AppContext, viewer: Viewer, input: { sellerId: string; month: string; amountMinor: number; reason: string }): Promise<PayAdjustment> => {
  mustManagePay(viewer);
  return context.database.db.transaction(async (tx) => {
    const month = await payPeriodFor(tx, viewer.organizationId, input.month);
    const seller = await mustSeePaySeller(tx, viewer, input.sellerId);
    if ((await closedPeriods(tx, viewer.organizationId)).some((p) => p.month === month.start)) {
      throw new AppError("pay_period_closed", "This month is closed: adjust the next open month");
    }
    const id = await insertAdjustment(tx, viewer.organizationId, { userId: seller.id, month: month.start, amountMinor: input.amountMinor, reason: input.reason, createdById: viewer.userId, at: context.now() });
    const row = (await adjustmentsOf(tx, viewer.organizationId, month.start, [seller.id])).find((a) => a.id === id);
    if (!row) throw new Error("adjustment not found");
    return present(row, month.kind);
  });
};
