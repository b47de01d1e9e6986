import type { CreateOrder } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { applyConveyorRules } from "./apply-conveyor-rules";
import { isUniqueViolation } from "../db/errors";
import { AppError, notFound } from "../http/app-error";
import { refreshCompanyProducts } from "../repositories/company-product.repository";
import { findDeal } from "../repositories/deal.repository";
import { insertOrder, listOrders, nextOrderNumber, type OrderRow } from "../repositories/order.repository";
import { findProduct } from "../repositories/product.repository";
import { recordTimelineEvent } from "../repositories/timeline.repository";
import type { Viewer } from "../scope";

/** A won deal produces orders (one or many: a framework contract orders monthly). */
export const recordOrder = async (context: AppContext, viewer: Viewer, dealId: string, input: CreateOrder): Promise<OrderRow> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const deal = await findDeal(tx, viewer, dealId);
    if (!deal) throw notFound("The deal");
    if (deal.stageKind !== "won") throw new AppError("deal_not_won", "Move the deal to a won stage before adding orders");
    if (input.productId && !(await findProduct(tx, viewer, input.productId))) {
      throw new AppError("validation_failed", "No such product", {
        errors: [{ field: "productId", code: "unknown_product", message: "No such product" }],
      });
    }
    const number = input.number ?? (await nextOrderNumber(tx, viewer));
    let id: string;
    try {
      id = await insertOrder(tx, viewer, {
        dealId,
        companyId: deal.companyId,
        productId: input.productId ?? null,
        number,
        amountMinor: input.amountMinor,
        currency: deal.currency,
        orderedOn: input.orderedOn,
        createdById: viewer.userId,
        createdAt: now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError("validation_failed", "This order number is taken", {
          errors: [{ field: "number", code: "number_taken", message: "This order number is taken" }],
        });
      }
      throw error;
    }
    if (input.productId) await refreshCompanyProducts(tx, viewer, deal.companyId);
    await recordTimelineEvent(tx, viewer, {
      companyId: deal.companyId,
      kind: "order_created",
      at: now,
      actorId: viewer.userId,
      dealId,
      toLabel: number,
      amountMinor: input.amountMinor,
      currency: deal.currency,
    });
    const [order] = await listOrders(tx, viewer, { orderId: id });
    if (!order) throw notFound("The order");
    // Read before the rules run: a hunter → farmer handover may take the client out of the seller's sight.
    await applyConveyorRules(tx, { organizationId: viewer.organizationId, companyId: deal.companyId, trigger: "order", now, actorId: viewer.userId });
    return order;
  });
};
