import type {
  Company,
  CompanyCard,
  ConveyorSettings,
  Deal,
  Handover,
  HandoverOptions,
  HandoverPage,
  HandoverPreview,
  HandoverRule,
  LevelReport,
  NotificationList,
  Order,
  Pipeline,
  Problem,
  SweepResult,
  Task,
  TimelinePage,
} from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { buildOrganization, buildUser, signedIn, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

const dayMs = 86_400_000;

/** A three-level department: Lena on L1, Lev and Luka on L2, Fedor on L3; the admin heads it. */
const department = async () => {
  const org = await buildOrganization(test.database);
  const lena = await buildUser(test.database, org.organizationId, { name: "Lena L1" });
  const lev = await buildUser(test.database, org.organizationId, { name: "Lev L2" });
  const luka = await buildUser(test.database, org.organizationId, { name: "Luka L2" });
  const fedor = await buildUser(test.database, org.organizationId, { name: "Fedor L3" });
  const admin = await signedIn(test, org.admin);
  for (const [user, level] of [
    [lena, "L1"],
    [lev, "L2"],
    [luka, "L2"],
    [fedor, "L3"],
  ] as const) {
    const set = await admin.patch(`/api/v1/conveyor/people/${user.id}`, { level });
    expect(set.status).toBe(200);
  }
  const pipeline = (await admin.get<{ items: Pipeline[] }>("/api/v1/pipelines")).body.items[0];
  const won = pipeline?.stages.find((s) => s.kind === "won");
  if (!pipeline || !won) throw new Error("no pipeline");
  return {
    org,
    people: { lena, lev, luka, fedor },
    as: { admin, lena: await signedIn(test, lena), lev: await signedIn(test, lev), luka: await signedIn(test, luka), fedor: await signedIn(test, fedor) },
    pipeline,
    won,
  };
};

const cardOf = async (client: TestClient, id: string): Promise<Company> => (await client.get<CompanyCard>(`/api/v1/companies/${id}`)).body.company;

const rule = (client: TestClient, body: object) => client.post<HandoverRule>("/api/v1/conveyor/rules", body);

const newClient = async (client: TestClient, name: string, level = "L1") =>
  (await client.post<Company>("/api/v1/companies", { name, level })).body;

/** A won deal with one paid order of `amountMinor` on `paidOn`; returns the deal. */
const buy = async (client: TestClient, companyId: string, wonStageId: string, amountMinor: number, paidOn: string, currency?: string) => {
  const deal = (await client.post<Deal>("/api/v1/deals", { companyId, title: `Deal ${paidOn}`, amountMinor, ...(currency ? { currency } : {}) })).body;
  expect((await client.post(`/api/v1/deals/${deal.id}/move`, { stageId: wonStageId })).status).toBe(200);
  const order = await client.post<Order>(`/api/v1/deals/${deal.id}/orders`, { amountMinor, orderedOn: paidOn });
  expect(order.status).toBe(201);
  const payment = await client.post(`/api/v1/orders/${order.body.id}/payments`, { amountMinor, paidOn });
  expect(payment.status).toBe(201);
  return { deal, order: order.body };
};

describe("handing a client over by hand (M1.4)", () => {
  it("an L1 seller qualifies a client as hot: it goes to the least loaded L2 seller with its open tasks, and both are told", async () => {
    const { as, people } = await department();
    // Lev already holds an L2 client, so the balance picks Luka.
    const held = await newClient(as.admin, "Held by Lev", "L2");
    await as.admin.patch(`/api/v1/companies/${held.id}`, { ownerId: people.lev.id });
    const client = await newClient(as.lena, "Горячий клиент");
    const task = await as.lena.post<Task>("/api/v1/tasks", { title: "Send the offer", dueAt: new Date(Date.now() + dayMs).toISOString(), companyId: client.id });

    const options = await as.lena.get<HandoverOptions>(`/api/v1/companies/${client.id}/handover`);
    expect(options.body).toMatchObject({ fromLevel: "L1", toLevel: "L2", blockedBy: null, suggested: { id: people.luka.id }, canPickReceiver: false });

    const handed = await as.lena.post<Handover>(`/api/v1/companies/${client.id}/handover`, { comment: "Ready to buy in December" });
    expect(handed.status).toBe(201);
    expect(handed.body).toMatchObject({ fromLevel: "L1", toLevel: "L2", from: { id: people.lena.id }, to: { id: people.luka.id }, reason: "manual", trigger: "manual", movedTasks: 1 });

    const card = await cardOf(as.luka, client.id);
    expect(card).toMatchObject({ level: "L2", ownerId: people.luka.id, temperature: "hot" });
    const lukasTasks = await as.luka.get<{ items: Task[] }>("/api/v1/tasks?assignee=me");
    expect(lukasTasks.body.items.map((t) => t.id)).toContain(task.body.id);

    const timeline = await as.luka.get<TimelinePage>(`/api/v1/companies/${client.id}/timeline`);
    const entry = timeline.body.items.find((e) => e.kind === "handover");
    expect(entry?.handover).toMatchObject({ fromLevel: "L1", toLevel: "L2", fromName: "Lena L1", toName: "Luka L2", reason: "manual", comment: "Ready to buy in December" });

    const lukaNotes = await as.luka.get<NotificationList>("/api/v1/me/notifications");
    expect(lukaNotes.body.unread).toBe(1);
    expect(lukaNotes.body.items[0]).toMatchObject({ kind: "handover_received", company: { id: client.id }, handover: { from: { id: people.lena.id } } });
    const lenaNotes = await as.lena.get<NotificationList>("/api/v1/me/notifications");
    expect(lenaNotes.body.items[0]?.kind).toBe("handover_given");
    const noteId = lukaNotes.body.items[0]?.id ?? "";
    expect((await as.lena.post(`/api/v1/me/notifications/${noteId}/read`)).status).toBe(404);
    expect((await as.luka.post(`/api/v1/me/notifications/${noteId}/read`)).status).toBe(204);
    expect((await as.luka.get<NotificationList>("/api/v1/me/notifications")).body.unread).toBe(0);
  });

  it("only leads pick the receiver; a one-level department, L3 clients and full receivers are refused with a clear code", async () => {
    const { as, people } = await department();
    const client = await newClient(as.lena, "Pick me");
    const picked = await as.lena.post<Problem>(`/api/v1/companies/${client.id}/handover`, { toUserId: people.lev.id });
    expect(picked.status).toBe(403);
    const byHead = await as.admin.post<Handover>(`/api/v1/companies/${client.id}/handover`, { toUserId: people.lev.id });
    expect(byHead.body.to.id).toBe(people.lev.id);
    expect((await as.luka.post(`/api/v1/companies/${client.id}/handover`, {})).status).toBe(404);

    const top = await newClient(as.fedor, "Already on L3", "L3");
    const last = await as.fedor.post<Problem>(`/api/v1/companies/${top.id}/handover`, {});
    expect(last.status).toBe(409);
    expect(last.body.code).toBe("handover_not_possible");

    await as.admin.patch(`/api/v1/conveyor/people/${people.lev.id}`, { clientCap: 1 });
    await as.admin.patch(`/api/v1/conveyor/people/${people.luka.id}`, { clientCap: 1 });
    const second = await newClient(as.admin, "Second", "L2");
    await as.admin.patch(`/api/v1/companies/${second.id}`, { ownerId: people.luka.id });
    const third = await newClient(as.lena, "No room");
    const full = await as.lena.post<Problem>(`/api/v1/companies/${third.id}/handover`, {});
    expect(full.status).toBe(409);
    expect(full.body.code).toBe("no_receiver");
    expect((await as.lena.get<HandoverOptions>(`/api/v1/companies/${third.id}/handover`)).body.blockedBy).toBe("no_receiver");

    await as.admin.patch<ConveyorSettings>("/api/v1/conveyor/settings", { departmentMode: "one_level" });
    const oneLevel = await as.lena.post<Problem>(`/api/v1/companies/${third.id}/handover`, {});
    expect(oneLevel.body.code).toBe("handover_not_possible");
    expect((await cardOf(as.lena, third.id)).level).toBe("L1");
  });

  it("the giver keeps read access for the configured days, then loses it", async () => {
    const { as } = await department();
    const saved = await as.admin.patch<ConveyorSettings>("/api/v1/conveyor/settings", { giverAccessDays: 3 });
    expect(saved.body.giverAccessDays).toBe(3);
    const client = await newClient(as.lena, "Grace period");
    const handed = await as.lena.post<Handover>(`/api/v1/companies/${client.id}/handover`, {});
    expect(handed.body.giverAccessUntil).not.toBeNull();
    expect((await as.lena.get(`/api/v1/companies/${client.id}`)).status).toBe(200);
    expect((await as.lena.patch(`/api/v1/companies/${client.id}`, { name: "Mine again" })).status).toBe(200);

    test.clock.advance(4 * dayMs);
    const swept = await as.admin.post<SweepResult>("/api/v1/conveyor/sweep");
    expect(swept.body.accessExpired).toBe(1);
    expect((await as.lena.get(`/api/v1/companies/${client.id}`)).status).toBe(404);
    const list = await as.lena.get<{ items: Company[] }>("/api/v1/companies?q=Mine again");
    expect(list.body.items).toEqual([]);
    // Her own handovers stay hers to read in the report.
    expect((await as.lena.get<HandoverPage>("/api/v1/conveyor/handovers")).body.items.map((h) => h.company.id)).toEqual([client.id]);
  });
});

describe("handover rules (M1.4, M4.1)", () => {
  it("a rule on temperature moves L1 clients to L2 when they turn hot, once, even if asked twice", async () => {
    const { as, people } = await department();
    const hot = await rule(as.admin, { name: "Hot goes to L2", enabled: true, rule: { kind: "hot" } });
    expect(hot.status).toBe(201);
    expect(hot.body).toMatchObject({ fromLevel: "L1", toLevel: "L2" });
    const client = await newClient(as.lena, "Warming up");
    await as.lena.patch(`/api/v1/companies/${client.id}`, { temperature: "warm" });
    expect((await cardOf(as.admin, client.id)).level).toBe("L1");
    await as.lena.patch(`/api/v1/companies/${client.id}`, { temperature: "hot" });
    const after = (await cardOf(as.admin, client.id));
    expect(after.level).toBe("L2");
    expect([people.lev.id, people.luka.id]).toContain(after.ownerId);

    const sweep = await as.admin.post<SweepResult>("/api/v1/conveyor/sweep");
    expect(sweep.body.handedOver).toBe(0);
    const report = await as.admin.get<HandoverPage>(`/api/v1/conveyor/handovers?companyId=${client.id}`);
    expect(report.body.total).toBe(1);
    expect(report.body.items[0]).toMatchObject({ reason: "hot", ruleName: "Hot goes to L2", trigger: "temperature_changed", figures: { temperature: "hot" } });
  });

  it("a rule on a stage moves an L1 client to L2 when one of its deals reaches that stage or a later one", async () => {
    const { as, pipeline } = await department();
    const open = pipeline.stages.filter((st) => st.kind === "open");
    const target = open[2];
    if (!target || !open[1] || !open[3]) throw new Error("the default pipeline has fewer than four open stages");
    await rule(as.admin, { name: "Proposal stage", enabled: true, rule: { kind: "stage", stageId: target.id } });
    const client = await newClient(as.lena, "Stage climber");
    const deal = (await as.lena.post<Deal>("/api/v1/deals", { companyId: client.id, title: "Pilot", amountMinor: 100_00 })).body;
    await as.lena.post(`/api/v1/deals/${deal.id}/move`, { stageId: open[1].id });
    expect((await cardOf(as.admin, client.id)).level).toBe("L1");
    await as.lena.post(`/api/v1/deals/${deal.id}/move`, { stageId: open[3].id });
    expect((await cardOf(as.admin, client.id)).level).toBe("L2");
    const handover = (await as.admin.get<HandoverPage>(`/api/v1/conveyor/handovers?companyId=${client.id}`)).body.items[0];
    expect(handover).toMatchObject({ reason: "stage", trigger: "stage_changed", figures: { deal: "Pilot", stage: open[3].name } });
    // The deal went with the client to its new owner.
    expect((await as.admin.get<{ deal: Deal }>(`/api/v1/deals/${deal.id}`)).body.deal.ownerId).toBe(handover?.to.id);

    const direct = await newClient(as.lena, "Straight to the proposal");
    await as.lena.post("/api/v1/deals", { companyId: direct.id, title: "Late start", amountMinor: 100_00, stageId: target.id });
    expect((await cardOf(as.admin, direct.id)).level).toBe("L2");
  });

  it("the signed acceptance act of the first deal moves an L2 client to L3", async () => {
    const { as, people, won } = await department();
    await rule(as.admin, { name: "Act signed", enabled: true, rule: { kind: "acceptance_act" } });
    const client = await newClient(as.admin, "Signed", "L2");
    await as.admin.patch(`/api/v1/companies/${client.id}`, { ownerId: people.lev.id });
    const deal = (await as.lev.post<Deal>("/api/v1/deals", { companyId: client.id, title: "First", amountMinor: 1000_00 })).body;
    await as.lev.post(`/api/v1/deals/${deal.id}/move`, { stageId: won.id });
    expect((await cardOf(as.admin, client.id)).level).toBe("L2");
    const signed = await as.lev.patch<Deal>(`/api/v1/deals/${deal.id}`, { acceptanceSignedOn: "2026-11-20" });
    expect(signed.status).toBe(200);
    const after = (await cardOf(as.admin, client.id));
    expect(after).toMatchObject({ level: "L3", ownerId: people.fedor.id });
    const handover = (await as.admin.get<HandoverPage>(`/api/v1/conveyor/handovers?companyId=${client.id}`)).body.items[0];
    expect(handover).toMatchObject({ reason: "acceptance_act", trigger: "acceptance_act", figures: { deal: "First", acceptanceSignedOn: "2026-11-20" } });
  });

  it("hunter → farmer after the 2nd order: the preview lists the client before the rule is on, the sweep moves it", async () => {
    const { as, people, won } = await department();
    const client = await newClient(as.admin, "Two orders", "L2");
    await as.admin.patch(`/api/v1/companies/${client.id}`, { ownerId: people.lev.id });
    await buy(as.lev, client.id, won.id, 500_00, "2026-10-05");
    await buy(as.lev, client.id, won.id, 700_00, "2026-11-05");
    const one = await newClient(as.admin, "One order", "L2");
    await as.admin.patch(`/api/v1/companies/${one.id}`, { ownerId: people.lev.id });
    await buy(as.lev, one.id, won.id, 900_00, "2026-11-06");

    const preview = await as.admin.post<HandoverPreview>("/api/v1/conveyor/rules/preview", { rule: { kind: "orders", count: 2 } });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ fromLevel: "L2", toLevel: "L3", examined: 2, total: 1, truncated: false });
    expect(preview.body.clients).toEqual([{ companyId: client.id, name: "Two orders", owner: { id: people.lev.id, name: "Lev L2" }, figures: { orders: 2, threshold: 2 } }]);
    expect((await cardOf(as.admin, client.id)).level).toBe("L2");

    const created = await rule(as.admin, { name: "Second order", enabled: true, rule: { kind: "orders", count: 2 } });
    const sweep = await as.admin.post<SweepResult>("/api/v1/conveyor/sweep");
    expect(sweep.body.handedOver).toBe(1);
    expect((await as.admin.post<SweepResult>("/api/v1/conveyor/sweep")).body.handedOver).toBe(0);
    expect((await cardOf(as.admin, client.id))).toMatchObject({ level: "L3", ownerId: people.fedor.id });
    expect((await cardOf(as.admin, one.id)).level).toBe("L2");

    // A rule that moved clients is kept for the report: deleting it switches it off.
    const removed = await as.admin.delete<{ outcome: string }>(`/api/v1/conveyor/rules/${created.body.id}`);
    expect(removed.body.outcome).toBe("disabled");
  });

  it("hunter → farmer after buying a product group: an order of a deal with that product among its lines counts", async () => {
    const { as, people, won } = await department();
    const group = (await as.admin.post<{ id: string }>("/api/v1/product-groups", { name: "Сервис" })).body;
    const service = (await as.admin.post<{ id: string }>("/api/v1/products", { name: "Годовой сервис", groupId: group.id, priceMinor: 300_00 })).body;
    const unknown = await rule(as.admin, { name: "Ghost", rule: { kind: "product", productIds: ["00000000-0000-4000-8000-000000000000"] } });
    expect((unknown.body as unknown as Problem).errors?.[0]?.field).toBe("rule.productIds.0");
    await rule(as.admin, { name: "Service buyers", enabled: true, rule: { kind: "product", productGroupIds: [group.id] } });
    const client = await newClient(as.admin, "Service buyer", "L2");
    await as.admin.patch(`/api/v1/companies/${client.id}`, { ownerId: people.lev.id });
    const deal = (await as.lev.post<Deal>("/api/v1/deals", { companyId: client.id, title: "Service" })).body;
    expect((await as.lev.request("PUT", `/api/v1/deals/${deal.id}/items`, { items: [{ productId: service.id, quantity: 2 }] })).status).toBe(200);
    await as.lev.post(`/api/v1/deals/${deal.id}/move`, { stageId: won.id });
    expect((await cardOf(as.admin, client.id)).level).toBe("L2");
    await as.lev.post(`/api/v1/deals/${deal.id}/orders`, { amountMinor: 600_00, orderedOn: "2026-11-02" });
    expect((await cardOf(as.admin, client.id)).level).toBe("L3");
    const handover = (await as.admin.get<HandoverPage>(`/api/v1/conveyor/handovers?companyId=${client.id}`)).body.items[0];
    expect(handover).toMatchObject({ reason: "product", trigger: "order", figures: { matchingOrders: 1 } });
  });

  it("two events for one client at the same moment hand it over exactly once", async () => {
    const { as, people, won } = await department();
    await rule(as.admin, { name: "Volume", enabled: true, rule: { kind: "volume", amountMinor: 1000_00, currency: "RUB" } });
    const client = await newClient(as.admin, "Race", "L2");
    await as.admin.patch(`/api/v1/companies/${client.id}`, { ownerId: people.lev.id });
    const deal = (await as.lev.post<Deal>("/api/v1/deals", { companyId: client.id, title: "Big", amountMinor: 2000_00 })).body;
    await as.lev.post(`/api/v1/deals/${deal.id}/move`, { stageId: won.id });
    const first = (await as.lev.post<Order>(`/api/v1/deals/${deal.id}/orders`, { amountMinor: 1000_00, orderedOn: "2026-11-01" })).body;
    const second = (await as.lev.post<Order>(`/api/v1/deals/${deal.id}/orders`, { amountMinor: 1000_00, orderedOn: "2026-11-01" })).body;
    const paid = await Promise.all([
      as.lev.post(`/api/v1/orders/${first.id}/payments`, { amountMinor: 1000_00, paidOn: "2026-11-02" }),
      as.lev.post(`/api/v1/orders/${second.id}/payments`, { amountMinor: 1000_00, paidOn: "2026-11-02" }),
    ]);
    expect(paid.map((r) => r.status)).toEqual([201, 201]);
    const report = await as.admin.get<HandoverPage>(`/api/v1/conveyor/handovers?companyId=${client.id}`);
    expect(report.body.total).toBe(1);
    expect(report.body.items[0]).toMatchObject({ reason: "volume", trigger: "payment", to: { id: people.fedor.id } });
  });

  it("rejects rules that point at nothing, with the field at fault", async () => {
    const { as } = await department();
    const stage = await rule(as.admin, { name: "Nowhere", rule: { kind: "stage", stageId: "00000000-0000-4000-8000-000000000000" } });
    expect(stage.status).toBe(400);
    expect((stage.body as unknown as Problem).errors?.[0]?.field).toBe("rule.stageId");
    const empty = await rule(as.admin, { name: "No product", rule: { kind: "product" } });
    expect((empty.body as unknown as Problem).errors?.[0]?.field).toBe("rule.productIds");
    const bad = await rule(as.admin, { name: "Bad", rule: { kind: "orders", count: 0 } });
    expect(bad.status).toBe(400);
    expect((await as.lena.post("/api/v1/conveyor/rules", { name: "Mine", rule: { kind: "hot" } })).status).toBe(403);
  });
});

describe("permanent clients (M4.2)", () => {
  it("a client whose total purchases reach X becomes permanent with its service level; a refund keeps others below", async () => {
    const { as, people, won } = await department();
    await as.admin.patch("/api/v1/conveyor/settings", { permanent: { totalAmountMinor: 1000_00, serviceLevel: "VIP: answer within an hour" } });
    const loyal = await newClient(as.admin, "Loyal", "L3");
    await as.admin.patch(`/api/v1/companies/${loyal.id}`, { ownerId: people.fedor.id });
    await buy(as.fedor, loyal.id, won.id, 600_00, "2026-10-01");
    expect((await cardOf(as.fedor, loyal.id)).status).toBe("current");
    await buy(as.fedor, loyal.id, won.id, 400_00, "2026-11-01");
    const after = (await cardOf(as.fedor, loyal.id));
    expect(after).toMatchObject({ status: "permanent", serviceLevel: "VIP: answer within an hour" });
    expect(after.permanentSince).not.toBeNull();
    const notes = await as.fedor.get<NotificationList>("/api/v1/me/notifications");
    expect(notes.body.items.some((n) => n.kind === "permanent_client" && n.company?.id === loyal.id)).toBe(true);
    const list = await as.fedor.get<{ items: Company[] }>("/api/v1/companies?status=permanent");
    expect(list.body.items.map((c) => c.id)).toEqual([loyal.id]);
    // Marked in the header's search as well.
    const found = await as.fedor.get<{ companies: { id: string; level: string | null; permanent: boolean }[] }>("/api/v1/search?q=Loyal");
    expect(found.body.companies).toEqual([expect.objectContaining({ id: loyal.id, level: "L3", permanent: true })]);

    const refunded = await newClient(as.admin, "Refunded", "L3");
    await as.admin.patch(`/api/v1/companies/${refunded.id}`, { ownerId: people.fedor.id });
    const { order } = await buy(as.fedor, refunded.id, won.id, 900_00, "2026-11-01");
    await as.fedor.post(`/api/v1/orders/${order.id}/payments`, { amountMinor: -500_00, paidOn: "2026-11-03" });
    await buy(as.fedor, refunded.id, won.id, 500_00, "2026-11-04");
    expect((await cardOf(as.fedor, refunded.id)).status).toBe("current");
  });
});

describe("the level report", () => {
  it("counts clients per level, the time they spent before moving on, and the clients stuck at a level", async () => {
    const { as } = await department();
    await as.admin.patch("/api/v1/conveyor/settings", { stuckAfterDays: 5 });
    const moved = await newClient(as.lena, "Moves on");
    const stuck = await newClient(as.lena, "Stays");
    test.clock.advance(6 * dayMs);
    await as.lena.post(`/api/v1/companies/${moved.id}/handover`, {});
    const report = await as.admin.get<LevelReport>("/api/v1/conveyor/levels");
    expect(report.status).toBe(200);
    expect(report.body.atLevel).toEqual({ L1: 1, L2: 1, L3: 0 });
    expect(report.body.timeAtLevel[0]).toMatchObject({ level: "L1", handedOver: 1 });
    expect(report.body.timeAtLevel[0]?.averageDays).toBeGreaterThanOrEqual(6);
    expect(report.body.stuck.map((s) => s.companyId)).toEqual([stuck.id]);
    expect(report.body.stuckTotal).toBe(1);
    expect((await as.lena.get("/api/v1/conveyor/levels")).status).toBe(403);
  });
});
