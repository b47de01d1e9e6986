import { describe, expect, it } from "vitest";
import { applyCustomValues, customFieldKey, customFilterValues, slugOfLabel, type CustomFieldDefinition } from "./custom-fields";

describe("customFieldKey", () => {
  it.each([
    ["Segment", "segment"],
    ["Сегмент рынка", "segment_rynka"],
    ["Объём закупок, т/мес", "obem_zakupok_t_mes"],
    ["Щётка", "shchetka"],
    ["منطقه فروش", "mntghh_frvsh"],
    ["  Budget (USD) ", "budget_usd"],
  ])("%s → %s", (label, key) => {
    expect(customFieldKey(label, new Set())).toBe(key);
  });

  it("falls back to field_<n> when nothing can be transliterated or the slug starts with a digit", () => {
    expect(customFieldKey("🚀", new Set())).toBe("field_1");
    expect(customFieldKey("中文", new Set(["field_1", "field_2"]))).toBe("field_3");
    expect(customFieldKey("2026 plan", new Set())).toBe("field_1");
  });

  it("stays unique among the keys already taken, archived ones included", () => {
    expect(customFieldKey("Segment", new Set(["segment"]))).toBe("segment_2");
    expect(customFieldKey("Сегмент", new Set(["segment", "segment_2"]))).toBe("segment_3");
  });

  it("keeps keys short enough for a URL parameter", () => {
    const key = customFieldKey("a".repeat(60), new Set(["a".repeat(40)]));
    expect(key).toBe(`${"a".repeat(38)}_2`);
    expect(slugOfLabel("b".repeat(80))).toHaveLength(40);
  });
});

const fields: CustomFieldDefinition[] = [
  { key: "segment", type: "select", options: ["SMB", "Enterprise"] },
  { key: "budget", type: "number", options: [] },
  { key: "renewal", type: "date", options: [] },
  { key: "note", type: "text", options: [] },
];

describe("applyCustomValues", () => {
  it("sets, trims, and removes values by their field's type", () => {
    const { values, problems } = applyCustomValues(fields, { note: "old", budget: 5 }, {
      segment: "SMB",
      budget: 1200.5,
      renewal: "2026-02-28",
      note: null,
    });
    expect(problems).toEqual([]);
    expect(values).toEqual({ segment: "SMB", budget: 1200.5, renewal: "2026-02-28" });
    expect(applyCustomValues(fields, { note: "x" }, { note: "   " }).values).toEqual({});
    expect(applyCustomValues(fields, {}, { note: "  hi " }).values).toEqual({ note: "hi" });
  });

  it.each([
    ["segment", "Startup"],
    ["segment", 3],
    ["budget", "1200"],
    ["budget", Number.POSITIVE_INFINITY],
    ["renewal", "2026-02-30"],
    ["renewal", "28.02.2026"],
    ["note", 7],
  ] as const)("refuses %s = %s", (key, value) => {
    expect(applyCustomValues(fields, {}, { [key]: value }).problems).toEqual([
      expect.objectContaining({ key, code: "custom_field_invalid" }),
    ]);
  });

  it("names unknown keys, and lets a stored value of a removed option stay", () => {
    expect(applyCustomValues(fields, {}, { color: "red" }).problems).toEqual([expect.objectContaining({ key: "color", code: "custom_field_unknown" })]);
    const kept = applyCustomValues(fields, { segment: "Startup" }, { segment: "Startup" });
    expect(kept).toEqual({ values: { segment: "Startup" }, problems: [] });
  });
});

describe("customFilterValues", () => {
  it("types each filter by its field and names the bad ones", () => {
    expect(customFilterValues(fields, { segment: "SMB", budget: "1200.5" })).toEqual({
      filter: { segment: "SMB", budget: 1200.5 },
      problems: [],
    });
    const bad = customFilterValues(fields, { budget: "lots", color: "red" });
    expect(bad.problems.map((p) => [p.key, p.code])).toEqual([
      ["budget", "custom_field_invalid"],
      ["color", "custom_field_unknown"],
    ]);
  });
});
