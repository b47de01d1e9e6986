import type { ClockedLead, LeadAssignment, LeadPage, LeadReceipt } from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { runLeadSla } from "../src/commands/run-lead-sla";
import { buildOrganization, buildUser, signedIn, useTestApp } from "./harness";

const test = useTestApp();

/** Tuesday 11:00 in Moscow: a working day, inside the organization's 09:00–18:00; the SLA is 5 and 15 minutes. */
const tuesdayMorning = new Date("2026-12-08T08:00:00Z");
const minutes = (n: number) => n * 60_000;

const buildWorld = async () => {
  test.clock.now = tuesdayMorning;
  const org = await buildOrganization(test.database);
  const head = await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Head Helen" });
  const first = await buildUser(test.database, org.organizationId, { name: "Seller One" });
  const second = await buildUser(test.database, org.organizationId, { name: "Seller Two" });
  return { organizationId: org.organizationId, head, first, second, headClient: await signedIn(test, head), firstClient: await signedIn(test, first), secondClient: await signedIn(test, second) };
};

describe("the lead queue's clocks and a lead's history (M5.5)", () => {
  it("counts age and the time left in business minutes, negative once past a deadline, standing still at night", async () => {
    const w = await buildWorld();
    const receipt = (await w.headClient.post<LeadReceipt>("/api/v1/leads", { name: "Clocked", phone: "+79990000001" })).body;

    test.clock.now = new Date(tuesdayMorning.getTime() + minutes(3));
    const queue = await w.headClient.get<LeadPage>("/api/v1/leads?queue=waiting");
    expect(queue.status).toBe(200);
    expect(queue.body.items.find((l) => l.id === receipt.id)?.clock).toEqual({
      ageMinutes: 3,
      toRemindMinutes: 2,
      toReassignMinutes: 12,
      running: true,
      slaMinutes: 15,
    });

    test.clock.now = new Date(tuesdayMorning.getTime() + minutes(8));
    const late = await w.headClient.get<ClockedLead>(`/api/v1/leads/${receipt.id}`);
    expect(late.body.clock).toMatchObject({ ageMinutes: 8, toRemindMinutes: -3, toReassignMinutes: 7 });

    // 23:00 in Moscow: seven working hours later, and the clocks do not move overnight.
    test.clock.now = new Date("2026-12-08T20:00:00Z");
    const night = await w.headClient.get<ClockedLead>(`/api/v1/leads/${receipt.id}`);
    expect(night.body.clock).toMatchObject({ ageMinutes: 420, running: false });
    test.clock.now = tuesdayMorning;
  });

  it("a touched lead's age is its speed to lead, and its timers stop", async () => {
    const w = await buildWorld();
    const receipt = (await w.headClient.post<LeadReceipt>("/api/v1/leads", { name: "Touched", phone: "+79990000002" })).body;
    const seller = receipt.assigneeId === w.first.id ? w.firstClient : w.secondClient;
    test.clock.now = new Date(tuesdayMorning.getTime() + minutes(4));
    expect((await seller.post(`/api/v1/companies/${receipt.companyId}/activities`, { type: "call", outcome: "Reached" })).status).toBe(201);
    test.clock.now = new Date(tuesdayMorning.getTime() + minutes(30));
    const lead = await w.headClient.get<ClockedLead>(`/api/v1/leads/${receipt.id}`);
    expect(lead.body.status).toBe("touched");
    expect(lead.body.clock).toMatchObject({ ageMinutes: 4, toRemindMinutes: null, toReassignMinutes: null });
    test.clock.now = tuesdayMorning;
  });

  it("tells who held the lead: the distribution, the SLA's reassignment and the head's hand", async () => {
    const w = await buildWorld();
    const receipt = (await w.headClient.post<LeadReceipt>("/api/v1/leads", { name: "Passed around", phone: "+79990000003" })).body;
    const [firstHolder, other] = receipt.assigneeId === w.first.id ? [w.first, w.second] : [w.second, w.first];
    const names = new Map([[w.first.id, "Seller One"], [w.second.id, "Seller Two"]]);

    test.clock.now = new Date(tuesdayMorning.getTime() + minutes(16));
    await runLeadSla(test.context);
    const taken = await w.headClient.get<ClockedLead>(`/api/v1/leads/${receipt.id}`);
    expect(taken.body.assignee?.id).toBe(other.id);
    test.clock.advance(minutes(1));
    expect((await w.headClient.post(`/api/v1/leads/${receipt.id}/assign`, { userId: firstHolder.id })).status).toBe(200);

    const history = await w.headClient.get<{ items: LeadAssignment[] }>(`/api/v1/leads/${receipt.id}/assignments`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((a) => [a.cause, a.from?.name ?? null, a.to?.name ?? null, a.actor?.name ?? null])).toEqual([
      ["distribution", null, names.get(firstHolder.id), "Head Helen"],
      ["sla_reassign", names.get(firstHolder.id), names.get(other.id), null],
      ["manual", names.get(other.id), names.get(firstHolder.id), "Head Helen"],
    ]);
    expect(history.body.items[2]?.route).toBe("manual");

    // A seller who never held it sees neither the lead nor its history.
    const stranger = await signedIn(test, await buildUser(test.database, w.organizationId, { name: "Seller Three" }));
    expect((await stranger.get(`/api/v1/leads/${receipt.id}/assignments`)).status).toBe(404);
    test.clock.now = tuesdayMorning;
  });
});
