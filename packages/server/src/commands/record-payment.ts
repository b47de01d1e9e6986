import type { CreatePayment } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { applyConveyorRules } from "./apply-conveyor-rules";
import { AppError, notFound } from "../http/app-error";
import { findCompanyJustWritten, updateCompanyRow } from "../repositories/company.repository";
import { insertPayment, listOrders, lockOrder, paidOnOrder, type PaymentRow } from "../repositories/order.repository";
import { recordTimelineEvent } from "../repositories/timeline.repository";
import type { Viewer } from "../scope";

/**
 * Money received on an order (or returned: a negative amount, at most what was paid). The
 * client's first money makes a new client current (M5.4), in the same transaction.
 */
export const recordPayment = async (context: AppContext, viewer: Viewer, orderId: string, input: CreatePayment): Promise<PaymentRow> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const [order] = await listOrders(tx, viewer, { orderId });
    if (!order) throw notFound("The order");
    await lockOrder(tx, viewer, orderId);
    const paid = await paidOnOrder(tx, viewer, orderId);
    if (input.amountMinor < 0 && paid + input.amountMinor < 0) {
      throw new AppError("refund_exceeds_paid", "A refund cannot exceed what was paid on the order", {
        errors: [{ field: "amountMinor", code: "refund_exceeds_paid", message: `At most ${paid} can be refunded` }],
      });
    }
    const id = await insertPayment(tx, viewer, {
      orderId,
      companyId: order.companyId,
      dealId: order.dealId,
      amountMinor: input.amountMinor,
      currency: order.currency,
      paidOn: input.paidOn,
      note: input.note ?? null,
      createdById: viewer.userId,
      createdAt: now,
    });
    await recordTimelineEvent(tx, viewer, {
      companyId: order.companyId,
      kind: "payment_received",
      at: now,
      actorId: viewer.userId,
      dealId: order.dealId,
      toLabel: order.number,
      amountMinor: input.amountMinor,
      currency: order.currency,
    });
    const company = await findCompanyJustWritten(tx, viewer, order.companyId);
    if (company && company.status === "new" && input.amountMinor > 0) {
      await updateCompanyRow(tx, viewer, company.id, { status: "current", updatedAt: now });
      await recordTimelineEvent(tx, viewer, {
        companyId: company.id,
        kind: "field_changed",
        at: now,
        actorId: viewer.userId,
        field: "status",
        fromValue: "new",
        toValue: "current",
      });
    }
    const [after] = await listOrders(tx, viewer, { orderId });
    const payment = after?.payments.find((p) => p.id === id);
    if (!payment) throw notFound("The payment");
    // Read before the rules run: a hunter → farmer handover may take the client out of the seller's sight.
    await applyConveyorRules(tx, { organizationId: viewer.organizationId, companyId: order.companyId, trigger: "payment", now, actorId: viewer.userId });
    return payment;
  });
};
