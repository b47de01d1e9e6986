import { describe, expect, it } from "vitest";
import { dealExportUrl } from "./deal-export";

describe("dealExportUrl", () => {
  it("carries the list's filters, the format and the language", () => {
    const pipelineId = "6f1c2f0e-8a4b-4c3d-9e2f-1a2b3c4d5e6f";
    const url = dealExportUrl({ pipelineId, status: "lost", q: "Пилот", ownerId: undefined }, "xlsx", "fa");
    const parsed = new URL(url, "http://x");
    expect(parsed.pathname).toBe("/api/v1/deals/export");
    expect(Object.fromEntries(parsed.searchParams)).toEqual({ pipelineId, status: "lost", q: "Пилот", format: "xlsx", locale: "fa" });
  });
});
