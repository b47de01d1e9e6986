import { createHash } from "node:crypto";
import type { AuditPage, ExportLogEntry, ExportRequest, ExportTrace, ImportJob, Problem, TwoFactorEnrollment } from "@conveyor/contracts";
import { signInChallengeCookie } from "@conveyor/contracts";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { sealPlainTwoFactorSecrets } from "../src/commands/manage-two-factor";
import { auditLog, exportLog, twoFactorSecrets } from "../src/db/schema";
import { appendAudit } from "../src/security/audit-log";
import { keysFromSecret, openSecret } from "../src/security/secret-box";
import { totpCode } from "../src/security/totp";
import { buildOrganization, buildUser, signedIn, TestClient, testKeys, type BuiltUser, type Reply, type TestClient as Client, useTestApp } from "./harness";

/*
 * [anti-leak] (#9) the gaps closed after the first cut: the payroll export and an import's error report go through
 * the export gate; the audit screen's days are the organization's; TOTP secrets are sealed at rest; an admin resets
 * another person's two-factor.
 */

const test = useTestApp();
const sha = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

const download = async (as: Client, url: string) => {
  const response = await test.app.inject({ method: "GET", url, headers: { cookie: `conveyor_session=${as.cookie}` } });
  return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload, json: () => JSON.parse(response.body) as Problem };
};

const logEntry = async (organizationId: string, exportId: string) => {
  const [row] = await test.database.db.select().from(exportLog).where(and(eq(exportLog.organizationId, organizationId), eq(exportLog.id, exportId)));
  return row;
};

const exportAudit = async (organizationId: string, exportId: string) => {
  const [row] = await test.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, organizationId), eq(auditLog.action, "export"), eq(auditLog.targetId, exportId)));
  return row;
};

type World = { organizationId: string; admin: Client; head: Client; headUser: BuiltUser };
const w = {} as World;

beforeAll(async () => {
  const org = await buildOrganization(test.database);
  w.organizationId = org.organizationId;
  w.headUser = await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Hanna Head" });
  w.admin = await signedIn(test, org.admin);
  w.head = await signedIn(test, w.headUser);
});

describe("the payroll export goes through the export gate", () => {
  it("is logged with its hash, watermarked, traced, and refused to a role the settings leave out", async () => {
    const file = await download(w.head, "/api/v1/pay/export?month=2026-11&layout=1c&locale=ru");
    expect(file.status).toBe(200);
    expect(file.headers["content-disposition"]).toBe('attachment; filename="payroll-2026-11-1c.xlsx"');
    const exportId = String(file.headers["x-export-id"]);
    const row = await logEntry(w.organizationId, exportId);
    expect(row).toMatchObject({ userId: w.headUser.id, entity: "payroll", format: "xlsx", fileHash: sha(file.bytes), filter: { month: "2026-11", layout: "1c" } });
    expect(await exportAudit(w.organizationId, exportId)).toMatchObject({ actorId: w.headUser.id, details: { entity: "payroll", fileHash: sha(file.bytes) } });

    const workbook = new ExcelJS.Workbook();
    const bytes = new ArrayBuffer(file.bytes.byteLength);
    new Uint8Array(bytes).set(file.bytes);
    await workbook.xlsx.load(bytes);
    // The 1C sheet stays first; the watermark is the last sheet and the document's keywords.
    expect(String(workbook.worksheets[0]?.getRow(1).getCell(1).value)).toBe("Табельный номер");
    expect(workbook.keywords).toBe(`conveyor-export:${exportId}`);
    expect(String(workbook.worksheets.at(-1)?.getRow(1).getCell(1).value)).toContain(`Conveyor export ${exportId} · Hanna Head`);

    const traced = await w.head.get<ExportTrace>(`/api/v1/exports/trace?hash=${sha(file.bytes)}`);
    expect(traced.body).toMatchObject({ match: "hash", export: { id: exportId, entity: "payroll", user: { id: w.headUser.id } } });

    // An approval request may name it (the month counted now).
    const asked = await w.head.post<ExportRequest>("/api/v1/exports/requests", { entity: "payroll", query: { month: "2026-11" } });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ entity: "payroll", format: "xlsx", status: "pending" });
    const badAsk = await w.head.post<Problem>("/api/v1/exports/requests", { entity: "payroll", query: { month: "November" } });
    expect(badAsk.status).toBe(400);
    expect(badAsk.body.errors?.[0]?.field).toBe("query.month");

    expect((await w.admin.put("/api/v1/exports/settings", { exportRoles: ["admin"] })).status).toBe(200);
    const refused = await download(w.head, "/api/v1/pay/export?month=2026-11");
    expect(refused.status).toBe(403);
    expect(refused.json().code).toBe("forbidden");
    expect((await download(w.admin, "/api/v1/pay/export?month=2026-11")).status).toBe(200);
    expect((await w.admin.put("/api/v1/exports/settings", { exportRoles: ["admin", "head_of_sales"] })).status).toBe(200);
  });
});

describe("an import's error report is an export", () => {
  it("is logged (who, rows, hash), traced, and gated by the export permission", async () => {
    const csv = ["Название;Телефон", "ООО Альфа;+7 912 345-67-89", "Без телефона;12", "Ещё без телефона;34"].join("\n");
    const uploaded = await w.head.upload<ImportJob>("/api/v1/imports?entity=companies&fileName=clients.csv", csv, "text/csv");
    expect(uploaded.status).toBe(201);
    const started = await w.head.post<ImportJob>(`/api/v1/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping, onDuplicate: "skip" });
    expect(started.status).toBe(202);
    await test.app.imports.idle();

    const report = await download(w.head, `/api/v1/imports/${uploaded.body.id}/report`);
    expect(report.status).toBe(200);
    expect(report.headers["content-disposition"]).toBe(`attachment; filename="import-errors-${uploaded.body.id.slice(0, 8)}.csv"`);
    expect(report.headers["x-export-rows"]).toBe("2");
    const text = report.bytes.toString("utf8");
    expect(text).toContain("3,phone,invalid_phone");
    expect(text).toContain("Без телефона");
    const exportId = String(report.headers["x-export-id"]);
    expect(await logEntry(w.organizationId, exportId)).toMatchObject({
      userId: w.headUser.id,
      entity: "import_errors",
      format: "csv",
      rows: 2,
      fileHash: sha(report.bytes),
      filter: { importId: uploaded.body.id },
    });
    expect(await exportAudit(w.organizationId, exportId)).toMatchObject({ details: { entity: "import_errors", rows: 2 } });
    const log = await w.admin.get<{ items: ExportLogEntry[] }>(`/api/v1/exports/log?userId=${w.headUser.id}`);
    expect(log.body.items.find((e) => e.id === exportId)).toMatchObject({ entity: "import_errors", rows: 2 });
    // The invisible mark finds the file even after its bytes change.
    const changed = Buffer.from(text.split("\r\n").slice(1).join("\r\n"));
    const traced = await w.admin.request<ExportTrace>("POST", "/api/v1/exports/trace", undefined, {}, { payload: changed, contentType: "text/csv" });
    expect(traced.body).toMatchObject({ match: "mark", export: { id: exportId } });

    expect((await w.admin.put("/api/v1/exports/settings", { exportRoles: ["admin"] })).status).toBe(200);
    const refused = await download(w.head, `/api/v1/imports/${uploaded.body.id}/report`);
    expect(refused.status).toBe(403);
    expect((await download(w.admin, `/api/v1/imports/${uploaded.body.id}/report`)).status).toBe(200);
    expect((await w.admin.put("/api/v1/exports/settings", { exportRoles: ["admin", "head_of_sales"] })).status).toBe(200);
    expect((await download(w.head, "/api/v1/imports/00000000-0000-4000-8000-000000000000/report")).status).toBe(404);
  });
});

describe("the audit log's period is read in the organization's time zone", () => {
  it("takes days as the organization's days and date-times as exact instants", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    expect((await admin.patch("/api/v1/organization", { timeZone: "Asia/Tehran" })).status).toBe(200);
    // Tehran is UTC+03:30: 7 December there runs from 6 December 20:30 UTC to 7 December 20:30 UTC.
    const instants = ["2026-12-06T20:00:00Z", "2026-12-06T21:00:00Z", "2026-12-07T20:00:00Z", "2026-12-07T21:00:00Z"];
    for (const [index, at] of instants.entries()) {
      await appendAudit(test.database.db, {
        organizationId: org.organizationId,
        actorId: org.admin.id,
        action: "settings_changed",
        targetKind: "tz_probe",
        targetId: String(index),
        at: new Date(at),
      });
    }
    const ids = (page: AuditPage) => page.items.map((e) => e.targetId).sort();
    const day = await admin.get<AuditPage>("/api/v1/audit?targetKind=tz_probe&from=2026-12-07&to=2026-12-07");
    expect(day.status).toBe(200);
    expect(ids(day.body)).toEqual(["1", "2"]);
    const fromOnly = await admin.get<AuditPage>("/api/v1/audit?targetKind=tz_probe&from=2026-12-08");
    expect(ids(fromOnly.body)).toEqual(["3"]);
    const exact = await admin.get<AuditPage>(`/api/v1/audit?targetKind=tz_probe&from=${encodeURIComponent("2026-12-06T20:00:00Z")}&to=${encodeURIComponent("2026-12-06T21:00:00Z")}`);
    expect(ids(exact.body)).toEqual(["0", "1"]);
    const backwards = await admin.get<Problem>("/api/v1/audit?from=2026-12-08&to=2026-12-07");
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors?.[0]?.field).toBe("to");
    const bad = await admin.get<Problem>("/api/v1/audit?from=07.12.2026");
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.field).toBe("query.from");
  });
});

describe("TOTP secrets are sealed at rest", () => {
  const challengeOf = (reply: Reply): string => {
    const raw = reply.headers["set-cookie"];
    const lines = Array.isArray(raw) ? raw.map(String) : [String(raw ?? "")];
    const value = lines.find((l) => l.startsWith(`${signInChallengeCookie}=`))?.split(";")[0]?.slice(signInChallengeCookie.length + 1);
    if (!value) throw new Error(`no challenge cookie in ${JSON.stringify(raw)}`);
    return value;
  };
  const signInWithCode = async (user: BuiltUser, secret: string) => {
    const client = new TestClient(test);
    const first = await client.signIn(user.email);
    expect(first.status).toBe(202);
    return client.request("POST", "/api/v1/auth/two-factor", { code: totpCode(secret, test.clock.now) }, { cookie: `${signInChallengeCookie}=${challengeOf(first)}` });
  };
  const storedSecret = async (user: BuiltUser) => {
    const [row] = await test.database.db.select({ secret: twoFactorSecrets.secret }).from(twoFactorSecrets).where(eq(twoFactorSecrets.userId, user.id));
    return row?.secret ?? "";
  };
  const enroll = async (user: BuiltUser) => {
    const client = await signedIn(test, user);
    const started = await client.post<TwoFactorEnrollment>("/api/v1/me/two-factor/enroll");
    expect((await client.post("/api/v1/me/two-factor/confirm", { code: totpCode(started.body.secret, test.clock.now) })).status).toBe(200);
    // The next code is of the next 30-second step (a used step is refused).
    test.clock.advance(31_000);
    return started.body.secret;
  };

  it("stores the secret sealed (AES-256-GCM, v1:), never in the clear; the code still signs in", async () => {
    const user = await buildUser(test.database, w.organizationId, { role: "head_of_sales" });
    const client = await signedIn(test, user);
    const started = await client.post<TwoFactorEnrollment>("/api/v1/me/two-factor/enroll");
    const pending = await storedSecret(user);
    expect(pending).toMatch(/^v1:[A-Za-z0-9_-]+$/);
    expect(pending).not.toContain(started.body.secret);
    expect(openSecret(testKeys.twoFactor, pending)).toBe(started.body.secret);
    expect((await client.post("/api/v1/me/two-factor/confirm", { code: totpCode(started.body.secret, test.clock.now) })).status).toBe(200);
    test.clock.advance(31_000);
    expect((await signInWithCode(user, started.body.secret)).status).toBe(200);
    // Another installation's key does not open it.
    expect(() => openSecret(keysFromSecret("another-installation-secret-0123456789").twoFactor, pending)).toThrow(/does not open/);
  });

  it("seals secrets stored in the clear before: all at start, or one when it is used", async () => {
    const user = await buildUser(test.database, w.organizationId);
    const secret = await enroll(user);
    const setPlain = () => test.database.db.update(twoFactorSecrets).set({ secret }).where(eq(twoFactorSecrets.userId, user.id));

    await setPlain();
    expect(await sealPlainTwoFactorSecrets(test.database.db, testKeys)).toBeGreaterThanOrEqual(1);
    const sealed = await storedSecret(user);
    expect(sealed.startsWith("v1:")).toBe(true);
    expect(openSecret(testKeys.twoFactor, sealed)).toBe(secret);
    expect((await signInWithCode(user, secret)).status).toBe(200);

    await setPlain();
    test.clock.advance(31_000);
    expect((await signInWithCode(user, secret)).status).toBe(200);
    expect((await storedSecret(user)).startsWith("v1:")).toBe(true);
  });
});

describe("an admin resets another person's two-factor", () => {
  it("not their own: that goes off only with the password, in the profile", async () => {
    const refused = await w.admin.delete<Problem>(`/api/v1/organization/security/two-factor/${(await w.admin.get<{ user: { id: string } }>("/api/v1/auth/session")).body.user.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("forbidden");
  });
});
