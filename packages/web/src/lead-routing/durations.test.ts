import { beforeAll, describe, expect, it } from "vitest";
import { i18next, initI18n } from "../i18n/i18n";
import { formatBusinessMinutes, formatSpan, formatUndoLeft, splitMinutes, undoLeft } from "./durations";

beforeAll(async () => {
  await initI18n("en");
});

describe("durations", () => {
  it("splits minutes into days, hours and minutes", () => {
    expect(splitMinutes(0)).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(splitMinutes(65)).toEqual({ days: 0, hours: 1, minutes: 5 });
    expect(splitMinutes(1440 * 2 + 180 + 7)).toEqual({ days: 2, hours: 3, minutes: 7 });
    expect(splitMinutes(-5)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });

  it("says the two largest units, leaving a zero second one out", () => {
    const t = i18next.getFixedT("en");
    expect(formatSpan(t, splitMinutes(45))).toBe("45 min");
    expect(formatSpan(t, splitMinutes(65))).toBe("1 h 5 min");
    expect(formatSpan(t, splitMinutes(120))).toBe("2 h");
    expect(formatSpan(t, splitMinutes(1440 * 2 + 187))).toBe("2 d 3 h");
    expect(formatSpan(t, splitMinutes(1440))).toBe("1 d");
  });

  it("speaks Russian and Persian", () => {
    expect(formatSpan(i18next.getFixedT("ru"), splitMinutes(65))).toBe("1 ч 5 мин");
    expect(formatSpan(i18next.getFixedT("fa"), splitMinutes(65))).toBe("۱ ساعت و ۵ دقیقه");
  });

  it("keeps business minutes in hours, never days", () => {
    const t = i18next.getFixedT("en");
    expect(formatBusinessMinutes(t, 12.4)).toBe("12 min");
    expect(formatBusinessMinutes(t, 130)).toBe("2 h 10 min");
    expect(formatBusinessMinutes(t, 60 * 30)).toBe("30 h");
    expect(formatBusinessMinutes(t, null)).toBe("—");
  });

  it("rounds what is left of the undo window up to the minute", () => {
    const now = new Date("2026-03-01T10:00:00Z");
    expect(undoLeft(now, "2026-03-01T10:00:20Z")).toEqual({ kind: "left", span: { days: 0, hours: 0, minutes: 1 } });
    expect(undoLeft(now, "2026-03-01T11:04:10Z")).toEqual({ kind: "left", span: { days: 0, hours: 1, minutes: 5 } });
    expect(undoLeft(now, "2026-03-01T10:00:00Z")).toEqual({ kind: "over" });
    expect(undoLeft(now, "not a date")).toEqual({ kind: "over" });
    const t = i18next.getFixedT("en");
    expect(formatUndoLeft(t, undoLeft(now, "2026-03-01T10:30:00Z"))).toBe("30 min left to undo");
    expect(formatUndoLeft(t, { kind: "over" })).toBe("The time to undo is over.");
  });
});
