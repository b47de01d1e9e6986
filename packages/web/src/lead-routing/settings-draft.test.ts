import { describe, expect, it } from "vitest";
import type { LeadSettings } from "@conveyor/contracts";
import { draftFromSettings, settingsPatch } from "./settings-draft";

const settings: LeadSettings = {
  remindAfterMinutes: 5,
  reassignAfterMinutes: 15,
  escalateAfterReassignments: 2,
  defaultLeadCap: null,
  formRateLimit: 5,
  formRateWindowSeconds: 600,
  undoWindowMinutes: 60,
  thursdayOff: false,
};

describe("settingsPatch", () => {
  it("sends only the fields that changed", () => {
    expect(settingsPatch(settings, draftFromSettings(settings))).toEqual({ ok: true, patch: {} });
    const draft = { ...draftFromSettings(settings), remindAfterMinutes: "10", defaultLeadCap: 20, thursdayOff: true };
    expect(settingsPatch(settings, draft)).toEqual({ ok: true, patch: { remindAfterMinutes: 10, defaultLeadCap: 20, thursdayOff: true } });
  });

  it("reads an emptied default cap as no cap", () => {
    const withCap = { ...settings, defaultLeadCap: 30 };
    expect(settingsPatch(withCap, { ...draftFromSettings(withCap), defaultLeadCap: "" })).toEqual({ ok: true, patch: { defaultLeadCap: null } });
  });

  it("names the fields out of the contract's ranges", () => {
    const draft = { ...draftFromSettings(settings), remindAfterMinutes: 0, escalateAfterReassignments: 21, formRateLimit: "x", undoWindowMinutes: 1.5 };
    expect(settingsPatch(settings, draft)).toEqual({
      ok: false,
      problems: { remindAfterMinutes: "too_small", escalateAfterReassignments: "too_big", formRateLimit: "invalid_type", undoWindowMinutes: "invalid_type" },
    });
  });
});
