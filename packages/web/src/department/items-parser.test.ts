import { describe, expect, it } from "vitest";
import { itemsOf } from "./items-parser";

const numberParser = {
  parse: (data: unknown): number => {
    if (typeof data !== "number") throw new TypeError("not a number");
    return data;
  },
};

describe("itemsOf", () => {
  it("parses every item with the item's parser", () => {
    expect(itemsOf(numberParser).parse({ items: [1, 2, 3] })).toEqual({ items: [1, 2, 3] });
  });

  it.each([null, [], {}, { items: "x" }, "items"])("rejects a body without an items array: %j", (body) => {
    expect(() => itemsOf(numberParser).parse(body)).toThrow(TypeError);
  });

  it("rejects a bad item", () => {
    expect(() => itemsOf(numberParser).parse({ items: [1, "2"] })).toThrow("not a number");
  });
});
