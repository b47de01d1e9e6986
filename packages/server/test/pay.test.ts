import type { Contest, DepartmentPayroll, Leaderboard, LiveLeaderboards, PayAdjustment, PayPeriod, PayPresetKey, PayScheme, Pipeline, Problem, SellerPayroll, WhatIfResult } from "@conveyor/contracts";
import { productionCalendar } from "@conveyor/domain";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildTeam } from "../src/testing/factories";
import { buildOrganization, buildUser, signedIn, type BuiltUser, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

/** Wednesday 9 December 2026, 12:00 in Moscow; November 2026 is the month paid and closed. */
const noon = new Date("2026-12-09T09:00:00Z");
const ru = productionCalendar({ country: "RU" });

type World = {
  admin: TestClient;
  head: TestClient;
  lead: TestClient;
  a: TestClient;
  b: TestClient;
  c: TestClient;
  users: Record<"head" | "lead" | "a" | "b" | "c" | "d" | "other", BuiltUser>;
  pipeline: Pipeline;
  orders: Record<"a" | "c", string>;
  payments: Record<"a" | "c", string>;
  openDealC: string;
};
const w = {} as World;

const fieldsOf = (reply: { body: unknown }) => ((reply.body as Problem).errors ?? []).map((e) => e.field);
const wonStage = () => {
  const stage = w.pipeline.stages.find((s) => s.kind === "won");
  if (!stage) throw new Error("no won stage");
  return stage.id;
};

/** A client of `owner` with a won deal, an order and a payment on `paidOn`. */
const paidDeal = async (owner: BuiltUser, amountMinor: number, paidOn: string): Promise<{ orderId: string; paymentId: string; dealId: string }> => {
  const company = await w.admin.post<{ id: string }>("/api/v1/companies", { name: `Client of ${amountMinor}`, ownerId: owner.id });
  const deal = await w.admin.post<{ id: string }>("/api/v1/deals", { companyId: company.body.id, ownerId: owner.id, title: `Deal ${amountMinor}`, amountMinor });
  expect((await w.admin.post(`/api/v1/deals/${deal.body.id}/move`, { stageId: wonStage() })).status).toBe(200);
  const order = await w.admin.post<{ id: string }>(`/api/v1/deals/${deal.body.id}/orders`, { amountMinor, orderedOn: paidOn });
  expect(order.status).toBe(201);
  const payment = await w.admin.post<{ id: string }>(`/api/v1/orders/${order.body.id}/payments`, { amountMinor, paidOn });
  expect(payment.status).toBe(201);
  return { orderId: order.body.id, paymentId: payment.body.id, dealId: deal.body.id };
};

const apply = (as: TestClient, key: PayPresetKey, body: Record<string, unknown> = {}) => as.post<{ items: PayScheme[] }>(`/api/v1/pay/presets/${key}/apply`, { effectiveFrom: "2026-01", ...body });
const sellerPay = (as: TestClient, user: BuiltUser, month: string) => as.get<SellerPayroll>(`/api/v1/pay/payroll/${user.id}?month=${month}`);
const lineOf = (pay: SellerPayroll, kind: string) => pay.lines.filter((l) => l.kind === kind);

beforeAll(async () => {
  test.clock.now = noon;
  const org = await buildOrganization(test.database);
  const head = await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Hanna Head" });
  const lead = await buildUser(test.database, org.organizationId, { role: "team_lead", name: "Lena Lead" });
  const a = await buildUser(test.database, org.organizationId, { name: "Anna Half" });
  const b = await buildUser(test.database, org.organizationId, { name: "Boris L1" });
  const c = await buildUser(test.database, org.organizationId, { name: "Chen Hunter" });
  const d = await buildUser(test.database, org.organizationId, { name: "Dina L2" });
  const other = await buildOrganization(test.database);
  w.users = { head, lead, a, b, c, d, other: other.admin };
  await buildTeam(test.database, org.organizationId, { leadId: lead.id, memberIds: [a.id], name: "Alpha" });
  w.admin = await signedIn(test, org.admin);
  w.head = await signedIn(test, head);
  w.lead = await signedIn(test, lead);
  w.a = await signedIn(test, a);
  w.b = await signedIn(test, b);
  w.c = await signedIn(test, c);
  const pipeline = (await w.admin.get<{ items: Pipeline[] }>("/api/v1/pipelines")).body.items[0];
  if (!pipeline) throw new Error("no pipeline");
  w.pipeline = pipeline;

  // Levels for the conveyor preset; a new-business department for M3.2.
  for (const [user, level] of [[b, "L1"], [d, "L2"]] as const) {
    const reply = await w.admin.patch(`/api/v1/conveyor/people/${user.id}`, { level });
    expect(reply.status, reply.raw).toBe(200);
  }
  const nb = await w.admin.post<{ id: string }>("/api/v1/departments", { name: "New business", kind: "new_business", headUserId: head.id });
  expect((await w.admin.post("/api/v1/teams", { name: "Hunters", departmentId: nb.body.id, leadUserId: head.id, memberIds: [c.id] })).status).toBe(201);

  // M5.14: Anna's plan for November is 1,000,000.00 and she brings 3,000,000.00.
  expect((await w.admin.put("/api/v1/plans", { period: "2026-11", items: [{ scopeKind: "seller", scopeId: a.id, metric: "revenue", target: 100_000_000 }] })).status).toBe(200);
  const paidA = await paidDeal(a, 300_000_000, "2026-11-10");
  const paidC = await paidDeal(c, 100_000_000, "2026-11-12");
  w.orders = { a: paidA.orderId, c: paidC.orderId };
  w.payments = { a: paidA.paymentId, c: paidC.paymentId };
  const openCompany = await w.admin.post<{ id: string }>("/api/v1/companies", { name: "Open Co", ownerId: c.id });
  const open = await w.admin.post<{ id: string }>("/api/v1/deals", { companyId: openCompany.body.id, ownerId: c.id, title: "Open deal", amountMinor: 20_000_000 });
  w.openDealC = open.body.id;
  // Boris is away 2–8 November (4 working days: the 4th is a holiday).
  expect((await w.admin.post("/api/v1/absences", { userId: b.id, kind: "vacation", startsOn: "2026-11-02", endsOn: "2026-11-08" })).status).toBe(201);
});

describe("presets and schemes", () => {
  it("lists the three presets of the seeds", async () => {
    const presets = await w.b.get<{ items: Array<{ key: string; method: string }> }>("/api/v1/pay/presets");
    expect(presets.body.items.map((p) => [p.key, p.method])).toEqual([["half_and_half", "M5.14"], ["new_business_client_pair", "M3.2"], ["conveyor", "M1.6"]]);
  });

  it("a head applies them; sellers and team leads may not", async () => {
    expect((await apply(w.a, "half_and_half")).status).toBe(403);
    expect((await apply(w.lead, "half_and_half")).status).toBe(403);
    const half = await apply(w.head, "half_and_half", { assign: false, names: { half_and_half: "Половина на половину" } });
    expect(half.status, half.raw).toBe(201);
    const scheme = half.body.items[0];
    expect(scheme?.name).toBe("Половина на половину");
    expect(scheme?.versions[0]?.definition.baseSalaryMinor).toBe(5_000_000);
    const assigned = await w.head.put<PayScheme>(`/api/v1/pay/schemes/${scheme?.id}/assignments`, { assignments: [{ targetKind: "person", targetValue: w.users.a.id }] });
    expect(assigned.body.assignments).toEqual([{ targetKind: "person", targetValue: w.users.a.id, targetName: "Anna Half" }]);
    const pair = await apply(w.head, "new_business_client_pair");
    expect(pair.body.items.map((s) => s.assignments[0]?.targetValue)).toEqual(["new_business", "client"]);
    const conveyor = await apply(w.head, "conveyor");
    expect(conveyor.body.items.map((s) => s.assignments[0]?.targetValue)).toEqual(["L1", "L2", "L3"]);
    expect((await w.head.get<{ items: PayScheme[] }>("/api/v1/pay/schemes")).body.items).toHaveLength(6);
    // A seller reads only the scheme that pays them, and may not change it.
    const own = await w.a.get<{ items: PayScheme[] }>("/api/v1/pay/schemes");
    expect(own.body.items.map((s) => s.id)).toEqual([scheme?.id]);
    expect((await w.a.get(`/api/v1/pay/schemes/${conveyor.body.items[0]?.id}`)).status).toBe(404);
    expect((await w.a.post(`/api/v1/pay/schemes/${scheme?.id}/versions`, { effectiveFrom: "2026-12", definition: { baseSalaryMinor: 1 } })).status).toBe(403);
    expect((await w.a.put(`/api/v1/pay/schemes/${scheme?.id}/assignments`, { assignments: [] })).status).toBe(403);
  });

  it("refuses an unsound scheme naming the field, and a person of another organization", async () => {
    const bad = await w.head.post<Problem>("/api/v1/pay/schemes", {
      name: "Bad",
      effectiveFrom: "2026-12",
      definition: { baseSalaryMinor: 1, variable: [{ kind: "on_target", onTargetMinor: 1, curve: { thresholdPercent: 0, points: [{ completionPercent: 100, coefficient: 1 }, { completionPercent: 90, coefficient: 2 }], capCoefficient: null } }] },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(["definition.variable.0.curve.points.1.completionPercent"]);
    const foreign = await w.head.post<Problem>("/api/v1/pay/schemes", { name: "X", effectiveFrom: "2026-12", definition: { baseSalaryMinor: 1 }, assignments: [{ targetKind: "person", targetValue: w.users.other.id }] });
    expect(foreign.status).toBe(400);
    expect(fieldsOf(foreign)).toEqual(["assignments.0.targetValue"]);
    const month = await w.head.post<Problem>("/api/v1/pay/schemes", { name: "X", effectiveFrom: "2026-13", definition: { baseSalaryMinor: 1 } });
    expect(fieldsOf(month)).toEqual(["effectiveFrom"]);
  });
});

describe("the payroll preview", () => {
  it("M5.14: 3× the personal plan pays 200% of the income, traced to the payment", async () => {
    const pay = await sellerPay(w.a, w.users.a, "2026-11");
    expect(pay.status, pay.raw).toBe(200);
    expect(pay.body.totalMinor).toBe(20_000_000);
    expect(pay.body.completionPercent).toBe(300);
    const variable = lineOf(pay.body, "variable")[0];
    expect(variable?.refs.paymentIds).toEqual([w.payments.a]);
    expect(variable?.figures).toMatchObject({ coefficient: 3, onTargetMinor: 5_000_000 });
    expect(pay.body.sources.payments.map((p) => [p.id, p.companyName])).toEqual([[w.payments.a, "Client of 300000000"]]);
  });

  it("M3.2: the new-business seller gets the lower base and the higher percentage", async () => {
    const pay = await sellerPay(w.head, w.users.c, "2026-11");
    expect(pay.body.scheme?.name).toBe("New business department (M3.2)");
    expect(lineOf(pay.body, "base")[0]?.amountMinor).toBe(4_400_000);
    expect(lineOf(pay.body, "variable")[0]?.amountMinor).toBe(10_000_000);
  });

  it("pro-rates the base across an absence by working days", async () => {
    const pay = await sellerPay(w.head, w.users.b, "2026-11");
    const days = ru.workingDaysInMonth(2026, 11);
    const base = lineOf(pay.body, "base")[0];
    expect(base?.figures).toMatchObject({ workingDays: days, workedDays: days - 4 });
    expect(base?.amountMinor).toBe(Math.round((6_000_000 * (days - 4)) / days));
    expect(base?.refs.absenceIds).toHaveLength(1);
  });

  it("scope: a seller sees only their own pay, a team lead their team, heads everyone", async () => {
    const own = await w.a.get<DepartmentPayroll>("/api/v1/pay/payroll?month=2026-11");
    expect(own.body.sellers.map((s) => s.seller.id)).toEqual([w.users.a.id]);
    expect(own.body.share).toBeNull();
    expect((await sellerPay(w.a, w.users.b, "2026-11")).status).toBe(404);
    expect((await sellerPay(w.a, w.users.other, "2026-11")).status).toBe(404);
    const team = await w.lead.get<DepartmentPayroll>("/api/v1/pay/payroll?month=2026-11");
    expect(team.body.sellers.map((s) => s.seller.id).sort()).toEqual([w.users.a.id, w.users.lead.id].sort());
    expect((await sellerPay(w.lead, w.users.c, "2026-11")).status).toBe(404);
    const all = await w.head.get<DepartmentPayroll>("/api/v1/pay/payroll?month=2026-11");
    expect(all.body.sellers.map((s) => s.seller.name)).toEqual(["Anna Half", "Boris L1", "Chen Hunter", "Dina L2", "Lena Lead"]);
    expect(all.body.sellers.find((s) => s.seller.id === w.users.lead.id)?.scheme).toBeNull();
  });

  it("warns when the payroll exceeds the owner's share of gross profit", async () => {
    expect((await w.a.put("/api/v1/pay/settings", { payrollShareLimitPercent: 5 })).status).toBe(403);
    const saved = await w.head.put("/api/v1/pay/settings", { payrollShareLimitPercent: 5, defaultMarginPercent: 50 });
    expect(saved.status, saved.raw).toBe(200);
    const all = await w.head.get<DepartmentPayroll>("/api/v1/pay/payroll?month=2026-11");
    // gross profit: 4,000,000.00 × 50% = 2,000,000.00; 5% of it is 100,000.00, the payroll is more
    expect(all.body.share).toMatchObject({ grossProfitMinor: 200_000_000, limitMinor: 10_000_000, exceeded: true });
    expect((await w.head.put<Problem>("/api/v1/pay/settings", { payrollShareLimitPercent: 120 })).status).toBe(400);
  });

  it("what-if: the seller's open deal and a made-up one", async () => {
    const reply = await w.c.post<WhatIfResult>("/api/v1/pay/what-if", { month: "2026-12", deals: [{ dealId: w.openDealC }, { amountMinor: 10_000_000 }] });
    expect(reply.status, reply.raw).toBe(200);
    expect(reply.body.differenceMinor).toBe(3_000_000);
    expect(reply.body.hypothetical.lines.find((l) => l.kind === "variable")?.refs.dealIds).toContain(w.openDealC);
    const notMine = await w.a.post<Problem>("/api/v1/pay/what-if", { month: "2026-12", deals: [{ dealId: w.openDealC }] });
    expect(notMine.status).toBe(400);
    expect(fieldsOf(notMine)).toEqual(["deals.0.dealId"]);
    expect((await w.a.post("/api/v1/pay/what-if", { sellerId: w.users.c.id, month: "2026-12", deals: [{ amountMinor: 1 }] })).status).toBe(404);
  });

  it("L1 is paid for the clients L2 accepted, each line naming its handover", async () => {
    const company = await w.admin.post<{ id: string }>("/api/v1/companies", { name: "Warm Co", ownerId: w.users.b.id, level: "L1" });
    const handover = await w.admin.post<{ id: string }>(`/api/v1/companies/${company.body.id}/handover`, { toUserId: w.users.d.id });
    expect(handover.status, handover.raw).toBe(201);
    const pay = await sellerPay(w.b, w.users.b, "2026-12");
    expect(lineOf(pay.body, "accepted_leads")[0]).toMatchObject({ amountMinor: 200_000, refs: { handoverIds: [handover.body.id] } });
    expect(pay.body.sources.handovers.map((h) => h.companyName)).toEqual(["Warm Co"]);
  });
});

describe("adjustments, closing a month, refunds after the close", () => {
  it("an adjustment needs a reason and keeps who and when", async () => {
    const missing = await w.head.post<Problem>("/api/v1/pay/adjustments", { sellerId: w.users.a.id, month: "2026-11", amountMinor: 100_000 });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing)).toEqual(["reason"]);
    expect((await w.a.post("/api/v1/pay/adjustments", { sellerId: w.users.a.id, month: "2026-11", amountMinor: 100_000, reason: "I want more" })).status).toBe(403);
    const added = await w.head.post<PayAdjustment>("/api/v1/pay/adjustments", { sellerId: w.users.a.id, month: "2026-11", amountMinor: 100_000, reason: "Trade fair weekend" });
    expect(added.status, added.raw).toBe(201);
    expect(added.body).toMatchObject({ amountMinor: 100_000, reason: "Trade fair weekend", createdBy: { id: w.users.head.id, name: "Hanna Head" } });
    const list = await w.a.get<{ items: PayAdjustment[] }>("/api/v1/pay/adjustments?month=2026-11");
    expect(list.body.items.map((i) => i.reason)).toEqual(["Trade fair weekend"]);
    const pay = await sellerPay(w.a, w.users.a, "2026-11");
    expect(pay.body.totalMinor).toBe(20_100_000);
    expect(lineOf(pay.body, "adjustment")[0]?.refs.adjustmentIds).toEqual([added.body.id]);
  });

  it("closing freezes the month; a second close and later adjustments are refused", async () => {
    expect((await w.a.post("/api/v1/pay/periods/2026-11/close")).status).toBe(403);
    expect(fieldsOf(await w.head.post("/api/v1/pay/periods/2027-02/close"))).toEqual(["month"]);
    const closed = await w.head.post<PayPeriod>("/api/v1/pay/periods/2026-11/close");
    expect(closed.status, closed.raw).toBe(201);
    expect(closed.body).toMatchObject({ month: "2026-11", sellers: 5, closedBy: { name: "Hanna Head" } });
    const again = await w.head.post<Problem>("/api/v1/pay/periods/2026-11/close");
    expect([again.status, again.body.code]).toEqual([409, "pay_period_closed"]);
    const late = await w.head.post<Problem>("/api/v1/pay/adjustments", { sellerId: w.users.a.id, month: "2026-11", amountMinor: 1, reason: "Too late" });
    expect(late.body.code).toBe("pay_period_closed");
    const periods = await w.head.get<{ items: PayPeriod[] }>("/api/v1/pay/periods");
    expect(periods.body.items.map((p) => p.month)).toEqual(["2026-11"]);
    const pay = await sellerPay(w.a, w.users.a, "2026-11");
    expect(pay.body).toMatchObject({ status: "closed", totalMinor: 20_100_000 });
    expect(pay.body.sources.payments.map((p) => p.id)).toEqual([w.payments.a]);
  });

  it("a refund dated in the closed month lands in the next open month as a clawback", async () => {
    test.clock.advance(60_000);
    expect((await w.admin.post(`/api/v1/orders/${w.orders.c}/payments`, { amountMinor: -20_000_000, paidOn: "2026-11-20" })).status).toBe(201);
    expect((await w.admin.post(`/api/v1/orders/${w.orders.a}/payments`, { amountMinor: -50_000_000, paidOn: "2026-11-25" })).status).toBe(201);
    const novemberC = await sellerPay(w.head, w.users.c, "2026-11");
    expect(novemberC.body.totalMinor).toBe(14_400_000);
    const decemberC = await sellerPay(w.head, w.users.c, "2026-12");
    expect(lineOf(decemberC.body, "late_clawback")[0]).toMatchObject({ amountMinor: -2_000_000, figures: { closedMonth: "2026-11-01" } });
    // M5.14 on-target: 300% → 250% of the plan takes 50% of the on-target 50,000.00 back
    const decemberA = await sellerPay(w.a, w.users.a, "2026-12");
    expect(lineOf(decemberA.body, "late_clawback").map((l) => l.amountMinor)).toEqual([-2_500_000]);
  });

  it("a payment dated in the closed month but recorded after the close lands in the next open month, saying so", async () => {
    test.clock.advance(60_000);
    const late = await w.admin.post<{ id: string }>(`/api/v1/orders/${w.orders.c}/payments`, { amountMinor: 10_000_000, paidOn: "2026-11-28" });
    expect(late.status, late.raw).toBe(201);
    // November stays as it was closed: the money is not in its lines.
    const novemberC = await sellerPay(w.head, w.users.c, "2026-11");
    expect(novemberC.body.totalMinor).toBe(14_400_000);
    expect(novemberC.body.sources.payments.map((p) => p.id)).not.toContain(late.body.id);
    // December pays it at November's 10%, as a line naming the closed month and the payment.
    const decemberC = await sellerPay(w.head, w.users.c, "2026-12");
    expect(lineOf(decemberC.body, "late_payment")).toEqual([
      expect.objectContaining({ amountMinor: 1_000_000, figures: expect.objectContaining({ closedMonth: "2026-11-01", paymentMinor: 10_000_000, paidOn: "2026-11-28" }), refs: expect.objectContaining({ paymentIds: [late.body.id] }) }),
    ]);
    expect(decemberC.body.sources.payments.map((p) => p.id)).toContain(late.body.id);
    // Money dated in an open month is that month's, not a late line.
    expect(lineOf(await sellerPay(w.head, w.users.a, "2026-12").then((r) => r.body), "late_payment")).toEqual([]);
  });

  it("exports the month for the accountant and in the 1C layout", async () => {
    expect((await w.a.get("/api/v1/pay/export?month=2026-11")).status).toBe(403);
    const summary = await w.head.get("/api/v1/pay/export?month=2026-11&locale=ru");
    expect(summary.status).toBe(200);
    expect(summary.headers["content-type"]).toContain("spreadsheetml");
    const onec = await test.app.inject({ method: "GET", url: "/api/v1/pay/export?month=2026-11&layout=1c", headers: { cookie: `conveyor_session=${w.head.cookie}` } });
    expect(onec.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    // exceljs types its input as an ArrayBuffer.
    const bytes = new ArrayBuffer(onec.rawPayload.byteLength);
    new Uint8Array(bytes).set(onec.rawPayload);
    await book.xlsx.load(bytes);
    const rows = book.worksheets[0]?.getSheetValues().filter(Boolean).map((r) => (Array.isArray(r) ? r.slice(1) : [])) ?? [];
    expect(rows[0]).toEqual(["Табельный номер", "ФИО", "Код начисления", "Период", "Сумма"]);
    const anna = rows.filter((r) => r[1] === "Anna Half").map((r) => [r[2], r[4]]);
    expect(anna).toEqual([["BASE", 50_000], ["COMMISSION", 150_000], ["ADJUSTMENT", 1_000]]);
  });
});

describe("contests (M5.10)", () => {
  it("a head runs a contest; everyone sees the leaderboard; the prize is recorded", async () => {
    expect((await w.a.post("/api/v1/pay/contests", { name: "x", metric: "revenue", month: "2026-11", prize: "x" })).status).toBe(403);
    const created = await w.head.post<Contest>("/api/v1/pay/contests", { name: "Top of November", metric: "revenue", month: "2026-11", prize: "An extra day off" });
    expect(created.status, created.raw).toBe(201);
    // Contests count money by the day it came, closed month or not: Chen's 100M − 20M refund + 10M paid late.
    const board = await w.a.get<Leaderboard>(`/api/v1/pay/contests/${created.body.id}/leaderboard`);
    expect(board.body.rows.slice(0, 2).map((r) => [r.seller.name, r.rank, r.value])).toEqual([["Anna Half", 1, 250_000_000], ["Chen Hunter", 2, 90_000_000]]);
    const winner = await w.head.patch<Contest>(`/api/v1/pay/contests/${created.body.id}`, { winnerUserId: w.users.a.id });
    expect(winner.body).toMatchObject({ winner: { id: w.users.a.id, name: "Anna Half" }, prize: "An extra day off" });
    expect(winner.body.prizeRecordedAt).not.toBeNull();
    const december = await w.head.post<Contest>("/api/v1/pay/contests", { name: "L1 meetings", metric: "meetings", level: "L1", month: "2026-12", prize: "Lunch" });
    const live = await w.b.get<LiveLeaderboards>("/api/v1/pay/contests/live");
    expect(live.body.month).toBe("2026-12");
    expect(live.body.items.map((i) => [i.contest.name, i.rows.map((r) => r.seller.name)])).toEqual([["L1 meetings", ["Boris L1"]]]);
    expect((await w.head.get<{ items: Contest[] }>("/api/v1/pay/contests?month=2026-11")).body.items.map((c) => c.name)).toEqual(["Top of November"]);
    expect((await w.head.delete(`/api/v1/pay/contests/${december.body.id}`)).status).toBe(204);
    expect((await w.head.delete(`/api/v1/pay/contests/${december.body.id}`)).status).toBe(404);
  });
});
