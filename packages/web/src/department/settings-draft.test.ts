import { describe, expect, it } from "vitest";
import type { ConveyorSettings } from "@conveyor/contracts";
import { draftFromSettings, draftToSettingsUpdate, validateSettingsDraft } from "./settings-draft";

const settings: ConveyorSettings = {
  departmentMode: "one_level",
  structureVariant: "linear_functional",
  giverAccessDays: 14,
  receiverCap: null,
  stuckAfterDays: 30,
  permanent: { totalAmountMinor: 100_000_000, monthlyMinimumMinor: null, months: 3, serviceLevel: "Priority" },
  sweepAt: "02:00",
  lastSweepOn: null,
  currency: "RUB",
};

describe("the conveyor settings form", () => {
  it("shows money in major units and unused criteria as empty", () => {
    const draft = draftFromSettings(settings);
    expect(draft.permanentTotal).toBe(1_000_000);
    expect(draft.permanentMonthly).toBe("");
    expect(draft.receiverCap).toBe("");
  });

  it("sends nothing when nothing changed", () => {
    expect(draftToSettingsUpdate(settings, draftFromSettings(settings))).toEqual({});
  });

  it("sends only what changed, money in minor units of the organization's currency (M4.2)", () => {
    const draft = {
      ...draftFromSettings(settings),
      departmentMode: "three_level" as const,
      receiverCap: 40,
      permanentMonthly: "50000.5",
      permanentMonths: 4,
      sweepAt: "03:15",
    };
    expect(draftToSettingsUpdate(settings, draft)).toEqual({
      departmentMode: "three_level",
      receiverCap: 40,
      sweepAt: "03:15",
      permanent: { monthlyMinimumMinor: 5_000_050, months: 4 },
    });
  });

  it("an emptied total switches that criterion off; an emptied cap means no cap", () => {
    const update = draftToSettingsUpdate({ ...settings, receiverCap: 10 }, { ...draftFromSettings(settings), permanentTotal: "", receiverCap: "" });
    expect(update).toEqual({ receiverCap: null, permanent: { totalAmountMinor: null } });
  });

  it("respects currencies without minor units", () => {
    const rial = { ...settings, currency: "IRR", permanent: { ...settings.permanent, totalAmountMinor: 5_000_000 } };
    expect(draftFromSettings(rial).permanentTotal).toBe(5_000_000);
    expect(draftToSettingsUpdate(rial, { ...draftFromSettings(rial), permanentTotal: 7_000_000 })).toEqual({
      permanent: { totalAmountMinor: 7_000_000 },
    });
  });

  it("checks the limits of the API before sending", () => {
    const draft = {
      ...draftFromSettings(settings),
      giverAccessDays: "",
      receiverCap: 0,
      stuckAfterDays: 2.5,
      permanentTotal: -1,
      permanentMonths: 25,
      serviceLevel: "  ",
    };
    expect(validateSettingsDraft(draft)).toEqual({
      giverAccessDays: "required",
      receiverCap: "range",
      stuckAfterDays: "wholeNumber",
      permanentTotal: "range",
      permanentMonths: "range",
      serviceLevel: "required",
    });
    expect(validateSettingsDraft(draftFromSettings(settings))).toEqual({});
  });
});
