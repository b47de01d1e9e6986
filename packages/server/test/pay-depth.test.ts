import { seedDemoDepartment } from "@conveyor/bench/generator";
import type { DepartmentPayroll, PayPeriod, PayPeriodInfo, PayScheme, Pipeline, SellerPayroll } from "@conveyor/contracts";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildOrganization, buildUser, signedIn, type TestClient, useTestApp } from "./harness";

/* [pay] depth: the demo department's pay by level, Jalali pay months in Iran, money received after a close there. */

const test = useTestApp();

describe("the demo department's payroll by level (M1.3, M1.4)", () => {
  it("an L3 client's first deal is the L2 closer's, its act the L2 → L3 handover; each level's row shows what it is paid for", async () => {
    test.clock.now = new Date("2026-12-08T08:00:00Z");
    const org = await buildOrganization(test.database);
    await seedDemoDepartment(test.database, { organizationId: org.organizationId, now: test.clock.now, companies: 120 });
    const firstDeals = await test.database.db.execute<{ owner_id: string; closer_id: string; signed_on: string | null; handed_on: string }>(sql`
      select d.owner_id, h2.to_user_id as closer_id, d.acceptance_signed_on::text as signed_on, (h3.at at time zone 'UTC')::date::text as handed_on
      from deals d join companies c on c.id = d.company_id
      join handovers h2 on h2.company_id = c.id and h2.to_level = 'L2'
      join handovers h3 on h3.company_id = c.id and h3.to_level = 'L3'
      where c.organization_id = ${org.organizationId} and c.level = 'L3' and d.first_win`);
    expect(firstDeals.rows.length).toBeGreaterThan(0);
    for (const row of firstDeals.rows) {
      expect(row.owner_id).toBe(row.closer_id);
      expect(row.signed_on).toBe(row.handed_on);
    }
    // Money of a first deal is credited to the closer, not to the farmer who holds the client now.
    const credited = await test.database.db.execute<{ wrong: number }>(sql`
      select count(*)::int as wrong from payments p join deals d on d.id = p.deal_id
      where p.organization_id = ${org.organizationId} and d.first_win and p.credited_user_id <> d.owner_id`);
    expect(credited.rows[0]?.wrong).toBe(0);
    const pendingAct = await test.database.db.execute<{ n: number }>(sql`
      select count(*)::int as n from deals d join companies c on c.id = d.company_id
      where c.organization_id = ${org.organizationId} and c.level = 'L2' and d.acceptance_signed_on is not null`);
    expect(pendingAct.rows[0]?.n).toBe(0);

    const admin = await signedIn(test, org.admin);
    const months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"];
    const totals = { l1Money: 0, l1Leads: 0, l2Money: 0, l2FirstDeals: 0, l3Repeat: 0 };
    for (const month of months) {
      const payroll = await admin.get<DepartmentPayroll>(`/api/v1/pay/payroll?month=${month}`);
      expect(payroll.status, payroll.raw).toBe(200);
      for (const row of payroll.body.sellers) {
        if (row.level === "L1") {
          totals.l1Money += row.factMinor;
          totals.l1Leads += row.results.acceptedLeads;
        }
        if (row.level === "L2") {
          totals.l2Money += row.factMinor;
          totals.l2FirstDeals += row.results.firstDeals;
        }
        if (row.level === "L3") totals.l3Repeat += row.results.repeatClients;
      }
    }
    // L1 brings no money by the method: it is paid per lead L2 accepted; L2 for its first deals and their money.
    expect(totals.l1Money).toBe(0);
    expect(totals.l1Leads).toBeGreaterThan(0);
    expect(totals.l2FirstDeals).toBe(firstDeals.rows.filter((r) => (r.signed_on ?? "") >= "2026-01-01").length);
    expect(totals.l2FirstDeals).toBeGreaterThan(0);
    expect(totals.l2Money).toBeGreaterThan(0);
  });
});

describe("Jalali pay months (an organization in Iran planning by Jalali month)", () => {
  it("pays by Esfand 1405 and Farvardin 1406: boundaries, the plan, the close, late money and the export's label", async () => {
    test.clock.now = new Date("2027-03-25T08:00:00Z");
    const org = await buildOrganization(test.database, { country: "IR" });
    const seller = await buildUser(test.database, org.organizationId, { name: "Sara Seller" });
    const admin = await signedIn(test, org.admin);
    const as: TestClient = admin;
    const gregorian = await as.get<PayPeriodInfo>("/api/v1/pay/period");
    expect(gregorian.body).toMatchObject({ kind: "month", key: "2027-03" });
    const plan = await as.put("/api/v1/plans", { periodKind: "jalali_month", period: "1405-12", items: [{ scopeKind: "seller", scopeId: seller.id, metric: "revenue", target: 100_000_000 }] });
    expect(plan.status, plan.raw).toBe(200);
    const period = await as.get<PayPeriodInfo>("/api/v1/pay/period");
    expect(period.body).toEqual({ kind: "jalali_month", key: "1406-01", start: "2027-03-21", end: "2027-04-20", previous: "1405-12", next: "1406-02" });

    const scheme = await as.post<PayScheme>("/api/v1/pay/schemes", {
      name: "Percent",
      effectiveFrom: "1405-12",
      definition: { baseSalaryMinor: 30_000_000, variable: [{ kind: "percent", basis: "money", ratePercent: 10 }] },
      assignments: [{ targetKind: "person", targetValue: seller.id }],
    });
    expect(scheme.status, scheme.raw).toBe(201);
    expect(scheme.body.versions[0]?.effectiveFrom).toBe("1405-12");

    const pipeline = (await as.get<{ items: Pipeline[] }>("/api/v1/pipelines")).body.items[0];
    const won = pipeline?.stages.find((s) => s.kind === "won")?.id;
    const company = await as.post<{ id: string }>("/api/v1/companies", { name: "Tehran Co", ownerId: seller.id });
    const deal = await as.post<{ id: string }>("/api/v1/deals", { companyId: company.body.id, ownerId: seller.id, title: "Deal", amountMinor: 300_000_000 });
    expect((await as.post(`/api/v1/deals/${deal.body.id}/move`, { stageId: won })).status).toBe(200);
    const order = await as.post<{ id: string }>(`/api/v1/deals/${deal.body.id}/orders`, { amountMinor: 300_000_000, orderedOn: "2027-02-20" });
    // The last day of Esfand and the first of Farvardin.
    const lastOfEsfand = await as.post<{ id: string }>(`/api/v1/orders/${order.body.id}/payments`, { amountMinor: 80_000_000, paidOn: "2027-03-20" });
    const firstOfFarvardin = await as.post<{ id: string }>(`/api/v1/orders/${order.body.id}/payments`, { amountMinor: 50_000_000, paidOn: "2027-03-21" });
    expect([lastOfEsfand.status, firstOfFarvardin.status]).toEqual([201, 201]);

    const esfand = await as.get<SellerPayroll>(`/api/v1/pay/payroll/${seller.id}?month=1405-12`);
    expect(esfand.body).toMatchObject({ month: "1405-12", periodKind: "jalali_month", factMinor: 80_000_000, planMinor: 100_000_000, completionPercent: 80 });
    expect(esfand.body.lines.find((l) => l.kind === "variable")?.refs.paymentIds).toEqual([lastOfEsfand.body.id]);
    const department = await as.get<DepartmentPayroll>("/api/v1/pay/payroll?month=1405-12");
    expect(department.body).toMatchObject({ periodKind: "jalali_month", start: "2027-02-20", end: "2027-03-20" });

    const closed = await as.post<PayPeriod>("/api/v1/pay/periods/1405-12/close");
    expect(closed.status, closed.raw).toBe(201);
    expect(closed.body.month).toBe("1405-12");
    test.clock.advance(60_000);
    // Money dated in the closed Esfand but entered after the close lands in Farvardin, at Esfand's 10%.
    const late = await as.post<{ id: string }>(`/api/v1/orders/${order.body.id}/payments`, { amountMinor: 20_000_000, paidOn: "2027-03-15" });
    expect(late.status, late.raw).toBe(201);
    const farvardin = await as.get<SellerPayroll>(`/api/v1/pay/payroll/${seller.id}?month=1406-01`);
    expect(farvardin.body.factMinor).toBe(50_000_000);
    expect(farvardin.body.lines.filter((l) => l.kind === "late_payment")).toEqual([
      expect.objectContaining({ amountMinor: 2_000_000, figures: expect.objectContaining({ closedMonth: "2027-02-20" }), refs: expect.objectContaining({ paymentIds: [late.body.id] }) }),
    ]);
    expect((await as.get<SellerPayroll>(`/api/v1/pay/payroll/${seller.id}?month=1405-12`)).body.factMinor).toBe(80_000_000);

    const exported = await test.app.inject({ method: "GET", url: "/api/v1/pay/export?month=1405-12&locale=fa", headers: { cookie: `conveyor_session=${as.cookie}` } });
    expect(exported.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    const bytes = new ArrayBuffer(exported.rawPayload.byteLength);
    new Uint8Array(bytes).set(exported.rawPayload);
    await book.xlsx.load(bytes);
    const label = String(book.worksheets[0]?.getRow(1).getCell(2).value ?? "");
    expect(label).toContain("اسفند");
    expect(label).toContain("2027-02-20");
  });
});
