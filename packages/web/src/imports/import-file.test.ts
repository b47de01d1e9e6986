import { describe, expect, it } from "vitest";
import { maxImportBytes } from "@conveyor/contracts";
import { importContentType, importFileProblem, importProgressPercent, isImportEntity, isImportRunning } from "./import-file";

describe("the file to import", () => {
  it("is sent with a content type the server reads, whatever the browser thinks the file is", () => {
    expect(importContentType("Клиенты.XLSX")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(importContentType("export.csv")).toBe("text/csv");
    expect(importContentType("export.tsv")).toBe("text/csv");
    expect(importContentType("noextension")).toBe("application/octet-stream");
  });

  it("is refused before sending when it is empty, too large or not a table", () => {
    expect(importFileProblem({ name: "a.csv", size: 10 })).toBeNull();
    expect(importFileProblem({ name: "a.xlsx", size: maxImportBytes })).toBeNull();
    expect(importFileProblem({ name: "a.csv", size: 0 })).toBe("empty");
    expect(importFileProblem({ name: "a.csv", size: maxImportBytes + 1 })).toBe("too_large");
    expect(importFileProblem({ name: "photo.png", size: 10 })).toBe("unsupported_type");
    expect(importFileProblem({ name: "old.xls", size: 10 })).toBe("unsupported_type");
  });

  it("names what to import", () => {
    expect(isImportEntity("deals")).toBe(true);
    expect(isImportEntity("planets")).toBe(false);
    expect(isImportEntity(null)).toBe(false);
  });
});

describe("the progress of an import", () => {
  it("is polled only while it runs", () => {
    expect(isImportRunning("running")).toBe(true);
    expect(isImportRunning("draft")).toBe(false);
    expect(isImportRunning("done")).toBe(false);
    expect(isImportRunning("failed")).toBe(false);
  });

  it("is a whole percentage, full when done", () => {
    expect(importProgressPercent({ status: "running", processedRows: 1, totalRows: 3 })).toBe(33);
    expect(importProgressPercent({ status: "running", processedRows: 0, totalRows: 0 })).toBe(0);
    expect(importProgressPercent({ status: "done", processedRows: 0, totalRows: 0 })).toBe(100);
    expect(importProgressPercent({ status: "failed", processedRows: 5, totalRows: 4 })).toBe(100);
  });
});
