import type { MyDay, NotificationList, Pipeline, ProspectingProposal, ReviewItem, ReviewLog, ReviewSession } from "@conveyor/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { sweepReview } from "../src/commands/sweep-review";
import { buildTeam } from "../src/testing/factories";
import { buildOrganization, buildUser, signedIn, type BuiltUser, type TestClient, useTestApp } from "./harness";

/*
 * [daily-review] evidence and reminders: the reminder once per cadence slot (M2.5), the M2.2 hint only for people who
 * sell, the warm-to-won rate behind the prospecting target, and the review log's sittings and sellers.
 */

const test = useTestApp();

/** Wednesday 9 December 2026, 10:00 in Moscow (the factories' organizations are in Europe/Moscow). */
const morning = new Date("2026-12-09T07:00:00Z");
const afternoon = new Date("2026-12-09T11:00:00Z"); // 14:00
const dayMs = 86_400_000;

type World = {
  organizationId: string;
  admin: TestClient;
  adminUser: BuiltUser;
  lead: TestClient;
  leadUser: BuiltUser;
  twice: BuiltUser;
  daily: BuiltUser;
  twiceClient: TestClient;
  pipeline: Pipeline;
};
const w = {} as World;

const client = async (name: string, owner: BuiltUser): Promise<string> => {
  const reply = await w.admin.post<{ id: string }>("/api/v1/companies", { name, ownerId: owner.id });
  expect(reply.status).toBe(201);
  return reply.body.id;
};
const deal = async (companyId: string, owner: BuiltUser, amountMinor: number): Promise<string> => {
  const reply = await w.admin.post<{ id: string }>("/api/v1/deals", { companyId, ownerId: owner.id, title: `Deal ${amountMinor}`, amountMinor });
  expect(reply.status).toBe(201);
  return reply.body.id;
};
const stage = (match: (s: Pipeline["stages"][number]) => boolean) => {
  const found = w.pipeline.stages.find(match);
  if (!found) throw new Error("no such stage");
  return found;
};
const move = async (dealId: string, stageId: string, lostReason?: string) =>
  expect((await w.admin.post(`/api/v1/deals/${dealId}/move`, { stageId, ...(lostReason && { lostReason }) })).status).toBe(200);

beforeAll(async () => {
  test.clock.now = morning;
  const org = await buildOrganization(test.database);
  w.organizationId = org.organizationId;
  w.adminUser = org.admin;
  w.leadUser = await buildUser(test.database, org.organizationId, { role: "team_lead", name: "Lena Lead" });
  w.twice = await buildUser(test.database, org.organizationId, { name: "Tima Twice" });
  w.daily = await buildUser(test.database, org.organizationId, { name: "Dina Daily" });
  const twiceTeam = await buildTeam(test.database, org.organizationId, { leadId: w.leadUser.id, memberIds: [w.twice.id], name: "Fast team" });
  const dailyTeam = await buildTeam(test.database, org.organizationId, { leadId: w.leadUser.id, memberIds: [w.daily.id], name: "Slow team" });
  w.admin = await signedIn(test, org.admin);
  w.lead = await signedIn(test, w.leadUser);
  w.twiceClient = await signedIn(test, w.twice);
  expect((await w.admin.put(`/api/v1/review/settings/${twiceTeam}`, { cadence: "twice_daily" })).status).toBe(200);
  expect((await w.admin.put(`/api/v1/review/settings/${dailyTeam}`, { cadence: "daily" })).status).toBe(200);
  const pipeline = (await w.admin.get<{ items: Pipeline[] }>("/api/v1/pipelines")).body.items[0];
  if (!pipeline) throw new Error("no pipeline");
  w.pipeline = pipeline;
});

describe("the review reminder, once per cadence slot (M2.5)", () => {
  it("a twice-daily team's reviewer is reminded in the morning and again in the afternoon; a daily one once", async () => {
    try {
      test.clock.now = morning;
      expect(await sweepReview(test.context, w.organizationId)).toEqual({ eveningNotices: 0, reviewDueNotices: 2 });
      expect((await sweepReview(test.context, w.organizationId)).reviewDueNotices).toBe(0);
      test.clock.now = new Date(morning.getTime() + 2 * 3_600_000); // 12:00, still the morning slot
      expect((await sweepReview(test.context, w.organizationId)).reviewDueNotices).toBe(0);
      test.clock.now = afternoon;
      // Only the twice-daily seller: the afternoon is a new slot, the daily seller's day is the same.
      expect(await sweepReview(test.context, w.organizationId)).toEqual({ eveningNotices: 0, reviewDueNotices: 1 });
      expect((await sweepReview(test.context, w.organizationId)).reviewDueNotices).toBe(0);
      const notes = (await w.lead.get<NotificationList>("/api/v1/me/notifications")).body.items.filter((n) => n.kind === "review_due");
      expect(notes.map((n) => n.review?.seller.name).sort()).toEqual(["Dina Daily", "Tima Twice", "Tima Twice"]);
      // The next morning both are due again, once.
      test.clock.now = new Date(morning.getTime() + dayMs);
      expect((await sweepReview(test.context, w.organizationId)).reviewDueNotices).toBe(2);
      expect((await sweepReview(test.context, w.organizationId)).reviewDueNotices).toBe(0);
    } finally {
      test.clock.now = morning;
    }
  });
});

describe("the M2.2 hint in My day is for people who sell", () => {
  it("an admin with no deals or plan of their own gets none; a seller does; the admin with an open deal does", async () => {
    const admin = await w.admin.get<MyDay>("/api/v1/review/my-day");
    expect(admin.status).toBe(200);
    expect(admin.body.prospecting).toBeNull();
    const seller = await w.twiceClient.get<MyDay>("/api/v1/review/my-day");
    expect(seller.body.prospecting).toMatchObject({ seller: { id: w.twice.id }, moneyThisMonth: false, proposedTarget: 10 });
    const own = await client("Admin's own Co", w.adminUser);
    const ownDeal = await deal(own, w.adminUser, 100);
    expect((await w.admin.get<MyDay>("/api/v1/review/my-day")).body.prospecting).toMatchObject({ seller: { id: w.adminUser.id } });
    await move(ownDeal, stage((s) => s.kind === "lost").id, "Test");
    expect((await w.admin.get<MyDay>("/api/v1/review/my-day")).body.prospecting).toBeNull();
    // A plan of their own makes them someone who sells.
    expect((await w.admin.put("/api/v1/plans", { period: "2026-12", items: [{ scopeKind: "seller", scopeId: w.adminUser.id, metric: "revenue", target: 1_000_00 }] })).status).toBe(200);
    expect((await w.admin.get<MyDay>("/api/v1/review/my-day")).body.prospecting).not.toBeNull();
  });
});

describe("the prospecting target uses the warm-to-won rate (M2.2)", () => {
  it("deals that reached the warm stage and were won; the win rate when none reached it", async () => {
    const seller = await buildUser(test.database, w.organizationId, { name: "Wanda Warm" });
    const company = await client("Warm Co", seller);
    const [won, lostWarm, lostEarly1, lostEarly2] = [await deal(company, seller, 100_00), await deal(company, seller, 100_00), await deal(company, seller, 100_00), await deal(company, seller, 100_00)];
    const proposal = stage((s) => s.kind === "open" && s.probability >= 40);
    const negotiation = stage((s) => s.kind === "open" && s.probability >= 60);
    await move(won ?? "", proposal.id);
    await move(won ?? "", stage((s) => s.kind === "won").id);
    await move(lostWarm ?? "", negotiation.id);
    await move(lostWarm ?? "", stage((s) => s.kind === "lost").id, "Price");
    for (const id of [lostEarly1, lostEarly2]) await move(id ?? "", stage((s) => s.kind === "lost").id, "No budget");
    expect((await w.admin.put("/api/v1/plans", { period: "2026-12", items: [{ scopeKind: "seller", scopeId: seller.id, metric: "revenue", target: 1_000_00 }] })).status).toBe(200);
    const reply = await w.admin.get<ProspectingProposal>(`/api/v1/review/prospecting?sellerId=${seller.id}`);
    expect(reply.status).toBe(200);
    // 1,000 to go ÷ (100 a won deal × 1 won of 2 warm) = 20 (the win rate, 1 of 4, would say 40).
    expect(reply.body).toMatchObject({ moneyThisMonth: false, proposedTarget: 20 });

    const cold = await buildUser(test.database, w.organizationId, { name: "Colin Cold" });
    const coldCompany = await client("Cold Co", cold);
    for (const amount of [50_00, 60_00]) await move(await deal(coldCompany, cold, amount), stage((s) => s.kind === "lost").id, "No budget");
    expect((await w.admin.put("/api/v1/plans", { period: "2026-12", items: [{ scopeKind: "seller", scopeId: cold.id, metric: "revenue", target: 1_000_00 }] })).status).toBe(200);
    // No deal reached the warm stage: the win rate (0 of 2) stands in, and with nothing won the default count applies.
    expect((await w.admin.get<ProspectingProposal>(`/api/v1/review/prospecting?sellerId=${cold.id}`)).body).toMatchObject({ proposedTarget: 10 });
  });
});

describe("the review log: sittings and every seller in scope", () => {
  it("lists the sitting with its clients and time per client, and a seller nobody reviewed with a share of 0", async () => {
    const first = await client("Log One Co", w.twice);
    const second = await client("Log Two Co", w.twice);
    const session = (await w.lead.post<ReviewSession>("/api/v1/review/sessions", { sellerId: w.twice.id })).body;
    const dueAt = new Date(morning.getTime() + dayMs).toISOString();
    for (const [companyId, secondsSpent] of [
      [first, 100],
      [second, 300],
    ] as const) {
      const reply = await w.lead.post<ReviewItem>(`/api/v1/review/sessions/${session.id}/items`, { companyId, nextTask: { title: "Call", dueAt }, secondsSpent });
      expect(reply.status).toBe(201);
    }
    const log = await w.lead.get<ReviewLog>("/api/v1/review/log");
    expect(log.status).toBe(200);
    expect(log.body.sessions).toEqual([
      expect.objectContaining({
        id: session.id,
        reviewer: { id: w.leadUser.id, name: "Lena Lead" },
        seller: { id: w.twice.id, name: "Tima Twice" },
        clientsReviewed: 2,
        averageSecondsPerClient: 200,
        clients: [
          { id: first, name: "Log One Co" },
          { id: second, name: "Log Two Co" },
        ],
      }),
    ]);
    const bySeller = Object.fromEntries(log.body.sellers.map((s) => [s.seller.name, [s.reviewedThisWeek, s.shareReviewedThisWeek]]));
    expect(bySeller).toEqual({ "Tima Twice": [2, 1], "Dina Daily": [0, 0] });
    // The seller reads their own sitting; the other seller sees none of it.
    expect((await w.twiceClient.get<ReviewLog>("/api/v1/review/log")).body.sessions.map((s) => s.id)).toEqual([session.id]);
    const daily = await signedIn(test, w.daily);
    const theirs = (await daily.get<ReviewLog>("/api/v1/review/log")).body;
    expect(theirs.sessions).toEqual([]);
    expect(theirs.sellers.map((s) => s.seller.id)).toEqual([w.daily.id]);
  });
});
