import { describe, expect, it } from "vitest";
import { currencyDigits, formatMoney, toMinorUnits } from "./money";
import { formatRelativeDay } from "./intl";

describe("money", () => {
  it("knows the minor units of the organization's currency", () => {
    expect(currencyDigits("RUB")).toBe(2);
    expect(currencyDigits("IRR")).toBe(0);
    expect(currencyDigits("bogus")).toBe(2);
  });

  it("turns a typed amount into minor units without float noise", () => {
    expect(toMinorUnits(1500.5, "RUB")).toBe(150050);
    expect(toMinorUnits(0.29, "USD")).toBe(29);
    expect(toMinorUnits(2_500_000, "IRR")).toBe(2_500_000);
  });

  it("formats in the reader's digits", () => {
    expect(formatMoney("en", 150050, "USD")).toBe("US$1,500.50");
    expect(formatMoney("fa", 2_500_000, "IRR")).toContain("۲٬۵۰۰٬۰۰۰");
    expect(formatMoney("ru", 150050, "RUB")).toMatch(/^1\s500,50\s₽$/);
  });
});

describe("relative days", () => {
  it("speaks of nearby days and dates the rest", () => {
    const at = "2025-03-20T10:00:00Z";
    expect(formatRelativeDay("en", at, 0, "UTC")).toBe("today");
    expect(formatRelativeDay("ru", at, -1, "UTC")).toBe("вчера");
    expect(formatRelativeDay("en", at, -3, "UTC")).toBe("3 days ago");
    expect(formatRelativeDay("en", at, -30, "UTC")).toBe("20 Mar 2025");
    expect(formatRelativeDay("fa", at, -30, "Asia/Tehran")).toContain("۱۴۰۳");
  });
});
