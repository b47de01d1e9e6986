import { auditRowPayload } from "@conveyor/domain";
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "../src/db/database";
import { auditLog } from "../src/db/schema";
import { appendAudit, auditHash } from "../src/security/audit-log";
import { verifyAuditChain } from "../src/security/audit-verify";
import type { AuditPage, Problem } from "@conveyor/contracts";
import { buildOrganization, buildUser, signedIn, TestClient, useTestApp } from "./harness";

const test = useTestApp();

const chainOf = (organizationId: string) =>
  test.database.db.select().from(auditLog).where(eq(auditLog.organizationId, organizationId)).orderBy(asc(auditLog.seq));

/** Edits a row behind the trigger's back, as a superuser could: replication role skips ordinary triggers. */
const tamper = async (organizationId: string, seq: number, change: Partial<typeof auditLog.$inferInsert>) =>
  test.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx
      .update(auditLog)
      .set(change)
      .where(and(eq(auditLog.organizationId, organizationId), eq(auditLog.seq, seq)));
  });

describe("the audit chain", () => {
  let organizationId = "";
  let adminId = "";
  beforeAll(async () => {
    const org = await buildOrganization(test.database);
    organizationId = org.organizationId;
    adminId = org.admin.id;
  });

  it("links each row to the one before and verifies", async () => {
    const at = new Date("2026-12-07T10:00:00.123Z");
    for (const [i, action] of ["sign_in", "role_changed", "export"].entries()) {
      await appendAudit(test.database.db, {
        organizationId,
        actorId: adminId,
        action,
        targetKind: "user",
        targetId: adminId,
        details: { n: i, nested: { b: 2, a: [1, "x", null] }, when: at },
        ip: "10.0.0.1",
        at: new Date(at.getTime() + i * 1000),
      });
    }
    const rows = await chainOf(organizationId);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]?.prevHash).toBe("0".repeat(64));
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    expect(rows[2]?.prevHash).toBe(rows[1]?.hash);
    for (const row of rows) expect(auditHash(auditRowPayload(row))).toBe(row.hash);
    expect(await verifyAuditChain(test.database.db, organizationId)).toEqual({ organizationId, rows: 3, broken: null });
  });

  it("rejects UPDATE and DELETE on the table", async () => {
    // In a transaction, as every write path runs (the embedded socket drops a connection whose autocommit statement fails).
    const refused = async (change: (tx: Tx) => Promise<unknown>) => {
      const error: unknown = await test.database.db.transaction(change).then(() => null, (e: unknown) => e);
      return error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    };
    expect(await refused((tx) => tx.update(auditLog).set({ action: "nothing" }).where(eq(auditLog.organizationId, organizationId)))).toMatch(/append-only \(UPDATE/);
    expect(await refused((tx) => tx.delete(auditLog).where(eq(auditLog.organizationId, organizationId)))).toMatch(/append-only \(DELETE/);
    expect((await chainOf(organizationId)).map((r) => r.action)).toEqual(["sign_in", "role_changed", "export"]);
  });

  it("rolls back with the caller's transaction", async () => {
    await expect(
      test.database.db.transaction(async (tx) => {
        await appendAudit(tx, { organizationId, actorId: adminId, action: "deleted", at: new Date() });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await chainOf(organizationId)).toHaveLength(3);
    expect((await verifyAuditChain(test.database.db, organizationId)).broken).toBeNull();
  });

  it("keeps one chain under parallel appends", async () => {
    const other = await buildOrganization(test.database);
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        appendAudit(test.database.db, {
          organizationId: i % 3 === 0 ? other.organizationId : organizationId,
          actorId: null,
          action: "settings_changed",
          details: { i },
          at: new Date(),
        }),
      ),
    );
    const rows = await chainOf(organizationId);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(rows.length);
    expect((await verifyAuditChain(test.database.db, organizationId)).broken).toBeNull();
    expect(await verifyAuditChain(test.database.db, other.organizationId)).toMatchObject({ rows: 8, broken: null });
  });
});

describe("tamper detection", () => {
  const seeded = async (count: number) => {
    const org = await buildOrganization(test.database);
    for (let i = 0; i < count; i += 1) {
      await appendAudit(test.database.db, { organizationId: org.organizationId, actorId: org.admin.id, action: "sign_in", details: { i }, at: new Date() });
    }
    return org.organizationId;
  };

  it("names the edited row", async () => {
    const organizationId = await seeded(5);
    await tamper(organizationId, 3, { details: { i: 99 } });
    const rows = await chainOf(organizationId);
    expect((await verifyAuditChain(test.database.db, organizationId)).broken).toEqual({ seq: 3, id: rows[2]?.id, reason: "hash_mismatch" });
  });

  it("names a row re-hashed to hide an edit (the next row's link breaks)", async () => {
    const organizationId = await seeded(4);
    const rows = await chainOf(organizationId);
    const second = rows[1];
    if (!second) throw new Error("no row 2");
    const edited = { ...second, actorId: null };
    await tamper(organizationId, 2, { actorId: null, hash: auditHash(auditRowPayload(edited)) });
    expect((await verifyAuditChain(test.database.db, organizationId)).broken).toEqual({ seq: 3, id: rows[2]?.id, reason: "prev_hash_mismatch" });
  });

  it("names a removed row and a cut tail", async () => {
    const organizationId = await seeded(4);
    await test.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.delete(auditLog).where(and(eq(auditLog.organizationId, organizationId), eq(auditLog.seq, 2)));
    });
    expect((await verifyAuditChain(test.database.db, organizationId)).broken).toMatchObject({ seq: 2, reason: "seq_gap" });

    const cut = await seeded(3);
    await test.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.delete(auditLog).where(and(eq(auditLog.organizationId, cut), eq(auditLog.seq, 3)));
    });
    expect((await verifyAuditChain(test.database.db, cut)).broken).toMatchObject({ seq: 3, reason: "head_mismatch" });
  });
});

describe("the write paths audit themselves", () => {
  it("sign-in, a failed sign-in, sign-out, a role change and an owner change each leave a row", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    const seller = await buildUser(test.database, org.organizationId);
    const other = await buildUser(test.database, org.organizationId);
    expect((await new TestClient(test).signIn(seller.email, "wrong password")).status).toBe(401);
    const sellerClient = await signedIn(test, seller);
    expect((await sellerClient.post("/api/v1/auth/sign-out")).status).toBe(204);
    expect((await admin.patch(`/api/v1/users/${seller.id}`, { role: "team_lead" })).status).toBe(200);
    const company = await admin.post<{ id: string }>("/api/v1/companies", { name: "Audited client", ownerId: seller.id });
    expect((await admin.patch(`/api/v1/companies/${company.body.id}`, { ownerId: other.id })).status).toBe(200);

    const rows = await chainOf(org.organizationId);
    const byAction = (action: string) => rows.filter((r) => r.action === action);
    expect(byAction("sign_in").map((r) => r.actorId)).toEqual([org.admin.id, seller.id]);
    expect(byAction("sign_in")[0]).toMatchObject({ targetKind: "session", ip: admin.ip });
    expect(byAction("sign_in_failed")).toMatchObject([{ actorId: seller.id, details: { email: seller.email, reason: "wrong_password" } }]);
    expect(byAction("sign_out")).toMatchObject([{ actorId: seller.id, targetKind: "session" }]);
    expect(byAction("role_changed")).toMatchObject([{ actorId: org.admin.id, targetKind: "user", targetId: seller.id, details: { from: "seller", to: "team_lead" } }]);
    expect(byAction("owner_changed")).toMatchObject([{ actorId: org.admin.id, targetKind: "company", targetId: company.body.id, details: { from: seller.id, to: other.id, via: "edit" } }]);
    expect((await verifyAuditChain(test.database.db, org.organizationId)).broken).toBeNull();
  });
});

describe("the audit screen's search", () => {
  it("filters by person, action, target and period, pages newest first, and is for admins and heads only", async () => {
    const org = await buildOrganization(test.database);
    const seller = await buildUser(test.database, org.organizationId);
    const base = new Date("2026-11-02T09:00:00Z");
    for (let i = 0; i < 7; i += 1) {
      await appendAudit(test.database.db, {
        organizationId: org.organizationId,
        actorId: i % 2 === 0 ? seller.id : org.admin.id,
        action: i < 5 ? "export" : "deleted",
        targetKind: "company",
        targetId: `c${i}`,
        at: new Date(base.getTime() + i * 86_400_000),
      });
    }
    const admin = await signedIn(test, org.admin);
    const first = await admin.get<AuditPage>("/api/v1/audit?action=export&limit=2");
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(5);
    expect(first.body.items.map((e) => e.targetId)).toEqual(["c4", "c3"]);
    const second = await admin.get<AuditPage>(`/api/v1/audit?action=export&limit=2&cursor=${first.body.nextCursor ?? ""}`);
    expect(second.body.items.map((e) => e.targetId)).toEqual(["c2", "c1"]);
    const third = await admin.get<AuditPage>(`/api/v1/audit?action=export&limit=2&cursor=${second.body.nextCursor ?? ""}`);
    expect(third.body.items.map((e) => e.targetId)).toEqual(["c0"]);
    expect(third.body.nextCursor).toBeNull();

    const bySeller = await admin.get<AuditPage>(`/api/v1/audit?actorId=${seller.id}&from=2026-11-03T00:00:00Z&to=2026-11-08T23:59:59Z`);
    expect(bySeller.body.items.map((e) => e.targetId)).toEqual(["c6", "c4", "c2"]);
    expect(bySeller.body.items[0]?.actor?.id).toBe(seller.id);
    const byTarget = await admin.get<AuditPage>("/api/v1/audit?targetKind=company&targetId=c5");
    expect(byTarget.body.items).toMatchObject([{ action: "deleted", actor: { id: org.admin.id } }]);

    const badAction = await admin.get<Problem>("/api/v1/audit?action=nonsense");
    expect(badAction.status).toBe(400);
    expect(badAction.body.errors?.map((e) => e.field)).toEqual(["query.action"]);
    const backwards = await admin.get<Problem>("/api/v1/audit?from=2026-11-05T00:00:00Z&to=2026-11-01T00:00:00Z");
    expect(backwards.body.errors?.map((e) => e.field)).toEqual(["to"]);

    const head = await signedIn(test, await buildUser(test.database, org.organizationId, { role: "head_of_sales" }));
    expect((await head.get("/api/v1/audit")).status).toBe(200);
    expect((await head.get("/api/v1/audit/verify")).status).toBe(403);
    const lead = await signedIn(test, await buildUser(test.database, org.organizationId, { role: "team_lead" }));
    expect((await lead.get("/api/v1/audit")).status).toBe(403);
    expect((await (await signedIn(test, seller)).get("/api/v1/audit")).status).toBe(403);

    expect((await admin.get("/api/v1/audit/verify")).body).toMatchObject({ organizationId: org.organizationId, broken: null });
  });
});
