import type { Company, Deal, NotificationList, Pipeline, Problem, Redistribution, RedistributionPreview, RedistributionUndo, Task, TimelinePage } from "@conveyor/contracts";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { absences, companies, deals, leadRoutingRules, leadSettings, memberships, tasks, teamMembers } from "../src/db/schema";
import { companyFacetDrift } from "../src/repositories/company-facet.repository";
import { dealTotalsDrift } from "../src/repositories/deal.repository";
import { prospectProposals } from "../src/repositories/prospects.repository";
import { buildTeam } from "../src/testing/factories";
import { buildOrganization, buildUser, signedIn, type BuiltUser, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

type RedistributionList = { items: Redistribution[] };

const minuteMs = 60_000;
const dayMs = 86_400_000;

/** Anna, Boris and Vera in Tima's team (Tima is a member of it too); Gleb outside it; the admin heads the organization. */
const department = async () => {
  const org = await buildOrganization(test.database);
  const organizationId = org.organizationId;
  const anna = await buildUser(test.database, organizationId, { name: "Anna" });
  const boris = await buildUser(test.database, organizationId, { name: "Boris" });
  const vera = await buildUser(test.database, organizationId, { name: "Vera" });
  const gleb = await buildUser(test.database, organizationId, { name: "Gleb" });
  const tima = await buildUser(test.database, organizationId, { name: "Tima", role: "team_lead" });
  const teamId = await buildTeam(test.database, organizationId, { leadId: tima.id, memberIds: [anna.id, boris.id, vera.id] });
  const admin = await signedIn(test, org.admin);
  const pipeline = (await admin.get<{ items: Pipeline[] }>("/api/v1/pipelines")).body.items[0];
  const won = pipeline?.stages.find((s) => s.kind === "won");
  if (!won) throw new Error("no won stage");
  return { org, organizationId, teamId, people: { anna, boris, vera, gleb, tima }, admin, won };
};

const newClient = async (admin: TestClient, owner: BuiltUser, name: string, extra: Record<string, unknown> = {}): Promise<Company> => {
  const reply = await admin.post<Company>("/api/v1/companies", { name, ownerId: owner.id, ...extra });
  expect(reply.status).toBe(201);
  return reply.body;
};

const newDeal = async (admin: TestClient, companyId: string, owner: BuiltUser, title: string, money: { amountMinor?: number; currency?: string } = {}): Promise<Deal> => {
  const reply = await admin.post<Deal>("/api/v1/deals", { companyId, title, ownerId: owner.id, ...money });
  expect(reply.status).toBe(201);
  return reply.body;
};

const newTask = async (admin: TestClient, companyId: string, assignee: BuiltUser, title: string): Promise<Task> => {
  const reply = await admin.post<Task>("/api/v1/tasks", { companyId, title, assigneeId: assignee.id, dueAt: new Date(test.clock.now.getTime() + dayMs).toISOString() });
  expect(reply.status).toBe(201);
  return reply.body;
};

const ownersOf = async (ids: string[]): Promise<Map<string, string>> =>
  new Map((await test.database.db.select({ id: companies.id, ownerId: companies.ownerId }).from(companies).where(inArray(companies.id, ids))).map((r) => [r.id, r.ownerId]));

const dealOwner = async (id: string): Promise<string | undefined> =>
  (await test.database.db.select({ ownerId: deals.ownerId }).from(deals).where(eq(deals.id, id)))[0]?.ownerId;

const taskAssignee = async (id: string): Promise<string | undefined> =>
  (await test.database.db.select({ assigneeId: tasks.assigneeId }).from(tasks).where(eq(tasks.id, id)))[0]?.assigneeId;

const setMembership = (organizationId: string, userId: string, values: Partial<typeof memberships.$inferInsert>) =>
  test.database.db.update(memberships).set(values).where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));

const absentToday = (organizationId: string, userId: string) => {
  const today = test.clock.now.getTime();
  return test.database.db.insert(absences).values({
    organizationId,
    userId,
    kind: "vacation",
    startsOn: new Date(today - 2 * dayMs).toISOString().slice(0, 10),
    endsOn: new Date(today + 2 * dayMs).toISOString().slice(0, 10),
  });
};

const preview = (client: TestClient, body: object) => client.post<RedistributionPreview>("/api/v1/redistributions/preview", body);
const redistribute = (client: TestClient, body: object) => client.post<Redistribution>("/api/v1/redistributions", body);
const undo = (client: TestClient, id: string) => client.post<RedistributionUndo>(`/api/v1/redistributions/${id}/undo`);
const fieldsOf = (reply: { body: unknown }) => ((reply.body as Problem).errors ?? []).map((e) => e.field);

describe("spreading a person's clients over chosen people (M5.5)", () => {
  it("by weighted round-robin; the preview is what moves; open deals (with their money) and open tasks follow, closed ones stay", async () => {
    const { organizationId, people, admin, won } = await department();
    const { anna, boris, vera } = people;
    await setMembership(organizationId, boris.id, { leadWeight: 2 });
    const clients = [];
    for (const name of ["Client A", "Client B", "Client C", "Client D", "Client E", "Client F"]) clients.push(await newClient(admin, anna, name));
    const [first, second] = clients;
    if (!first || !second) throw new Error("no client");
    const openDeal = await newDeal(admin, first.id, anna, "Open deal", { amountMinor: 150_000, currency: "RUB" });
    const usdDeal = await newDeal(admin, second.id, anna, "Dollar deal", { amountMinor: 2_000, currency: "USD" });
    const wonDeal = await newDeal(admin, first.id, anna, "Won deal", { amountMinor: 999, currency: "RUB" });
    expect((await admin.post(`/api/v1/deals/${wonDeal.id}/move`, { stageId: won.id })).status).toBe(200);
    const openTask = await newTask(admin, first.id, anna, "Call back");
    const doneTask = await newTask(admin, first.id, anna, "Called");
    expect((await admin.patch(`/api/v1/tasks/${doneTask.id}`, { done: true })).status).toBe(200);

    const body = { fromUserId: anna.id, mode: "manual", toUserIds: [boris.id, vera.id], reason: "Anna is on vacation" };
    const shown = await preview(admin, body);
    expect(shown.status).toBe(200);
    expect(shown.body.clients.map((c) => c.company.name)).toEqual(["Client A", "Client B", "Client C", "Client D", "Client E", "Client F"]);
    expect(shown.body.clients[0]).toMatchObject({ openDeals: 1, openTasks: 1, amounts: [{ currency: "RUB", amountMinor: 150_000 }] });
    expect(shown.body.totals).toEqual({ clients: 6, deals: 2, tasks: 1, unplaced: 0 });
    // Weight 2 against 1: Boris four clients, Vera two.
    expect(shown.body.byReceiver.map((r) => [r.user.name, r.clients])).toEqual([
      ["Boris", 4],
      ["Vera", 2],
    ]);
    expect(shown.body.skipped).toEqual([]);
    // Each receiver's deals, tasks and money are those of the clients listed for them.
    for (const share of shown.body.byReceiver) {
      const theirs = shown.body.clients.filter((c) => c.to?.id === share.user.id);
      expect(share.deals).toBe(theirs.reduce((sum, c) => sum + c.openDeals, 0));
      expect(share.tasks).toBe(theirs.reduce((sum, c) => sum + c.openTasks, 0));
      const money = theirs.flatMap((c) => c.amounts).sort((a, b) => a.currency.localeCompare(b.currency));
      expect(share.amounts).toEqual(money);
    }

    const done = await redistribute(admin, body);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ from: { id: anna.id, name: "Anna" }, mode: "manual", reason: "Anna is on vacation", clients: 6, deals: 2, tasks: 1, undoneAt: null, canUndo: true });
    expect(Date.parse(done.body.undoUntil) - Date.parse(done.body.at)).toBe(30 * minuteMs);
    const owners = await ownersOf(clients.map((c) => c.id));
    for (const row of shown.body.clients) expect(owners.get(row.company.id)).toBe(row.to?.id);
    const firstTo = shown.body.clients[0]?.to?.id;
    expect(await dealOwner(openDeal.id)).toBe(firstTo);
    expect(await dealOwner(usdDeal.id)).toBe(shown.body.clients[1]?.to?.id);
    expect(await dealOwner(wonDeal.id)).toBe(anna.id);
    expect(await taskAssignee(openTask.id)).toBe(firstTo);
    expect(await taskAssignee(doneTask.id)).toBe(anna.id);
    // The rollups the statement triggers keep stay exact through the batch updates.
    expect(await companyFacetDrift(test.database.db, organizationId)).toEqual([]);
    expect(await dealTotalsDrift(test.database.db, organizationId)).toEqual([]);
    expect((await preview(admin, body)).body.totals).toEqual({ clients: 0, deals: 0, tasks: 0, unplaced: 0 });
  });

  it("writes who and why into each client's history, and tells each receiver once", async () => {
    const { org, people, admin } = await department();
    const b = await newClient(admin, people.anna, "B history client");
    const a = await newClient(admin, people.anna, "A history client");
    const done = await redistribute(admin, { fromUserId: people.anna.id, mode: "manual", toUserIds: [people.boris.id], reason: "Anna left the company" });
    expect(done.status).toBe(201);
    expect(done.body.actor.id).toBe(org.admin.id);
    for (const client of [a, b]) {
      const timeline = await admin.get<TimelinePage>(`/api/v1/companies/${client.id}/timeline`);
      expect(timeline.body.items.find((e) => e.kind === "owner_changed")).toMatchObject({
        actorId: org.admin.id,
        actorName: done.body.actor.name,
        reason: "Anna left the company",
        change: { field: "ownerId", from: people.anna.id, to: people.boris.id, fromLabel: "Anna", toLabel: "Boris" },
      });
    }
    const inbox = await (await signedIn(test, people.boris)).get<NotificationList>("/api/v1/me/notifications");
    expect(inbox.body.items.filter((n) => n.kind === "clients_received").map((n) => n.company?.name)).toEqual(["A history client"]);
    const annasInbox = await (await signedIn(test, people.anna)).get<NotificationList>("/api/v1/me/notifications");
    expect(annasInbox.body.items.filter((n) => n.kind === "clients_received")).toEqual([]);
  });

  it("over a team, skipping the paused and the absent, and naming why", async () => {
    const { organizationId, teamId, people, admin } = await department();
    const { anna, boris, vera, tima } = people;
    const zoya = await buildUser(test.database, organizationId, { name: "Zoya" });
    await test.database.db.insert(teamMembers).values({ organizationId, teamId, userId: zoya.id });
    await setMembership(organizationId, vera.id, { leadPaused: true });
    await absentToday(organizationId, zoya.id);
    await setMembership(organizationId, tima.id, { leadWeight: 0 });
    for (const name of ["One", "Two", "Three"]) await newClient(admin, anna, name);

    const shown = await preview(admin, { fromUserId: anna.id, mode: "manual", teamId, reason: "Sick leave" });
    expect(shown.status).toBe(200);
    expect(shown.body.byReceiver.map((r) => [r.user.name, r.clients])).toEqual([["Boris", 3]]);
    expect(shown.body.skipped.map((s) => [s.user.name, s.reason])).toEqual([
      ["Tima", "zero_weight"],
      ["Vera", "paused"],
      ["Zoya", "absent"],
    ]);
    const done = await redistribute(admin, { fromUserId: anna.id, mode: "manual", teamId, reason: "Sick leave" });
    expect(done.body.clients).toBe(3);
    const borisOwns = await test.database.db.select({ id: companies.id }).from(companies).where(eq(companies.ownerId, boris.id));
    expect(borisOwns).toHaveLength(3);

    // Everyone chosen is away: nothing can move.
    await newClient(admin, anna, "Four");
    const stuck = await admin.post<Problem>("/api/v1/redistributions", { fromUserId: anna.id, mode: "manual", toUserIds: [vera.id, zoya.id], reason: "x" });
    expect(stuck.status).toBe(409);
    expect(stuck.body.code).toBe("no_receiver");
  });

  it("moves only clients of the given temperatures and levels", async () => {
    const { people, admin } = await department();
    const hotL1 = await newClient(admin, people.anna, "Hot L1", { temperature: "hot", level: "L1" });
    const warmL2 = await newClient(admin, people.anna, "Warm L2", { temperature: "warm", level: "L2" });
    const cold = await newClient(admin, people.anna, "Cold", { temperature: "cold" });
    const hotL2 = await newClient(admin, people.anna, "Hot L2", { temperature: "hot", level: "L2" });
    const body = { fromUserId: people.anna.id, mode: "manual", toUserIds: [people.vera.id], temperatures: ["hot", "warm"], levels: ["L1"], reason: "Hot ones first" };
    const shown = await preview(admin, body);
    expect(shown.body.clients.map((c) => c.company.name)).toEqual(["Hot L1"]);
    expect((await redistribute(admin, body)).body.clients).toBe(1);
    const owners = await ownersOf([hotL1.id, warmL2.id, cold.id, hotL2.id]);
    expect([hotL1, warmL2, cold, hotL2].map((c) => owners.get(c.id))).toEqual([people.vera.id, people.anna.id, people.anna.id, people.anna.id]);
    const none = await admin.post<Problem>("/api/v1/redistributions", body);
    expect(none.status).toBe(400);
    expect(none.body.errors?.[0]).toMatchObject({ field: "temperatures", code: "no_clients" });
  });

  it("takes only the given clients, and names any that is not the person's", async () => {
    const { people, admin } = await department();
    const mine = [await newClient(admin, people.anna, "Given 1"), await newClient(admin, people.anna, "Given 2"), await newClient(admin, people.anna, "Kept")];
    const borisOwn = await newClient(admin, people.boris, "Not Anna's");
    const other = await buildOrganization(test.database);
    const foreign = await newClient(await signedIn(test, other.admin), other.admin, "Other organization's");

    const wrong = await preview(admin, { fromUserId: people.anna.id, mode: "manual", toUserIds: [people.vera.id], companyIds: [mine[0]?.id, borisOwn.id, foreign.id], reason: "x" });
    expect(wrong.status).toBe(400);
    expect(fieldsOf(wrong)).toEqual(["companyIds.1", "companyIds.2"]);

    const ids = [mine[0]?.id ?? "", mine[1]?.id ?? ""];
    const done = await redistribute(admin, { fromUserId: people.anna.id, mode: "manual", toUserIds: [people.vera.id], companyIds: ids, reason: "Part of the book" });
    expect(done.body.clients).toBe(2);
    const owners = await ownersOf(mine.map((c) => c.id));
    expect(owners.get(mine[2]?.id ?? "")).toBe(people.anna.id);
    expect(ids.map((id) => owners.get(id))).toEqual([people.vera.id, people.vera.id]);
  });

  it("an empty preview for someone with no clients; redistributing nothing is refused", async () => {
    const { people, admin } = await department();
    const body = { fromUserId: people.gleb.id, mode: "manual", toUserIds: [people.boris.id], reason: "Nothing here" };
    const shown = await preview(admin, body);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ clients: [], totals: { clients: 0, deals: 0, tasks: 0, unplaced: 0 }, skipped: [] });
    expect(shown.body.byReceiver).toEqual([{ user: { id: people.boris.id, name: "Boris" }, clients: 0, deals: 0, tasks: 0, amounts: [] }]);
    const refused = await admin.post<Problem>("/api/v1/redistributions", body);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]).toMatchObject({ field: "fromUserId", code: "no_clients" });
  });

  it("refuses receivers who are the person themselves, inactive, or of another organization; another organization's person is not found", async () => {
    const { organizationId, people, admin } = await department();
    await newClient(admin, people.anna, "Someone's");
    const other = await buildOrganization(test.database);
    const stranger = await buildUser(test.database, other.organizationId, { name: "Stranger" });
    await setMembership(organizationId, people.gleb.id, { status: "deactivated" });
    const refused = await admin.post<Problem>("/api/v1/redistributions/preview", {
      fromUserId: people.anna.id,
      mode: "manual",
      toUserIds: [people.boris.id, people.anna.id, people.gleb.id, stranger.id],
      reason: "x",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((e) => [e.field, e.code])).toEqual([
      ["toUserIds.1", "same_person"],
      ["toUserIds.2", "unknown_user"],
      ["toUserIds.3", "unknown_user"],
    ]);
    const fromStranger = await admin.post<Problem>("/api/v1/redistributions", { fromUserId: stranger.id, mode: "manual", toUserIds: [people.boris.id], reason: "x" });
    expect(fromStranger.status).toBe(404);
  });

  it("bad input gets 400 naming the field", async () => {
    const { teamId, people, admin } = await department();
    await newClient(admin, people.anna, "Bad input client");
    const base = { fromUserId: people.anna.id, mode: "manual", reason: "x" };
    const cases: [object, string][] = [
      [base, "toUserIds"],
      [{ ...base, toUserIds: [people.boris.id], teamId }, "teamId"],
      [{ ...base, toUserIds: [people.boris.id], reason: "" }, "reason"],
      [{ ...base, toUserIds: [people.boris.id], temperatures: ["lukewarm"] }, "temperatures.0"],
      [{ ...base, toUserIds: ["not-an-id"] }, "toUserIds.0"],
      [{ ...base, mode: "rules", toUserIds: [people.boris.id] }, "toUserIds"],
      [{ ...base, mode: "sideways", toUserIds: [people.boris.id] }, "mode"],
      [{ ...base, teamId: "00000000-0000-4000-8000-000000000000" }, "teamId"],
      [{ ...base, toUserIds: [people.boris.id], extra: 1 }, ""],
    ];
    for (const [body, field] of cases) {
      for (const url of ["/api/v1/redistributions/preview", "/api/v1/redistributions"]) {
        const reply = await admin.post<Problem>(url, body);
        expect(reply.status, `${url} ${JSON.stringify(body)}`).toBe(400);
        expect(reply.body.code).toBe("validation_failed");
        if (field !== "") expect(fieldsOf(reply), JSON.stringify(body)).toContain(field);
      }
    }
  });
});

describe("redistribution by hand (M5.5)", () => {
  it("gives each client to its receiver, and names a client twice or not the person's, and a wrong receiver", async () => {
    const { people, admin } = await department();
    const one = await newClient(admin, people.anna, "Hand one");
    const two = await newClient(admin, people.anna, "Hand two");
    const borisOwn = await newClient(admin, people.boris, "Boris's");
    const deal = await newDeal(admin, two.id, people.anna, "Two's deal", { amountMinor: 500, currency: "EUR" });

    const wrong = await preview(admin, {
      fromUserId: people.anna.id,
      mode: "manual",
      assignments: [
        { companyId: one.id, toUserId: people.boris.id },
        { companyId: one.id, toUserId: people.vera.id },
        { companyId: borisOwn.id, toUserId: people.vera.id },
      ],
      reason: "x",
    });
    expect(wrong.status).toBe(400);
    expect(fieldsOf(wrong)).toEqual(["assignments.1.companyId", "assignments.2.companyId"]);
    const badReceiver = await preview(admin, { fromUserId: people.anna.id, mode: "manual", assignments: [{ companyId: one.id, toUserId: people.anna.id }], reason: "x" });
    expect(fieldsOf(badReceiver)).toEqual(["assignments.0.toUserId"]);

    const body = {
      fromUserId: people.anna.id,
      mode: "manual",
      assignments: [
        { companyId: two.id, toUserId: people.gleb.id },
        { companyId: one.id, toUserId: people.vera.id },
      ],
      reason: "By hand",
    };
    const shown = await preview(admin, body);
    expect(shown.body.clients.map((c) => [c.company.name, c.to?.name])).toEqual([
      ["Hand one", "Vera"],
      ["Hand two", "Gleb"],
    ]);
    expect(shown.body.byReceiver.map((r) => [r.user.name, r.clients, r.deals, r.amounts])).toEqual([
      ["Gleb", 1, 1, [{ currency: "EUR", amountMinor: 500 }]],
      ["Vera", 1, 0, []],
    ]);
    expect((await redistribute(admin, body)).body).toMatchObject({ clients: 2, deals: 1 });
    const owners = await ownersOf([one.id, two.id]);
    expect([owners.get(one.id), owners.get(two.id)]).toEqual([people.vera.id, people.gleb.id]);
    expect(await dealOwner(deal.id)).toBe(people.gleb.id);
  });
});

describe("undoing a redistribution (M5.5)", () => {
  it("within the window puts back what still is as it was given, leaves alone and reports what changed since, and only once", async () => {
    const { organizationId, people, admin } = await department();
    const { anna, boris, vera } = people;
    const kept = await newClient(admin, anna, "Comes back");
    const changed = await newClient(admin, anna, "Changed since");
    const deal = await newDeal(admin, kept.id, anna, "Open deal");
    const task = await newTask(admin, kept.id, anna, "Open task");
    const finished = await newTask(admin, changed.id, anna, "Finished since");
    const done = await redistribute(admin, { fromUserId: anna.id, mode: "manual", toUserIds: [boris.id], reason: "Vacation" });
    expect(done.body).toMatchObject({ clients: 2, deals: 1, tasks: 2 });

    // After the redistribution someone gives one client to Vera and Boris finishes a task.
    expect((await admin.patch(`/api/v1/companies/${changed.id}`, { ownerId: vera.id })).status).toBe(200);
    expect((await admin.patch(`/api/v1/tasks/${finished.id}`, { done: true })).status).toBe(200);
    test.clock.advance(10 * minuteMs);

    const undone = await undo(admin, done.body.id);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ id: done.body.id, canUndo: false, undoneAt: test.clock.now.toISOString(), clients: 2, deals: 1, tasks: 2 });
    expect(undone.body.restored).toEqual({ clients: 1, deals: 1, tasks: 1 });
    expect(undone.body.skipped).toMatchObject({ clients: 1, deals: 0, tasks: 1 });
    expect(undone.body.skipped.items.map((i) => [i.entity, i.label, i.company.name, i.heldBy.name, i.why])).toEqual([
      ["company", "Changed since", "Changed since", "Vera", "changed_hands"],
      ["task", "Finished since", "Changed since", "Boris", "closed"],
    ]);
    const owners = await ownersOf([kept.id, changed.id]);
    expect(owners.get(kept.id)).toBe(anna.id);
    expect(owners.get(changed.id)).toBe(vera.id);
    expect(await dealOwner(deal.id)).toBe(anna.id);
    expect(await taskAssignee(task.id)).toBe(anna.id);
    expect(await taskAssignee(finished.id)).toBe(boris.id);
    expect(await companyFacetDrift(test.database.db, organizationId)).toEqual([]);
    expect(await dealTotalsDrift(test.database.db, organizationId)).toEqual([]);

    const timeline = await admin.get<TimelinePage>(`/api/v1/companies/${kept.id}/timeline`);
    expect(timeline.body.items.filter((e) => e.kind === "owner_changed").map((e) => [e.reason, e.actorId, e.change?.fromLabel, e.change?.toLabel])).toEqual([
      ["Undo: Vacation", done.body.actor.id, "Boris", "Anna"],
      ["Vacation", done.body.actor.id, "Anna", "Boris"],
    ]);
    const changedTimeline = await admin.get<TimelinePage>(`/api/v1/companies/${changed.id}/timeline`);
    expect(changedTimeline.body.items.filter((e) => e.reason === "Undo: Vacation")).toEqual([]);

    const again = await admin.post<Problem>(`/api/v1/redistributions/${done.body.id}/undo`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("undo_expired");
    const list = await admin.get<RedistributionList>("/api/v1/redistributions");
    expect(list.body.items.find((r) => r.id === done.body.id)).toMatchObject({ canUndo: false, undoneAt: undone.body.undoneAt });
  });

  it("after the window answers 409 undo_expired; the window is the organization's setting", async () => {
    const { organizationId, people, admin } = await department();
    await test.database.db.insert(leadSettings).values({ organizationId, undoWindowMinutes: 5 });
    const client = await newClient(admin, people.anna, "Too late");
    const done = await redistribute(admin, { fromUserId: people.anna.id, mode: "manual", toUserIds: [people.boris.id], reason: "Dismissed" });
    expect(Date.parse(done.body.undoUntil) - Date.parse(done.body.at)).toBe(5 * minuteMs);
    test.clock.advance(5 * minuteMs + 1000);
    const list = await admin.get<RedistributionList>("/api/v1/redistributions");
    expect(list.body.items[0]).toMatchObject({ id: done.body.id, canUndo: false, undoneAt: null });
    const late = await admin.post<Problem>(`/api/v1/redistributions/${done.body.id}/undo`);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("undo_expired");
    expect((await ownersOf([client.id])).get(client.id)).toBe(people.boris.id);
  });
});

describe("who may redistribute (M5.5)", () => {
  it("a team lead moves their team's clients among their team only, and sees theirs and their team's", async () => {
    const { organizationId, teamId, people, admin } = await department();
    const tima = await signedIn(test, people.tima);
    await newClient(admin, people.anna, "Team client");
    await newClient(admin, people.gleb, "Gleb's client");

    const outside = await tima.post<Problem>("/api/v1/redistributions/preview", { fromUserId: people.anna.id, mode: "manual", toUserIds: [people.boris.id, people.gleb.id], reason: "x" });
    expect(outside.status).toBe(403);
    expect(fieldsOf(outside)).toEqual(["toUserIds.1"]);
    const glebsTeam = await buildTeam(test.database, organizationId, { leadId: people.gleb.id, memberIds: [] });
    const notTheirTeam = await tima.post<Problem>("/api/v1/redistributions/preview", { fromUserId: people.anna.id, mode: "manual", teamId: glebsTeam, reason: "x" });
    expect(notTheirTeam.status).toBe(403);
    expect(fieldsOf(notTheirTeam)).toEqual(["teamId"]);
    // Gleb is not Tima's person: out of scope, not found.
    expect((await tima.post<Problem>("/api/v1/redistributions/preview", { fromUserId: people.gleb.id, mode: "manual", toUserIds: [people.boris.id], reason: "x" })).status).toBe(404);

    const theirs = await redistribute(tima, { fromUserId: people.anna.id, mode: "manual", teamId, reason: "Sick leave" });
    expect(theirs.status).toBe(201);
    expect(theirs.body.canUndo).toBe(true);
    // The head moves Gleb's clients (not Tima's person) into the team: not Tima's to see.
    test.clock.advance(1000);
    const byHead = await redistribute(admin, { fromUserId: people.gleb.id, mode: "manual", toUserIds: [people.vera.id], reason: "Gleb left" });
    expect(byHead.status).toBe(201);

    const timasList = await tima.get<RedistributionList>("/api/v1/redistributions");
    expect(timasList.body.items.map((r) => r.id)).toEqual([theirs.body.id]);
    const headsList = await admin.get<RedistributionList>("/api/v1/redistributions");
    expect(headsList.body.items.map((r) => r.id)).toEqual([byHead.body.id, theirs.body.id]);
    expect((await tima.post(`/api/v1/redistributions/${byHead.body.id}/undo`)).status).toBe(404);

    // A head moves a team member's clients out of the team: Tima sees it but may not undo it.
    test.clock.advance(1000);
    await newClient(admin, people.vera, "Vera's client");
    const outOfTeam = await redistribute(admin, { fromUserId: people.vera.id, mode: "manual", toUserIds: [people.gleb.id], reason: "Reorganization" });
    const seen = (await tima.get<RedistributionList>("/api/v1/redistributions")).body.items.find((r) => r.id === outOfTeam.body.id);
    expect(seen).toMatchObject({ canUndo: false, undoneAt: null });
    expect((await tima.post(`/api/v1/redistributions/${outOfTeam.body.id}/undo`)).status).toBe(403);
    expect((await tima.post(`/api/v1/redistributions/${theirs.body.id}/undo`)).status).toBe(200);
  });

  it("sellers are refused every route (403)", async () => {
    const { people, admin } = await department();
    await newClient(admin, people.anna, "Seller's");
    const done = await redistribute(admin, { fromUserId: people.anna.id, mode: "manual", toUserIds: [people.boris.id], reason: "x" });
    const anna = await signedIn(test, people.anna);
    const body = { fromUserId: people.boris.id, mode: "manual", toUserIds: [people.anna.id], reason: "x" };
    expect((await anna.post("/api/v1/redistributions/preview", body)).status).toBe(403);
    expect((await anna.post("/api/v1/redistributions", body)).status).toBe(403);
    expect((await anna.get("/api/v1/redistributions")).status).toBe(403);
    expect((await anna.post(`/api/v1/redistributions/${done.body.id}/undo`)).status).toBe(403);
  });

  it("another organization's redistribution and people are not found, and not listed", async () => {
    const { people, admin } = await department();
    await newClient(admin, people.anna, "Ours");
    const done = await redistribute(admin, { fromUserId: people.anna.id, mode: "manual", toUserIds: [people.boris.id], reason: "x" });
    const other = await buildOrganization(test.database);
    const otherAdmin = await signedIn(test, other.admin);
    expect((await otherAdmin.post<Problem>(`/api/v1/redistributions/${done.body.id}/undo`)).status).toBe(404);
    expect((await otherAdmin.get<RedistributionList>("/api/v1/redistributions")).body.items).toEqual([]);
    expect((await otherAdmin.post("/api/v1/redistributions/preview", { fromUserId: people.boris.id, mode: "manual", toUserIds: [other.admin.id], reason: "x" })).status).toBe(404);
    expect((await otherAdmin.post("/api/v1/redistributions", { fromUserId: people.boris.id, mode: "rules", reason: "x" })).status).toBe(404);
    expect((await admin.post(`/api/v1/redistributions/00000000-0000-4000-8000-000000000000/undo`)).status).toBe(404);
    const borisOwns = await test.database.db.select({ id: companies.id }).from(companies).where(eq(companies.ownerId, people.boris.id));
    expect(borisOwns).toHaveLength(1);
  });
});

describe("redistribution by the routing rules (M5.5)", () => {
  it("sends each client where a lead of it would go, skipping paused and absent people and never back to the person", async () => {
    const { organizationId, people, admin } = await department();
    const { anna, boris, vera, gleb } = people;
    const zoya = await buildUser(test.database, organizationId, { name: "Zoya" });
    const kazan = await newClient(admin, anna, "A Kazan client", { region: "Kazan" });
    const moscow1 = await newClient(admin, anna, "B Moscow client", { region: "Moscow" });
    const moscow2 = await newClient(admin, anna, "C Moscow client", { region: "moscow " });
    const sochi = await newClient(admin, anna, "D Sochi client", { region: "Sochi" });
    await test.database.db.insert(leadRoutingRules).values([
      { organizationId, name: "Moscow", position: 0, conditions: { regions: ["Moscow"] }, targetUserIds: [anna.id, vera.id, zoya.id, boris.id] },
      { organizationId, name: "Sochi", position: 1, conditions: { regions: ["Sochi"] }, targetUserIds: [vera.id] },
    ]);
    await setMembership(organizationId, vera.id, { leadPaused: true });
    await absentToday(organizationId, zoya.id);
    // A dismissal: Anna is no longer active, her clients still go.
    await setMembership(organizationId, anna.id, { status: "deactivated" });

    const body = { fromUserId: anna.id, mode: "rules", reason: "Anna was dismissed" };
    const shown = await preview(admin, body);
    expect(shown.status).toBe(200);
    // The Kazan client meets no rule: the default pool (Boris and Gleb take; the first by id wins the tie).
    const kazanTo = [{ id: boris.id, name: "Boris" }, { id: gleb.id, name: "Gleb" }].sort((a, b) => (a.id < b.id ? -1 : 1))[0];
    expect(shown.body.clients.map((c) => [c.company.name, c.to?.name ?? null])).toEqual([
      ["A Kazan client", kazanTo?.name],
      ["B Moscow client", "Boris"],
      ["C Moscow client", "Boris"],
      ["D Sochi client", null],
    ]);
    expect(shown.body.totals).toEqual({ clients: 3, deals: 0, tasks: 0, unplaced: 1 });
    expect(shown.body.skipped.map((s) => [s.user.name, s.reason]).sort()).toEqual([
      ["Vera", "paused"],
      ["Zoya", "absent"],
    ]);

    const done = await redistribute(admin, body);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ mode: "rules", clients: 3 });
    const owners = await ownersOf([kazan.id, moscow1.id, moscow2.id, sochi.id]);
    expect([owners.get(kazan.id), owners.get(moscow1.id), owners.get(moscow2.id), owners.get(sochi.id)]).toEqual([kazanTo?.id, boris.id, boris.id, anna.id]);

    // Only the Sochi client is left, and nobody can take it.
    const stuck = await admin.post<Problem>("/api/v1/redistributions", body);
    expect(stuck.status).toBe(409);
    expect(stuck.body.code).toBe("no_receiver");
  });
});

describe("sellers without prospects (M2.2)", () => {
  it("proposes a higher weight to each active seller with no open deal with a warm or hot client", async () => {
    const { organizationId, people, admin, won } = await department();
    const { anna, boris, vera, gleb } = people;
    const warm = await newClient(admin, anna, "Warm", { temperature: "warm" });
    await newDeal(admin, warm.id, anna, "Money soon");
    const cold = await newClient(admin, boris, "Cold", { temperature: "cold" });
    await newDeal(admin, cold.id, boris, "Cold deal");
    await newDeal(admin, cold.id, boris, "Another cold deal");
    const hot = await newClient(admin, vera, "Hot but won", { temperature: "hot" });
    const wonDeal = await newDeal(admin, hot.id, vera, "Won");
    expect((await admin.post(`/api/v1/deals/${wonDeal.id}/move`, { stageId: won.id })).status).toBe(200);
    await setMembership(organizationId, gleb.id, { leadWeight: 0 });
    await setMembership(organizationId, vera.id, { leadWeight: 3 });

    const proposals = await prospectProposals(test.database.db, organizationId);
    expect(proposals.map((p) => [p.user.name, p.openDeals, p.currentWeight, p.suggestedWeight])).toEqual([
      ["Boris", 2, 1, 2],
      ["Tima", 0, 1, 2],
      ["Vera", 0, 3, 6],
    ]);
  });
});
