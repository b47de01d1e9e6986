import type {
  ApiToken,
  ConveyorProfile,
  ConveyorSettings,
  Department,
  Handover,
  HandoverPage,
  HandoverPreview,
  HandoverRule,
  LevelReport,
  NotificationList,
  OrgChart,
  Organization,
  Problem,
  RestructureAdvice,
  StaffingAdvice,
  SweepResult,
  Team,
  User,
  UserPage,
} from "@conveyor/contracts";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { exportLog } from "../src/db/schema";
import { buildOrganization, buildUser, signedIn, TestClient, testPassword, type BuiltUser, useTestApp } from "./harness";

const test = useTestApp();

/*
 * The organization wall: an admin of A tries every /api/v1 route against B's records.
 * Out-of-scope ids must answer 404, exactly like missing ones, and nothing of B may show up
 * in lists, searches or counts, or be changed. A route missing from this matrix fails the test.
 */

type World = {
  a: TestClient;
  aAdmin: BuiltUser;
  bAdmin: BuiltUser;
  bSeller: BuiltUser;
  bTokenId: string;
  bOrganizationId: string;
  bClient: TestClient;
  bCompanyId: string;
  bContactId: string;
  bTaskId: string;
  bPipeline: { id: string; name: string; stages: Array<{ id: string; name: string; probability: number; kind: string }> };
  bDealId: string;
  bOrderId: string;
  bProductId: string;
  bCustomFieldId: string;
  bSavedViewId: string;
  bImportId: string;
  bDraftImportId: string;
  aOrganizationId: string;
  bDepartmentId: string;
  bTeamId: string;
  bRuleId: string;
  bHandedCompanyId: string;
  bWaitingCompanyId: string;
  bHandoverId: string;
  bNotificationId: string;
};

const world = {} as World;

beforeAll(async () => {
  const orgA = await buildOrganization(test.database, { name: "Alpha" });
  const orgB = await buildOrganization(test.database, { name: "Bravo" });
  const bSeller = await buildUser(test.database, orgB.organizationId, { name: "Bravo Seller" });
  const bClient = await signedIn(test, orgB.admin);
  const token = await bClient.post<{ apiToken: ApiToken }>("/api/v1/api-tokens", { name: "B integration" });
  const company = await bClient.post<{ id: string }>("/api/v1/companies", { name: "Bravo Client", legalId: "7707083893", region: "Bravo Region" });
  const contact = await bClient.post<{ id: string }>(`/api/v1/companies/${company.body.id}/contacts`, { name: "Bravo Contact", emails: ["bravo@example.test"] });
  const task = await bClient.post<{ id: string }>("/api/v1/tasks", { title: "Bravo task", dueAt: new Date().toISOString(), companyId: company.body.id });
  const pipelines = await bClient.get<{ items: World["bPipeline"][] }>("/api/v1/pipelines");
  const bPipeline = pipelines.body.items[0];
  const deal = await bClient.post<{ id: string }>("/api/v1/deals", { companyId: company.body.id, title: "Bravo deal", amountMinor: 500 });
  const wonStage = bPipeline?.stages.find((st) => st.kind === "won");
  await bClient.post(`/api/v1/deals/${deal.body.id}/move`, { stageId: wonStage?.id });
  const order = await bClient.post<{ id: string }>(`/api/v1/deals/${deal.body.id}/orders`, { amountMinor: 500, orderedOn: "2026-11-01" });
  await bClient.post(`/api/v1/orders/${order.body.id}/payments`, { amountMinor: 500, paidOn: "2026-11-02" });
  const product = await bClient.post<{ id: string }>("/api/v1/products", { name: "Bravo product", priceMinor: 100 });
  await bClient.request("PUT", `/api/v1/deals/${deal.body.id}/items`, { items: [{ productId: product.body.id, quantity: 5 }] });
  const field = await bClient.post<{ id: string }>("/api/v1/custom-fields", { entity: "company", label: "Segment", type: "select", options: ["Bravo tier"] });
  await bClient.patch(`/api/v1/companies/${company.body.id}`, { custom: { segment: "Bravo tier" } });
  const view = await bClient.post<{ id: string }>("/api/v1/saved-views", { entity: "companies", name: "Bravo view", query: { "cf.segment": "Bravo tier" }, shared: true });
  Object.assign(world, { bCustomFieldId: field.body.id, bSavedViewId: view.body.id });
  const bImport = await bClient.upload<{ id: string; mapping: (string | null)[] }>("/api/v1/imports?entity=companies&fileName=b.csv", "Name,INN\nImported Co,500100732259\n");
  await bClient.post(`/api/v1/imports/${bImport.body.id}/start`, { mapping: bImport.body.mapping, onDuplicate: "skip" });
  await test.app.imports.idle();
  const bDraft = await bClient.upload<{ id: string }>("/api/v1/imports?entity=companies&fileName=b2.csv", "Name\nBravo Draft\n");
  Object.assign(world, { bImportId: bImport.body.id, bDraftImportId: bDraft.body.id });
  // [conveyor] B's structure, a handover (with its notices), a rule with a client waiting for the sweep, and exports.
  await bClient.patch("/api/v1/conveyor/settings", { structureVariant: "matrix_product", giverAccessDays: 9, stuckAfterDays: 13 });
  await bClient.patch(`/api/v1/conveyor/people/${bSeller.id}`, { level: "L2", salesRole: "sales_manager", matrix: [{ kind: "product", value: product.body.id }] });
  const bDepartment = await bClient.post<Department>("/api/v1/departments", { name: "B new business", kind: "new_business", headUserId: orgB.admin.id });
  const bTeam = await bClient.post<Team>("/api/v1/teams", {
    name: "B hunters",
    level: "L2",
    departmentId: bDepartment.body.id,
    leadUserId: orgB.admin.id,
    memberIds: [bSeller.id],
  });
  const handed = await bClient.post<{ id: string }>("/api/v1/companies", { name: "Handed Co", level: "L1" });
  const bHandover = await bClient.post<Handover>(`/api/v1/companies/${handed.body.id}/handover`, { toUserId: bSeller.id, comment: "B only" });
  // Hot on L1 before the rule exists: only B's own sweep may move it to B's L2 seller.
  const waiting = await bClient.post<{ id: string }>("/api/v1/companies", { name: "Waiting Co", level: "L1", temperature: "hot" });
  const bRule = await bClient.post<HandoverRule>("/api/v1/conveyor/rules", { name: "B hot to L2", enabled: true, rule: { kind: "hot" } });
  for (let i = 0; i < 3; i += 1) await bClient.get("/api/v1/companies/export?format=csv");
  const bNotes = await bClient.get<NotificationList>("/api/v1/me/notifications");
  if ([bDepartment.status, bTeam.status, bHandover.status, bRule.status].some((s) => s !== 201) || bNotes.body.unread !== 1) {
    throw new Error(`B's conveyor setup failed: ${bDepartment.raw} ${bTeam.raw} ${bHandover.raw} ${bRule.raw} ${bNotes.raw}`);
  }
  Object.assign(world, {
    aOrganizationId: orgA.organizationId,
    bDepartmentId: bDepartment.body.id,
    bTeamId: bTeam.body.id,
    bRuleId: bRule.body.id,
    bHandedCompanyId: handed.body.id,
    bWaitingCompanyId: waiting.body.id,
    bHandoverId: bHandover.body.id,
    bNotificationId: bNotes.body.items[0]?.id,
  });
  Object.assign(world, {
    bOrderId: order.body.id,
    bProductId: product.body.id,
    bPipeline,
    bDealId: deal.body.id,
    bCompanyId: company.body.id,
    bContactId: contact.body.id,
    bTaskId: task.body.id,
    a: await signedIn(test, orgA.admin),
    aAdmin: orgA.admin,
    bAdmin: orgB.admin,
    bSeller,
    bTokenId: token.body.apiToken.id,
    bOrganizationId: orgB.organizationId,
    bClient,
  });
});

const expectNotFound = (reply: { status: number; body: unknown }) => {
  expect(reply.status).toBe(404);
  expect((reply.body as Problem).code).toBe("not_found");
};

/** Nothing of B (its people, structure, rule, clients, handover, notice) appears anywhere in `body`. */
const expectNothingOfB = (body: unknown) => {
  const text = JSON.stringify(body);
  for (const id of [
    world.bAdmin.id,
    world.bSeller.id,
    world.bDepartmentId,
    world.bTeamId,
    world.bRuleId,
    world.bCompanyId,
    world.bHandedCompanyId,
    world.bWaitingCompanyId,
    world.bHandoverId,
    world.bNotificationId,
    world.bProductId,
  ]) {
    expect(text).not.toContain(id);
  }
  expect(text).not.toContain("Bravo");
};

const unreadOfB = async () => (await world.bClient.get<NotificationList>("/api/v1/me/notifications")).body.unread;

const matrix: Record<string, () => Promise<void>> = {
  "GET /api/v1/users/:id": async () => expectNotFound(await world.a.get(`/api/v1/users/${world.bSeller.id}`)),
  "PATCH /api/v1/users/:id": async () =>
    expectNotFound(await world.a.patch(`/api/v1/users/${world.bSeller.id}`, { name: "Stolen" })),
  "POST /api/v1/users/:id/deactivate": async () =>
    expectNotFound(await world.a.post(`/api/v1/users/${world.bSeller.id}/deactivate`)),
  "POST /api/v1/users/:id/reactivate": async () =>
    expectNotFound(await world.a.post(`/api/v1/users/${world.bSeller.id}/reactivate`)),
  "POST /api/v1/users/:id/reset-password": async () =>
    expectNotFound(
      await world.a.post(`/api/v1/users/${world.bSeller.id}/reset-password`, { temporaryPassword: "taken-over-123" }),
    ),
  "DELETE /api/v1/api-tokens/:id": async () => expectNotFound(await world.a.delete(`/api/v1/api-tokens/${world.bTokenId}`)),
  "GET /api/v1/users": async () => {
    const all = await world.a.get<UserPage>("/api/v1/users?limit=100");
    expect(all.status).toBe(200);
    expect(all.body.items.map((u) => u.id)).not.toContain(world.bSeller.id);
    expect(all.body.total).toBe(1);
    const search = await world.a.get<UserPage>(`/api/v1/users?q=${encodeURIComponent("Bravo")}`);
    expect(search.body.items).toEqual([]);
    expect(search.body.total).toBe(0);
    const byEmail = await world.a.get<UserPage>(`/api/v1/users?q=${encodeURIComponent(world.bSeller.email)}`);
    expect(byEmail.body.total).toBe(0);
  },
  "POST /api/v1/users": async () => {
    // Creating in A never lands in B, and B's email cannot be probed beyond "taken".
    const reply = await world.a.post<Problem>("/api/v1/users", {
      email: world.bSeller.email,
      name: "Clone",
      role: "seller",
      temporaryPassword: "temporary-pass-1",
    });
    expect(reply.status).toBe(409);
    expect(JSON.stringify(reply.body)).not.toContain("Bravo");
  },
  "GET /api/v1/organization": async () => {
    const reply = await world.a.get<Organization>("/api/v1/organization");
    expect(reply.body.name).toBe("Alpha");
  },
  "PATCH /api/v1/organization": async () => {
    const reply = await world.a.patch<Organization>("/api/v1/organization", { name: "Alpha Renamed" });
    expect(reply.body.name).toBe("Alpha Renamed");
    const b = await world.bClient.get<Organization>("/api/v1/organization");
    expect(b.body.name).toBe("Bravo");
  },
  "GET /api/v1/api-tokens": async () => {
    const reply = await world.a.get<{ items: ApiToken[] }>("/api/v1/api-tokens");
    expect(reply.body.items.map((t) => t.id)).not.toContain(world.bTokenId);
  },
  "POST /api/v1/api-tokens": async () => {
    const created = await world.a.post<{ apiToken: ApiToken; token: string }>("/api/v1/api-tokens", { name: "A" });
    expect(created.status).toBe(201);
    const bList = await world.bClient.get<{ items: ApiToken[] }>("/api/v1/api-tokens");
    expect(bList.body.items.map((t) => t.id)).not.toContain(created.body.apiToken.id);
  },
  "GET /api/v1/companies/:id": async () => expectNotFound(await world.a.get(`/api/v1/companies/${world.bCompanyId}`)),
  "PATCH /api/v1/companies/:id": async () =>
    expectNotFound(await world.a.patch(`/api/v1/companies/${world.bCompanyId}`, { name: "Stolen" })),
  "GET /api/v1/companies/:id/contacts": async () =>
    expectNotFound(await world.a.get(`/api/v1/companies/${world.bCompanyId}/contacts`)),
  "POST /api/v1/companies/:id/contacts": async () =>
    expectNotFound(await world.a.post(`/api/v1/companies/${world.bCompanyId}/contacts`, { name: "Planted" })),
  "POST /api/v1/companies/:id/activities": async () =>
    expectNotFound(await world.a.post(`/api/v1/companies/${world.bCompanyId}/activities`, { type: "call" })),
  "GET /api/v1/companies/:id/timeline": async () =>
    expectNotFound(await world.a.get(`/api/v1/companies/${world.bCompanyId}/timeline`)),
  "PATCH /api/v1/contacts/:id": async () =>
    expectNotFound(await world.a.patch(`/api/v1/contacts/${world.bContactId}`, { name: "Stolen" })),
  "DELETE /api/v1/contacts/:id": async () => expectNotFound(await world.a.delete(`/api/v1/contacts/${world.bContactId}`)),
  "PATCH /api/v1/tasks/:id": async () => expectNotFound(await world.a.patch(`/api/v1/tasks/${world.bTaskId}`, { done: true })),
  "GET /api/v1/companies": async () => {
    const all = await world.a.get<{ items: unknown[]; total: number }>("/api/v1/companies");
    expect(all.body.total).toBe(0);
    expect((await world.a.get<{ total: number }>(`/api/v1/companies?productId=${world.bProductId}`)).body.total).toBe(0);
    for (const q of ["Bravo", "7707083893", "bravo@example.test"]) {
      expect((await world.a.get<{ total: number }>(`/api/v1/companies?q=${encodeURIComponent(q)}`)).body.total).toBe(0);
    }
  },
  "GET /api/v1/companies/export": async () => {
    const csv = await world.a.get<string>("/api/v1/companies/export?format=csv");
    expect(csv.status).toBe(200);
    expect(csv.raw).not.toContain("Bravo");
    expect(csv.headers["x-export-rows"]).toBe("0");
  },
  "GET /api/v1/companies/facets": async () => {
    const facets = await world.a.get<{ region: unknown[]; owner: unknown[]; product: unknown[] }>("/api/v1/companies/facets");
    expect(facets.body.region).toEqual([]);
    expect(facets.body.owner).toEqual([]);
    expect(facets.body.product).toEqual([]);
  },
  "POST /api/v1/companies": async () => {
    // Legal ids are unique per organization: B's does not block A.
    const reply = await world.a.post("/api/v1/companies", { name: "Alpha Client", legalId: "7707083893" });
    expect(reply.status).toBe(201);
  },
  "GET /api/v1/tasks": async () => {
    const tasks = await world.a.get<{ total: number }>("/api/v1/tasks?view=all");
    expect(tasks.body.total).toBe(0);
  },
  "POST /api/v1/tasks": async () => {
    expectNotFound(await world.a.post("/api/v1/tasks", { title: "On B", dueAt: new Date().toISOString(), companyId: world.bCompanyId }));
    const toB = await world.a.post<Problem>("/api/v1/tasks", { title: "For B", dueAt: new Date().toISOString(), assigneeId: world.bSeller.id });
    expect(toB.status).toBe(403);
    // B's deal answers as a missing one: not linkable.
    const onBDeal = await world.a.post<Problem>("/api/v1/tasks", { title: "On B's deal", dueAt: new Date().toISOString(), dealId: world.bDealId });
    expect(onBDeal.status).toBe(422);
    expect(onBDeal.body.code).toBe("deal_not_linkable");
  },
  "GET /api/v1/search": async () => {
    type Hits = { companies: { id: string }[]; contacts: { id: string }[]; deals: { id: string }[] };
    for (const q of ["Bravo", "bravo@example.test", "Bravo deal", "Bravo Contact"]) {
      const reply = await world.a.get<Hits>(`/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ companies: [], contacts: [], deals: [] });
    }
    // A may hold a client with the same legal id (see POST /api/v1/companies), never B's.
    const byLegalId = await world.a.get<Hits>("/api/v1/search?q=7707083893");
    expect(byLegalId.body.companies.map((c) => c.id)).not.toContain(world.bCompanyId);
    const own = await world.bClient.get<{ companies: unknown[]; contacts: unknown[]; deals: unknown[] }>("/api/v1/search?q=bravo");
    expect([own.body.companies.length, own.body.contacts.length, own.body.deals.length]).toEqual([1, 1, 1]);
  },
  "GET /api/v1/me/reminders": async () => {
    await world.bClient.patch(`/api/v1/tasks/${world.bTaskId}`, { remindAt: new Date(Date.now() - 60_000).toISOString() });
    expect((await world.bClient.get<{ items: { id: string }[] }>("/api/v1/me/reminders")).body.items.map((t) => t.id)).toContain(world.bTaskId);
    expect((await world.a.get<{ items: unknown[] }>("/api/v1/me/reminders")).body.items).toEqual([]);
  },
  "POST /api/v1/tasks/:id/reminder/dismiss": async () =>
    expectNotFound(await world.a.post(`/api/v1/tasks/${world.bTaskId}/reminder/dismiss`)),
  "POST /api/v1/tasks/:id/reminder/snooze": async () =>
    expectNotFound(await world.a.post(`/api/v1/tasks/${world.bTaskId}/reminder/snooze`, { minutes: 5 })),
  "GET /api/v1/people": async () => {
    const people = await world.a.get<{ items: { id: string }[] }>("/api/v1/people");
    expect(people.body.items.map((p) => p.id)).not.toContain(world.bSeller.id);
  },
  "GET /api/v1/pipelines": async () => {
    const reply = await world.a.get<{ items: { id: string }[] }>("/api/v1/pipelines");
    expect(reply.body.items.map((p) => p.id)).not.toContain(world.bPipeline.id);
  },
  "POST /api/v1/pipelines": async () => {
    const created = await world.a.post<{ id: string }>("/api/v1/pipelines", {
      name: "Alpha tenders",
      stages: [{ name: "Bid", probability: 20 }, { name: "Won", probability: 100, kind: "won" }, { name: "Lost", probability: 0, kind: "lost" }],
    });
    expect(created.status).toBe(201);
    const bList = await world.bClient.get<{ items: { id: string }[] }>("/api/v1/pipelines");
    expect(bList.body.items.map((p) => p.id)).not.toContain(created.body.id);
  },
  "PUT /api/v1/pipelines/:id": async () =>
    expectNotFound(
      await world.a.request("PUT", `/api/v1/pipelines/${world.bPipeline.id}`, {
        name: "Hijacked",
        stages: world.bPipeline.stages.map(({ id, name, probability, kind }) => ({ id, name, probability, kind })),
      }),
    ),
  "GET /api/v1/pipelines/:id/board": async () => expectNotFound(await world.a.get(`/api/v1/pipelines/${world.bPipeline.id}/board`)),
  "GET /api/v1/deals": async () => {
    expect((await world.a.get<{ total: number }>("/api/v1/deals")).body.total).toBe(0);
    expect((await world.a.get<{ total: number }>("/api/v1/deals?q=bravo")).body.total).toBe(0);
  },
  "POST /api/v1/deals": async () => {
    expectNotFound(await world.a.post("/api/v1/deals", { companyId: world.bCompanyId, title: "Planted" }));
  },
  "GET /api/v1/deals/:id": async () => expectNotFound(await world.a.get(`/api/v1/deals/${world.bDealId}`)),
  "PATCH /api/v1/deals/:id": async () => expectNotFound(await world.a.patch(`/api/v1/deals/${world.bDealId}`, { title: "Stolen" })),
  "GET /api/v1/deals/:id/items": async () => expectNotFound(await world.a.get(`/api/v1/deals/${world.bDealId}/items`)),
  "PUT /api/v1/deals/:id/items": async () =>
    expectNotFound(await world.a.request("PUT", `/api/v1/deals/${world.bDealId}/items`, { items: [{ productId: world.bProductId, quantity: 1 }] })),
  "GET /api/v1/deals/export": async () => {
    const csv = await world.a.get<string>("/api/v1/deals/export?format=csv");
    expect(csv.status).toBe(200);
    expect(csv.raw).not.toContain("Bravo");
    expect(csv.headers["x-export-rows"]).toBe("0");
  },
  "POST /api/v1/deals/:id/move": async () =>
    expectNotFound(await world.a.post(`/api/v1/deals/${world.bDealId}/move`, { stageId: world.bPipeline.stages[1]?.id })),
  "GET /api/v1/products": async () => {
    const reply = await world.a.get<{ items: { id: string }[] }>("/api/v1/products");
    expect(reply.body.items.map((p) => p.id)).not.toContain(world.bProductId);
  },
  "POST /api/v1/products": async () => {
    const created = await world.a.post<{ id: string }>("/api/v1/products", { name: "Alpha product" });
    expect(created.status).toBe(201);
    const bList = await world.bClient.get<{ items: { id: string }[] }>("/api/v1/products");
    expect(bList.body.items.map((p) => p.id)).not.toContain(created.body.id);
  },
  "PATCH /api/v1/products/:id": async () => expectNotFound(await world.a.patch(`/api/v1/products/${world.bProductId}`, { name: "Stolen" })),
  "GET /api/v1/product-groups": async () => {
    expect((await world.a.get<{ items: unknown[] }>("/api/v1/product-groups")).body.items).toEqual([]);
  },
  "POST /api/v1/product-groups": async () => {
    expect((await world.a.post("/api/v1/product-groups", { name: "Alpha group" })).status).toBe(201);
    expect((await world.bClient.get<{ items: unknown[] }>("/api/v1/product-groups")).body.items).toEqual([]);
  },
  "GET /api/v1/orders": async () => {
    const reply = await world.a.get<{ items: unknown[]; paidMinor: number }>("/api/v1/orders");
    expect(reply.body.items).toEqual([]);
    expect(reply.body.paidMinor).toBe(0);
  },
  "POST /api/v1/deals/:id/orders": async () =>
    expectNotFound(await world.a.post(`/api/v1/deals/${world.bDealId}/orders`, { amountMinor: 1, orderedOn: "2026-11-03" })),
  "POST /api/v1/orders/:id/payments": async () =>
    expectNotFound(await world.a.post(`/api/v1/orders/${world.bOrderId}/payments`, { amountMinor: -500, paidOn: "2026-11-03" })),
  "GET /api/v1/custom-fields": async () => {
    const reply = await world.a.get<{ items: { id: string }[] }>("/api/v1/custom-fields?entity=company&includeArchived=true");
    expect(reply.body.items).toEqual([]);
  },
  "POST /api/v1/custom-fields": async () => {
    // Keys are unique per organization: B's "segment" does not push A's to "segment_2".
    const created = await world.a.post<{ id: string; key: string }>("/api/v1/custom-fields", { entity: "company", label: "Segment", type: "select", options: ["Bravo tier"] });
    expect(created.status).toBe(201);
    expect(created.body.key).toBe("segment");
    expect((await world.a.get<{ total: number }>("/api/v1/companies?cf.segment=Bravo%20tier")).body.total).toBe(0);
    const bList = await world.bClient.get<{ items: { id: string }[] }>("/api/v1/custom-fields?entity=company");
    expect(bList.body.items.map((f) => f.id)).toEqual([world.bCustomFieldId]);
  },
  "PATCH /api/v1/custom-fields/:id": async () => {
    expectNotFound(await world.a.patch(`/api/v1/custom-fields/${world.bCustomFieldId}`, { label: "Stolen", archived: true }));
    const bList = await world.bClient.get<{ items: { label: string }[] }>("/api/v1/custom-fields?entity=company");
    expect(bList.body.items.map((f) => f.label)).toEqual(["Segment"]);
  },
  "GET /api/v1/saved-views": async () => {
    // B's view is shared with B's organization, not with anyone else.
    expect((await world.a.get<{ items: unknown[] }>("/api/v1/saved-views?entity=companies")).body.items).toEqual([]);
  },
  "POST /api/v1/saved-views": async () => {
    const created = await world.a.post<{ id: string }>("/api/v1/saved-views", { entity: "companies", name: "Alpha view", query: {}, shared: true });
    expect(created.status).toBe(201);
    const bList = await world.bClient.get<{ items: { id: string }[] }>("/api/v1/saved-views?entity=companies");
    expect(bList.body.items.map((v) => v.id)).toEqual([world.bSavedViewId]);
  },
  "PATCH /api/v1/saved-views/:id": async () =>
    expectNotFound(await world.a.patch(`/api/v1/saved-views/${world.bSavedViewId}`, { name: "Stolen" })),
  "DELETE /api/v1/saved-views/:id": async () => {
    expectNotFound(await world.a.delete(`/api/v1/saved-views/${world.bSavedViewId}`));
    const bList = await world.bClient.get<{ items: { name: string }[] }>("/api/v1/saved-views?entity=companies");
    expect(bList.body.items.map((v) => v.name)).toEqual(["Bravo view"]);
  },
  "POST /api/v1/imports": async () => {
    // An import of A dedups against A's clients only: B's legal id does not make A's row a duplicate.
    const draft = await world.a.upload<{ id: string; mapping: (string | null)[]; sameFileImportedAt: string | null }>(
      "/api/v1/imports?entity=companies&fileName=b.csv",
      "Name,INN\nImported Co,500100732259\n",
    );
    expect(draft.status).toBe(201);
    expect(draft.body.sameFileImportedAt).toBeNull();
    await world.a.post(`/api/v1/imports/${draft.body.id}/start`, { mapping: draft.body.mapping, onDuplicate: "update" });
    await test.app.imports.idle();
    expect((await world.a.get<{ createdCount: number }>(`/api/v1/imports/${draft.body.id}`)).body.createdCount).toBe(1);
    const bClients = await world.bClient.get<{ total: number }>("/api/v1/companies?q=imported%20co");
    expect(bClients.body.total).toBe(1);
  },
  "GET /api/v1/imports": async () => {
    const list = await world.a.get<{ items: { id: string }[] }>("/api/v1/imports");
    expect(list.body.items.map((j) => j.id)).not.toContain(world.bImportId);
  },
  "GET /api/v1/imports/:id": async () => expectNotFound(await world.a.get(`/api/v1/imports/${world.bImportId}`)),
  "POST /api/v1/imports/:id/start": async () =>
    expectNotFound(await world.a.post(`/api/v1/imports/${world.bDraftImportId}/start`, { mapping: ["name"], onDuplicate: "skip" })),
  "GET /api/v1/imports/:id/rows": async () => expectNotFound(await world.a.get(`/api/v1/imports/${world.bImportId}/rows`)),
  "GET /api/v1/imports/:id/report": async () => expectNotFound(await world.a.get(`/api/v1/imports/${world.bImportId}/report`)),
  "GET /api/v1/companies/count": async () => {
    expect((await world.a.get<{ total: number }>(`/api/v1/companies/count?q=bravo&region=${encodeURIComponent("Bravo Region")}`)).body.total).toBe(0);
    const own = (await world.a.get<{ total: number }>("/api/v1/companies?limit=100")).body.total;
    expect((await world.a.get<{ total: number }>("/api/v1/companies/count")).body.total).toBe(own);
  },
  // ---------------------------------------------------------------- [conveyor]
  "GET /api/v1/conveyor/settings": async () => {
    const a = await world.a.get<ConveyorSettings>("/api/v1/conveyor/settings");
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ structureVariant: "linear_functional", giverAccessDays: 14 });
    expect((await world.bClient.get<ConveyorSettings>("/api/v1/conveyor/settings")).body).toMatchObject({ structureVariant: "matrix_product", giverAccessDays: 9 });
  },
  "PATCH /api/v1/conveyor/settings": async () => {
    const a = await world.a.patch<ConveyorSettings>("/api/v1/conveyor/settings", { stuckAfterDays: 21, structureVariant: "matrix_geography" });
    expect(a.body).toMatchObject({ stuckAfterDays: 21, structureVariant: "matrix_geography" });
    expect((await world.bClient.get<ConveyorSettings>("/api/v1/conveyor/settings")).body).toMatchObject({ stuckAfterDays: 13, structureVariant: "matrix_product" });
  },
  "GET /api/v1/conveyor/org-chart": async () => {
    const chart = await world.a.get<OrgChart>("/api/v1/conveyor/org-chart");
    expect(chart.status).toBe(200);
    expectNothingOfB(chart.body);
    expect(chart.body.matrixManagers).toEqual([]);
    expect((await world.bClient.get<OrgChart>("/api/v1/conveyor/org-chart")).body.departments.map((d) => d.id)).toContain(world.bDepartmentId);
  },
  "GET /api/v1/conveyor/staffing": async () => {
    const advice = await world.a.get<StaffingAdvice>("/api/v1/conveyor/staffing");
    expect(advice.status).toBe(200);
    expect(advice.body).toMatchObject({ sellers: 0, actual: { L1: 0, L2: 0, L3: 0 }, withoutLevel: 0, newcomersOutsideL1: [] });
    expect((await world.bClient.get<StaffingAdvice>("/api/v1/conveyor/staffing")).body.actual.L2).toBe(1);
  },
  "GET /api/v1/conveyor/restructure": async () => {
    const advice = await world.a.get<RestructureAdvice>("/api/v1/conveyor/restructure");
    expect(advice.status).toBe(200);
    expect(advice.body.activeSellers).toBe(0);
    const [own] = await test.database.db.select({ n: count() }).from(exportLog).where(eq(exportLog.organizationId, world.aOrganizationId));
    const figures = (key: string) => advice.body.triggers.find((t) => t.key === key)?.figures;
    expect(figures("leak_risk")?.exports).toBe(own?.n);
    expect(figures("sales_growth")?.recent).toBe(0);
    expect(figures("newcomers")?.newcomers).toBe(0);
    const b = await world.bClient.get<RestructureAdvice>("/api/v1/conveyor/restructure");
    expect(b.body.triggers.find((t) => t.key === "leak_risk")?.figures.exports).toBe(3);
  },
  "GET /api/v1/conveyor/people": async () => {
    const people = await world.a.get<{ items: ConveyorProfile[] }>("/api/v1/conveyor/people");
    expect(people.body.items.map((p) => p.userId)).toEqual([world.aAdmin.id]);
    expectNothingOfB(people.body);
  },
  "PATCH /api/v1/conveyor/people/:userId": async () => {
    expectNotFound(await world.a.patch(`/api/v1/conveyor/people/${world.bSeller.id}`, { level: "L1", clientCap: 1 }));
    // B's team and product cannot become A's matrix attachments.
    for (const assignment of [{ kind: "team", value: world.bTeamId }, { kind: "product", value: world.bProductId }]) {
      const reply = await world.a.patch<Problem>(`/api/v1/conveyor/people/${world.aAdmin.id}`, { matrix: [assignment] });
      expect(reply.status).toBe(400);
      expect(reply.body.errors?.[0]?.field).toBe("matrix.0.value");
    }
    const b = await world.bClient.get<{ items: ConveyorProfile[] }>("/api/v1/conveyor/people");
    expect(b.body.items.find((p) => p.userId === world.bSeller.id)).toMatchObject({ level: "L2", clientCap: null });
  },
  "GET /api/v1/conveyor/rules": async () => {
    const rules = await world.a.get<{ items: HandoverRule[] }>("/api/v1/conveyor/rules");
    expect(rules.status).toBe(200);
    expect(rules.body.items.map((r) => r.id)).not.toContain(world.bRuleId);
  },
  "POST /api/v1/conveyor/rules": async () => {
    const onBStage = await world.a.post<Problem>("/api/v1/conveyor/rules", { name: "On B's stage", rule: { kind: "stage", stageId: world.bPipeline.stages[1]?.id } });
    expect(onBStage.status).toBe(400);
    expect(onBStage.body.errors?.[0]?.field).toBe("rule.stageId");
    const created = await world.a.post<HandoverRule>("/api/v1/conveyor/rules", { name: "Alpha hot", rule: { kind: "hot" } });
    expect(created.status).toBe(201);
    const bRules = await world.bClient.get<{ items: HandoverRule[] }>("/api/v1/conveyor/rules");
    expect(bRules.body.items.map((r) => r.id)).toEqual([world.bRuleId]);
  },
  "POST /api/v1/conveyor/rules/preview": async () => {
    // B's hot L1 client is exactly what this rule moves, in B.
    const preview = await world.a.post<HandoverPreview>("/api/v1/conveyor/rules/preview", { rule: { kind: "hot" } });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ total: 0, clients: [] });
    expectNothingOfB(preview.body);
    const b = await world.bClient.post<HandoverPreview>("/api/v1/conveyor/rules/preview", { rule: { kind: "hot" } });
    expect(b.body.clients.map((c) => c.companyId)).toEqual([world.bWaitingCompanyId]);
  },
  "PATCH /api/v1/conveyor/rules/:id": async () => {
    expectNotFound(await world.a.patch(`/api/v1/conveyor/rules/${world.bRuleId}`, { enabled: false, name: "Stolen" }));
    const bRules = await world.bClient.get<{ items: HandoverRule[] }>("/api/v1/conveyor/rules");
    expect(bRules.body.items[0]).toMatchObject({ name: "B hot to L2", enabled: true });
  },
  "DELETE /api/v1/conveyor/rules/:id": async () => {
    expectNotFound(await world.a.delete(`/api/v1/conveyor/rules/${world.bRuleId}`));
    expect((await world.bClient.get<{ items: HandoverRule[] }>("/api/v1/conveyor/rules")).body.items.map((r) => r.id)).toEqual([world.bRuleId]);
  },
  "POST /api/v1/conveyor/sweep": async () => {
    const swept = await world.a.post<SweepResult>("/api/v1/conveyor/sweep");
    expect(swept.status).toBe(200);
    expect(swept.body).toEqual({ handedOver: 0, permanentMarked: 0, accessExpired: 0, waitingForReceiver: 0 });
    const waiting = await world.bClient.get<{ company: { level: string; ownerId: string } }>(`/api/v1/companies/${world.bWaitingCompanyId}`);
    expect(waiting.body.company).toMatchObject({ level: "L1", ownerId: world.bAdmin.id });
    expect((await world.bClient.get<ConveyorSettings>("/api/v1/conveyor/settings")).body.lastSweepOn).toBeNull();
  },
  "GET /api/v1/conveyor/handovers": async () => {
    for (const query of ["", `?companyId=${world.bHandedCompanyId}`, `?userId=${world.bSeller.id}`, "?toLevel=L2"]) {
      const page = await world.a.get<HandoverPage>(`/api/v1/conveyor/handovers${query}`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ items: [], total: 0 });
    }
    expect((await world.bClient.get<HandoverPage>("/api/v1/conveyor/handovers")).body.total).toBe(1);
  },
  "GET /api/v1/conveyor/levels": async () => {
    const report = await world.a.get<LevelReport>("/api/v1/conveyor/levels");
    expect(report.status).toBe(200);
    expect(report.body.atLevel).toMatchObject({ L2: 0, L3: 0 });
    expect(report.body.timeAtLevel.map((t) => t.handedOver)).toEqual([0, 0]);
    expect(report.body.byPerson).toEqual([]);
    expectNothingOfB(report.body);
    expect((await world.bClient.get<LevelReport>("/api/v1/conveyor/levels")).body.atLevel).toEqual({ L1: 1, L2: 1, L3: 0 });
  },
  "GET /api/v1/departments": async () => {
    const list = await world.a.get<{ items: Department[] }>("/api/v1/departments");
    expect(list.status).toBe(200);
    expect(list.body.items.map((d) => d.id)).not.toContain(world.bDepartmentId);
    expectNothingOfB(list.body);
  },
  "POST /api/v1/departments": async () => {
    const bHead = await world.a.post<Problem>("/api/v1/departments", { name: "Headed by B", headUserId: world.bAdmin.id });
    expect(bHead.status).toBe(400);
    expect(bHead.body.errors?.[0]?.field).toBe("headUserId");
    const created = await world.a.post<Department>("/api/v1/departments", { name: "Alpha department" });
    expect(created.status).toBe(201);
    const bList = await world.bClient.get<{ items: Department[] }>("/api/v1/departments");
    expect(bList.body.items.map((d) => d.id)).toEqual([world.bDepartmentId]);
  },
  "PATCH /api/v1/departments/:id": async () => {
    expectNotFound(await world.a.patch(`/api/v1/departments/${world.bDepartmentId}`, { name: "Stolen", headUserId: null }));
    const bList = await world.bClient.get<{ items: Department[] }>("/api/v1/departments");
    expect(bList.body.items[0]).toMatchObject({ name: "B new business", head: { id: world.bAdmin.id } });
  },
  "DELETE /api/v1/departments/:id": async () => {
    // B's department still has a team; A gets the same answer as for a missing one, not department_in_use.
    expectNotFound(await world.a.delete(`/api/v1/departments/${world.bDepartmentId}`));
    expect((await world.bClient.get<{ items: Department[] }>("/api/v1/departments")).body.items).toHaveLength(1);
  },
  "GET /api/v1/teams": async () => {
    const list = await world.a.get<{ items: Team[] }>("/api/v1/teams");
    expect(list.status).toBe(200);
    expect(list.body.items.map((t) => t.id)).not.toContain(world.bTeamId);
    expectNothingOfB(list.body);
  },
  "POST /api/v1/teams": async () => {
    for (const [body, field] of [
      [{ name: "With B's seller", memberIds: [world.bSeller.id] }, "memberIds"],
      [{ name: "Led by B", leadUserId: world.bAdmin.id }, "leadUserId"],
      [{ name: "In B's department", departmentId: world.bDepartmentId }, "departmentId"],
    ] as const) {
      const reply = await world.a.post<Problem>("/api/v1/teams", body);
      expect(reply.status).toBe(400);
      expect(reply.body.errors?.[0]?.field).toBe(field);
    }
    const created = await world.a.post<Team>("/api/v1/teams", { name: "Alpha team", memberIds: [world.aAdmin.id] });
    expect(created.status).toBe(201);
    expect((await world.bClient.get<{ items: Team[] }>("/api/v1/teams")).body.items.map((t) => t.id)).toEqual([world.bTeamId]);
  },
  "PATCH /api/v1/teams/:id": async () => {
    expectNotFound(await world.a.patch(`/api/v1/teams/${world.bTeamId}`, { name: "Stolen", memberIds: [] }));
    const bTeams = await world.bClient.get<{ items: Team[] }>("/api/v1/teams");
    expect(bTeams.body.items[0]).toMatchObject({ name: "B hunters", members: [{ id: world.bSeller.id }] });
  },
  "DELETE /api/v1/teams/:id": async () => {
    expectNotFound(await world.a.delete(`/api/v1/teams/${world.bTeamId}`));
    expect((await world.bClient.get<{ items: Team[] }>("/api/v1/teams")).body.items.map((t) => t.id)).toEqual([world.bTeamId]);
  },
  "GET /api/v1/companies/:id/handover": async () => {
    expectNotFound(await world.a.get(`/api/v1/companies/${world.bWaitingCompanyId}/handover`));
    expectNotFound(await world.a.get(`/api/v1/companies/${world.bHandedCompanyId}/handover`));
  },
  "POST /api/v1/companies/:id/handover": async () => {
    expectNotFound(await world.a.post(`/api/v1/companies/${world.bWaitingCompanyId}/handover`, {}));
    // A's own client cannot be handed to B's seller.
    const own = await world.a.post<{ id: string }>("/api/v1/companies", { name: "Alpha to hand", level: "L1" });
    const toB = await world.a.post<Problem>(`/api/v1/companies/${own.body.id}/handover`, { toUserId: world.bSeller.id });
    expect(toB.status).toBe(400);
    expect(toB.body.errors?.[0]?.field).toBe("toUserId");
    const waiting = await world.bClient.get<{ company: { level: string } }>(`/api/v1/companies/${world.bWaitingCompanyId}`);
    expect(waiting.body.company.level).toBe("L1");
  },
  "GET /api/v1/me/notifications": async () => {
    const notes = await world.a.get<NotificationList>("/api/v1/me/notifications");
    expect(notes.status).toBe(200);
    expect(notes.body).toEqual({ items: [], unread: 0 });
  },
  "POST /api/v1/me/notifications/read-all": async () => {
    expect((await world.a.post("/api/v1/me/notifications/read-all")).status).toBe(204);
    expect(await unreadOfB()).toBe(1);
  },
  "POST /api/v1/me/notifications/:id/read": async () => {
    expectNotFound(await world.a.post(`/api/v1/me/notifications/${world.bNotificationId}/read`));
    expect(await unreadOfB()).toBe(1);
  },
  "GET /api/v1/me": async () => {
    const reply = await world.a.get<User>("/api/v1/me");
    expect(reply.body.id).toBe(world.aAdmin.id);
  },
  "PATCH /api/v1/me": async () => {
    const reply = await world.a.patch<User>("/api/v1/me", { locale: "fa" });
    expect(reply.body.id).toBe(world.aAdmin.id);
  },
  "GET /api/v1/auth/session": async () => {
    const reply = await world.a.get<{ organization: Organization }>("/api/v1/auth/session");
    expect(reply.body.organization.id).not.toBe(world.bOrganizationId);
  },
  "POST /api/v1/auth/sign-in": async () => {
    // A session always belongs to the account's own organization.
    const reply = await new TestClient(test).signIn(world.bSeller.email);
    expect(reply.status).toBe(200);
    expect(reply.body.organization.id).toBe(world.bOrganizationId);
  },
  "POST /api/v1/auth/sign-out": async () => {
    const aOther = await signedIn(test, world.aAdmin);
    expect((await aOther.post("/api/v1/auth/sign-out")).status).toBe(204);
    expect((await world.bClient.get("/api/v1/auth/session")).status).toBe(200);
  },
  "POST /api/v1/auth/change-password": async () => {
    const aOther = await signedIn(test, world.aAdmin);
    const changed = await aOther.post("/api/v1/auth/change-password", {
      currentPassword: testPassword,
      newPassword: "alpha-only-password",
    });
    expect(changed.status).toBe(200);
    world.a = aOther;
    // B's people keep their passwords and sessions.
    expect((await world.bClient.get("/api/v1/auth/session")).status).toBe(200);
    expect((await new TestClient(test).signIn(world.bAdmin.email, testPassword)).status).toBe(200);
  },
};

// ---------------------------------------------------------------- [lead-intake] (M5.5)

type LeadWorld = { bSourceId: string; bLeadId: string; bLeadRuleId: string; bAbsenceId: string; bLeadCount: number; aToken: TestClient };
const leadWorld = {} as LeadWorld;
let leadWorldReady: Promise<void> | null = null;

/** Made when the first lead-intake check runs (after the checks above), so B's new lead does not change their counts. */
const withLeadWorld = (check: () => Promise<void>) => async () => {
  leadWorldReady ??= buildLeadWorld();
  await leadWorldReady;
  await check();
};

const buildLeadWorld = async () => {
  const b = world.bClient;
  const source = await b.post<{ id: string }>("/api/v1/lead-sources", { name: "Bravo hook", kind: "webhook", channel: "Bravo channel" });
  const lead = await b.post<{ id: string }>("/api/v1/leads", { name: "Bravo Lead", companyName: "Bravo Lead Co", region: "Bravo Region" });
  const rule = await b.post<{ id: string }>("/api/v1/routing-rules", { name: "Bravo routing", conditions: { regions: ["Bravo Region"] }, targetUserIds: [world.bSeller.id] });
  const absence = await b.post<{ id: string }>("/api/v1/absences", { userId: world.bSeller.id, kind: "vacation", startsOn: "2026-01-01", endsOn: "2026-01-02" });
  await b.patch("/api/v1/lead-settings", { remindAfterMinutes: 7, reassignAfterMinutes: 21 });
  await b.patch(`/api/v1/lead-availability/${world.bSeller.id}`, { skills: ["Bravo skill"] });
  if ([source.status, lead.status, rule.status, absence.status].some((s) => s !== 201)) {
    throw new Error(`B's lead intake setup failed: ${source.raw} ${lead.raw} ${rule.raw} ${absence.raw}`);
  }
  const token = await world.a.post<{ token: string }>("/api/v1/api-tokens", { name: "A intake" });
  const aToken = new TestClient(test);
  aToken.bearer = token.body.token;
  const leads = await b.get<{ total: number }>("/api/v1/leads?queue=all");
  Object.assign(leadWorld, { bSourceId: source.body.id, bLeadId: lead.body.id, bLeadRuleId: rule.body.id, bAbsenceId: absence.body.id, bLeadCount: leads.body.total, aToken });
};

const expectNoLeadOfB = (body: unknown) => {
  const text = JSON.stringify(body);
  for (const id of [leadWorld.bSourceId, leadWorld.bLeadId, leadWorld.bLeadRuleId, leadWorld.bAbsenceId, world.bSeller.id, world.bAdmin.id]) expect(text).not.toContain(id);
  expect(text).not.toContain("Bravo");
};
const bLeadsUnchanged = async () => expect((await world.bClient.get<{ total: number }>("/api/v1/leads?queue=all")).body.total).toBe(leadWorld.bLeadCount);
const missingId = "00000000-0000-4000-8000-000000000000";

const leadIntakeMatrix: Record<string, () => Promise<void>> = {
  "GET /api/v1/leads": async () => {
    const all = await world.a.get<{ items: unknown[]; total: number }>("/api/v1/leads?queue=all");
    expect(all.status).toBe(200);
    expectNoLeadOfB(all.body);
  },
  "POST /api/v1/leads": async () => {
    // A's token cannot drop a lead into B's source; nothing is written in B.
    const reply = await leadWorld.aToken.post<Problem>("/api/v1/leads", { name: "Intruder", sourceId: leadWorld.bSourceId });
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.[0]?.field).toBe("sourceId");
    await bLeadsUnchanged();
  },
  "GET /api/v1/leads/speed": async () => {
    const report = await world.a.get("/api/v1/leads/speed?from=2026-01-01&to=2026-12-31");
    expect(report.status).toBe(200);
    expectNoLeadOfB(report.body);
  },
  "GET /api/v1/leads/:id": async () => expectNotFound(await world.a.get(`/api/v1/leads/${leadWorld.bLeadId}`)),
  "GET /api/v1/leads/:id/assignments": async () => expectNotFound(await world.a.get(`/api/v1/leads/${leadWorld.bLeadId}/assignments`)),
  "POST /api/v1/leads/:id/assign": async () => {
    expectNotFound(await world.a.post(`/api/v1/leads/${leadWorld.bLeadId}/assign`, { userId: world.aAdmin.id }));
    const own = await world.a.post<{ id: string }>("/api/v1/leads", { name: "Alpha own lead" });
    const toB = await world.a.post<Problem>(`/api/v1/leads/${own.body.id}/assign`, { userId: world.bSeller.id });
    expect(toB.status).toBe(403);
    expect(toB.body.errors?.[0]?.field).toBe("userId");
  },
  "GET /api/v1/lead-sources": async () => expectNoLeadOfB((await world.a.get("/api/v1/lead-sources")).body),
  "POST /api/v1/lead-sources": async () => {
    expect((await world.a.post("/api/v1/lead-sources", { name: "Alpha hook", kind: "webhook" })).status).toBe(201);
    const bList = await world.bClient.get<{ items: { name: string }[] }>("/api/v1/lead-sources");
    expect(bList.body.items.map((s) => s.name)).not.toContain("Alpha hook");
  },
  "PATCH /api/v1/lead-sources/:id": async () => expectNotFound(await world.a.patch(`/api/v1/lead-sources/${leadWorld.bSourceId}`, { name: "Stolen" })),
  "DELETE /api/v1/lead-sources/:id": async () => expectNotFound(await world.a.delete(`/api/v1/lead-sources/${leadWorld.bSourceId}`)),
  "POST /api/v1/lead-sources/:id/secret": async () => expectNotFound(await world.a.post(`/api/v1/lead-sources/${leadWorld.bSourceId}/secret`)),
  "POST /api/v1/lead-sources/:id/check": async () => expectNotFound(await world.a.post(`/api/v1/lead-sources/${leadWorld.bSourceId}/check`)),
  "POST /api/v1/lead-sources/:id/poll": async () => expectNotFound(await world.a.post(`/api/v1/lead-sources/${leadWorld.bSourceId}/poll`)),
  "GET /api/v1/routing-rules": async () => expectNoLeadOfB((await world.a.get("/api/v1/routing-rules")).body),
  "POST /api/v1/routing-rules": async () => {
    const reply = await world.a.post<Problem>("/api/v1/routing-rules", { name: "To B", conditions: {}, targetUserIds: [world.bSeller.id] });
    expect(reply.body.errors?.[0]?.field).toBe("targetUserIds.0");
    const team = await world.a.post<Problem>("/api/v1/routing-rules", { name: "To B team", conditions: {}, targetTeamId: world.bTeamId });
    expect(team.body.errors?.[0]?.field).toBe("targetTeamId");
  },
  "POST /api/v1/routing-rules/reorder": async () => {
    const reply = await world.a.post<Problem>("/api/v1/routing-rules/reorder", { ids: [leadWorld.bLeadRuleId] });
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.[0]?.field).toBe("ids.0");
  },
  "POST /api/v1/routing-rules/try": async () => {
    const reply = await world.a.post("/api/v1/routing-rules/try", { region: "Bravo Region" });
    expect(reply.status).toBe(200);
    expectNoLeadOfB(reply.body);
  },
  "PATCH /api/v1/routing-rules/:id": async () => expectNotFound(await world.a.patch(`/api/v1/routing-rules/${leadWorld.bLeadRuleId}`, { enabled: false })),
  "DELETE /api/v1/routing-rules/:id": async () => expectNotFound(await world.a.delete(`/api/v1/routing-rules/${leadWorld.bLeadRuleId}`)),
  "GET /api/v1/lead-availability": async () => expectNoLeadOfB((await world.a.get("/api/v1/lead-availability")).body),
  "PATCH /api/v1/lead-availability/:userId": async () =>
    expectNotFound(await world.a.patch(`/api/v1/lead-availability/${world.bSeller.id}`, { paused: true })),
  "GET /api/v1/absences": async () => {
    expectNoLeadOfB((await world.a.get("/api/v1/absences")).body);
    expectNoLeadOfB((await world.a.get(`/api/v1/absences?userId=${world.bSeller.id}`)).body);
  },
  "POST /api/v1/absences": async () => {
    const reply = await world.a.post<Problem>("/api/v1/absences", { userId: world.bSeller.id, kind: "vacation", startsOn: "2026-03-01", endsOn: "2026-03-02" });
    expect(reply.body.errors?.[0]?.field).toBe("userId");
  },
  "DELETE /api/v1/absences/:id": async () => expectNotFound(await world.a.delete(`/api/v1/absences/${leadWorld.bAbsenceId}`)),
  "GET /api/v1/lead-settings": async () =>
    expect((await world.a.get<{ remindAfterMinutes: number }>("/api/v1/lead-settings")).body.remindAfterMinutes).toBe(5),
  "PATCH /api/v1/lead-settings": async () => {
    expect((await world.a.patch("/api/v1/lead-settings", { remindAfterMinutes: 3 })).status).toBe(200);
    expect((await world.bClient.get<{ remindAfterMinutes: number }>("/api/v1/lead-settings")).body.remindAfterMinutes).toBe(7);
  },
  "GET /api/v1/companies/:id/attachments/:attachmentId": async () =>
    expectNotFound(await world.a.get(`/api/v1/companies/${world.bCompanyId}/attachments/${missingId}`)),
};
for (const [route, check] of Object.entries(leadIntakeMatrix)) matrix[route] = withLeadWorld(check);

// ---------------------------------------------------------------- [lead-intake] redistribution (M5.5)

let bRedistribution: Promise<{ id: string; companyId: string }> | null = null;

/** B hands a new client of B's seller to B's admin, once, when the first redistribution check runs. */
const bRedistributed = () =>
  (bRedistribution ??= (async () => {
    const b = world.bClient;
    const company = await b.post<{ id: string }>("/api/v1/companies", { name: "Bravo Redistributed", ownerId: world.bSeller.id });
    const done = await b.post<{ id: string }>("/api/v1/redistributions", { fromUserId: world.bSeller.id, mode: "manual", toUserIds: [world.bAdmin.id], reason: "Bravo vacation" });
    if (company.status !== 201 || done.status !== 201) throw new Error(`B's redistribution setup failed: ${company.raw} ${done.raw}`);
    return { id: done.body.id, companyId: company.body.id };
  })());

const bStillRedistributed = async () => {
  const { id, companyId } = await bRedistributed();
  const list = await world.bClient.get<{ items: { id: string; undoneAt: string | null }[] }>("/api/v1/redistributions");
  expect(list.body.items.find((r) => r.id === id)?.undoneAt).toBeNull();
  const card = await world.bClient.get<{ company: { ownerId: string } }>(`/api/v1/companies/${companyId}`);
  expect(card.body.company.ownerId).toBe(world.bAdmin.id);
};

const redistributionMatrix: Record<string, () => Promise<void>> = {
  "POST /api/v1/redistributions/preview": async () => {
    await bRedistributed();
    expectNotFound(await world.a.post("/api/v1/redistributions/preview", { fromUserId: world.bAdmin.id, mode: "rules", reason: "x" }));
    const toB = await world.a.post<Problem>("/api/v1/redistributions/preview", { fromUserId: world.aAdmin.id, mode: "manual", toUserIds: [world.bSeller.id], reason: "x" });
    expect(toB.status).toBe(400);
    expect(toB.body.errors?.[0]?.field).toBe("toUserIds.0");
    const toBTeam = await world.a.post<Problem>("/api/v1/redistributions/preview", { fromUserId: world.aAdmin.id, mode: "manual", teamId: world.bTeamId, reason: "x" });
    expect(toBTeam.body.errors?.[0]?.field).toBe("teamId");
  },
  "POST /api/v1/redistributions": async () => {
    expectNotFound(await world.a.post("/api/v1/redistributions", { fromUserId: world.bAdmin.id, mode: "manual", toUserIds: [world.aAdmin.id], reason: "x" }));
    await bStillRedistributed();
  },
  "GET /api/v1/redistributions": async () => {
    await bRedistributed();
    const list = await world.a.get("/api/v1/redistributions");
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain("Bravo");
  },
  "POST /api/v1/redistributions/:id/undo": async () => {
    const { id } = await bRedistributed();
    expectNotFound(await world.a.post(`/api/v1/redistributions/${id}/undo`));
    await bStillRedistributed();
  },
};
for (const [route, check] of Object.entries(redistributionMatrix)) matrix[route] = check;

// ---------------------------------------------------------------- [plans-kpi] plans, calendar and the dashboard

const kpiMatrix: Record<string, () => Promise<void>> = {
  "GET /api/v1/kpi/dashboard": async () => {
    expectNothingOfB((await world.a.get("/api/v1/kpi/dashboard")).body);
    expectNotFound(await world.a.get(`/api/v1/kpi/dashboard?scope=seller:${world.bSeller.id}`));
    expectNotFound(await world.a.get(`/api/v1/kpi/dashboard?scope=team:${world.bTeamId}`));
  },
  "GET /api/v1/kpi/drill": async () => {
    expectNothingOfB((await world.a.get("/api/v1/kpi/drill?metric=revenue")).body);
    expectNotFound(await world.a.get(`/api/v1/kpi/drill?metric=calls&scope=seller:${world.bSeller.id}`));
  },
  "GET /api/v1/kpi/funnel": async () => {
    expectNotFound(await world.a.get(`/api/v1/kpi/funnel?pipelineId=${world.bPipeline.id}`));
    expectNothingOfB((await world.a.get("/api/v1/kpi/funnel")).body);
  },
  "GET /api/v1/kpi/forecast": async () => expectNotFound(await world.a.get(`/api/v1/kpi/forecast?scope=seller:${world.bSeller.id}`)),
  "GET /api/v1/kpi/export": async () => expectNotFound(await world.a.get(`/api/v1/kpi/export?report=dashboard&scope=seller:${world.bSeller.id}`)),
  "GET /api/v1/kpi/settings": async () => expect((await world.a.get("/api/v1/kpi/settings")).status).toBe(200),
  "PATCH /api/v1/kpi/settings": async () => {
    expect((await world.a.patch("/api/v1/kpi/settings", { tvRefreshSeconds: 30 })).status).toBe(200);
    expect((await world.bClient.get<{ tvRefreshSeconds: number }>("/api/v1/kpi/settings")).body.tvRefreshSeconds).toBe(60);
  },
  "POST /api/v1/kpi/check": async () => expect((await world.a.post<{ exact: boolean }>("/api/v1/kpi/check")).body.exact).toBe(true),
  "GET /api/v1/plans": async () => expectNothingOfB((await world.a.get("/api/v1/plans")).body),
  "PUT /api/v1/plans": async () => {
    const reply = await world.a.put<Problem>("/api/v1/plans", { period: "2026-12", items: [{ scopeKind: "seller", scopeId: world.bSeller.id, metric: "revenue", target: 1 }] });
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.[0]?.field).toBe("items.0.scopeId");
  },
  "DELETE /api/v1/plans/:id": async () => {
    const plan = await world.bClient.put<{ items: { id: string }[] }>("/api/v1/plans", { period: "2026-12", items: [{ scopeKind: "department", scopeId: "", metric: "calls", target: 10 }] });
    const id = plan.body.items[0]?.id ?? missingId;
    expectNotFound(await world.a.delete(`/api/v1/plans/${id}`));
    expect((await world.bClient.get<{ items: { id: string }[] }>("/api/v1/plans?period=2026-12")).body.items.map((p) => p.id)).toContain(id);
  },
  "POST /api/v1/plans/split": async () => {
    const reply = await world.a.post<Problem>("/api/v1/plans/split", { period: "2026-12", metric: "revenue", total: 100, method: "even", userIds: [world.bSeller.id] });
    expect(reply.status).toBe(400);
  },
  "POST /api/v1/plans/copy": async () => expect((await world.a.post("/api/v1/plans/copy", { from: "2026-12", to: "2027-01" })).status).toBe(400),
  "GET /api/v1/calendar": async () => expect((await world.a.get("/api/v1/calendar")).status).toBe(200),
  "PUT /api/v1/calendar/days/:date": async () => {
    expect((await world.a.put("/api/v1/calendar/days/2026-12-29", { kind: "day_off" })).status).toBe(200);
    const b = await world.bClient.get<{ months: Array<{ days: Array<{ date: string; overridden: boolean }> }> }>("/api/v1/calendar?year=2026");
    expect(b.body.months[11]?.days.find((d) => d.date === "2026-12-29")?.overridden).toBe(false);
  },
  "DELETE /api/v1/calendar/days/:date": async () => expect((await world.a.delete("/api/v1/calendar/days/2026-12-29")).status).toBe(200),
};
for (const [route, check] of Object.entries(kpiMatrix)) matrix[route] = check;

// ---------------------------------------------------------------- [daily-review] (M2)

let bReview: Promise<{ sessionId: string; itemId: string }> | null = null;

/** B's admin reviews B's seller on B's client once, when the first review check runs. */
const bReviewed = () =>
  (bReview ??= (async () => {
    const b = world.bClient;
    const session = await b.post<{ id: string }>("/api/v1/review/sessions", { sellerId: world.bSeller.id });
    const company = await b.post<{ id: string }>("/api/v1/companies", { name: "Bravo Reviewed", ownerId: world.bSeller.id });
    const item = await b.post<{ id: string }>(`/api/v1/review/sessions/${session.body.id}/items`, {
      companyId: company.body.id,
      nextTask: { title: "Bravo next", dueAt: new Date(Date.now() + 86_400_000).toISOString() },
      secondsSpent: 30,
    });
    if (session.status !== 201 || item.status !== 201) throw new Error(`B's review setup failed: ${session.raw} ${item.raw}`);
    return { sessionId: session.body.id, itemId: item.body.id };
  })());

const reviewMatrix: Record<string, () => Promise<void>> = {
  "GET /api/v1/review/queue": async () => {
    await bReviewed();
    expectNotFound(await world.a.get(`/api/v1/review/queue?sellerId=${world.bSeller.id}`));
    const own = await world.a.get(`/api/v1/review/queue?sellerId=${world.aAdmin.id}`);
    expect(own.status).toBe(200);
    expectNothingOfB(own.body);
  },
  "GET /api/v1/review/clients/:id": async () => {
    expectNotFound(await world.a.get(`/api/v1/review/clients/${world.bCompanyId}`));
    expectNotFound(await world.a.get(`/api/v1/review/clients/${world.bCompanyId}?sellerId=${world.bSeller.id}`));
  },
  "POST /api/v1/review/sessions": async () => expectNotFound(await world.a.post("/api/v1/review/sessions", { sellerId: world.bSeller.id })),
  "POST /api/v1/review/sessions/:id/items": async () => {
    const { sessionId } = await bReviewed();
    expectNotFound(await world.a.post(`/api/v1/review/sessions/${sessionId}/items`, { companyId: world.bCompanyId, nextTask: { title: "x", dueAt: new Date(Date.now() + 86_400_000).toISOString() }, secondsSpent: 1 }));
    // A's own session cannot close B's client.
    const own = await world.a.post<{ id: string }>("/api/v1/review/sessions", { sellerId: world.aAdmin.id });
    expectNotFound(await world.a.post(`/api/v1/review/sessions/${own.body.id}/items`, { companyId: world.bCompanyId, nextTask: { title: "x", dueAt: new Date(Date.now() + 86_400_000).toISOString() }, secondsSpent: 1 }));
  },
  "POST /api/v1/review/sessions/:id/finish": async () => {
    const { sessionId } = await bReviewed();
    expectNotFound(await world.a.post(`/api/v1/review/sessions/${sessionId}/finish`));
  },
  "GET /api/v1/review/log": async () => {
    await bReviewed();
    const log = await world.a.get("/api/v1/review/log");
    expect(log.status).toBe(200);
    expectNothingOfB(log.body);
    expect(JSON.stringify(log.body)).not.toContain("Bravo");
    expectNotFound(await world.a.get(`/api/v1/review/log?sellerId=${world.bSeller.id}`));
    expectNotFound(await world.a.get(`/api/v1/review/log?reviewerId=${world.bAdmin.id}`));
  },
  "GET /api/v1/review/settings": async () => expectNothingOfB((await world.a.get("/api/v1/review/settings")).body),
  "PUT /api/v1/review/settings/:teamId": async () => expectNotFound(await world.a.put(`/api/v1/review/settings/${world.bTeamId}`, { cadence: "weekly" })),
  "GET /api/v1/review/my-day": async () => {
    await bReviewed();
    const day = await world.a.get("/api/v1/review/my-day");
    expect(day.status).toBe(200);
    expect(JSON.stringify(day.body)).not.toContain("Bravo");
  },
  "GET /api/v1/review/prospecting": async () => expectNotFound(await world.a.get(`/api/v1/review/prospecting?sellerId=${world.bSeller.id}`)),
  "POST /api/v1/review/prospecting": async () => expectNotFound(await world.a.post("/api/v1/review/prospecting", { sellerId: world.bSeller.id, target: 5 })),
  "POST /api/v1/review/sweep": async () => {
    await bReviewed();
    expect((await world.a.post("/api/v1/review/sweep")).status).toBe(200);
    const bNotes = await world.bClient.get<NotificationList>("/api/v1/me/notifications");
    expect(bNotes.body.items.filter((n) => n.kind === "evening_sweep" || n.kind === "review_due")).toEqual([]);
  },
};
for (const [route, check] of Object.entries(reviewMatrix)) matrix[route] = check;

// ---------------------------------------------------------------- [pay] (M1.6, M5.10)

const bPay = { done: false, schemeId: "", contestId: "", bProductGroupId: "" };
/** B's head applies the conveyor preset, adjusts its seller's pay, runs a contest and closes November, once. */
const bPaid = async () => {
  if (bPay.done) return;
  const b = world.bClient;
  const schemes = await b.post<{ items: Array<{ id: string }> }>("/api/v1/pay/presets/conveyor/apply", { effectiveFrom: "2026-01", names: { L1: "Bravo L1", L2: "Bravo L2", L3: "Bravo L3" } });
  const adjustment = await b.post("/api/v1/pay/adjustments", { sellerId: world.bSeller.id, month: "2026-12", amountMinor: 777, reason: "Bravo bonus" });
  const contest = await b.post<{ id: string }>("/api/v1/pay/contests", { name: "Bravo contest", metric: "revenue", month: "2026-12", prize: "Bravo prize" });
  const group = await b.post<{ id: string }>("/api/v1/product-groups", { name: "Bravo group" });
  const settings = await b.put("/api/v1/pay/settings", { payrollShareLimitPercent: 11, defaultMarginPercent: 22 });
  const closed = await b.post("/api/v1/pay/periods/2026-11/close");
  if ([schemes.status, adjustment.status, contest.status, group.status, closed.status].some((s) => s !== 201) || settings.status !== 200) {
    throw new Error(`B's pay setup failed: ${schemes.raw} ${adjustment.raw} ${contest.raw} ${group.raw} ${settings.raw} ${closed.raw}`);
  }
  Object.assign(bPay, { done: true, schemeId: schemes.body.items[0]?.id ?? "", contestId: contest.body.id, bProductGroupId: group.body.id });
};
const expectNoPayOfB = (body: unknown) => {
  expectNothingOfB(body);
  const text = JSON.stringify(body);
  for (const id of [bPay.schemeId, bPay.contestId]) expect(text).not.toContain(id);
};

const payMatrix: Record<string, () => Promise<void>> = {
  "GET /api/v1/pay/schemes": async () => {
    await bPaid();
    const list = await world.a.get("/api/v1/pay/schemes");
    expect(list.status).toBe(200);
    expectNoPayOfB(list.body);
  },
  "POST /api/v1/pay/schemes": async () => {
    const toB = await world.a.post<Problem>("/api/v1/pay/schemes", { name: "Steal", effectiveFrom: "2026-12", definition: { baseSalaryMinor: 1 }, assignments: [{ targetKind: "person", targetValue: world.bSeller.id }] });
    expect(toB.status).toBe(400);
    expect(toB.body.errors?.map((e) => e.field)).toEqual(["assignments.0.targetValue"]);
  },
  "GET /api/v1/pay/schemes/:id": async () => {
    await bPaid();
    expectNotFound(await world.a.get(`/api/v1/pay/schemes/${bPay.schemeId}`));
  },
  "PATCH /api/v1/pay/schemes/:id": async () => {
    await bPaid();
    expectNotFound(await world.a.patch(`/api/v1/pay/schemes/${bPay.schemeId}`, { name: "Stolen" }));
  },
  "POST /api/v1/pay/schemes/:id/versions": async () => {
    await bPaid();
    expectNotFound(await world.a.post(`/api/v1/pay/schemes/${bPay.schemeId}/versions`, { effectiveFrom: "2026-12", definition: { baseSalaryMinor: 1 } }));
  },
  "PUT /api/v1/pay/schemes/:id/assignments": async () => {
    await bPaid();
    expectNotFound(await world.a.put(`/api/v1/pay/schemes/${bPay.schemeId}/assignments`, { assignments: [] }));
    const bScheme = await world.bClient.get<{ name: string; assignments: unknown[] }>(`/api/v1/pay/schemes/${bPay.schemeId}`);
    expect(bScheme.body).toMatchObject({ name: "Bravo L1", assignments: [{ targetKind: "level", targetValue: "L1" }] });
  },
  "GET /api/v1/pay/presets": async () => expectNoPayOfB((await world.a.get("/api/v1/pay/presets")).body),
  "POST /api/v1/pay/presets/:key/apply": async () => {
    await bPaid();
    expect((await world.a.post("/api/v1/pay/presets/half_and_half/apply", { effectiveFrom: "2026-12" })).status).toBe(201);
    expect((await world.bClient.get<{ items: unknown[] }>("/api/v1/pay/schemes")).body.items).toHaveLength(3);
  },
  "GET /api/v1/pay/payroll": async () => {
    await bPaid();
    const payroll = await world.a.get("/api/v1/pay/payroll?month=2026-12");
    expect(payroll.status).toBe(200);
    expectNoPayOfB(payroll.body);
  },
  "GET /api/v1/pay/payroll/:sellerId": async () => expectNotFound(await world.a.get(`/api/v1/pay/payroll/${world.bSeller.id}?month=2026-12`)),
  "POST /api/v1/pay/what-if": async () => {
    expectNotFound(await world.a.post("/api/v1/pay/what-if", { sellerId: world.bSeller.id, month: "2026-12", deals: [{ amountMinor: 1 }] }));
    expectNotFound(await world.a.post("/api/v1/pay/what-if", { month: "2026-12", deals: [{ dealId: world.bDealId }] }));
  },
  "GET /api/v1/pay/adjustments": async () => {
    await bPaid();
    expectNotFound(await world.a.get(`/api/v1/pay/adjustments?month=2026-12&sellerId=${world.bSeller.id}`));
    const list = await world.a.get("/api/v1/pay/adjustments?month=2026-12");
    expect(list.body).toEqual({ items: [] });
  },
  "POST /api/v1/pay/adjustments": async () =>
    expectNotFound(await world.a.post("/api/v1/pay/adjustments", { sellerId: world.bSeller.id, month: "2026-12", amountMinor: 1, reason: "Stolen pay" })),
  // The period's bounds come from A's own calendar: nothing of B's is in them.
  "GET /api/v1/pay/period": async () =>
    expect((await world.a.get("/api/v1/pay/period?month=2026-12")).body).toEqual({
      kind: "month",
      key: "2026-12",
      start: "2026-12-01",
      end: "2026-12-31",
      previous: "2026-11",
      next: "2027-01",
    }),
  "GET /api/v1/pay/periods": async () => {
    await bPaid();
    expect((await world.a.get("/api/v1/pay/periods")).body).toEqual({ items: [] });
  },
  "POST /api/v1/pay/periods/:month/close": async () => {
    await bPaid();
    // B closed November; A's November is A's own.
    expect((await world.a.post("/api/v1/pay/periods/2026-10/close")).status).toBe(201);
    expect((await world.bClient.get<{ items: Array<{ month: string }> }>("/api/v1/pay/periods")).body.items.map((p) => p.month)).toEqual(["2026-11"]);
  },
  "GET /api/v1/pay/export": async () => {
    await bPaid();
    const xlsx = await world.a.get("/api/v1/pay/export?month=2026-12&layout=1c");
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers["x-export-rows"]).toBe("0");
  },
  "GET /api/v1/pay/settings": async () => {
    await bPaid();
    expect((await world.a.get("/api/v1/pay/settings")).body).toEqual({ payrollShareLimitPercent: null, defaultMarginPercent: 100, marginPercentByProductGroup: {} });
  },
  "PUT /api/v1/pay/settings": async () => {
    await bPaid();
    const reply = await world.a.put<Problem>("/api/v1/pay/settings", { marginPercentByProductGroup: { [bPay.bProductGroupId]: 10 } });
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.map((e) => e.field)).toEqual([`marginPercentByProductGroup.${bPay.bProductGroupId}`]);
  },
  "GET /api/v1/pay/contests": async () => {
    await bPaid();
    expect((await world.a.get("/api/v1/pay/contests")).body).toEqual({ items: [] });
  },
  "POST /api/v1/pay/contests": async () => {
    const created = await world.a.post<{ id: string }>("/api/v1/pay/contests", { name: "Alpha contest", metric: "meetings", month: "2026-12", prize: "Cake" });
    expect(created.status).toBe(201);
    expectNotFound(await world.bClient.get(`/api/v1/pay/contests/${created.body.id}/leaderboard`));
  },
  "GET /api/v1/pay/contests/live": async () => {
    await bPaid();
    const live = await world.a.get("/api/v1/pay/contests/live");
    expect(live.status).toBe(200);
    expectNoPayOfB(live.body);
  },
  "PATCH /api/v1/pay/contests/:id": async () => {
    await bPaid();
    expectNotFound(await world.a.patch(`/api/v1/pay/contests/${bPay.contestId}`, { prize: "Stolen" }));
    const own = await world.a.post<{ id: string }>("/api/v1/pay/contests", { name: "Alpha own", metric: "revenue", month: "2026-12", prize: "Tea" });
    const toB = await world.a.patch<Problem>(`/api/v1/pay/contests/${own.body.id}`, { winnerUserId: world.bSeller.id });
    expect(toB.status).toBe(400);
  },
  "DELETE /api/v1/pay/contests/:id": async () => {
    await bPaid();
    expectNotFound(await world.a.delete(`/api/v1/pay/contests/${bPay.contestId}`));
    expect((await world.bClient.get(`/api/v1/pay/contests/${bPay.contestId}/leaderboard`)).status).toBe(200);
  },
  "GET /api/v1/pay/contests/:id/leaderboard": async () => {
    await bPaid();
    expectNotFound(await world.a.get(`/api/v1/pay/contests/${bPay.contestId}/leaderboard`));
  },
};
for (const [route, check] of Object.entries(payMatrix)) matrix[route] = check;

// ---------------------------------------------------------------- [anti-leak] export control (#9)

let bExports: Promise<{ requestId: string; csv: string; hash: string }> | null = null;

/** B's admin changes B's export settings, exports once and asks for an approval, when the first check runs. */
const bExported = () =>
  (bExports ??= (async () => {
    const b = world.bClient;
    await b.put("/api/v1/exports/settings", { approvalThreshold: 7 });
    const csv = await b.get<string>("/api/v1/companies/export?format=csv");
    const request = await b.post<{ id: string }>("/api/v1/exports/requests", { entity: "companies", query: { format: "csv" } });
    if (csv.status !== 200 || request.status !== 201) throw new Error(`B's export setup failed: ${csv.raw} ${request.raw}`);
    const [row] = await test.database.db.select({ hash: exportLog.fileHash }).from(exportLog).where(eq(exportLog.id, String(csv.headers["x-export-id"])));
    return { requestId: request.body.id, csv: csv.raw, hash: row?.hash ?? "" };
  })());

const exportControlMatrix: Record<string, () => Promise<void>> = {
  "GET /api/v1/exports/settings": async () => {
    await bExported();
    expect((await world.a.get<{ approvalThreshold: number }>("/api/v1/exports/settings")).body.approvalThreshold).not.toBe(7);
  },
  "PUT /api/v1/exports/settings": async () => {
    await bExported();
    expect((await world.a.put("/api/v1/exports/settings", { approvalThreshold: 9 })).status).toBe(200);
    expect((await world.bClient.get<{ approvalThreshold: number }>("/api/v1/exports/settings")).body.approvalThreshold).toBe(7);
  },
  "GET /api/v1/exports/me": async () => expect((await world.a.get("/api/v1/exports/me")).status).toBe(200),
  "POST /api/v1/exports/requests": async () => {
    // B's client is not counted in A's request.
    const asked = await world.a.post<{ rows: number }>("/api/v1/exports/requests", { entity: "companies", query: { format: "csv", q: "Bravo Client" } });
    expect(asked.status).toBe(201);
    expect(asked.body.rows).toBe(0);
  },
  "GET /api/v1/exports/requests": async () => {
    const { requestId } = await bExported();
    const list = await world.a.get("/api/v1/exports/requests");
    expect(list.status).toBe(200);
    expect(list.raw).not.toContain(requestId);
    expect(list.raw).not.toContain(world.bAdmin.id);
  },
  "GET /api/v1/exports/requests/:id": async () => expectNotFound(await world.a.get(`/api/v1/exports/requests/${(await bExported()).requestId}`)),
  "POST /api/v1/exports/requests/:id/approve": async () => expectNotFound(await world.a.post(`/api/v1/exports/requests/${(await bExported()).requestId}/approve`, {})),
  "POST /api/v1/exports/requests/:id/reject": async () => expectNotFound(await world.a.post(`/api/v1/exports/requests/${(await bExported()).requestId}/reject`, {})),
  "GET /api/v1/exports/requests/:id/download": async () => expectNotFound(await world.a.get(`/api/v1/exports/requests/${(await bExported()).requestId}/download`)),
  "GET /api/v1/exports/log": async () => {
    await bExported();
    const log = await world.a.get("/api/v1/exports/log");
    expect(log.status).toBe(200);
    expectNothingOfB(log.body);
    expect(log.raw).not.toContain("Bravo");
  },
  "GET /api/v1/exports/trace": async () => {
    const { hash } = await bExported();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await world.a.get(`/api/v1/exports/trace?hash=${hash}`)).body).toEqual({ match: null, export: null });
  },
  "POST /api/v1/exports/trace": async () => {
    const { csv } = await bExported();
    expect((await world.a.upload("/api/v1/exports/trace", csv, "text/csv")).body).toEqual({ match: null, export: null });
  },
  "POST /api/v1/reveals": async () => expectNotFound(await world.a.post("/api/v1/reveals", { contactId: world.bContactId, field: "phones" })),
  "POST /api/v1/offboarding/:id": async () => expectNotFound(await world.a.post(`/api/v1/offboarding/${world.bSeller.id}`, { reason: "x" })),
  "GET /api/v1/offboarding/:id/report": async () => expectNotFound(await world.a.get(`/api/v1/offboarding/${world.bSeller.id}/report`)),
};
for (const [route, check] of Object.entries(exportControlMatrix)) matrix[route] = check;

// ---------------------------------------------------------------- [anti-leak] audit log, sessions, two-factor (#9)

let bSecured: Promise<{ sessionId: string }> | null = null;

/** B's admin changes B's security settings (an audited write) and lists B's sessions, when the first check runs. */
const bSecurity = () =>
  (bSecured ??= (async () => {
    const b = world.bClient;
    const saved = await b.patch("/api/v1/organization/security", { idleTimeoutMinutes: 10000 });
    const list = await b.get<{ items: { id: string; current: boolean }[] }>("/api/v1/me/sessions");
    const sessionId = list.body.items.find((s) => s.current)?.id;
    if (saved.status !== 200 || !sessionId) throw new Error(`B's security setup failed: ${saved.raw} ${list.raw}`);
    return { sessionId };
  })());

/** A fresh person of A, so a session or two-factor change touches nobody else's. */
const freshA = async () => signedIn(test, await buildUser(test.database, world.aOrganizationId));

const securityMatrix: Record<string, () => Promise<void>> = {
  "GET /api/v1/me/sessions": async () => {
    const { sessionId } = await bSecurity();
    const list = await world.a.get("/api/v1/me/sessions");
    expect(list.status).toBe(200);
    expect(list.raw).not.toContain(sessionId);
  },
  "DELETE /api/v1/me/sessions/:id": async () => {
    expectNotFound(await world.a.delete(`/api/v1/me/sessions/${(await bSecurity()).sessionId}`));
    expect((await world.bClient.get("/api/v1/auth/session")).status).toBe(200);
  },
  "POST /api/v1/me/sessions/revoke-others": async () => {
    await bSecurity();
    expect((await (await freshA()).post("/api/v1/me/sessions/revoke-others")).body).toEqual({ revoked: 0 });
    expect((await world.bClient.get("/api/v1/auth/session")).status).toBe(200);
  },
  "GET /api/v1/me/two-factor": async () => expect((await world.a.get("/api/v1/me/two-factor")).status).toBe(200),
  "POST /api/v1/me/two-factor/enroll": async () => expect((await (await freshA()).post("/api/v1/me/two-factor/enroll")).status).toBe(200),
  "POST /api/v1/me/two-factor/confirm": async () => expect((await (await freshA()).post("/api/v1/me/two-factor/confirm", { code: "123456" })).status).toBe(400),
  "POST /api/v1/me/two-factor/disable": async () => expect((await (await freshA()).post("/api/v1/me/two-factor/disable", { password: testPassword })).status).toBe(204),
  "POST /api/v1/auth/two-factor": async () => expect((await new TestClient(test).post("/api/v1/auth/two-factor", { code: "123456" })).status).toBe(401),
  "POST /api/v1/auth/two-factor/enroll": async () => expect((await new TestClient(test).post("/api/v1/auth/two-factor/enroll")).status).toBe(401),
  "GET /api/v1/organization/security": async () => {
    await bSecurity();
    expect((await world.a.get<{ idleTimeoutMinutes: number }>("/api/v1/organization/security")).body.idleTimeoutMinutes).not.toBe(10000);
  },
  "PATCH /api/v1/organization/security": async () => {
    await bSecurity();
    expect((await world.a.patch("/api/v1/organization/security", { idleTimeoutMinutes: 10080 })).status).toBe(200);
    expect((await world.bClient.get<{ idleTimeoutMinutes: number }>("/api/v1/organization/security")).body.idleTimeoutMinutes).toBe(10000);
  },
  "DELETE /api/v1/organization/security/two-factor/:id": async () => {
    expectNotFound(await world.a.delete(`/api/v1/organization/security/two-factor/${world.bAdmin.id}`));
    expect((await world.bClient.get("/api/v1/auth/session")).status).toBe(200);
  },
  "GET /api/v1/audit": async () => {
    await bSecurity();
    const all = await world.a.get("/api/v1/audit?limit=100");
    expect(all.status).toBe(200);
    expectNothingOfB(all.body);
    expect((await world.a.get(`/api/v1/audit?actorId=${world.bAdmin.id}`)).body).toMatchObject({ items: [], total: 0 });
  },
  "GET /api/v1/audit/verify": async () => {
    await bSecurity();
    expect((await world.a.get("/api/v1/audit/verify")).body).toMatchObject({ organizationId: world.aOrganizationId, broken: null });
  },
};
for (const [route, check] of Object.entries(securityMatrix)) matrix[route] = check;

describe("organization A cannot reach organization B", () => {
  it("the matrix lists every /api/v1 route", () => {
    const served = test.app.routeTable
      .filter((r) => r.url.startsWith("/api/v1"))
      .map((r) => `${r.method} ${r.url.replace(/\/$/, "")}`)
      .sort();
    expect(served).toEqual(Object.keys(matrix).sort());
  });

  for (const [route, check] of Object.entries(matrix)) {
    it(route, check);
  }

  it("left B untouched", async () => {
    const card = await world.bClient.get<{ company: { name: string }; contacts: unknown[]; openTasks: unknown[] }>(
      `/api/v1/companies/${world.bCompanyId}`,
    );
    expect(card.body.company.name).toBe("Bravo Client");
    expect(card.body.contacts).toHaveLength(1);
    expect(card.body.openTasks).toHaveLength(1);
    const deal = await world.bClient.get<{ deal: { title: string; stageName: string } }>(`/api/v1/deals/${world.bDealId}`);
    expect(deal.body.deal).toMatchObject({ title: "Bravo deal", stageName: world.bPipeline.stages.find((st) => st.kind === "won")?.name });
    const items = await world.bClient.get<{ items: { productId: string; quantity: number }[] }>(`/api/v1/deals/${world.bDealId}/items`);
    expect(items.body.items.map((i) => [i.productId, i.quantity])).toEqual([[world.bProductId, 5]]);
    const orders = await world.bClient.get<{ paidMinor: number }>("/api/v1/orders");
    expect(orders.body.paidMinor).toBe(500);
    const pipelines = await world.bClient.get<{ items: { name: string }[] }>("/api/v1/pipelines");
    expect(pipelines.body.items.map((p) => p.name)).toEqual([world.bPipeline.name]);
    const seller = await world.bClient.get<User>(`/api/v1/users/${world.bSeller.id}`);
    expect(seller.body.name).toBe("Bravo Seller");
    expect(seller.body.status).toBe("active");
    expect(seller.body.mustChangePassword).toBe(false);
    const tokens = await world.bClient.get<{ items: ApiToken[] }>("/api/v1/api-tokens");
    expect(tokens.body.items.find((t) => t.id === world.bTokenId)?.revokedAt).toBeNull();
  });

  it("answers a missing id exactly as it answers B's id", async () => {
    const missing = await world.a.get<Problem>("/api/v1/users/00000000-0000-4000-8000-000000000000");
    const foreign = await world.a.get<Problem>(`/api/v1/users/${world.bSeller.id}`);
    expect(missing.status).toBe(foreign.status);
    expect(missing.body.code).toBe(foreign.body.code);
    expect(missing.body.detail).toBe(foreign.body.detail);
  });

  it("an API token of B acts only inside B", async () => {
    const created = await world.bClient.post<{ token: string }>("/api/v1/api-tokens", { name: "B probe" });
    const probe = new TestClient(test);
    probe.bearer = created.body.token;
    expectNotFound(await probe.get(`/api/v1/users/${world.aAdmin.id}`));
    const list = await probe.get<UserPage>("/api/v1/users");
    expect(list.body.items.map((u) => u.id)).not.toContain(world.aAdmin.id);
  });
});
