import { describe, expect, it } from "vitest";
import { figureLines, figureUnit, formatFigure, humanizeFigureKey, type FigureFormat } from "./restructure-figures";

const en: FigureFormat = { locale: "en", currency: "RUB", points: (n) => `${n} pts` };

describe("M1.5 trigger figures", () => {
  it("knows each figure's unit from its trigger and key", () => {
    expect(figureUnit("sales_growth", "recent")).toBe("money");
    expect(figureUnit("sales_growth", "threshold")).toBe("percent");
    expect(figureUnit("client_base_growth", "now")).toBe("count");
    expect(figureUnit("theft_risk", "perSeller")).toBe("rate");
    expect(figureUnit("leak_risk", "threshold")).toBe("rate");
    expect(figureUnit("newcomers", "sharePct")).toBe("percent");
    expect(figureUnit("large_deals", "growthPts")).toBe("points");
    expect(figureUnit("large_deals", "threshold")).toBe("points");
    expect(figureUnit("strong_sellers", "revenueMinor")).toBe("money");
  });

  it("formats money from minor units, percents from 0–100, and a change with its sign", () => {
    expect(formatFigure("money", 150_000_00, en)).toMatch(/150,000/);
    expect(formatFigure("percent", 12.5, en)).toBe("12.5%");
    expect(formatFigure("percent", 12.5, en, true)).toBe("+12.5%");
    expect(formatFigure("percent", -4, en, true)).toBe("-4%");
    expect(formatFigure("points", 5, en)).toBe("5 pts");
    expect(formatFigure("points", 5, en, true)).toBe("+5 pts");
    expect(formatFigure("rate", 0.3333, en)).toBe("0.33");
    expect(formatFigure("count", 1200, en)).toBe("1,200");
  });

  it("passes the server's text through (— for not applicable)", () => {
    expect(formatFigure("percent", "—", en)).toBe("—");
  });

  it("signs the growth figures but not the threshold", () => {
    const lines = figureLines({ key: "large_deals", met: false, figures: { growthPts: 2.5, threshold: 5 } }, en);
    expect(lines.map((line) => line.value)).toEqual(["+2.5 pts", "5 pts"]);
  });

  it("uses the reader's digits", () => {
    expect(formatFigure("count", 30, { ...en, locale: "fa" })).toBe("۳۰");
  });

  it("lists a trigger's figures with a label key, or a readable fallback for an unknown one", () => {
    const lines = figureLines(
      { key: "newcomers", met: true, figures: { newcomers: 4, activeSellers: 10, sharePct: 40, threshold: 30, extraNote: "x" } },
      en,
    );
    expect(lines.map((line) => [line.labelKey, line.value])).toEqual([
      ["newcomers", "4"],
      ["activeSellers", "10"],
      ["sharePct", "40%"],
      ["threshold", "30%"],
      [null, "x"],
    ]);
    expect(lines[4]?.fallbackLabel).toBe("extra note");
  });

  it("humanizes camelCase and snake_case keys", () => {
    expect(humanizeFigureKey("ownerChanges")).toBe("owner changes");
    expect(humanizeFigureKey("won_recent")).toBe("won recent");
  });
});
