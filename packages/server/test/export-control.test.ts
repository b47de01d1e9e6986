import { createHash } from "node:crypto";
import type { ExportControlSettings, ExportLogEntry, ExportRequest, ExportTrace, NotificationList, Problem } from "@conveyor/contracts";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, exportLog } from "../src/db/schema";
import { buildOrganization, buildUser, signedIn, type BuiltUser, type TestClient, useTestApp } from "./harness";

const test = useTestApp();
const sha = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

type World = { organizationId: string; admin: TestClient; head: TestClient; headUser: BuiltUser; seller: TestClient; sellerUser: BuiltUser; lead: TestClient };
const w = {} as World;

/** The raw bytes of a download (the harness keeps text). */
const download = async (as: TestClient, url: string) => {
  const response = await test.app.inject({ method: "GET", url, headers: { cookie: `conveyor_session=${as.cookie}` } });
  return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload, json: () => JSON.parse(response.body) as Problem };
};

const upload = async (as: TestClient, bytes: Buffer, contentType: string) => {
  const reply = await as.request<ExportTrace>("POST", "/api/v1/exports/trace", undefined, {}, { payload: bytes, contentType });
  expect(reply.status).toBe(200);
  return reply.body;
};

beforeAll(async () => {
  const org = await buildOrganization(test.database);
  w.organizationId = org.organizationId;
  w.headUser = await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Hanna Head" });
  w.sellerUser = await buildUser(test.database, org.organizationId, { name: "Semyon Seller" });
  const leadUser = await buildUser(test.database, org.organizationId, { role: "team_lead", name: "Lev Lead" });
  w.admin = await signedIn(test, org.admin);
  w.head = await signedIn(test, w.headUser);
  w.seller = await signedIn(test, w.sellerUser);
  w.lead = await signedIn(test, leadUser);
  for (const name of ["Export A", "Export B", "Export C"]) {
    const reply = await w.admin.post("/api/v1/companies", { name, ownerId: w.sellerUser.id });
    expect(reply.status).toBe(201);
  }
});

describe("export permission", () => {
  it("is off for sellers and team leads by default: 403 forbidden on every export path", async () => {
    for (const as of [w.seller, w.lead]) {
      for (const url of ["/api/v1/companies/export?format=csv", "/api/v1/deals/export?format=csv", "/api/v1/kpi/export?report=dashboard"]) {
        const refused = await as.get<Problem>(url);
        expect({ url, status: refused.status, code: refused.body.code }).toEqual({ url, status: 403, code: "forbidden" });
      }
      const asked = await as.post<Problem>("/api/v1/exports/requests", { entity: "companies", query: { format: "csv" } });
      expect(asked.status).toBe(403);
    }
    const me = await w.seller.get<{ mayExport: boolean; masked: boolean }>("/api/v1/exports/me");
    expect(me.body).toMatchObject({ mayExport: false, masked: false });
  });

  it("admins change the settings; heads read them; others may not", async () => {
    const initial = await w.head.get<ExportControlSettings>("/api/v1/exports/settings");
    expect(initial.body).toMatchObject({ exportRoles: ["admin", "head_of_sales"], approvalThreshold: 1000, revealDailyCap: 50 });
    expect((await w.head.put("/api/v1/exports/settings", { approvalThreshold: 2 })).status).toBe(403);
    expect((await w.seller.get("/api/v1/exports/settings")).status).toBe(403);
    const bad = await w.admin.put<Problem>("/api/v1/exports/settings", { approvalThreshold: -1, exportRoles: ["boss"] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(["approvalThreshold", "exportRoles.0"]);
    const saved = await w.admin.put<ExportControlSettings>("/api/v1/exports/settings", { exportRoles: ["head_of_sales", "seller"], approvalThreshold: 2, approvalValidHours: 24 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ exportRoles: ["head_of_sales", "seller"], approvalThreshold: 2 });
    const [audit] = await test.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, w.organizationId), eq(auditLog.action, "settings_changed")));
    expect(audit?.targetKind).toBe("export_settings");
  });
});

describe("export above the threshold", () => {
  let requestId = "";
  let fileBytes: Buffer = Buffer.alloc(0);

  it("needs the head's approval: the seller gets 409 export_approval_required, a head exports at once", async () => {
    const refused = await w.seller.get<Problem>("/api/v1/companies/export?format=csv");
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("export_approval_required");
    // Within the threshold the seller exports directly.
    const small = await w.seller.get<string>("/api/v1/companies/export?format=csv&q=Export%20A");
    expect(small.status).toBe(200);
    expect(small.headers["x-export-rows"]).toBe("1");
    // People who export only by permission see the watermark as the last row.
    expect(small.raw).toMatch(/Conveyor export [0-9a-f-]{36} · Semyon Seller/);
    const head = await w.head.get<string>("/api/v1/companies/export?format=csv");
    expect(head.status).toBe(200);
    expect(head.headers["x-export-rows"]).toBe("3");
  });

  it("request → the head is told → approves → the seller downloads once", async () => {
    const bad = await w.seller.post<Problem>("/api/v1/exports/requests", { entity: "companies", query: { format: "pdf" } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.field).toBe("query.format");

    const asked = await w.seller.post<ExportRequest>("/api/v1/exports/requests", { entity: "companies", query: { format: "csv", locale: "en" }, reason: "Calls for the week" });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: "pending", rows: 3, requester: { id: w.sellerUser.id }, format: "csv", locale: "en" });
    requestId = asked.body.id;

    const notes = await w.head.get<NotificationList>("/api/v1/me/notifications");
    expect(notes.body.items.find((n) => n.kind === "export_requested")).toMatchObject({ review: { seller: { id: w.sellerUser.id }, figures: { rows: 3 } } });

    // Not approved yet: nothing to download; the seller cannot approve; others see the request only as heads.
    expect((await download(w.seller, `/api/v1/exports/requests/${requestId}/download`)).json().code).toBe("export_request_not_ready");
    const sellerApproves = await w.seller.post(`/api/v1/exports/requests/${requestId}/approve`);
    expect(sellerApproves.status).toBe(403);
    expect((await w.lead.get(`/api/v1/exports/requests/${requestId}`)).status).toBe(404);
    const approvals = await w.head.get<{ items: ExportRequest[] }>("/api/v1/exports/requests?status=pending");
    expect(approvals.body.items.map((r) => r.id)).toContain(requestId);
    const own = await w.seller.get<{ items: ExportRequest[] }>("/api/v1/exports/requests");
    expect(own.body.items.map((r) => r.id)).toEqual([requestId]);

    const approved = await w.head.post<ExportRequest>(`/api/v1/exports/requests/${requestId}/approve`, { note: "OK" });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", decidedBy: { id: w.headUser.id }, decisionNote: "OK" });
    expect(approved.body.expiresAt).not.toBeNull();
    expect((await w.head.post<Problem>(`/api/v1/exports/requests/${requestId}/reject`)).body.code).toBe("export_request_not_ready");
    const told = await w.seller.get<NotificationList>("/api/v1/me/notifications");
    expect(told.body.items.find((n) => n.kind === "export_decided")?.review?.figures).toEqual({ rows: 3, approved: 1 });

    // Only the requester downloads it.
    expect((await download(w.head, `/api/v1/exports/requests/${requestId}/download`)).status).toBe(404);
    const file = await download(w.seller, `/api/v1/exports/requests/${requestId}/download`);
    expect(file.status).toBe(200);
    expect(file.headers["x-export-rows"]).toBe("3");
    fileBytes = file.bytes;
    const again = await download(w.seller, `/api/v1/exports/requests/${requestId}/download`);
    expect(again.status).toBe(409);
    expect(again.json().code).toBe("export_request_not_ready");
    expect((await w.seller.get<ExportRequest>(`/api/v1/exports/requests/${requestId}`)).body.status).toBe("downloaded");
  });

  it("every export is logged with its row count and the file's hash, and in the audit log", async () => {
    const log = await w.head.get<{ items: ExportLogEntry[] }>(`/api/v1/exports/log?userId=${w.sellerUser.id}`);
    const entry = log.body.items.find((e) => e.requestId === requestId);
    expect(entry).toMatchObject({ user: { id: w.sellerUser.id, name: "Semyon Seller" }, entity: "companies", format: "csv", rows: 3, fileHash: sha(fileBytes) });
    expect(entry?.watermark).toContain(`Conveyor export ${entry?.id}`);
    const rows = await test.database.db.select().from(exportLog).where(eq(exportLog.organizationId, w.organizationId));
    expect(rows.length).toBe(3);
    expect(rows.every((r) => r.fileHash?.length === 64)).toBe(true);
    const audits = await test.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, w.organizationId), eq(auditLog.action, "export")));
    expect(audits.map((a) => a.targetId).sort()).toEqual(rows.map((r) => r.id).sort());
    const approvedAudit = await test.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, w.organizationId), eq(auditLog.action, "export_approved")));
    expect(approvedAudit.map((a) => a.targetId)).toEqual([requestId]);
    expect((await w.seller.get("/api/v1/exports/log")).status).toBe(403);
  });

  it("the watermark traces a file back: by its hash, and by the mark inside a changed copy", async () => {
    const byHash = await w.head.get<ExportTrace>(`/api/v1/exports/trace?hash=${sha(fileBytes)}`);
    expect(byHash.body).toMatchObject({ match: "hash", export: { user: { id: w.sellerUser.id }, requestId } });
    expect(await upload(w.head, fileBytes, "text/csv")).toMatchObject({ match: "hash", export: { requestId } });
    // Someone deletes the header and a row: the bytes change, the mark stays.
    const text = fileBytes.toString("utf8");
    const changed = Buffer.from(text.split("\n").slice(2).join("\n"));
    expect(await upload(w.head, changed, "text/csv")).toMatchObject({ match: "mark", export: { requestId, user: { name: "Semyon Seller" } } });
    // The same with only the visible line left (the whitespace stripped by an editor).
    expect(await upload(w.head, Buffer.from(text.trimEnd()), "text/csv")).toMatchObject({ match: "mark", export: { requestId } });
    expect(await upload(w.head, Buffer.from("Name\nNobody\n"), "text/csv")).toEqual({ match: null, export: null });
    const badHash = await w.head.get<Problem>("/api/v1/exports/trace?hash=xyz");
    expect(badHash.status).toBe(400);
    expect(badHash.body.errors?.[0]?.field).toBe("query.hash");
  });

  it("an XLSX keeps its first sheet, carries a watermark sheet and properties, and traces after a re-save", async () => {
    const file = await download(w.head, "/api/v1/companies/export?format=xlsx&locale=ru");
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    const bytes = new ArrayBuffer(file.bytes.byteLength);
    new Uint8Array(bytes).set(file.bytes);
    await workbook.xlsx.load(bytes);
    expect(workbook.worksheets[0]?.rowCount).toBe(4);
    expect(workbook.worksheets[0]?.headerFooter.oddFooter).toContain("Hanna Head");
    const exportId = String(file.headers["x-export-id"]);
    expect(workbook.keywords).toBe(`conveyor-export:${exportId}`);
    expect(String(workbook.worksheets.at(-1)?.getRow(1).getCell(1).value)).toContain(`Conveyor export ${exportId} · Hanna Head`);
    // Opened and saved again: other bytes, the same export.
    workbook.worksheets[0]?.addRow(["Added later"]);
    const resaved = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await upload(w.head, resaved, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).toMatchObject({ match: "mark", export: { id: exportId, user: { id: w.headUser.id } } });
  });

  it("a rejected or expired request cannot be downloaded", async () => {
    const rejectMe = await w.seller.post<ExportRequest>("/api/v1/exports/requests", { entity: "deals", query: { format: "xlsx" } });
    expect(rejectMe.status).toBe(201);
    const rejected = await w.head.post<ExportRequest>(`/api/v1/exports/requests/${rejectMe.body.id}/reject`, { note: "No" });
    expect(rejected.body.status).toBe("rejected");
    expect((await download(w.seller, `/api/v1/exports/requests/${rejectMe.body.id}/download`)).status).toBe(409);

    const late = await w.seller.post<ExportRequest>("/api/v1/exports/requests", { entity: "report", query: { report: "dashboard" } });
    expect(late.status).toBe(201);
    await w.head.post(`/api/v1/exports/requests/${late.body.id}/approve`);
    test.clock.advance(25 * 3_600_000);
    expect((await w.seller.get<ExportRequest>(`/api/v1/exports/requests/${late.body.id}`)).body.status).toBe("expired");
    const expired = await download(w.seller, `/api/v1/exports/requests/${late.body.id}/download`);
    expect(expired.status).toBe(409);
    expect(expired.json().code).toBe("export_request_not_ready");
    // The head cannot approve their own request; admins export without asking.
    const headAsks = await w.head.post<ExportRequest>("/api/v1/exports/requests", { entity: "companies", query: { format: "csv" } });
    expect((await w.head.post<Problem>(`/api/v1/exports/requests/${headAsks.body.id}/approve`)).status).toBe(403);
  });
});
