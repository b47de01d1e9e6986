import type { Company, Dashboard, Deal, Forecast, Funnel, Order, Pipeline, PlanList, Problem, WorkingCalendar } from "@conveyor/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { checkEveryOrganization } from "../src/commands/check-kpi-rollups";
import { buildOrganization, buildUser, signedIn, useTestApp } from "./harness";
import { buildTeam } from "../src/testing/factories";

const test = useTestApp();

const setup = async () => {
  test.clock.now = new Date("2026-12-07T10:00:00Z");
  const org = await buildOrganization(test.database);
  const anna = await buildUser(test.database, org.organizationId, { name: "Anna" });
  const boris = await buildUser(test.database, org.organizationId, { name: "Boris" });
  const lead = await buildUser(test.database, org.organizationId, { role: "team_lead", name: "Lena" });
  const teamId = await buildTeam(test.database, org.organizationId, { leadId: lead.id, memberIds: [anna.id] });
  const admin = await signedIn(test, org.admin);
  const as = { admin, anna: await signedIn(test, anna), boris: await signedIn(test, boris), lead: await signedIn(test, lead) };
  const pipeline = (await admin.get<{ items: Pipeline[] }>("/api/v1/pipelines")).body.items[0];
  const won = pipeline?.stages.find((s) => s.kind === "won");
  const lost = pipeline?.stages.find((s) => s.kind === "lost");
  if (!pipeline || !won || !lost) throw new Error("no pipeline");
  return { org, anna, boris, lead, teamId, as, won, lost, pipeline };
};

describe("KPI rollups, plans and the dashboard", () => {
  it("counts activity, money and closed deals exactly, paces the plan by working days, and scopes every figure", async () => {
    const { anna, boris, teamId, as, won, lost, org } = await setup();
    const company = (await as.anna.post<Company>("/api/v1/companies", { name: "Buyer" })).body;
    await as.anna.post(`/api/v1/companies/${company.id}/activities`, { type: "call", occurredAt: "2026-12-03T09:00:00Z" });
    await as.anna.post(`/api/v1/companies/${company.id}/activities`, { type: "meeting", occurredAt: "2026-12-04T09:00:00Z" });
    const deal = (await as.anna.post<Deal>("/api/v1/deals", { companyId: company.id, title: "First", amountMinor: 100_000_00 })).body;
    expect((await as.anna.post(`/api/v1/deals/${deal.id}/move`, { stageId: won.id })).status).toBe(200);
    const order = (await as.anna.post<Order>(`/api/v1/deals/${deal.id}/orders`, { amountMinor: 100_000_00, orderedOn: "2026-12-04" })).body;
    expect((await as.anna.post(`/api/v1/orders/${order.id}/payments`, { amountMinor: 60_000_00, paidOn: "2026-12-04" })).status).toBe(201);
    const other = (await as.boris.post<Company>("/api/v1/companies", { name: "Other" })).body;
    const lostDeal = (await as.boris.post<Deal>("/api/v1/deals", { companyId: other.id, title: "Gone", amountMinor: 5_000_00 })).body;
    await as.boris.post(`/api/v1/deals/${lostDeal.id}/move`, { stageId: lost.id, lostReason: "Price" });

    // December 2026 in Russia: 22 working days; by Monday 7 December 5 have elapsed (1–4 and 7).
    const saved = await as.admin.put<PlanList>("/api/v1/plans", {
      period: "2026-12",
      items: [{ scopeKind: "seller", scopeId: anna.id, metric: "revenue", target: 220_000_00 }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.period).toMatchObject({ workingDays: 22, workingDaysElapsed: 5, calendarCoverage: "official" });
    expect(saved.body.items[0]).toMatchObject({ fact: 60_000_00 });

    const mine = await as.anna.get<Dashboard>("/api/v1/kpi/dashboard?period=2026-12");
    expect(mine.status).toBe(200);
    expect(mine.body.scope).toMatchObject({ kind: "seller", id: anna.id });
    expect(mine.body.figures).toMatchObject({ callsNew: 1, meetingsNew: 1, revenueMinor: 60_000_00, dealsWon: 1, newClients: 1, payingClients: 1 });
    const revenue = mine.body.plan.find((p) => p.metric === "revenue");
    // 60,000 against 220,000 / 22 × 5 = 50,000 → 120% to date, not 27%.
    expect(revenue?.completionToDate).toBeCloseTo(120, 6);
    expect(revenue?.status).toBe("on_track");
    expect(mine.body.sellers.map((s) => s.userId)).toEqual([anna.id]);
    expect(mine.body.rank).toEqual({ position: 1, of: 3 });

    // A seller never reads another seller's or the department's figures.
    expect((await as.anna.get<Problem>(`/api/v1/kpi/dashboard?scope=seller:${boris.id}`)).status).toBe(404);
    expect((await as.anna.get<Problem>("/api/v1/kpi/dashboard?scope=department")).status).toBe(403);
    expect((await as.anna.put<Problem>("/api/v1/plans", { period: "2026-12", items: [{ scopeKind: "department", scopeId: "", metric: "revenue", target: 1 }] })).status).toBe(403);
    // The team lead sees their team, not Boris.
    const team = await as.lead.get<Dashboard>("/api/v1/kpi/dashboard?period=2026-12");
    expect(team.body.scope).toMatchObject({ kind: "team", id: teamId });
    expect(team.body.sellers.map((s) => s.userId).sort()).not.toContain(boris.id);
    expect((await as.lead.get(`/api/v1/kpi/dashboard?scope=seller:${boris.id}`)).status).toBe(404);

    const head = await as.admin.get<Dashboard>("/api/v1/kpi/dashboard?period=2026-12");
    expect(head.body.figures).toMatchObject({ revenueMinor: 60_000_00, dealsWon: 1, dealsLost: 1 });
    expect(head.body.sellers).toHaveLength(3);

    const funnel = await as.admin.get<Funnel>("/api/v1/kpi/funnel?period=2026-12");
    expect(funnel.status).toBe(200);
    expect(funnel.body.lostReasons).toEqual([{ reason: "Price", count: 1 }]);

    const drill = await as.anna.get<{ items: Array<{ amountMinor: number }> }>("/api/v1/kpi/drill?period=2026-12&metric=revenue");
    expect(drill.body.items.map((i) => i.amountMinor)).toEqual([60_000_00]);
    expect((await as.admin.get("/api/v1/kpi/forecast")).status).toBe(200);
    expect((await as.admin.get("/api/v1/kpi/export?report=dashboard&period=2026-12")).status).toBe(200);
    // The forecast downloads by week as on screen.
    expect((await as.admin.get("/api/v1/kpi/export?report=forecast&by=week&count=4")).headers["x-export-rows"]).toBe("4");

    // The rollups equal the same figures rebuilt from the raw tables.
    const check = await as.admin.post<{ exact: boolean; rollups: Array<{ mismatches: number }> }>("/api/v1/kpi/check");
    expect(check.status).toBe(200);
    expect(check.body.exact).toBe(true);
    expect(org.organizationId).toBeTruthy();
  });

  it("splits a department plan pro-rated for an absence, and keeps the calendar's own days", async () => {
    const { anna, boris, as, won } = await setup();
    await as.admin.post("/api/v1/absences", { userId: boris.id, kind: "vacation", startsOn: "2026-12-14", endsOn: "2026-12-25" });
    const split = await as.admin.post<{ items: Array<{ userId: string; target: number; presentWorkingDays: number }> }>("/api/v1/plans/split", {
      period: "2026-12",
      metric: "deals_won",
      total: 32,
      method: "even",
      userIds: [anna.id, boris.id],
    });
    expect(split.status).toBe(200);
    const byUser = new Map(split.body.items.map((i) => [i.userId, i]));
    expect(byUser.get(anna.id)?.presentWorkingDays).toBe(22);
    expect(byUser.get(boris.id)?.presentWorkingDays).toBe(12);
    expect(split.body.items.reduce((a, i) => a + i.target, 0)).toBe(32);
    expect(byUser.get(anna.id)?.target).toBeGreaterThan(byUser.get(boris.id)?.target ?? 0);

    // Money received this week is the week's actual, as the month's is the month's.
    const company = (await as.anna.post<Company>("/api/v1/companies", { name: "Weekly payer" })).body;
    const deal = (await as.anna.post<Deal>("/api/v1/deals", { companyId: company.id, title: "Paid today", amountMinor: 30_000_00 })).body;
    expect((await as.anna.post(`/api/v1/deals/${deal.id}/move`, { stageId: won.id })).status).toBe(200);
    const order = (await as.anna.post<Order>(`/api/v1/deals/${deal.id}/orders`, { amountMinor: 30_000_00, orderedOn: "2026-12-07" })).body;
    expect((await as.anna.post(`/api/v1/orders/${order.id}/payments`, { amountMinor: 12_000_00, paidOn: "2026-12-07" })).status).toBe(201);
    const weeks = (await as.admin.get<Forecast>("/api/v1/kpi/forecast?by=week")).body;
    expect(weeks.buckets.map((b) => [b.start, b.actualMinor]).slice(0, 2)).toEqual([
      ["2026-12-07", 12_000_00],
      ["2026-12-14", 0],
    ]);
    expect((await as.admin.get<Forecast>("/api/v1/kpi/forecast?by=month")).body.buckets[0]).toMatchObject({ start: "2026-12-01", actualMinor: 12_000_00 });

    const calendar = await as.admin.get<WorkingCalendar>("/api/v1/calendar?year=2026");
    expect(calendar.body).toMatchObject({ country: "RU", coverage: "official", workingDays: 247 });
    const changed = await as.admin.put<WorkingCalendar>("/api/v1/calendar/days/2026-12-30", { kind: "day_off" });
    expect(changed.body.months[11]?.workingDays).toBe(21);
    expect((await as.anna.put("/api/v1/calendar/days/2026-12-29", { kind: "day_off" })).status).toBe(403);
    const bad = await as.admin.put<Problem>("/api/v1/calendar/days/2026-13-01", { kind: "day_off" });
    expect(bad.status).toBe(400);
  });

  it("limits the funnel to one channel's clients and splits the forecast by the client's level and segment", async () => {
    const { anna, as, lost, won, pipeline } = await setup();
    const [first, second] = pipeline.stages.filter((s) => s.kind === "open");
    if (!first || !second) throw new Error("no open stages");
    const web = (await as.anna.post<Company>("/api/v1/companies", { name: "From the site", channel: "web", audience: "retail" })).body;
    const calls = (await as.anna.post<Company>("/api/v1/companies", { name: "From a call", channel: "cold calls", audience: "wholesale" })).body;
    const deal = async (companyId: string, title: string, amountMinor: number, expectedCloseDate?: string) =>
      (await as.anna.post<Deal>("/api/v1/deals", { companyId, title, amountMinor, stageId: first.id, ...(expectedCloseDate && { expectedCloseDate }) })).body;
    const webLost = await deal(web.id, "Web, lost", 10_000_00);
    test.clock.advance(60_000);
    await as.anna.post(`/api/v1/deals/${webLost.id}/move`, { stageId: second.id });
    test.clock.advance(60_000);
    await as.anna.post(`/api/v1/deals/${webLost.id}/move`, { stageId: lost.id, lostReason: "Late" });
    const callsWon = await deal(calls.id, "Calls, won", 20_000_00);
    expect((await as.anna.post(`/api/v1/deals/${callsWon.id}/move`, { stageId: won.id })).status).toBe(200);
    await deal(web.id, "Web, open", 40_000_00, "2026-12-20");
    await deal(calls.id, "Calls, open", 80_000_00, "2026-12-21");

    const all = (await as.admin.get<Funnel>("/api/v1/kpi/funnel?period=2026-12")).body;
    const byWeb = (await as.admin.get<Funnel>("/api/v1/kpi/funnel?period=2026-12&channel=web")).body;
    const byCalls = (await as.admin.get<Funnel>("/api/v1/kpi/funnel?period=2026-12&channel=cold%20calls")).body;
    expect(all.channel).toBeNull();
    expect(byWeb.channel).toBe("web");
    const entered = (f: Funnel, stageId: string) => f.stages.find((s) => s.stageId === stageId)?.entered;
    expect([entered(all, first.id), entered(byWeb, first.id), entered(byCalls, first.id)]).toEqual([4, 2, 2]);
    expect(byWeb.stages.find((s) => s.stageId === second.id)).toMatchObject({ entered: 1, lostAfter: 1, conversion: 0 });
    expect(entered(byCalls, won.id)).toBe(1);
    expect(byWeb.lostReasons).toEqual([{ reason: "Late", count: 1 }]);
    expect(byCalls.lostReasons).toEqual([]);
    // A seller's funnel by channel is still only their own.
    expect((await as.anna.get<Funnel>("/api/v1/kpi/funnel?period=2026-12&channel=web")).body.stages.find((s) => s.stageId === first.id)?.entered).toBe(2);
    expect((await as.admin.get<Problem>("/api/v1/kpi/funnel?channel=")).status).toBe(400);

    // The forecast's money by segment (audience), then by level once the clients have one.
    const weighted = (amount: number, stage = first) => Math.round((amount * stage.probability) / 100);
    const segments = (await as.admin.get<Forecast>("/api/v1/kpi/forecast?split=segment")).body;
    expect(segments.split).toBe("segment");
    const bucket = segments.buckets[0];
    const valueOf = (f: Forecast, key: string, i = 0) => f.buckets[i]?.byGroup[f.groups.findIndex((g) => g.key === key && g.kind !== "other")];
    expect(valueOf(segments, "wholesale")).toBe(weighted(80_000_00));
    expect(valueOf(segments, "retail")).toBe(weighted(40_000_00));
    expect(segments.groups.map((g) => g.key)).toEqual(["wholesale", "retail"]);
    expect(bucket?.byGroup.reduce((a, b) => a + b, 0)).toBe(bucket ? bucket.totalMinor - bucket.repeatMinor : -1);

    const byLevelBefore = (await as.admin.get<Forecast>("/api/v1/kpi/forecast?split=level")).body;
    expect(byLevelBefore.groups).toEqual([{ key: "", kind: "none" }]);
    expect((await as.admin.patch(`/api/v1/companies/${calls.id}`, { level: "L2", audience: "distributors" })).status).toBe(200);
    const byLevel = (await as.admin.get<Forecast>("/api/v1/kpi/forecast?split=level&by=week")).body;
    expect(byLevel.groups).toEqual([{ key: "L2", kind: "value" }, { key: "", kind: "none" }]);
    const december20 = byLevel.buckets.findIndex((b) => b.start <= "2026-12-20" && "2026-12-20" <= b.end);
    expect(valueOf(byLevel, "", december20)).toBe(weighted(40_000_00));
    expect(valueOf(byLevel, "L2", byLevel.buckets.findIndex((b) => b.start <= "2026-12-21" && "2026-12-21" <= b.end))).toBe(weighted(80_000_00));
    expect(valueOf(await as.admin.get<Forecast>("/api/v1/kpi/forecast?split=segment").then((r) => r.body), "distributors")).toBe(weighted(80_000_00));
    expect((await as.admin.get<Problem>("/api/v1/kpi/forecast?split=region")).status).toBe(400);
    const sheet = await as.admin.get("/api/v1/kpi/export?report=forecast&split=segment");
    expect(sheet.status).toBe(200);
    expect(anna.id).toBeTruthy();

    // The week rollup follows a deal to another week, keeps overdue and undated deals due now, and drops a closed deal.
    const weekOf = (f: Forecast, date: string) => f.buckets.findIndex((b) => b.start <= date && date <= b.end);
    const movable = await deal(web.id, "Web, moves", 10_000_00, "2026-12-19");
    const overdue = await deal(web.id, "Web, overdue", 6_000_00, "2026-11-20");
    await deal(web.id, "Web, undated", 2_000_00);
    const weeksBefore = (await as.admin.get<Forecast>("/api/v1/kpi/forecast?by=week&split=segment")).body;
    expect(valueOf(weeksBefore, "retail", weekOf(weeksBefore, "2026-12-19"))).toBe(weighted(40_000_00) + weighted(10_000_00));
    expect(valueOf(weeksBefore, "retail", 0)).toBe(weighted(6_000_00) + weighted(2_000_00));
    expect(weeksBefore.buckets[0]?.deals).toBe(2);
    expect((await as.anna.patch(`/api/v1/deals/${movable.id}`, { expectedCloseDate: "2027-01-05" })).status).toBe(200);
    expect((await as.anna.post(`/api/v1/deals/${overdue.id}/move`, { stageId: won.id })).status).toBe(200);
    const weeksAfter = (await as.admin.get<Forecast>("/api/v1/kpi/forecast?by=week&split=segment&count=6")).body;
    expect(valueOf(weeksAfter, "retail", weekOf(weeksAfter, "2026-12-19"))).toBe(weighted(40_000_00));
    expect(valueOf(weeksAfter, "retail", weekOf(weeksAfter, "2027-01-05"))).toBe(weighted(10_000_00));
    expect(valueOf(weeksAfter, "retail", 0)).toBe(weighted(2_000_00));
    const months = (await as.admin.get<Forecast>("/api/v1/kpi/forecast?by=month&split=segment")).body;
    expect(months.buckets[0]?.deals).toBe(3);

    // The channel on each visit and the new forecast keys stay exact against the raw tables.
    const check = await as.admin.post<{ exact: boolean }>("/api/v1/kpi/check");
    expect(check.body.exact).toBe(true);
  });

  it("stays exact after an import, a redistribution and its undo; the admin command finds and rebuilds a damaged rollup", async () => {
    const { org, anna, boris, as, won, lost, pipeline } = await setup();
    const open = pipeline.stages.find((stage) => stage.kind === "open");
    if (!open) throw new Error("no open stage");
    const companies = ["Название;Ответственный", `Импорт Альфа;${anna.email}`, `Импорт Бета;${anna.email}`, `Импорт Гамма;${boris.email}`].join("\n");
    const deals = [
      "Сделка;Клиент;Этап;Сумма;Ожидаемая дата;Ответственный;Причина отказа",
      `Открытая;Импорт Альфа;${open.name};150000;2026-12-20;${anna.email};`,
      `Выиграна;Импорт Бета;${won.name};90000;;${anna.email};`,
      `Проиграна;Импорт Гамма;${lost.name};40000;;${boris.email};Дорого`,
    ].join("\n");
    for (const [entity, csv] of [["companies", companies], ["deals", deals]] as const) {
      const draft = await as.admin.upload<{ id: string; mapping: (string | null)[] }>(`/api/v1/imports?entity=${entity}&fileName=${entity}.csv`, csv);
      expect(draft.status).toBe(201);
      expect((await as.admin.post(`/api/v1/imports/${draft.body.id}/start`, { mapping: draft.body.mapping, onDuplicate: "skip" })).status).toBe(202);
      await test.app.imports.idle();
      expect((await as.admin.get<{ createdCount: number }>(`/api/v1/imports/${draft.body.id}`)).body.createdCount).toBe(3);
    }
    const exact = async () => (await as.admin.post<{ exact: boolean; rollups: Array<{ name: string; mismatches: number }> }>("/api/v1/kpi/check")).body;
    expect(await exact()).toMatchObject({ exact: true });
    const before = (await as.admin.get<Dashboard>("/api/v1/kpi/dashboard?period=2026-12")).body;
    expect(before.figures).toMatchObject({ dealsWon: 1, dealsLost: 1 });

    // Anna's clients (and their open deal) move to Boris, and back.
    const moved = await as.admin.post<{ id: string }>("/api/v1/redistributions", { fromUserId: anna.id, mode: "manual", toUserIds: [boris.id], reason: "Vacation" });
    expect(moved.status).toBe(201);
    expect(await exact()).toMatchObject({ exact: true });
    expect((await as.admin.post(`/api/v1/redistributions/${moved.body.id}/undo`)).status).toBe(200);
    expect(await exact()).toMatchObject({ exact: true });

    // A rollup changed behind the triggers' back is found, by the API and by `npm run kpi:check`, and rebuilt.
    await test.database.db.execute(sql`update seller_day_rollup set deals_won = deals_won + 5 where organization_id = ${org.organizationId}`);
    const damaged = await exact();
    expect(damaged.exact).toBe(false);
    expect(damaged.rollups.find((r) => r.name === "seller_day_rollup")?.mismatches).toBeGreaterThan(0);
    const lines: string[] = [];
    const found = await checkEveryOrganization(test.database.db, { rebuild: false, say: (line) => lines.push(line) });
    expect(found.differing).toBeGreaterThan(0);
    expect(lines.some((line) => line.includes(org.organizationId) && line.includes("differ"))).toBe(true);
    const fixed = await checkEveryOrganization(test.database.db, { rebuild: true, say: () => undefined });
    expect(fixed.differing).toBe(0);
    expect(await exact()).toMatchObject({ exact: true });
    expect((await as.admin.get<Dashboard>("/api/v1/kpi/dashboard?period=2026-12")).body.figures).toEqual(before.figures);
  });
});
