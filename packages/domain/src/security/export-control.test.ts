import { describe, expect, it } from "vitest";
import {
  decodeWhitespaceMark,
  encodeWhitespaceMark,
  exportIdInText,
  exportNeedsApproval,
  exportRequestState,
  isMasked,
  maskEmail,
  maskPhone,
  mayExport,
  revealsLeft,
  seesContactsInFull,
  watermarkLine,
} from "./export-control";

const id = "0f1e2d3c-4b5a-4697-8877-665544332211";
const at = new Date("2026-12-07T10:00:00Z");

describe("M1.5 export control", () => {
  it.each([
    ["seller", ["admin", "head_of_sales"], false],
    ["seller", ["seller"], true],
    ["team_lead", ["seller"], false],
    ["admin", [], true],
  ] as const)("%s may export with %j: %s", (role, roles, expected) => expect(mayExport(role, roles)).toBe(expected));

  it.each([
    ["seller", 1001, 1000, true],
    ["seller", 1000, 1000, false],
    ["team_lead", 5, 0, true],
    ["head_of_sales", 50_000, 10, false],
    ["admin", 50_000, 10, false],
  ] as const)("%s exporting %d rows over a threshold of %d needs approval: %s", (role, rows, threshold, expected) =>
    expect(exportNeedsApproval({ role, rows, threshold })).toBe(expected));

  it("an approval expires; an unanswered request expires after the same hours", () => {
    const createdAt = new Date(at.getTime() - 3_600_000);
    expect(exportRequestState({ status: "approved", expiresAt: new Date(at.getTime() + 1), createdAt }, at, 24)).toBe("approved");
    expect(exportRequestState({ status: "approved", expiresAt: at, createdAt }, at, 24)).toBe("expired");
    expect(exportRequestState({ status: "pending", expiresAt: null, createdAt }, at, 24)).toBe("pending");
    expect(exportRequestState({ status: "pending", expiresAt: null, createdAt }, at, 1)).toBe("expired");
    expect(exportRequestState({ status: "downloaded", expiresAt: at, createdAt }, at, 24)).toBe("downloaded");
  });
});

describe("M1.5 masking and reveals", () => {
  it.each([
    ["+74951234567", "+7 *** ***-**-67"],
    ["+989121234567", "+98 *** ***-**-67"],
    ["84951234567", "*** ***-**-67"],
    ["123", "***"],
  ])("masks %s as %s", (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it("masks emails, recognizes masks and counts reveals left", () => {
    expect(maskEmail("irina@example.test")).toBe("i***@example.test");
    expect(maskEmail("broken")).toBe("***");
    expect(isMasked(maskEmail("a@b.c"))).toBe(true);
    expect(isMasked("a@b.c")).toBe(false);
    expect(revealsLeft(3, 5)).toBe(2);
    expect(revealsLeft(7, 5)).toBe(0);
    expect(seesContactsInFull("seller", ["head_of_sales"])).toBe(false);
    expect(seesContactsInFull("admin", [])).toBe(true);
  });
});

describe("the watermark", () => {
  it("the invisible mark round-trips and survives text before it; trim() removes it", () => {
    const file = `Name,Phone\nA,1${encodeWhitespaceMark(id)}`;
    expect(decodeWhitespaceMark(file)).toBe(id);
    expect(decodeWhitespaceMark(`garbage\n${file.split("\n").slice(1).join("\n")}`)).toBe(id);
    expect(file.trim()).toBe("Name,Phone\nA,1");
    expect(decodeWhitespaceMark("Name\nA")).toBeNull();
  });

  it("the visible line names the person and the export", () => {
    const line = watermarkLine({ name: "Анна", email: "anna@example.test", at, exportId: id });
    expect(line).toBe(`Conveyor export ${id} · Анна <anna@example.test> · 2026-12-07 10:00 UTC`);
    expect(exportIdInText(`"${line}"`)).toBe(id);
    expect(exportIdInText("nothing here")).toBeNull();
  });
});
