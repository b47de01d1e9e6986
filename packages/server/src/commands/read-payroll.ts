import type { DepartmentPayroll, SellerPayroll, WhatIfInput, WhatIfResult } from "@conveyor/contracts";
import { grossProfitOf, payrollShareCheck, whatIfPayroll, type HypotheticalDeal, type Payroll } from "@conveyor/domain";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { AppError, notFound } from "../http/app-error";
import { acceptedHandoversOf, dealsByIds, dealsForWhatIf, firstDealsOf, handoversByIds, moneyByProductGroupOf, paySellersInScope, paymentsByIds, paymentsOf } from "../repositories/pay-facts.repository";
import { paySettingsOf } from "../repositories/pay.repository";
import type { Viewer } from "../scope";
import { loadMonthPayroll, type SellerResult } from "./compute-payroll";
import { managesPay, mustSeePaySeller, payPeriodFor, validation, type PayMonthRange } from "./pay-context";

/*
 * [pay] M1.6: the payroll preview — the department's table (scoped: a team lead their team, a seller
 * themselves), one seller's lines with the payments, deals and handovers behind them, and the what-if.
 */

const levelOf = (level: string | null): "L1" | "L2" | "L3" | null => (level === "L1" || level === "L2" || level === "L3" ? level : null);

const sourcesOf = async (ex: Executor, organizationId: string, payroll: Payroll): Promise<SellerPayroll["sources"]> => {
  const real = (ids: string[]) => [...new Set(ids.filter((id) => !id.startsWith("what-if")))];
  const paymentIds = real(payroll.lines.flatMap((l) => l.refs.paymentIds));
  const dealIds = real(payroll.lines.flatMap((l) => l.refs.dealIds));
  const handoverIds = real(payroll.lines.flatMap((l) => l.refs.handoverIds));
  const [payments, deals, handovers] = await Promise.all([paymentsByIds(ex, organizationId, paymentIds), dealsByIds(ex, organizationId, dealIds), handoversByIds(ex, organizationId, handoverIds)]);
  return {
    payments: payments.map((p) => ({ id: p.id, dealId: p.dealId, companyId: p.companyId, companyName: p.companyName, dealTitle: p.dealTitle, amountMinor: p.amountMinor, paidOn: p.paidOn })),
    deals: deals.map((d) => ({ id: d.id, title: d.title, companyId: d.companyId })),
    handovers: handovers.map((h) => ({ id: h.id, companyId: h.companyId, companyName: h.companyName, at: h.at.toISOString() })),
  };
};

const presentSeller = async (ex: Executor, organizationId: string, month: PayMonthRange, status: "open" | "closed", currency: string, r: SellerResult): Promise<SellerPayroll> => ({
  seller: { id: r.seller.id, name: r.seller.name },
  level: levelOf(r.seller.level),
  month: month.key,
  periodKind: month.kind,
  status,
  currency,
  scheme: r.scheme,
  lines: r.payroll.lines,
  totalMinor: r.payroll.totalMinor,
  factMinor: r.payroll.factMinor,
  planMinor: r.payroll.planMinor,
  completionPercent: r.payroll.completionPercent,
  sources: await sourcesOf(ex, organizationId, r.payroll),
});

export const readDepartmentPayroll = async (context: AppContext, viewer: Viewer, monthKey: string): Promise<DepartmentPayroll> => {
  const { db } = context.database;
  const month = await payPeriodFor(db, viewer.organizationId, monthKey);
  const sellers = await paySellersInScope(db, viewer);
  const loaded = await loadMonthPayroll(db, viewer.organizationId, month, sellers, context.now());
  const ids = sellers.map((s) => s.id);
  const handovers = await acceptedHandoversOf(db, viewer.organizationId, ids, month.start, month.end, loaded.calendar.timeZone);
  const firstDeals = await firstDealsOf(db, viewer.organizationId, ids, month.start, month.end);
  const repeat = (await paymentsOf(db, viewer.organizationId, ids, month.start, month.end)).filter((p) => !p.firstDeal && p.amountMinor > 0);
  const rows = loaded.results.map((r) => {
    const baseMinor = r.payroll.lines.filter((l) => l.kind === "base").reduce((s, l) => s + l.amountMinor, 0);
    return {
      seller: { id: r.seller.id, name: r.seller.name },
      level: levelOf(r.seller.level),
      scheme: r.scheme,
      totalMinor: r.payroll.totalMinor,
      baseMinor,
      variableMinor: r.payroll.totalMinor - baseMinor,
      factMinor: r.payroll.factMinor,
      planMinor: r.payroll.planMinor,
      completionPercent: r.payroll.completionPercent,
      results: {
        acceptedLeads: handovers.filter((h) => h.userId === r.seller.id).length,
        firstDeals: firstDeals.filter((d) => d.userId === r.seller.id).length,
        repeatClients: new Set(repeat.filter((p) => p.userId === r.seller.id).map((p) => p.companyId)).size,
      },
    };
  });
  const totalMinor = rows.reduce((s, r) => s + r.totalMinor, 0);
  let share: DepartmentPayroll["share"] = null;
  if (managesPay(viewer)) {
    const [settings, money] = await Promise.all([paySettingsOf(db, viewer.organizationId), moneyByProductGroupOf(db, viewer.organizationId, month.start, month.end)]);
    share = payrollShareCheck(totalMinor, grossProfitOf(money, settings), settings.payrollShareLimitPercent);
  }
  return { month: month.key, periodKind: month.kind, start: month.start, end: month.end, status: loaded.status, closedAt: loaded.closedAt?.toISOString() ?? null, currency: loaded.calendar.currency, sellers: rows, totalMinor, share };
};

export const readSellerPayroll = async (context: AppContext, viewer: Viewer, sellerId: string, monthKey: string): Promise<SellerPayroll> => {
  const { db } = context.database;
  const seller = await mustSeePaySeller(db, viewer, sellerId);
  const month = await payPeriodFor(db, viewer.organizationId, monthKey);
  const loaded = await loadMonthPayroll(db, viewer.organizationId, month, [seller], context.now());
  const result = loaded.results[0];
  if (!result) {
    // A closed month without this seller (they joined later): nothing was paid.
    return { seller: { id: seller.id, name: seller.name }, level: levelOf(seller.level), month: month.key, periodKind: month.kind, status: loaded.status, currency: loaded.calendar.currency, scheme: null, lines: [], totalMinor: 0, factMinor: 0, planMinor: null, completionPercent: null, sources: { payments: [], deals: [], handovers: [] } };
  }
  return presentSeller(db, viewer.organizationId, month, loaded.status, loaded.calendar.currency, result);
};

/** "If I close these deals": the seller's open month with hypothetical money; deals must be the seller's. */
export const payWhatIf = async (context: AppContext, viewer: Viewer, input: WhatIfInput): Promise<WhatIfResult> => {
  const { db } = context.database;
  const seller = await mustSeePaySeller(db, viewer, input.sellerId ?? viewer.userId);
  const month = await payPeriodFor(db, viewer.organizationId, input.month);
  const loaded = await loadMonthPayroll(db, viewer.organizationId, month, [seller], context.now());
  const result = loaded.results[0];
  if (loaded.status === "closed") throw new AppError("pay_period_closed", "This month is closed: a what-if needs an open month");
  if (!result) throw new AppError("pay_period_closed");
  const dealIds = input.deals.flatMap((d) => ("dealId" in d ? [d.dealId] : []));
  const found = new Map((await dealsForWhatIf(db, viewer.organizationId, dealIds)).map((d) => [d.id, d]));
  const hypothetical: HypotheticalDeal[] = input.deals.map((d, i) => {
    if ("dealId" in d) {
      const deal = found.get(d.dealId);
      if (!deal) throw notFound("The deal");
      if (deal.ownerId !== seller.id) throw validation(`deals.${i}.dealId`, "not_sellers_deal", "Not a deal of this seller");
      return { dealId: deal.id, companyId: deal.companyId, amountMinor: d.amountMinor ?? deal.amountMinor, productGroupId: deal.productGroupId, firstDeal: !deal.clientHasWon };
    }
    return { dealId: null, companyId: null, amountMinor: d.amountMinor, productGroupId: d.productGroupId ?? null, firstDeal: d.firstDeal ?? true };
  });
  const current = await presentSeller(db, viewer.organizationId, month, loaded.status, loaded.calendar.currency, result);
  if (!result.definition || !result.facts) {
    return { current, hypothetical: { lines: current.lines, totalMinor: current.totalMinor, factMinor: current.factMinor, completionPercent: current.completionPercent }, differenceMinor: 0 };
  }
  const w = whatIfPayroll(result.definition, result.facts, hypothetical, month.end);
  return {
    current,
    hypothetical: { lines: w.hypothetical.lines, totalMinor: w.hypothetical.totalMinor, factMinor: w.hypothetical.factMinor, completionPercent: w.hypothetical.completionPercent },
    differenceMinor: w.differenceMinor,
  };
};
