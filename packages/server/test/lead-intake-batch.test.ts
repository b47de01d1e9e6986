import type { LeadReceipt, Problem } from "@conveyor/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildOrganization, buildUser, signedIn, useTestApp } from "./harness";

/*
 * The intake's group commit (receive-lead-batch.ts): leads posted at once are written in batches. Whatever shares a
 * batch, each lead is answered as it would be alone: a bad one fails by itself, a repeated delivery makes one lead,
 * a second lead of the same client goes to its owner, round-robin stays even and no cap is passed.
 */

const test = useTestApp();

/** Tuesday 11:00 in Moscow: a working day, inside the organization's 09:00–18:00. */
const tuesdayMorning = new Date("2026-12-08T08:00:00Z");

const rows = async (query: ReturnType<typeof sql>) => (await test.database.db.execute(query)).rows;

describe("lead intake in batches (M5.5)", () => {
  it("leads posted at once are each answered as if alone", async () => {
    test.clock.now = tuesdayMorning;
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    const head = await signedIn(test, await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Head Helen" }));
    const sellers = [];
    for (const name of ["Seller A", "Seller B", "Seller C"]) sellers.push(await buildUser(test.database, org.organizationId, { name }));
    const capped = sellers[2];
    if (!capped) throw new Error("no seller");
    expect((await admin.patch(`/api/v1/lead-availability/${capped.id}`, { leadCap: 2 })).status).toBe(200);

    const post = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      head.request<LeadReceipt | Problem>("POST", "/api/v1/leads", body, headers);
    const fresh = Array.from({ length: 12 }, (_, i) => post({ name: `Batch ${i}`, phone: `+7916555${String(i).padStart(4, "0")}` }));
    const repeated = [1, 2, 3].map(() => post({ name: "Repeat Ltd", email: "repeat@example.test" }, { "idempotency-key": "batch-key-1" }));
    const sameClient = [post({ name: "Twice Ltd", email: "twice@example.test" }), post({ name: "Twice again", email: "twice@example.test" })];
    const bad = post({ name: "Bad phone", phone: "12" });
    const [freshReplies, repeatedReplies, sameClientReplies, badReply] = await Promise.all([
      Promise.all(fresh),
      Promise.all(repeated),
      Promise.all(sameClient),
      bad,
    ]);

    expect(badReply.status).toBe(400);
    expect(freshReplies.map((r) => r.status)).toEqual(Array.from({ length: 12 }, () => 201));
    expect(repeatedReplies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(repeatedReplies.map((r) => ("id" in r.body ? r.body.id : null))).size).toBe(1);
    // Whichever arrives first makes the client; the other finds it and goes to its owner.
    const ofClient = sameClientReplies.flatMap((r) => ("companyId" in r.body ? [r.body] : []));
    expect(ofClient).toHaveLength(2);
    expect(new Set(ofClient.map((r) => r.companyId)).size).toBe(1);
    expect(new Set(ofClient.map((r) => r.assigneeId)).size).toBe(1);
    expect(ofClient.filter((r) => r.route === "existing_owner")).toHaveLength(1);

    // 12 + 1 + 2 leads; every receipt is the lead as committed.
    const leads = await rows(sql`select id, assignee_id, status, route from leads where organization_id = ${org.organizationId}`);
    expect(leads).toHaveLength(15);
    const byId = new Map(leads.map((l) => [String(l["id"]), l]));
    for (const reply of [...freshReplies, ...repeatedReplies, ...sameClientReplies]) {
      if (!("id" in reply.body)) throw new Error("no receipt");
      expect(byId.get(reply.body.id)?.["assignee_id"]).toBe(reply.body.assigneeId);
    }
    const waiting = (userId: string) => leads.filter((l) => l["assignee_id"] === userId && l["status"] === "waiting").length;
    // The cap binds the pool; a client's own owner takes its next lead whatever their cap (as a lead alone does).
    const fromPool = leads.filter((l) => l["assignee_id"] === capped.id && l["status"] === "waiting" && l["route"] !== "existing_owner");
    expect(fromPool.length).toBeLessThanOrEqual(2);
    // Round-robin of the 14 leads given by the pool (not the owner's second one): the two uncapped sellers take
    // the rest evenly.
    const [a, b] = [sellers[0], sellers[1]].map((s) => (s ? waiting(s.id) : 0));
    expect(Math.abs((a ?? 0) - (b ?? 0))).toBeLessThanOrEqual(2);
    expect((a ?? 0) + (b ?? 0) + waiting(capped.id)).toBe(15);
    expect(await rows(sql`select id from companies where organization_id = ${org.organizationId}`)).toHaveLength(14);
    expect(await rows(sql`select id from deals where organization_id = ${org.organizationId}`)).toHaveLength(15);
    expect(await rows(sql`select id from lead_assignments where organization_id = ${org.organizationId}`)).toHaveLength(15);
    const counters = await rows(sql`select coalesce(sum(assigned), 0)::int as n from lead_assign_counters where organization_id = ${org.organizationId}`);
    expect(Number(counters[0]?.["n"])).toBe(15);
  });
});
