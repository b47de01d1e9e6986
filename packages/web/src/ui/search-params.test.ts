import { describe, expect, it } from "vitest";
import { withParams } from "./search-params";

describe("withParams", () => {
  it("sets and removes keys, keeps the others and leaves the current params alone", () => {
    const current = new URLSearchParams("seller=s1&client=c1&reason=no_task");
    const next = withParams(current, { client: "c2", reason: null, minDeal: "100" });
    expect(next.toString()).toBe("seller=s1&client=c2&minDeal=100");
    expect(current.toString()).toBe("seller=s1&client=c1&reason=no_task");
  });
});
