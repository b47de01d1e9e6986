import type { MyDay, NotificationList, Pipeline, Problem, ProspectingProposal, ReviewClient, ReviewItem, ReviewLog, ReviewQueue, ReviewSession, ReviewSettings } from "@conveyor/contracts";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { sweepReview } from "../src/commands/sweep-review";
import { companies, deals, pipelineStages, tasks } from "../src/db/schema";
import { buildTeam } from "../src/testing/factories";
import { buildOrganization, buildUser, signedIn, type BuiltUser, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** Wednesday 9 December 2026, 12:00 in Moscow (the factories' organizations are in Europe/Moscow). */
const noon = new Date("2026-12-09T09:00:00Z");

type World = {
  organizationId: string;
  admin: TestClient;
  lead: TestClient;
  leadUser: BuiltUser;
  seller: TestClient;
  sellerUser: BuiltUser;
  other: BuiltUser;
  otherClient: TestClient;
  teamId: string;
  otherTeamId: string;
  pipeline: Pipeline;
  ids: Record<"due" | "noTask" | "stale" | "passed" | "hot" | "fresh" | "quiet" | "othersHot", string>;
  deals: Record<"noTask" | "stale" | "passed" | "quiet", string>;
};
const w = {} as World;

const fieldsOf = (reply: { body: unknown }) => ((reply.body as Problem).errors ?? []).map((e) => e.field);

const client = async (name: string, owner: BuiltUser, extra: Record<string, unknown> = {}): Promise<string> => {
  const reply = await w.admin.post<{ id: string }>("/api/v1/companies", { name, ownerId: owner.id, ...extra });
  expect(reply.status).toBe(201);
  return reply.body.id;
};
const deal = async (companyId: string, owner: BuiltUser, amountMinor: number, extra: Record<string, unknown> = {}): Promise<string> => {
  const reply = await w.admin.post<{ id: string }>("/api/v1/deals", { companyId, ownerId: owner.id, title: `Deal ${amountMinor}`, amountMinor, ...extra });
  expect(reply.status).toBe(201);
  return reply.body.id;
};
const task = async (companyId: string, owner: BuiltUser, dueAt: Date, dealId?: string): Promise<string> => {
  const reply = await w.admin.post<{ id: string }>("/api/v1/tasks", { companyId, assigneeId: owner.id, title: "Call back", dueAt: dueAt.toISOString(), plannedResult: "A meeting", ...(dealId && { dealId }) });
  expect(reply.status).toBe(201);
  return reply.body.id;
};
const backdate = async (companyId: string, days: number) =>
  test.database.db.update(companies).set({ createdAt: new Date(noon.getTime() - days * dayMs) }).where(eq(companies.id, companyId));

const queue = (as: TestClient, query = "") => as.get<ReviewQueue>(`/api/v1/review/queue?sellerId=${w.sellerUser.id}${query}`);
const startSession = (as: TestClient, sellerId: string) => as.post<ReviewSession>("/api/v1/review/sessions", { sellerId });
const closeItem = (as: TestClient, sessionId: string, body: Record<string, unknown>) => as.post<ReviewItem>(`/api/v1/review/sessions/${sessionId}/items`, body);
const tomorrow = () => new Date(noon.getTime() + dayMs).toISOString();

beforeAll(async () => {
  test.clock.now = noon;
  const org = await buildOrganization(test.database);
  w.organizationId = org.organizationId;
  w.leadUser = await buildUser(test.database, org.organizationId, { role: "team_lead", name: "Lena Lead" });
  w.sellerUser = await buildUser(test.database, org.organizationId, { name: "Sasha Seller" });
  w.other = await buildUser(test.database, org.organizationId, { name: "Oleg Other" });
  const otherLead = await buildUser(test.database, org.organizationId, { role: "team_lead", name: "Olga Lead" });
  w.teamId = await buildTeam(test.database, org.organizationId, { leadId: w.leadUser.id, memberIds: [w.sellerUser.id], name: "Alpha team" });
  w.otherTeamId = await buildTeam(test.database, org.organizationId, { leadId: otherLead.id, memberIds: [w.other.id], name: "Beta team" });
  w.admin = await signedIn(test, org.admin);
  w.lead = await signedIn(test, w.leadUser);
  w.seller = await signedIn(test, w.sellerUser);
  w.otherClient = await signedIn(test, w.other);
  const pipeline = (await w.admin.get<{ items: Pipeline[] }>("/api/v1/pipelines")).body.items[0];
  if (!pipeline) throw new Error("no pipeline");
  w.pipeline = pipeline;

  const s = w.sellerUser;
  const later = new Date(noon.getTime() + 3 * dayMs);
  const due = await client("Due Co", s);
  await task(due, s, new Date(noon.getTime() - hourMs));
  const noTask = await client("NoTask Co", s);
  const noTaskDeal = await deal(noTask, s, 500);
  const stale = await client("Stale Co", s);
  const staleDeal = await deal(stale, s, 300);
  await task(stale, s, later, staleDeal);
  await test.database.db.update(deals).set({ stageEnteredAt: new Date(noon.getTime() - 10 * dayMs) }).where(eq(deals.id, staleDeal));
  const passed = await client("Passed Co", s);
  const passedDeal = await deal(passed, s, 200, { expectedCloseDate: "2026-12-01" });
  await task(passed, s, later, passedDeal);
  const hot = await client("Hot Co", s, { temperature: "hot" });
  const fresh = await client("Fresh Co", s);
  const quiet = await client("Quiet Co", s, { temperature: "warm" });
  const quietDeal = await deal(quiet, s, 10_000);
  await task(quiet, s, later, quietDeal);
  const othersHot = await client("Others Hot Co", w.other, { temperature: "hot" });
  for (const id of [due, noTask, stale, passed, hot, quiet, othersHot]) await backdate(id, 30);
  await backdate(fresh, 1);
  w.ids = { due, noTask, stale, passed, hot, fresh, quiet, othersHot };
  w.deals = { noTask: noTaskDeal, stale: staleDeal, passed: passedDeal, quiet: quietDeal };
});

describe("the review queue (M2.1, M2.6)", () => {
  it("selects each reason's clients exactly, ordered by the money at stake", async () => {
    const reply = await queue(w.lead);
    expect(reply.status).toBe(200);
    const byName = Object.fromEntries(reply.body.items.map((i) => [i.company.name, i.reasons]));
    expect(byName).toEqual({
      "Due Co": ["task_due"],
      "NoTask Co": ["no_next_task"],
      "Stale Co": ["stale_in_stage"],
      "Passed Co": ["result_date_passed"],
      "Hot Co": ["hot"],
      "Fresh Co": ["new_since_review"],
    });
    const names = reply.body.items.map((i) => i.company.name);
    expect(names.slice(0, 4)).toEqual(["NoTask Co", "Stale Co", "Passed Co", "Due Co"]);
    expect(new Set(names.slice(4))).toEqual(new Set(["Hot Co", "Fresh Co"]));
    expect(reply.body.items[0]).toMatchObject({ moneyAtStakeMinor: 500, deals: [{ id: w.deals.noTask, hasOpenTask: false }] });
    expect(reply.body.counts).toEqual({ task_due: 1, no_next_task: 1, stale_in_stage: 1, result_date_passed: 1, hot: 1, new_since_review: 1 });
    expect(reply.body.cadence).toMatchObject({ cadence: "daily", due: true, lastReviewedAt: null });
    expect(reply.body.team).toEqual({ id: w.teamId, name: "Alpha team" });
  });

  it("filters by deal size, temperature and reason", async () => {
    expect((await queue(w.lead, "&minDealAmountMinor=300")).body.items.map((i) => i.company.name)).toEqual(["NoTask Co", "Stale Co"]);
    expect((await queue(w.lead, "&temperature=hot")).body.items.map((i) => i.company.name)).toEqual(["Hot Co"]);
    expect((await queue(w.lead, "&reason=stale_in_stage")).body.items.map((i) => i.company.name)).toEqual(["Stale Co"]);
    expect((await queue(w.lead, "&clientType=current")).body.items).toEqual([]);
  });

  it("the M2.2 proposal: no hot or warm deal expected this month", async () => {
    const reply = await queue(w.admin);
    expect(reply.body.prospecting).toMatchObject({ moneyThisMonth: false, proposedTarget: 10, target: null, month: "2026-12-01" });
    await w.admin.patch(`/api/v1/deals/${w.deals.quiet}`, { expectedCloseDate: "2026-12-20" });
    expect((await queue(w.admin)).body.prospecting).toMatchObject({ moneyThisMonth: true, proposedTarget: null });
    await w.admin.patch(`/api/v1/deals/${w.deals.quiet}`, { expectedCloseDate: null });
  });

  it("scope: a team lead reviews only their team, a seller reviews nobody", async () => {
    expect((await w.lead.get<Problem>(`/api/v1/review/queue?sellerId=${w.other.id}`)).status).toBe(404);
    expect((await w.seller.get<Problem>(`/api/v1/review/queue?sellerId=${w.sellerUser.id}`)).status).toBe(403);
    expect((await startSession(w.lead, w.other.id)).status).toBe(404);
    expect((await startSession(w.seller, w.sellerUser.id)).status).toBe(403);
    expect((await w.lead.get(`/api/v1/review/clients/${w.ids.othersHot}`)).status).toBe(404);
    expect((await w.seller.get(`/api/v1/review/clients/${w.ids.due}`)).status).toBe(403);
    expect((await w.admin.get(`/api/v1/review/queue?sellerId=${w.other.id}`)).body).toMatchObject({ items: [{ company: { name: "Others Hot Co" } }] });
  });
});

describe("closing a review (M2.1)", () => {
  let session: ReviewSession;

  beforeAll(async () => {
    const reply = await startSession(w.lead, w.sellerUser.id);
    expect(reply.status).toBe(201);
    session = reply.body;
  });

  it("the client's screen: the last task's planned result, deals, next task", async () => {
    const screen = await w.lead.get<ReviewClient>(`/api/v1/review/clients/${w.ids.due}`);
    expect(screen.status).toBe(200);
    expect(screen.body).toMatchObject({ company: { name: "Due Co", owner: { id: w.sellerUser.id } }, reasons: ["task_due"], lastTask: { plannedResult: "A meeting" } });
    expect(screen.body.nextTask?.id).toBe(screen.body.lastTask?.id);
  });

  it("cannot close without a next task with a date, or lost with a reason", async () => {
    const none = await closeItem(w.lead, session.id, { companyId: w.ids.due, secondsSpent: 60 });
    expect(none.status).toBe(400);
    expect((none.body as unknown as Problem).code).toBe("review_incomplete");
    expect(fieldsOf(none)).toEqual(["nextTask"]);
    expect(fieldsOf(await closeItem(w.lead, session.id, { companyId: w.ids.due, secondsSpent: 60, nextTask: { title: "Call" } }))).toEqual(["nextTask.dueAt"]);
    expect(fieldsOf(await closeItem(w.lead, session.id, { companyId: w.ids.noTask, secondsSpent: 60, lost: { dealId: w.deals.noTask } }))).toEqual(["lost.lostReason"]);
    expect(fieldsOf(await closeItem(w.lead, session.id, { companyId: w.ids.due, secondsSpent: 60, plannedResultOutcome: "not_reached", nextTask: { title: "Call", dueAt: tomorrow() } }))).toEqual(["outcomeComment"]);
    // Another client's deal is not this client's.
    expect(fieldsOf(await closeItem(w.lead, session.id, { companyId: w.ids.due, secondsSpent: 60, lost: { dealId: w.deals.noTask, lostReason: "Price" } }))).toEqual(["lost.dealId"]);
    const reviewed = await w.lead.get<ReviewLog>(`/api/v1/review/log?sellerId=${w.sellerUser.id}`);
    expect(reviewed.body.items).toEqual([]);
  });

  it("with a next task: the seller has the task with its date, set by the reviewer, and the client leaves the queue", async () => {
    const reply = await closeItem(w.lead, session.id, {
      companyId: w.ids.due,
      reasons: ["task_due"],
      plannedResultOutcome: "partly",
      outcomeComment: "They want a discount",
      risks: "A competitor",
      opportunities: "Two more branches",
      nextTask: { title: "Send the discounted offer", dueAt: tomorrow(), plannedResult: "Offer accepted" },
      secondsSpent: 120,
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ seller: { id: w.sellerUser.id }, reviewer: { id: w.leadUser.id }, closedAsLost: false, nextTask: { title: "Send the discounted offer" } });
    const row = (await test.database.db.select().from(tasks).where(eq(tasks.id, reply.body.nextTask?.id ?? "")))[0];
    expect(row).toMatchObject({ assigneeId: w.sellerUser.id, createdById: w.leadUser.id, companyId: w.ids.due, plannedResult: "Offer accepted" });
    expect(row?.dueAt.toISOString()).toBe(tomorrow());
    expect((await queue(w.lead)).body.items.map((i) => i.company.name)).not.toContain("Due Co");
  });

  it("a next task on the stale deal, and a deal closed as lost with its reason", async () => {
    const stale = await closeItem(w.lead, session.id, { companyId: w.ids.stale, dealId: w.deals.stale, nextTask: { title: "Push to contract", dueAt: tomorrow() }, secondsSpent: 240 });
    expect(stale.status).toBe(201);
    const lost = await closeItem(w.lead, session.id, { companyId: w.ids.noTask, lost: { dealId: w.deals.noTask, lostReason: "Went with a competitor" }, secondsSpent: 60 });
    expect(lost.status).toBe(201);
    expect(lost.body).toMatchObject({ closedAsLost: true, lostReason: "Went with a competitor", nextTask: null });
    const [row] = await test.database.db
      .select({ kind: pipelineStages.kind, lostReason: deals.lostReason })
      .from(deals)
      .innerJoin(pipelineStages, eq(pipelineStages.id, deals.stageId))
      .where(and(eq(deals.id, w.deals.noTask)));
    expect(row).toEqual({ kind: "lost", lostReason: "Went with a competitor" });
    const finished = await w.lead.post<ReviewSession>(`/api/v1/review/sessions/${session.id}/finish`);
    expect(finished.body).toMatchObject({ clientsReviewed: 3 });
    expect(finished.body.finishedAt).not.toBeNull();
  });

  it("another reviewer cannot add to the session", async () => {
    expect((await closeItem(w.admin, session.id, { companyId: w.ids.hot, nextTask: { title: "x", dueAt: tomorrow() }, secondsSpent: 1 })).status).toBe(404);
  });
});

describe("evidence: the review log", () => {
  it("time per client, share of active clients reviewed this week, outcomes changed after a review", async () => {
    const won = w.pipeline.stages.find((s) => s.kind === "won");
    expect((await w.admin.post(`/api/v1/deals/${w.deals.stale}/move`, { stageId: won?.id })).status).toBe(200);
    const log = await w.admin.get<ReviewLog>(`/api/v1/review/log?sellerId=${w.sellerUser.id}`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((i) => i.company.name)).toEqual(expect.arrayContaining(["Due Co", "Stale Co", "NoTask Co"]));
    // Active: clients with an open deal or open task of the seller — Due, Stale (its new task), Passed, Quiet.
    expect(log.body.sellers).toEqual([
      { seller: { id: w.sellerUser.id, name: "Sasha Seller" }, activeClients: 4, reviewedThisWeek: 3, shareReviewedThisWeek: 0.75, clientsReviewed: 3, averageSecondsPerClient: 140 },
    ]);
    expect(log.body.timePerClient.weeks).toEqual([{ weekOf: "2026-12-07", clients: 3, averageSeconds: 140 }]);
    expect(log.body.outcomeChanges).toEqual([expect.objectContaining({ deal: { id: w.deals.stale, name: "Deal 300" }, change: "won" })]);
  });

  it("a seller sees only their own reviews; a team lead not another team's", async () => {
    const own = await w.seller.get<ReviewLog>("/api/v1/review/log");
    expect(own.body.items).toHaveLength(3);
    expect(own.body.items.every((i) => i.seller.id === w.sellerUser.id)).toBe(true);
    expect((await w.otherClient.get<ReviewLog>("/api/v1/review/log")).body.items).toEqual([]);
    expect((await w.seller.get(`/api/v1/review/log?sellerId=${w.other.id}`)).status).toBe(404);
    expect((await w.lead.get(`/api/v1/review/log?sellerId=${w.other.id}`)).status).toBe(404);
  });
});

describe("My day (M2.4)", () => {
  it("groups today's tasks by client type and flags the review's corrections", async () => {
    await w.admin.patch(`/api/v1/companies/${w.ids.passed}`, { status: "current" });
    await task(w.ids.passed, w.sellerUser, new Date(noon.getTime() + 2 * hourMs));
    test.clock.now = new Date(noon.getTime() + dayMs - hourMs); // Thursday 11:00
    try {
      const day = await w.seller.get<MyDay>("/api/v1/review/my-day");
      expect(day.status).toBe(200);
      expect(day.body.today).toBe("2026-12-10");
      const byType = Object.fromEntries(day.body.groups.map((g) => [g.clientType, g.tasks.map((t) => [t.company?.name, t.fromReview?.reviewer.name ?? null]).sort()]));
      expect(byType).toEqual({
        new: [
          ["Due Co", null],
          ["Due Co", "Lena Lead"],
          ["Stale Co", "Lena Lead"],
        ],
        current: [["Passed Co", null]],
      });
      expect(day.body.corrections).toBe(2);
      expect(day.body.week.reduce((n, d) => n + d.total, 0)).toBe(3); // Stale's, Passed's and Quiet's first tasks, Saturday
      expect(day.body.prospecting?.seller.id).toBe(w.sellerUser.id);
    } finally {
      test.clock.now = noon;
    }
  });
});

describe("settings and cadence (M2.5)", () => {
  it("the head sets a team's cadence, its team lead reads it; too slow for fast deals warns", async () => {
    const list = await w.lead.get<{ items: ReviewSettings[] }>("/api/v1/review/settings");
    expect(list.body.items.map((s) => s.team.id)).toEqual([w.teamId]);
    expect((await w.lead.put(`/api/v1/review/settings/${w.teamId}`, { cadence: "daily" })).status).toBe(403);
    const saved = await w.admin.put<ReviewSettings>(`/api/v1/review/settings/${w.teamId}`, { cadence: "weekly", sweepAt: "19:00" });
    expect(saved.status).toBe(200);
    // The team's one won deal took 0 days: fast deals need a review at least every two days.
    expect(saved.body).toMatchObject({ cadence: "weekly", sweepAt: "19:00", medianDaysToClose: 0, slowestAllowedCadence: "every_two_days", warning: "too_slow_for_fast_deals" });
    expect((await w.lead.get<{ items: ReviewSettings[] }>("/api/v1/review/settings")).body.items[0]).toMatchObject({ cadence: "weekly", warning: "too_slow_for_fast_deals" });
    expect((await w.admin.put(`/api/v1/review/settings/00000000-0000-4000-8000-000000000001`, { cadence: "daily" })).status).toBe(404);
    expect((await w.seller.get("/api/v1/review/settings")).status).toBe(403);
    expect((await w.seller.put(`/api/v1/review/settings/${w.teamId}`, { cadence: "daily" })).status).toBe(403);
    const stage = w.pipeline.stages[0]?.id ?? "";
    const missing = "00000000-0000-4000-8000-000000000000";
    const bad = await w.admin.put<Problem>(`/api/v1/review/settings/${w.teamId}`, { staleDaysByStage: { [stage]: 3, [missing]: 2 } });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual([`staleDaysByStage.${missing}`]);
    const back = await w.admin.put<ReviewSettings>(`/api/v1/review/settings/${w.teamId}`, { cadence: "every_two_days", sweepAt: "18:00", staleDaysByStage: { [stage]: 3 } });
    expect(back.body).toMatchObject({ cadence: "every_two_days", warning: null, staleDaysByStage: { [stage]: 3 } });
  });

  it("the proposed target covers the month's gap to plan at the seller's average deal and warm-to-won rate (M2.2)", async () => {
    const won = w.pipeline.stages.find((stage) => stage.kind === "won");
    const lost = w.pipeline.stages.find((stage) => stage.kind === "lost");
    if (!won || !lost) throw new Error("no won or lost stage");
    const wonDeal = await deal(w.ids.othersHot, w.other, 200_00);
    const lostDeal = await deal(w.ids.othersHot, w.other, 50_00);
    expect((await w.admin.post(`/api/v1/deals/${wonDeal}/move`, { stageId: won.id })).status).toBe(200);
    expect((await w.admin.post(`/api/v1/deals/${lostDeal}/move`, { stageId: lost.id, lostReason: "Price" })).status).toBe(200);
    const proposal = async () => (await w.admin.get<ProspectingProposal>(`/api/v1/review/prospecting?sellerId=${w.other.id}`)).body;
    expect(await proposal()).toMatchObject({ moneyThisMonth: false, proposedTarget: 10 }); // no plan: the default
    const plan = await w.admin.put("/api/v1/plans", { period: "2026-12", items: [{ scopeKind: "seller", scopeId: w.other.id, metric: "revenue", target: 1_600_00 }] });
    expect(plan.status).toBe(200);
    // 1,600 to go ÷ (200 a won deal × 1 won of the 1 deal that reached the warm stage: the lost one never did) = 8
    // warm clients (the win rate, 1 won of 2 closed, would say 16).
    expect(await proposal()).toMatchObject({ moneyThisMonth: false, proposedTarget: 8 });
  });

  it("the prospecting target and its progress (M2.2)", async () => {
    const set = await w.lead.post<ProspectingProposal>("/api/v1/review/prospecting", { sellerId: w.sellerUser.id, target: 3 });
    expect(set.status).toBe(200);
    expect(set.body.target).toMatchObject({ target: 3, reached: 0, remaining: 3, done: false, setBy: { id: w.leadUser.id } });
    test.clock.now = new Date(noon.getTime() + 60_000);
    await w.admin.patch(`/api/v1/companies/${w.ids.fresh}`, { temperature: "warm" });
    test.clock.now = noon;
    expect((await w.lead.get<ProspectingProposal>(`/api/v1/review/prospecting?sellerId=${w.sellerUser.id}`)).body.target).toMatchObject({ reached: 1, remaining: 2 });
    expect((await w.lead.get(`/api/v1/review/prospecting?sellerId=${w.other.id}`)).status).toBe(404);
  });
});

describe("the evening sweep and the review reminder", () => {
  it("notifies each seller and their reviewer once per day, at the sweep time", async () => {
    // 17:00 Moscow: before the 18:00 sweep; the reviewers are reminded of sellers due for review.
    test.clock.now = new Date("2026-12-09T14:00:00Z");
    const early = await sweepReview(test.context, w.organizationId);
    expect(early.eveningNotices).toBe(0);
    // Oleg was never reviewed (due); Sasha's every-two-days review was today (not due).
    expect(early.reviewDueNotices).toBe(1);
    test.clock.now = new Date("2026-12-09T15:30:00Z"); // 18:30
    const evening = await sweepReview(test.context, w.organizationId);
    // Every open deal of Sasha's has a task now; the Due Co task and Passed Co's 14:00 task are overdue.
    expect(evening).toEqual({ eveningNotices: 2, reviewDueNotices: 0 });
    expect(await sweepReview(test.context, w.organizationId)).toEqual({ eveningNotices: 0, reviewDueNotices: 0 });
    expect((await w.admin.post("/api/v1/review/sweep")).body).toEqual({ eveningNotices: 0, reviewDueNotices: 0 });
    expect((await w.seller.post("/api/v1/review/sweep")).status).toBe(403);

    const sellerNotes = (await w.seller.get<NotificationList>("/api/v1/me/notifications")).body.items.filter((n) => n.kind === "evening_sweep");
    expect(sellerNotes).toHaveLength(1);
    expect(sellerNotes[0]?.review).toEqual({ seller: { id: w.sellerUser.id, name: "Sasha Seller" }, figures: { dealsWithoutNextTask: 0, overdueTasks: 2, untouchedLeads: 0 } });
    const leadNotes = (await w.lead.get<NotificationList>("/api/v1/me/notifications")).body.items;
    expect(leadNotes.map((n) => [n.kind, n.review?.seller.id])).toEqual([["evening_sweep", w.sellerUser.id]]);
    test.clock.now = noon;
  });
});
