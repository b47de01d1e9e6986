import { lineAmountMinor, type DealItem, type Product, type ReplaceDealItems } from "@conveyor/contracts";
import { fromMinorUnits } from "../i18n/money";
import { amountToMinor } from "./deal-draft";

/** One product line as the person edits it: typed quantity and unit price (in major units), product not yet chosen. */
export type ItemLine = {
  /** Keeps React's rows stable while lines are added and removed. */
  key: string;
  productId: string | null;
  quantity: number | string;
  price: number | string;
};

export const linesFromItems = (items: readonly DealItem[], currency: string): ItemLine[] =>
  items.map((item) => ({
    key: item.id,
    productId: item.productId,
    quantity: item.quantity,
    price: fromMinorUnits(item.unitPriceMinor, currency),
  }));

export const emptyLine = (key: string): ItemLine => ({ key, productId: null, quantity: 1, price: "" });

/** Choosing a product fills the line's price with its list price (the person may still change it). */
export const withProduct = (line: ItemLine, product: Pick<Product, "id" | "priceMinor" | "currency"> | undefined, currency: string): ItemLine =>
  product ? { ...line, productId: product.id, price: fromMinorUnits(product.priceMinor, currency) } : { ...line, productId: null };

const quantityOf = (line: ItemLine): number => {
  const value = typeof line.quantity === "number" ? line.quantity : Number(line.quantity);
  return Number.isFinite(value) && value > 0 ? value : 0;
};

/** The line's amount in minor units, computed exactly as the server will. */
export const lineTotalMinor = (line: ItemLine, currency: string): number =>
  lineAmountMinor(quantityOf(line), amountToMinor(line.price, currency));

export const linesTotalMinor = (lines: readonly ItemLine[], currency: string): number =>
  lines.reduce((sum, line) => sum + lineTotalMinor(line, currency), 0);

/** Every line has a product and a quantity above zero: the list can be sent as it is, so the server's `items.N` match the rows. */
export const linesReady = (lines: readonly ItemLine[]): boolean => lines.every((line) => line.productId !== null && quantityOf(line) > 0);

/** The PUT body; call only when linesReady. */
export const linesToReplace = (lines: readonly ItemLine[], currency: string): ReplaceDealItems => ({
  items: lines.flatMap((line) =>
    line.productId ? [{ productId: line.productId, quantity: quantityOf(line), unitPriceMinor: amountToMinor(line.price, currency) }] : [],
  ),
});

/** Whether the edited lines differ from what the deal has saved. */
export const linesChanged = (lines: readonly ItemLine[], items: readonly DealItem[], currency: string): boolean => {
  if (lines.length !== items.length) return true;
  return lines.some((line, index) => {
    const item = items[index];
    return (
      !item ||
      line.productId !== item.productId ||
      quantityOf(line) !== item.quantity ||
      amountToMinor(line.price, currency) !== item.unitPriceMinor
    );
  });
};
