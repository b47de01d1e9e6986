import type { Lead, LeadPage, LeadReceipt, Problem, TimelinePage } from "@conveyor/contracts";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { runLeadSla } from "../src/commands/run-lead-sla";
import { leadSignature } from "../src/security/lead-signature";
import { buildOrganization, buildUser, signedIn, TestClient, type BuiltUser, useTestApp } from "./harness";

const test = useTestApp();

/** Tuesday 11:00 in Moscow: a working day, inside the organization's 09:00–18:00. */
const tuesdayMorning = new Date("2026-12-08T08:00:00Z");

type World = {
  organizationId: string;
  admin: TestClient;
  head: BuiltUser;
  headClient: TestClient;
  sellers: BuiltUser[];
  sellerClients: TestClient[];
};

const count = async (table: string, organizationId: string): Promise<number> => {
  const result = await test.database.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where organization_id = ${organizationId}`);
  return Number(result.rows[0]?.["n"] ?? 0);
};

const buildWorld = async (sellerCount = 2): Promise<World> => {
  test.clock.now = tuesdayMorning;
  const org = await buildOrganization(test.database);
  const admin = await signedIn(test, org.admin);
  const head = await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Head Helen" });
  const sellers: BuiltUser[] = [];
  for (let i = 0; i < sellerCount; i += 1) sellers.push(await buildUser(test.database, org.organizationId, { name: `Seller ${i + 1}` }));
  return {
    organizationId: org.organizationId,
    admin,
    head,
    headClient: await signedIn(test, head),
    sellers,
    sellerClients: await Promise.all(sellers.map((s) => signedIn(test, s))),
  };
};

const webhookSource = async (world: World): Promise<{ id: string; publicKey: string; secret: string }> => {
  const created = await world.admin.post<{ id: string; publicKey: string; secret: string }>("/api/v1/lead-sources", {
    name: "Website hook",
    kind: "webhook",
    channel: "website",
  });
  expect(created.status).toBe(201);
  return created.body;
};

const signedPost = (source: { publicKey: string; secret: string }, body: unknown, headers: Record<string, string> = {}, at = test.clock.now) => {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return test.app.inject({
    method: "POST",
    url: "/api/v1/leads",
    payload: raw,
    headers: {
      "content-type": "application/json",
      "x-conveyor-source": source.publicKey,
      "x-conveyor-timestamp": timestamp,
      "x-conveyor-signature": leadSignature(source.secret, timestamp, raw),
      ...headers,
    },
  });
};

describe("lead intake (M5.5)", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it("a typed-in lead becomes a client, a contact and a deal in front of a seller, with its SLA timers", async () => {
    const reply = await world.headClient.post<LeadReceipt>("/api/v1/leads", {
      name: "Ivan Petrov",
      companyName: "Romashka LLC",
      phone: "8 (495) 123-45-67",
      email: "Ivan@Romashka.example",
      message: "Need 20 units",
      utm: { source: "yandex", campaign: "winter" },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.duplicate).toBe(false);
    expect(reply.body.route).toBe("round_robin");
    expect(world.sellers.map((s) => s.id)).toContain(reply.body.assigneeId);
    const lead = await world.headClient.get<Lead>(`/api/v1/leads/${reply.body.id}`);
    expect(lead.body).toMatchObject({
      phone: "+74951234567",
      email: "ivan@romashka.example",
      status: "waiting",
      company: { name: "Romashka LLC" },
      utm: { source: "yandex", campaign: "winter" },
      source: { kind: "manual" },
    });
    // 5 and 15 business minutes after arrival, inside working hours.
    expect(lead.body.remindAt).toBe(new Date(tuesdayMorning.getTime() + 5 * 60_000).toISOString());
    expect(lead.body.reassignAt).toBe(new Date(tuesdayMorning.getTime() + 15 * 60_000).toISOString());
    const timeline = await world.headClient.get<TimelinePage>(`/api/v1/companies/${reply.body.companyId}/timeline`);
    expect(timeline.body.items.map((e) => e.kind)).toEqual(expect.arrayContaining(["created", "lead_received", "deal_created"]));
    const deal = await world.headClient.get<{ ownerId?: string; owner?: { id: string } }>(`/api/v1/deals/${reply.body.dealId}`);
    expect(deal.status).toBe(200);
  });

  it("round-robin alternates between equal sellers", async () => {
    const w = await buildWorld(3);
    const assignees: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const reply = await w.headClient.post<LeadReceipt>("/api/v1/leads", { name: `Lead ${i}`, email: `rr${i}@example.test` });
      assignees.push(reply.body.assigneeId ?? "");
    }
    const perSeller = w.sellers.map((s) => assignees.filter((a) => a === s.id).length);
    expect(perSeller).toEqual([2, 2, 2]);
  });

  it("a known client's lead goes to its existing owner", async () => {
    const owner = world.sellers[1];
    if (!owner) throw new Error("no seller");
    const company = await world.headClient.post<{ id: string }>("/api/v1/companies", { name: "Known Co", ownerId: owner.id });
    await world.headClient.post(`/api/v1/companies/${company.body.id}/contacts`, { name: "Olga", phones: ["+7 916 555-44-33"] });
    const reply = await world.headClient.post<LeadReceipt>("/api/v1/leads", { name: "Olga again", phone: "89165554433" });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ route: "existing_owner", assigneeId: owner.id, companyId: company.body.id });
    const lead = await world.headClient.get<Lead>(`/api/v1/leads/${reply.body.id}`);
    expect(lead.body.knownClient).toBe(true);
  });

  it("the same delivery twice, or five at once, makes one lead", async () => {
    const w = await buildWorld();
    const before = await count("leads", w.organizationId);
    const send = () => w.headClient.request<LeadReceipt>("POST", "/api/v1/leads", { name: "Retry Ltd", email: "retry@example.test" }, { "idempotency-key": "delivery-42" });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id: first.body.id, duplicate: true });
    const burst = await Promise.all([1, 2, 3, 4, 5].map(() =>
      w.headClient.request<LeadReceipt>("POST", "/api/v1/leads", { name: "Burst Ltd", externalId: "ext-7" }),
    ));
    expect(new Set(burst.map((r) => r.body.id)).size).toBe(1);
    expect(burst.filter((r) => r.status === 201)).toHaveLength(1);
    expect(await count("leads", w.organizationId)).toBe(before + 2);
    expect(await count("companies", w.organizationId)).toBe(2);
    expect(await count("deals", w.organizationId)).toBe(2);
  });

  it("bad input gets a clear error and leaves nothing behind", async () => {
    const w = await buildWorld();
    const before = { leads: await count("leads", w.organizationId), companies: await count("companies", w.organizationId) };
    const badPhone = await w.headClient.post<Problem>("/api/v1/leads", { name: "X", phone: "12" });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.errors?.[0]?.field).toBe("phone");
    const nothing = await w.headClient.post<Problem>("/api/v1/leads", { message: "hi" });
    expect(nothing.status).toBe(400);
    expect(nothing.body.errors?.map((e) => e.field)).toContain("phone");
    const unknown = await w.headClient.post<Problem>("/api/v1/leads", { name: "X", favouriteColour: "red" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]).toMatchObject({ field: "favouriteColour", code: "unknown_field" });
    const malformed = await test.app.inject({ method: "POST", url: "/api/v1/leads", payload: "{not json", headers: { "content-type": "application/json", cookie: `conveyor_session=${w.headClient.cookie ?? ""}`, "x-csrf-token": w.headClient.csrfToken ?? "" } });
    expect(malformed.statusCode).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ code: "validation_failed" });
    const huge = await w.headClient.post<Problem>("/api/v1/leads", { name: "X", message: "x".repeat(1_100_000) });
    expect(huge.status).toBe(413);
    const badSource = await w.headClient.post<Problem>("/api/v1/leads", { name: "X", sourceId: "00000000-0000-4000-8000-000000000000" });
    expect(badSource.status).toBe(400);
    expect(badSource.body.errors?.[0]?.field).toBe("sourceId");
    expect({ leads: await count("leads", w.organizationId), companies: await count("companies", w.organizationId) }).toEqual(before);
  });

  it("a webhook is taken only when signed with its secret and a fresh timestamp", async () => {
    const w = await buildWorld();
    const source = await webhookSource(w);
    const ok = await signedPost(source, { name: "Signed Co", email: "signed@example.test", externalId: "crm-1" });
    expect(ok.statusCode).toBe(201);
    const again = await signedPost(source, { name: "Signed Co", email: "signed@example.test", externalId: "crm-1" });
    expect(again.statusCode).toBe(200);
    const before = await count("leads", w.organizationId);
    const tampered = await test.app.inject({
      method: "POST",
      url: "/api/v1/leads",
      payload: JSON.stringify({ name: "Evil" }),
      headers: {
        "content-type": "application/json",
        "x-conveyor-source": source.publicKey,
        "x-conveyor-timestamp": String(Math.floor(test.clock.now.getTime() / 1000)),
        "x-conveyor-signature": leadSignature(source.secret, String(Math.floor(test.clock.now.getTime() / 1000)), JSON.stringify({ name: "Good" })),
      },
    });
    expect(tampered.statusCode).toBe(401);
    expect(JSON.parse(tampered.body)).toMatchObject({ code: "signature_invalid" });
    const stale = await signedPost(source, { name: "Old" }, {}, new Date(test.clock.now.getTime() - 10 * 60_000));
    expect(stale.statusCode).toBe(401);
    const unknown = await signedPost({ publicKey: "nope", secret: source.secret }, { name: "X" });
    expect(unknown.statusCode).toBe(401);
    const unsigned = await test.app.inject({ method: "POST", url: "/api/v1/leads", payload: JSON.stringify({ name: "X" }), headers: { "content-type": "application/json" } });
    expect(unsigned.statusCode).toBe(401);
    expect(await count("leads", w.organizationId)).toBe(before);
    const lead = await w.headClient.get<LeadPage>("/api/v1/leads");
    expect(lead.body.items[0]).toMatchObject({ source: { name: "Website hook", kind: "webhook" }, channel: "website" });
  });

  it("an API token names its source", async () => {
    const w = await buildWorld();
    const source = await webhookSource(w);
    const token = await w.admin.post<{ token: string }>("/api/v1/api-tokens", { name: "Site" });
    const client = new TestClient(test);
    client.bearer = token.body.token;
    const missing = await client.post<Problem>("/api/v1/leads", { name: "Token Co" });
    expect(missing.status).toBe(400);
    expect(missing.body.errors?.[0]?.field).toBe("sourceId");
    const ok = await client.post<LeadReceipt>("/api/v1/leads", { name: "Token Co", sourceId: source.id });
    expect(ok.status).toBe(201);
  });

  it("a routing rule sends leads of its region to its sellers", async () => {
    const w = await buildWorld(3);
    const target = w.sellers[2];
    if (!target) throw new Error("no seller");
    const rule = await w.admin.post("/api/v1/routing-rules", { name: "Kazan", conditions: { regions: ["Kazan"] }, targetUserIds: [target.id] });
    expect(rule.status).toBe(201);
    for (let i = 0; i < 3; i += 1) {
      const reply = await w.headClient.post<LeadReceipt>("/api/v1/leads", { name: `Kazan ${i}`, region: " kazan " });
      expect(reply.body).toMatchObject({ route: "rule", assigneeId: target.id });
    }
    const other = await w.headClient.post<LeadReceipt>("/api/v1/leads", { name: "Moscow", region: "Moscow" });
    expect(other.body.route).toBe("round_robin");
  });

  it("caps hold under concurrency; the rest go to the on-duty seller, then the head", async () => {
    const w = await buildWorld(2);
    for (const seller of w.sellers) await w.admin.patch(`/api/v1/lead-availability/${seller.id}`, { leadCap: 3 });
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => w.headClient.post<LeadReceipt>("/api/v1/leads", { name: `Rush ${i}` })));
    expect(replies.every((r) => r.status === 201)).toBe(true);
    for (const seller of w.sellers) expect(replies.filter((r) => r.body.assigneeId === seller.id)).toHaveLength(3);
    expect(replies.filter((r) => r.body.route === "head")).toHaveLength(4);
  });

  it("a logged call stops the timer; the SLA reminds, reassigns twice, then escalates", async () => {
    const w = await buildWorld(3);
    const touched = await w.headClient.post<LeadReceipt>("/api/v1/leads", { name: "Touched" });
    const seller = w.sellerClients[w.sellers.findIndex((s) => s.id === touched.body.assigneeId)];
    if (!seller) throw new Error("no assignee");
    test.clock.advance(3 * 60_000);
    await seller.post(`/api/v1/companies/${touched.body.companyId}/activities`, { type: "note", body: "not a touch" });
    expect((await w.headClient.get<Lead>(`/api/v1/leads/${touched.body.id}`)).body.status).toBe("waiting");
    await seller.post(`/api/v1/companies/${touched.body.companyId}/activities`, { type: "call", outcome: "reached" });
    const afterCall = await w.headClient.get<Lead>(`/api/v1/leads/${touched.body.id}`);
    expect(afterCall.body).toMatchObject({ status: "touched", businessMinutesToTouch: 3 });

    test.clock.now = tuesdayMorning;
    const slow = await w.headClient.post<LeadReceipt>("/api/v1/leads", { name: "Slow" });
    const first = slow.body.assigneeId;
    test.clock.advance(6 * 60_000);
    expect((await runLeadSla(test.context)).reminded).toBeGreaterThanOrEqual(1);
    const firstClient = w.sellerClients[w.sellers.findIndex((s) => s.id === first)];
    const reminders = await firstClient?.get<{ items: Array<{ kind: string; lead: { id: string } | null }> }>("/api/v1/me/notifications");
    expect(reminders?.body.items.filter((n) => n.kind === "lead_reminder").map((n) => n.lead?.id)).toEqual([slow.body.id]);
    test.clock.advance(10 * 60_000);
    await runLeadSla(test.context);
    const once = await w.headClient.get<Lead>(`/api/v1/leads/${slow.body.id}`);
    expect(once.body.reassignCount).toBe(1);
    expect(once.body.assignee?.id).not.toBe(first);
    test.clock.advance(16 * 60_000);
    await runLeadSla(test.context);
    const twice = await w.headClient.get<Lead>(`/api/v1/leads/${slow.body.id}`);
    expect(twice.body.reassignCount).toBe(2);
    expect(new Set([first, once.body.assignee?.id, twice.body.assignee?.id]).size).toBe(3);
    test.clock.advance(16 * 60_000);
    await runLeadSla(test.context);
    const escalated = await w.headClient.get<Lead>(`/api/v1/leads/${slow.body.id}`);
    expect(escalated.body.escalatedAt).not.toBeNull();
    const queue = await w.headClient.get<LeadPage>("/api/v1/leads?queue=escalated");
    expect(queue.body.items.map((l) => l.id)).toContain(slow.body.id);
    const notices = await w.headClient.get<{ items: Array<{ kind: string }> }>("/api/v1/me/notifications");
    expect(notices.body.items.map((n) => n.kind)).toContain("lead_escalated");
    test.clock.now = tuesdayMorning;
  });

  it("a lead at night waits for the working day; business minutes skip the night", async () => {
    const w = await buildWorld(1);
    await w.admin.patch(`/api/v1/lead-availability/${w.sellers[0]?.id ?? ""}`, { onDuty: true });
    test.clock.now = new Date("2026-12-11T20:00:00Z"); // Friday 23:00 in Moscow
    const reply = await w.headClient.post<LeadReceipt>("/api/v1/leads", { name: "Night owl" });
    expect(reply.body.route).toBe("on_duty");
    const lead = await w.headClient.get<Lead>(`/api/v1/leads/${reply.body.id}`);
    expect(lead.body.remindAt).toBe("2026-12-14T06:05:00.000Z"); // Monday 09:05 Moscow
    test.clock.now = tuesdayMorning;
  });

  it("business minutes follow the production calendar: a shortened eve, a public holiday and the admin's own day off", async () => {
    const w = await buildWorld(1);
    await w.admin.patch(`/api/v1/lead-availability/${w.sellers[0]?.id ?? ""}`, { onDuty: true });
    // Tuesday 3 November 2026, 16:58 in Moscow: the eve of Unity Day ends at 17:00, the 4th is a holiday.
    test.clock.now = new Date("2026-11-03T13:58:00Z");
    const eve = await w.headClient.post<LeadReceipt>("/api/v1/leads", { name: "Holiday eve" });
    expect((await w.headClient.get<Lead>(`/api/v1/leads/${eve.body.id}`)).body.remindAt).toBe("2026-11-05T06:03:00.000Z"); // Thursday 09:03
    // The admin closes Monday 14 December; a lead of Friday night then waits for Tuesday.
    expect((await w.admin.put("/api/v1/calendar/days/2026-12-14", { kind: "day_off", note: "Stocktaking" })).status).toBe(200);
    test.clock.now = new Date("2026-12-11T20:00:00Z");
    const night = await w.headClient.post<LeadReceipt>("/api/v1/leads", { name: "After stocktaking" });
    expect((await w.headClient.get<Lead>(`/api/v1/leads/${night.body.id}`)).body.remindAt).toBe("2026-12-15T06:05:00.000Z");
    test.clock.now = tuesdayMorning;
  });

  it("sellers see only their own leads; heads see the queue", async () => {
    const w = await buildWorld(2);
    const replies = [];
    for (let i = 0; i < 4; i += 1) replies.push((await w.headClient.post<LeadReceipt>("/api/v1/leads", { name: `Scoped ${i}` })).body);
    const [a] = w.sellers;
    const [aClient] = w.sellerClients;
    if (!a || !aClient) throw new Error("no seller");
    const own = await aClient.get<LeadPage>("/api/v1/leads");
    expect(own.body.items.every((l) => l.assignee?.id === a.id)).toBe(true);
    expect(own.body.items).toHaveLength(2);
    expect(own.body.counts.waiting).toBe(2);
    const foreign = replies.find((r) => r.assigneeId !== a.id);
    expect((await aClient.get(`/api/v1/leads/${foreign?.id ?? ""}`)).status).toBe(404);
    expect((await aClient.post(`/api/v1/leads/${foreign?.id ?? ""}/assign`, { userId: a.id })).status).toBe(403);
    const all = await w.headClient.get<LeadPage>("/api/v1/leads?queue=waiting");
    expect(all.body.total).toBe(4);
  });

  it("a head assigns an unassigned lead by hand and the client moves with it", async () => {
    const w = await buildWorld(1);
    await w.admin.patch(`/api/v1/lead-availability/${w.sellers[0]?.id ?? ""}`, { paused: true });
    // Nobody to take it but the head.
    const reply = await w.headClient.post<LeadReceipt>("/api/v1/leads", { name: "For the head" });
    expect(reply.body.route).toBe("head");
    const seller = w.sellers[0];
    if (!seller) throw new Error("no seller");
    const moved = await w.headClient.post<Lead>(`/api/v1/leads/${reply.body.id}/assign`, { userId: seller.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ route: "manual", assignee: { id: seller.id }, status: "waiting" });
    const company = await w.headClient.get<{ company: { ownerId: string } }>(`/api/v1/companies/${reply.body.companyId}`);
    expect(company.body.company.ownerId).toBe(seller.id);
  });
});
