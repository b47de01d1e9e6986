import type { OffboardResult, OffboardingReport, Problem, User } from "@conveyor/contracts";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { companies, companyShares, tasks } from "../src/db/schema";
import { buildOrganization, buildUser, signedIn, type BuiltUser, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

type World = {
  organizationId: string;
  admin: TestClient;
  head: TestClient;
  leaver: TestClient;
  leaverUser: BuiltUser;
  taker: BuiltUser;
  keeper: BuiltUser;
  ownClients: string[];
  othersClient: string;
  looseTaskId: string;
  othersTaskId: string;
};
const w = {} as World;

beforeAll(async () => {
  test.clock.now = new Date("2026-12-09T09:00:00Z");
  const org = await buildOrganization(test.database);
  w.organizationId = org.organizationId;
  const headUser = await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Head" });
  w.leaverUser = await buildUser(test.database, org.organizationId, { name: "Leaving Lena" });
  w.taker = await buildUser(test.database, org.organizationId, { name: "Taking Tom" });
  w.keeper = await buildUser(test.database, org.organizationId, { name: "Keeping Kate" });
  w.admin = await signedIn(test, org.admin);
  w.head = await signedIn(test, headUser);
  w.leaver = await signedIn(test, w.leaverUser);
  w.ownClients = [];
  for (const name of ["Lena One", "Lena Two"]) {
    const company = await w.admin.post<{ id: string }>("/api/v1/companies", { name, ownerId: w.leaverUser.id });
    w.ownClients.push(company.body.id);
    await w.admin.post("/api/v1/tasks", { companyId: company.body.id, assigneeId: w.leaverUser.id, title: `Call ${name}`, dueAt: "2026-12-10T09:00:00Z" });
  }
  await w.admin.post("/api/v1/deals", { companyId: w.ownClients[0], ownerId: w.leaverUser.id, title: "Lena's deal", amountMinor: 100_000 });
  const contact = await w.admin.post<{ id: string }>(`/api/v1/companies/${w.ownClients[0]}/contacts`, { name: "Pavel", phones: ["+74951112233"] });
  // A client of Kate's shared with Lena, with a task of Lena's on it; and a task on no client.
  const others = await w.admin.post<{ id: string }>("/api/v1/companies", { name: "Kate's client", ownerId: w.keeper.id });
  w.othersClient = others.body.id;
  await test.database.db.insert(companyShares).values({ organizationId: org.organizationId, companyId: w.othersClient, userId: w.leaverUser.id });
  w.othersTaskId = (await w.admin.post<{ id: string }>("/api/v1/tasks", { companyId: w.othersClient, assigneeId: w.leaverUser.id, title: "Help Kate", dueAt: "2026-12-10T09:00:00Z" })).body.id;
  w.looseTaskId = (await w.admin.post<{ id: string }>("/api/v1/tasks", { assigneeId: w.leaverUser.id, title: "Expense report", dueAt: "2026-12-10T09:00:00Z" })).body.id;

  // Lena's last days: she opens cards, exports a list and reveals a phone.
  await w.admin.put("/api/v1/exports/settings", { exportRoles: ["head_of_sales", "seller"], revealRoles: ["head_of_sales"], revealDailyCap: 5 });
  await w.leaver.get(`/api/v1/companies/${w.ownClients[0]}`);
  await w.leaver.get(`/api/v1/companies/${w.ownClients[0]}`);
  await w.leaver.get(`/api/v1/companies/${w.othersClient}`);
  const exported = await w.leaver.get("/api/v1/companies/export?format=csv");
  expect(exported.status).toBe(200);
  expect((await w.leaver.post("/api/v1/reveals", { contactId: contact.body.id, field: "phones" })).status).toBe(200);
});

describe("offboarding", () => {
  it("is for heads of sales and admins; not for oneself", async () => {
    expect((await w.leaver.post<Problem>(`/api/v1/offboarding/${w.taker.id}`, { reason: "x" })).status).toBe(403);
    expect((await w.leaver.get(`/api/v1/offboarding/${w.taker.id}/report`)).status).toBe(403);
    const self = await w.head.get<{ id: string }>("/api/v1/me");
    expect((await w.head.post<Problem>(`/api/v1/offboarding/${self.body.id}`, { reason: "x" })).body.code).toBe("cannot_deactivate_self");
    const noReason = await w.head.post<Problem>(`/api/v1/offboarding/${w.leaverUser.id}`, { mode: "manual", toUserIds: [w.taker.id] });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors?.[0]?.field).toBe("reason");
  });

  it("hands the clients and tasks on, deactivates, and reports what they opened and exported in 30 days", async () => {
    const reply = await w.head.post<OffboardResult>(`/api/v1/offboarding/${w.leaverUser.id}`, { mode: "manual", toUserIds: [w.taker.id], reason: "Leaves the company" });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ clients: 2, deals: 1, tasks: 4 });
    expect(reply.body.redistributionId).not.toBeNull();
    const owners = await test.database.db.select({ ownerId: companies.ownerId }).from(companies).where(and(eq(companies.organizationId, w.organizationId), eq(companies.ownerId, w.taker.id)));
    expect(owners).toHaveLength(2);
    const [others] = await test.database.db.select({ assigneeId: tasks.assigneeId }).from(tasks).where(eq(tasks.id, w.othersTaskId));
    expect(others?.assigneeId).toBe(w.keeper.id);
    const [loose] = await test.database.db.select({ assigneeId: tasks.assigneeId }).from(tasks).where(eq(tasks.id, w.looseTaskId));
    expect(loose?.assigneeId).not.toBe(w.leaverUser.id);
    const user = await w.head.get<User>(`/api/v1/users/${w.leaverUser.id}`);
    expect(user.body.status).toBe("deactivated");
    // Her session ended with the deactivation.
    expect((await w.leaver.get("/api/v1/me")).status).toBe(401);

    const report = reply.body.report;
    expect(report.user).toMatchObject({ id: w.leaverUser.id, status: "deactivated" });
    expect(report.cardOpens).toMatchObject({ total: 3, otherClients: 1 });
    expect(report.cardOpens.clients.map((c) => [c.company.name, c.opens, c.own])).toEqual([
      ["Lena One", 2, true],
      ["Kate's client", 1, false],
    ]);
    expect(report.exports).toHaveLength(1);
    // Her two clients and the one shared with her.
    expect(report.exports[0]).toMatchObject({ entity: "companies", rows: 3 });
    expect(report.exports[0]?.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(report.reveals.total).toBe(1);
    expect(report.reveals.items[0]).toMatchObject({ targetKind: "contact", field: "phones", company: { name: "Lena One" } });
    expect(report.stillOwned).toEqual({ clients: 0, openTasks: 0 });
    expect(new Date(report.until).getTime() - new Date(report.since).getTime()).toBe(30 * 86_400_000);

    const again = await w.head.get<OffboardingReport>(`/api/v1/offboarding/${w.leaverUser.id}/report`);
    expect(again.body.cardOpens.total).toBe(3);
    expect(again.body.exports).toHaveLength(1);
  });

  it("nothing to hand on still deactivates; nobody to take the clients changes nothing", async () => {
    const empty = await buildUser(test.database, w.organizationId, { name: "Empty Eve" });
    const done = await w.head.post<OffboardResult>(`/api/v1/offboarding/${empty.id}`, { reason: "Trial ended" });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ redistributionId: null, clients: 0 });
    const stuck = await buildUser(test.database, w.organizationId, { name: "Stuck Sam" });
    await w.admin.post("/api/v1/companies", { name: "Sam's", ownerId: stuck.id });
    const nobody = await w.head.post<Problem>(`/api/v1/offboarding/${stuck.id}`, { mode: "manual", toUserIds: [empty.id], reason: "x" });
    expect(nobody.status).toBeGreaterThanOrEqual(400);
    expect((await w.head.get<User>(`/api/v1/users/${stuck.id}`)).body.status).toBe("active");
  });
});
