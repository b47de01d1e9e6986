import { lineAmountMinor, type DealItemErrorCode, type FieldError, type ReplaceDealItems } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { AppError, notFound } from "../http/app-error";
import { refreshCompanyProducts } from "../repositories/company-product.repository";
import { listDealItems, replaceDealItemRows, type DealItemRow, type NewDealItem } from "../repositories/deal-item.repository";
import { findDealForUpdate, updateDealRow } from "../repositories/deal.repository";
import { findProducts } from "../repositories/product.repository";
import { recordTimelineEvent } from "../repositories/timeline.repository";
import type { Viewer } from "../scope";

/** The largest amount a deal carries (the same cap as a typed amount). */
const maxAmountMinor = 1e15;

export type DealItemsResult = { items: DealItemRow[]; totalMinor: number; currency: string };

const messages: Record<DealItemErrorCode, string> = {
  unknown_product: "No such product",
  inactive_product: "This product is no longer on sale",
  currency_mismatch: "The product is priced in another currency than the deal",
  amount_too_large: "The amount is too large",
};

const lineError = (field: string, code: DealItemErrorCode): FieldError => ({ field, code, message: messages[code] });

/** "Станок ЧПУ × 2, Наладка × 1" for the client's timeline; null for no lines. */
const summary = (lines: ReadonlyArray<{ productName: string; quantity: number }>): string | null => {
  if (lines.length === 0) return null;
  const text = lines.map((line) => `${line.productName} × ${line.quantity}`).join(", ");
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
};

const sameLines = (before: DealItemRow[], after: NewDealItem[]): boolean =>
  before.length === after.length &&
  before.every((line, index) => {
    const next = after[index];
    return next !== undefined && next.productId === line.productId && next.quantity === line.quantity && next.unitPriceMinor === line.unitPriceMinor;
  });

/**
 * Replaces a deal's product lines. Each product must be the organization's, on sale (a line of a
 * product taken off sale may stay) and priced in the deal's currency; a line's amount is
 * quantity × unit price, the unit price defaulting to the list price. While the deal has lines its
 * amount is their sum. The client's products (company_products) and timeline follow in the same
 * transaction. Whoever may change the deal may change its lines.
 */
export const replaceDealItems = async (context: AppContext, viewer: Viewer, dealId: string, input: ReplaceDealItems): Promise<DealItemsResult> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const deal = await findDealForUpdate(tx, viewer, dealId);
    if (!deal) throw notFound("The deal");
    const before = await listDealItems(tx, viewer, dealId);
    const alreadyOnDeal = new Set(before.map((line) => line.productId));
    const catalog = new Map((await findProducts(tx, viewer, [...new Set(input.items.map((item) => item.productId))])).map((p) => [p.id, p]));

    const errors: FieldError[] = [];
    const lines: NewDealItem[] = [];
    input.items.forEach((item, index) => {
      const product = catalog.get(item.productId);
      const problem: DealItemErrorCode | undefined = !product
        ? "unknown_product"
        : !product.active && !alreadyOnDeal.has(product.id)
          ? "inactive_product"
          : product.currency !== deal.currency
            ? "currency_mismatch"
            : undefined;
      if (!product || problem) {
        errors.push(lineError(`items.${index}.productId`, problem ?? "unknown_product"));
        return;
      }
      const unitPriceMinor = item.unitPriceMinor ?? product.priceMinor;
      const amountMinor = lineAmountMinor(item.quantity, unitPriceMinor);
      if (amountMinor > maxAmountMinor) errors.push(lineError(`items.${index}.quantity`, "amount_too_large"));
      else lines.push({ productId: product.id, quantity: item.quantity, unitPriceMinor, amountMinor });
    });
    const totalMinor = lines.reduce((sum, line) => sum + line.amountMinor, 0);
    if (errors.length === 0 && totalMinor > maxAmountMinor) errors.push(lineError("items", "amount_too_large"));
    if (errors.length > 0) {
      throw new AppError("deal_item_invalid", errors.map((e) => `${e.field}: ${e.message}`).join("; "), { errors });
    }

    if (!sameLines(before, lines)) {
      await replaceDealItemRows(tx, viewer, dealId, lines, now);
      if (lines.length > 0 && totalMinor !== deal.amountMinor) await updateDealRow(tx, viewer, dealId, { amountMinor: totalMinor, updatedAt: now });
      await refreshCompanyProducts(tx, viewer, deal.companyId);
      await recordTimelineEvent(tx, viewer, {
        companyId: deal.companyId,
        kind: "field_changed",
        at: now,
        actorId: viewer.userId,
        dealId,
        field: "products",
        fromLabel: summary(before),
        toLabel: summary(lines.map((line) => ({ productName: catalog.get(line.productId)?.name ?? "", quantity: line.quantity }))),
      });
    }
    const items = await listDealItems(tx, viewer, dealId);
    return { items, totalMinor: items.reduce((sum, line) => sum + line.amountMinor, 0), currency: deal.currency };
  });
};
