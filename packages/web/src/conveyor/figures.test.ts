import { describe, expect, it } from "vitest";
import { i18next, initI18n } from "../i18n/i18n";
import { figureLines, figuresInline } from "./figures";

describe("figures", () => {
  it("reads a volume rule's figures as money in its currency, others as not counted", async () => {
    await initI18n("en");
    const lines = figureLines(i18next.t, "en", { total: 120_000, threshold: 100_000, currency: "USD", other_RUB: 5_000_00 });
    expect(lines.slice(0, 2)).toEqual([
      { key: "total", label: "Purchases", value: "US$1,200.00" },
      { key: "threshold", label: "Threshold", value: "US$1,000.00" },
    ]);
    expect(lines[2]).toMatchObject({ key: "other_RUB", label: "Purchases in RUB (not counted)" });
    // The engine puts a no-break space between the code and the amount.
    expect(lines[2]?.value).toMatch(/^RUB\s5,000\.00$/);
  });

  it("keeps counts as numbers, names the months, and shows unknown keys as sent", async () => {
    await initI18n("en");
    const t = i18next.t;
    expect(figuresInline(t, "en", { orders: 2, threshold: 2 })).toBe("Orders: 2 · Threshold: 2");
    expect(figureLines(t, "en", { "2026-01": 1_000_00, minimum: 1_000_00, currency: "USD" })).toEqual([
      { key: "2026-01", label: "January 2026", value: "US$1,000.00" },
      { key: "minimum", label: "Monthly minimum", value: "US$1,000.00" },
    ]);
    expect(figureLines(t, "en", { minimum: "—", somethingNew: 1500 })).toEqual([
      { key: "minimum", label: "Monthly minimum", value: "—" },
      { key: "somethingNew", label: "somethingNew", value: "1,500" },
    ]);
  });

  it("speaks Russian and Persian", async () => {
    await initI18n("ru");
    expect(figuresInline(i18next.t, "ru", { matchingOrders: 1 })).toBe("Заказов продукта: 1");
    await initI18n("fa");
    expect(figuresInline(i18next.t, "fa", { orders: 12, threshold: 3 })).toBe("سفارش‌ها: ۱۲ · آستانه: ۳");
  });
});

describe("figures of the L1 → L2 and act rules", () => {
  it("translates the temperature and dates the act", async () => {
    await initI18n("en");
    const t = i18next.t;
    expect(figuresInline(t, "en", { temperature: "hot" })).toBe("Temperature: Hot");
    expect(figuresInline(t, "en", { deal: "Lathes", stage: "Proposal" })).toBe("Deal: Lathes · Stage: Proposal");
    expect(figuresInline(t, "en", { acceptanceSignedOn: "2026-03-01" })).toBe("Act signed on: 1 Mar 2026");
  });
});
