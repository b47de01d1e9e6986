import type { Redistribution, RedistributionPreview, RedistributionUndo } from "@conveyor/contracts";
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { buildOrganization, buildUser, signedIn, useTestApp } from "./harness";

/*
 * A seller with 5,000 clients, each with an open deal and an open task, handed to three others, taken back,
 * then sent by the routing rules. Named zz- so it runs last. It asserts what moved; the timings are printed
 * for the reader (bench/ holds the measured figures): set-based statements keep each step well under a second.
 */

const test = useTestApp();
const clientCount = 5_000;

const timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await step();
  console.log(`redistribution of ${clientCount} clients: ${label} ${Math.round(performance.now() - started)} ms`);
  return result;
};

it(`previews, applies and undoes a redistribution of ${clientCount} clients with their deals and tasks`, async () => {
  const org = await buildOrganization(test.database);
  const o = org.organizationId;
  const anna = await buildUser(test.database, o, { name: "Anna" });
  const receivers = [await buildUser(test.database, o, { name: "R1" }), await buildUser(test.database, o, { name: "R2" }), await buildUser(test.database, o, { name: "R3" })];
  const db = test.database.db;
  await db.execute(sql`insert into companies (organization_id, name, owner_id, search_text)
    select ${o}, 'Client ' || lpad(g::text, 5, '0'), ${anna.id}, 'client ' || g from generate_series(1, ${clientCount}) g`);
  await db.execute(sql`insert into deals (organization_id, company_id, pipeline_id, stage_id, title, currency, amount_minor, owner_id, stage_entered_at)
    select c.organization_id, c.id, s.pipeline_id, s.id, 'Deal', 'RUB', 1000, c.owner_id, now() from companies c,
      (select id, pipeline_id from pipeline_stages where organization_id = ${o} and kind = 'open' order by position limit 1) s
    where c.organization_id = ${o}`);
  await db.execute(sql`insert into tasks (organization_id, company_id, title, type, due_at, assignee_id, created_by_id)
    select c.organization_id, c.id, 'Call', 'call', now(), c.owner_id, c.owner_id from companies c where c.organization_id = ${o}`);
  const admin = await signedIn(test, org.admin);
  const body = { fromUserId: anna.id, mode: "manual", toUserIds: receivers.map((r) => r.id), reason: "Dismissal" };

  const shown = await timed("preview", () => admin.post<RedistributionPreview>("/api/v1/redistributions/preview", body));
  expect(shown.status).toBe(200);
  expect(shown.body.totals).toEqual({ clients: clientCount, deals: clientCount, tasks: clientCount, unplaced: 0 });
  expect(shown.body.byReceiver.map((r) => r.clients).sort()).toEqual([1666, 1667, 1667]);
  for (const share of shown.body.byReceiver) {
    expect(share).toMatchObject({ deals: share.clients, tasks: share.clients, amounts: [{ currency: "RUB", amountMinor: share.clients * 1000 }] });
  }

  const done = await timed("apply", () => admin.post<Redistribution>("/api/v1/redistributions", body));
  expect(done.status).toBe(201);
  expect(done.body).toMatchObject({ clients: clientCount, deals: clientCount, tasks: clientCount });
  // What each receiver owns now is what the preview gave them, client by client for the listed ones.
  const owned = await db.execute<{ owner_id: string; clients: number; deals: number; tasks: number; events: number }>(sql`
    select c.owner_id, count(*)::integer as clients,
      (select count(*)::integer from deals d where d.organization_id = ${o} and d.owner_id = c.owner_id) as deals,
      (select count(*)::integer from tasks t where t.organization_id = ${o} and t.assignee_id = c.owner_id) as tasks,
      (select count(*)::integer from timeline_events e join companies x on x.id = e.company_id
        where e.organization_id = ${o} and e.kind = 'owner_changed' and x.owner_id = c.owner_id) as events
    from companies c where c.organization_id = ${o} group by c.owner_id`);
  const byOwner = new Map(owned.rows.map((r) => [r.owner_id, r]));
  for (const share of shown.body.byReceiver) {
    expect(byOwner.get(share.user.id)).toMatchObject({ clients: share.clients, deals: share.clients, tasks: share.clients, events: share.clients });
  }
  expect(byOwner.has(anna.id)).toBe(false);
  const listed = await db.execute<{ id: string; owner_id: string }>(sql`select id, owner_id from companies where organization_id = ${o}`);
  const ownerOf = new Map(listed.rows.map((r) => [r.id, r.owner_id]));
  for (const row of shown.body.clients) expect(ownerOf.get(row.company.id)).toBe(row.to?.id);
  const notices = await db.execute<{ n: number }>(sql`select count(*)::integer as n from notifications where organization_id = ${o} and kind = 'clients_received'`);
  expect(notices.rows[0]?.n).toBe(receivers.length);

  const undone = await timed("undo", () => admin.post<RedistributionUndo>(`/api/v1/redistributions/${done.body.id}/undo`));
  expect(undone.status).toBe(200);
  expect(undone.body.restored).toEqual({ clients: clientCount, deals: clientCount, tasks: clientCount });
  expect(undone.body.skipped).toEqual({ clients: 0, deals: 0, tasks: 0, items: [] });
  const back = await db.execute<{ n: number }>(sql`select count(*)::integer as n from companies where organization_id = ${o} and owner_id = ${anna.id}`);
  expect(back.rows[0]?.n).toBe(clientCount);

  const byRules = await timed("apply by the routing rules", () => admin.post<Redistribution>("/api/v1/redistributions", { ...body, toUserIds: undefined, mode: "rules" }));
  expect(byRules.status).toBe(201);
  expect(byRules.body).toMatchObject({ clients: clientCount, deals: clientCount, tasks: clientCount });
}, 120_000);
