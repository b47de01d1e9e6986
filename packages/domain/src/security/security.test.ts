import { describe, expect, it } from "vitest";
import { auditGenesisHash, auditRowPayload, canonicalJson, findAuditChainBreak, type AuditChainRow } from "./audit-chain";
import { checkIpAllowList, ipAllowed, parseIp, parseIpBlock } from "./ip-allow-list";
import { sessionExpiry, twoFactorRequiredFor } from "./session-policy";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ when: new Date("2026-12-07T10:00:00Z") })).toBe('{"when":"2026-12-07T10:00:00.000Z"}');
  });
});

describe("findAuditChainBreak", () => {
  // A toy hash keeps the rule's test pure.
  const hash = (payload: string) => `h${payload.length}:${payload.slice(-12)}`;
  const chain = (n: number) => {
    const rows: (AuditChainRow & { id: string; hash: string })[] = [];
    let prev = auditGenesisHash;
    for (let seq = 1; seq <= n; seq += 1) {
      const row: AuditChainRow = { organizationId: "o", seq, at: new Date(Date.UTC(2026, 11, 7, 10, seq)), actorId: null, action: "sign_in", targetKind: null, targetId: null, details: { seq }, ip: null, prevHash: prev };
      const h = hash(auditRowPayload(row));
      rows.push({ ...row, id: `r${seq}`, hash: h });
      prev = h;
    }
    return rows;
  };

  it("accepts an intact chain and its head", () => {
    const rows = chain(3);
    expect(findAuditChainBreak(rows, { seq: 3, hash: rows[2]?.hash ?? "" }, hash)).toBeNull();
  });

  it.each([
    ["an edited row", (rows: ReturnType<typeof chain>) => rows.map((r) => (r.seq === 2 ? { ...r, action: "export" } : r)), { seq: 2, reason: "hash_mismatch" }],
    ["a removed row", (rows: ReturnType<typeof chain>) => rows.filter((r) => r.seq !== 2), { seq: 2, reason: "seq_gap" }],
    ["a re-linked row", (rows: ReturnType<typeof chain>) => rows.map((r) => (r.seq === 3 ? { ...r, prevHash: auditGenesisHash } : r)), { seq: 3, reason: "prev_hash_mismatch" }],
    ["a cut tail", (rows: ReturnType<typeof chain>) => rows.slice(0, 2), { seq: 3, reason: "head_mismatch" }],
  ] as const)("names the first broken row: %s", (_, change, expected) => {
    const rows = chain(3);
    const head = { seq: 3, hash: rows[2]?.hash ?? "" };
    expect(findAuditChainBreak(change(rows), head, hash)).toMatchObject(expected);
  });
});

describe("IP allow-list", () => {
  it.each([
    ["10.1.2.3", ["10.0.0.0/8"], true],
    ["10.1.2.3", ["192.168.0.0/16"], false],
    ["192.168.1.77", ["192.168.1.77"], true],
    ["::ffff:10.1.2.3", ["10.0.0.0/8"], true],
    ["2001:db8::1", ["2001:db8::/32"], true],
    ["2001:db9::1", ["2001:db8::/32"], false],
    ["10.1.2.3", [], true],
    ["not an ip", ["10.0.0.0/8"], false],
    ["127.0.0.1", ["0.0.0.0/0"], true],
  ] as const)("%s against %j → %s", (ip, list, allowed) => {
    expect(ipAllowed(ip, list)).toBe(allowed);
  });

  it("parses blocks and refuses bad ones", () => {
    expect(parseIpBlock("10.0.0.9/8")).toEqual({ version: 4, bits: 10n << 24n, prefix: 8 });
    expect(parseIp("::1")).toEqual({ version: 6, bits: 1n });
    for (const bad of ["10.0.0.0/33", "300.1.1.1", "10.0.0/8", "1::2::3", "10.0.0.0/8/1", "", "abc"]) expect(parseIpBlock(bad)).toBeNull();
  });

  it("refuses a list that would lock the admin out, and names a bad entry", () => {
    expect(checkIpAllowList(["10.0.0.0/8", " 10.0.0.0/8 "], "10.9.9.9")).toEqual({ ok: true, normalized: ["10.0.0.0/8"] });
    expect(checkIpAllowList(["192.168.0.0/16"], "10.9.9.9")).toEqual({ ok: false, reason: "excludes_current", index: null });
    expect(checkIpAllowList(["10.0.0.0/8", "nope"], "10.9.9.9")).toEqual({ ok: false, reason: "invalid", index: 1 });
    expect(checkIpAllowList([], null)).toEqual({ ok: true, normalized: [] });
  });
});

describe("session policy", () => {
  const timeouts = { idleTimeoutMinutes: 30, absoluteTimeoutHours: 12 };
  const createdAt = new Date("2026-12-07T08:00:00Z");
  it.each([
    ["fresh", "2026-12-07T08:10:00Z", "2026-12-07T08:20:00Z", null],
    ["idle", "2026-12-07T08:10:00Z", "2026-12-07T08:40:00Z", "idle"],
    ["absolute", "2026-12-07T19:59:00Z", "2026-12-07T20:00:00Z", "absolute"],
  ] as const)("%s", (_, lastSeen, now, expected) => {
    expect(sessionExpiry({ createdAt, lastSeenAt: new Date(lastSeen) }, timeouts, new Date(now))).toBe(expected);
  });
  it("requires two-factor of admins and heads only, when the organization says so", () => {
    expect(twoFactorRequiredFor("admin", true)).toBe(true);
    expect(twoFactorRequiredFor("head_of_sales", true)).toBe(true);
    expect(twoFactorRequiredFor("seller", true)).toBe(false);
    expect(twoFactorRequiredFor("admin", false)).toBe(false);
  });
});
