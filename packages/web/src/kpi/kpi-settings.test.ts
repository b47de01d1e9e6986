import { describe, expect, it } from "vitest";
import { settingsOfDraft } from "./kpi-settings";

describe("the dashboard's settings", () => {
  it("saves the chosen widgets in the dashboard's order with a whole refresh", () => {
    expect(settingsOfDraft({ widgets: ["sellers", "plan"], tvRefreshSeconds: 60 })).toEqual({ widgets: ["plan", "sellers"], tvRefreshSeconds: 60 });
    expect(settingsOfDraft({ widgets: ["plan"], tvRefreshSeconds: "30" })).toEqual({ widgets: ["plan"], tvRefreshSeconds: 30 });
  });

  it.each([
    [[], 60],
    [["plan"], 9],
    [["plan"], 3601],
    [["plan"], 12.5],
    [["plan"], ""],
  ] as const)("cannot save widgets %j refreshed every %j seconds", (widgets, seconds) => {
    expect(settingsOfDraft({ widgets: [...widgets], tvRefreshSeconds: seconds })).toBeNull();
  });
});
