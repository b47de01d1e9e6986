import type { Parser } from "../api/client";

/**
 * A parser for `{ items: T[] }` built from the item's schema. The contracts give these lists no schema
 * of their own, and the web app does not depend on zod directly; each item still passes its schema.
 */
export const itemsOf = <T>(item: Parser<T>): Parser<{ items: T[] }> => ({
  parse: (data: unknown) => {
    if (typeof data !== "object" || data === null || !("items" in data) || !Array.isArray(data.items)) {
      throw new TypeError("Expected an object with an `items` array");
    }
    const items: unknown[] = data.items;
    return { items: items.map((value) => item.parse(value)) };
  },
});
