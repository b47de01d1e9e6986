import { beforeAll, describe, expect, it } from "vitest";
import { locales } from "@conveyor/contracts";
import { i18next, initI18n } from "../i18n/i18n";
import { isSkipReason, skipReasonLabel, skipReasons } from "./skip-reasons";

beforeAll(async () => {
  await initI18n("en");
});

describe("skip reasons", () => {
  it("says each reason the domain gives", () => {
    const t = i18next.getFixedT("en");
    expect(skipReasons.map((reason) => skipReasonLabel(t, reason))).toEqual([
      "Deactivated",
      "Paused",
      "On vacation, sick leave or a day off today",
      "Outside working hours",
      "At the cap of untouched leads",
      "Lacks a skill the rule requires",
      "Weight 0: never picked",
    ]);
  });

  it.each(locales)("has a distinct text for every reason in %s", (locale) => {
    const t = i18next.getFixedT(locale);
    const texts = skipReasons.map((reason) => skipReasonLabel(t, reason));
    expect(new Set(texts).size).toBe(skipReasons.length);
    for (const text of texts) expect(text).not.toMatch(/leadRouting\./);
  });

  it("shows a reason this build does not know as its code", () => {
    expect(isSkipReason("on_strike")).toBe(false);
    expect(isSkipReason("at_cap")).toBe(true);
    expect(skipReasonLabel(i18next.getFixedT("en"), "on_strike")).toBe("Other reason (on_strike)");
    expect(skipReasonLabel(i18next.getFixedT("ru"), "on_strike")).toBe("Другая причина (on_strike)");
  });
});
