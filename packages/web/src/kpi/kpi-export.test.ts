import { describe, expect, it } from "vitest";
import { kpiExportUrl } from "./kpi-export";

describe("a report's download", () => {
  it("asks for the report as on screen, without empty values, in the reader's language", () => {
    expect(kpiExportUrl("dashboard", { periodKind: "month", period: "2026-12", scope: undefined }, "ru")).toBe(
      "/api/v1/kpi/export?report=dashboard&periodKind=month&period=2026-12&locale=ru",
    );
    expect(kpiExportUrl("forecast", { scope: "team:7f1c", by: "week", count: 8 }, "fa")).toBe("/api/v1/kpi/export?report=forecast&scope=team%3A7f1c&by=week&count=8&locale=fa");
  });
});
