import { describe, expect, it } from "vitest";
import { clientExportUrl } from "./client-export";

describe("clientExportUrl", () => {
  it("carries the screen's filters, the format and the language", () => {
    const url = clientExportUrl({ status: "current", region: "Москва", sort: "name", q: "", ownerId: null }, "csv", "ru");
    const parsed = new URL(url, "http://x");
    expect(parsed.pathname).toBe("/api/v1/companies/export");
    expect(Object.fromEntries(parsed.searchParams)).toEqual({ status: "current", region: "Москва", sort: "name", format: "csv", locale: "ru" });
  });
});
