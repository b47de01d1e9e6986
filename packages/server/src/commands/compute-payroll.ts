import { paySchemeDefinitionSchema, payrollLineSchema, type PaySchemeDefinitionData, type PayrollLine as WireLine } from "@conveyor/contracts";
import {
  baseForPeriod,
  computePayroll,
  landingMonthOfRefund,
  latePaymentLine,
  nextPayPeriodStart,
  payPeriodHolding,
  schemeFor,
  versionInForce,
  type MoneyFact,
  type Payroll,
  type PayrollFacts,
  type PayrollLine,
  type PaySchemeDefinition,
  type SchemeAssignment,
  type SchemeTargetKind,
} from "@conveyor/domain";
import type { Executor } from "../db/database";
import { loadOrgCalendar, type OrgCalendar } from "../kpi/org-calendar";
import {
  absencesOf,
  acceptedHandoversOf,
  clientCoverageOf,
  firstDealsOf,
  latePaymentsOf,
  monthRollupOf,
  paymentsOf,
  revenuePlansOf,
  type PaymentRow,
  type PaySeller,
} from "../repositories/pay-facts.repository";
import { adjustmentsOf, assignmentsOf, closedPeriods, resultsOf, schemesOf, storedLinesOf, versionsOf } from "../repositories/pay.repository";
import type { PayMonthRange } from "./pay-context";

/*
 * [pay] M1.6: the month's payroll of a set of sellers — read as frozen when the month is closed, otherwise
 * computed from the schemes in force and the month's facts, read for all the sellers at once.
 */

export type SchemeRef = { id: string; name: string; version: number };

export type SellerResult = {
  seller: PaySeller;
  scheme: SchemeRef | null;
  definition: PaySchemeDefinition | null;
  payroll: Payroll;
  /** The facts the payroll was computed from (open months only): what-if adds to them. */
  facts: PayrollFacts | null;
};

export type MonthPayroll = { status: "open" | "closed"; closedAt: Date | null; calendar: OrgCalendar; results: SellerResult[] };

const targetKinds: readonly SchemeTargetKind[] = ["person", "sales_role", "department_kind", "level"];
const isTargetKind = (value: string): value is SchemeTargetKind => targetKinds.some((k) => k === value);

/** A stored definition read back through the contract's schema, so an old version still parses with defaults. */
export const definitionOf = (value: unknown): PaySchemeDefinitionData => paySchemeDefinitionSchema.parse(value);

const toFact = (p: PaymentRow): MoneyFact => ({ id: p.id, dealId: p.dealId, companyId: p.companyId, amountMinor: p.amountMinor, paidOn: p.paidOn, productGroupId: p.productGroupId, firstDeal: p.firstDeal });

const percent = (part: number, whole: number): number => (whole <= 0 ? 0 : (part / whole) * 100);

const storedLine = (value: { kind: string; amountMinor: number; figures: unknown; refs: unknown; contributions: unknown }): WireLine =>
  payrollLineSchema.parse({ kind: value.kind, amountMinor: value.amountMinor, figures: value.figures, refs: value.refs, ...(Array.isArray(value.contributions) && { contributions: value.contributions }) });

export const loadMonthPayroll = async (
  ex: Executor,
  organizationId: string,
  month: PayMonthRange,
  sellers: readonly PaySeller[],
  now: Date,
  options: { compute?: boolean; closedAtOverride?: Date } = {},
): Promise<MonthPayroll> => {
  const calendar = await loadOrgCalendar(ex, organizationId, now);
  const periods = await closedPeriods(ex, organizationId);
  const closedAt = new Map(periods.map((p) => [p.month, p.closedAt]));
  if (options.closedAtOverride) closedAt.set(month.start, options.closedAtOverride);
  const ids = sellers.map((s) => s.id);
  const schemes = await schemesOf(ex, organizationId);
  const schemeName = new Map(schemes.map((s) => [s.id, s.name]));
  const thisClosedAt = periods.find((p) => p.month === month.start)?.closedAt ?? null;

  if (thisClosedAt && !options.compute) {
    const results = await resultsOf(ex, organizationId, [month.start], ids);
    const lines = await storedLinesOf(ex, organizationId, month.start, ids);
    const byUser = new Map(results.map((r) => [r.userId, r]));
    return {
      status: "closed",
      closedAt: thisClosedAt,
      calendar,
      results: sellers.flatMap((seller) => {
        const r = byUser.get(seller.id);
        if (!r) return [];
        const own = lines.filter((l) => l.userId === seller.id).map(storedLine);
        return [
          {
            seller,
            scheme: r.schemeId && r.schemeVersion !== null ? { id: r.schemeId, name: schemeName.get(r.schemeId) ?? "", version: r.schemeVersion } : null,
            definition: r.definition ? definitionOf(r.definition) : null,
            payroll: { lines: own, totalMinor: r.totalMinor, factMinor: r.factMinor, planMinor: r.planMinor, completionPercent: r.planMinor ? (r.factMinor / r.planMinor) * 100 : null },
            facts: null,
          },
        ];
      }),
    };
  }

  // One after another: `ex` may be a transaction's single connection (closing a month).
  const versions = await versionsOf(ex, organizationId, schemes.map((s) => s.id));
  const assignmentRows = await assignmentsOf(ex, organizationId);
  const payments = await paymentsOf(ex, organizationId, ids, month.start, month.end);
  const latePayments = await latePaymentsOf(ex, organizationId, ids, month.start);
  const handovers = await acceptedHandoversOf(ex, organizationId, ids, month.start, month.end, calendar.timeZone);
  const firstDeals = await firstDealsOf(ex, organizationId, ids, month.start, month.end);
  const rollups = await monthRollupOf(ex, organizationId, ids, month.start, month.end);
  const coverage = await clientCoverageOf(ex, organizationId, ids, month.start, month.end, calendar.timeZone);
  const absences = await absencesOf(ex, organizationId, ids, month.start, month.end);
  const plans = await revenuePlansOf(ex, organizationId, ids, month.kind, month.start);
  const adjustments = await adjustmentsOf(ex, organizationId, month.start, ids);
  const assignments: SchemeAssignment[] = assignmentRows.flatMap((a) => (isTargetKind(a.targetKind) ? [{ schemeId: a.schemeId, targetKind: a.targetKind, targetValue: a.targetValue }] : []));
  const periodStartOf = (date: string) => payPeriodHolding(month.kind, date).start;
  const nextStart = (start: string) => nextPayPeriodStart(month.kind, start);
  const lateMonths = [...new Set(latePayments.map((r) => periodStartOf(r.paidOn)))];
  const frozen = await resultsOf(ex, organizationId, lateMonths, ids);

  const results = sellers.map((seller): SellerResult => {
    const own = <T extends { userId: string }>(rows: readonly T[]) => rows.filter((r) => r.userId === seller.id);
    const schemeId = schemeFor({ userId: seller.id, salesRole: seller.salesRole, departmentKind: seller.departmentKind, level: seller.level }, assignments);
    const version = schemeId ? versionInForce(versions.filter((v) => v.schemeId === schemeId), month.start) : undefined;
    const definition = version ? definitionOf(version.definition) : null;
    const myAbsences = own(absences);
    const activity = rollups.get(seller.id);
    const cover = coverage.get(seller.id);
    const won = activity?.dealsWon ?? 0;
    const lost = activity?.dealsLost ?? 0;

    // Late money — refunds and payments entered after their month was closed: each lands in the first month
    // open when it was entered, at its own month's frozen figures (completion runs on in entry order).
    const runningFact = new Map<string, number>();
    const lateClawbacks: PayrollLine[] = [];
    for (const late of [...own(latePayments)].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
      const lateMonth = periodStartOf(late.paidOn);
      const result = frozen.find((r) => r.userId === seller.id && r.month === lateMonth);
      const factBefore = runningFact.get(lateMonth) ?? result?.factMinor ?? 0;
      runningFact.set(lateMonth, factBefore + late.amountMinor);
      if (landingMonthOfRefund(lateMonth, late.createdAt, closedAt, nextStart) !== month.start) continue;
      if (!result?.definition) continue;
      const line = latePaymentLine(definitionOf(result.definition), toFact(late), { monthStart: lateMonth, factMinor: factBefore, planMinor: result.planMinor });
      if (line) lateClawbacks.push(line);
    }

    const base = baseForPeriod(calendar.calendar, month, definition?.baseSalaryMinor ?? 0, myAbsences);
    const facts: PayrollFacts = {
      base: { ...base, absenceIds: myAbsences.map((a) => a.id) },
      planMinor: plans.get(seller.id) ?? null,
      payments: own(payments).map(toFact),
      acceptedHandovers: own(handovers).map((h) => ({ id: h.id, companyId: h.companyId })),
      firstDeals: own(firstDeals).map((d) => ({ dealId: d.id, companyId: d.companyId })),
      kpi: {
        activity_norm: { actual: (activity?.calls ?? 0) + (activity?.meetings ?? 0), counts: { calls: activity?.calls ?? 0, meetings: activity?.meetings ?? 0 } },
        conversion: { actual: percent(won, won + lost), counts: { dealsWon: won, dealsLost: lost } },
        clients_contacted: { actual: percent(cover?.contacted ?? 0, cover?.clients ?? 0), counts: { contacted: cover?.contacted ?? 0, clients: cover?.clients ?? 0 } },
        review_coverage: { actual: percent(cover?.reviewed ?? 0, cover?.clients ?? 0), counts: { reviewed: cover?.reviewed ?? 0, clients: cover?.clients ?? 0 } },
      },
      adjustments: own(adjustments).map((a) => ({ id: a.id, amountMinor: a.amountMinor, reason: a.reason })),
      lateClawbacks,
    };
    const payroll = definition
      ? computePayroll(definition, facts)
      : computePayroll({ ...emptyDefinition }, { ...facts, base: { ...facts.base, amountMinor: 0 } });
    return {
      seller,
      scheme: schemeId && version ? { id: schemeId, name: schemeName.get(schemeId) ?? "", version: version.version } : null,
      definition,
      payroll: definition ? payroll : { ...payroll, lines: payroll.lines.filter((l) => l.kind !== "base"), totalMinor: payroll.totalMinor },
      facts: definition ? facts : null,
    };
  });
  return { status: thisClosedAt ? "closed" : "open", closedAt: thisClosedAt, calendar, results };
};

/** No scheme: nothing is paid but adjustments (and clawbacks of closed months). */
const emptyDefinition: PaySchemeDefinition = {
  baseSalaryMinor: 0,
  variable: [],
  kpiBonus: null,
  perAcceptedLeadMinor: 0,
  firstDealMinor: 0,
  retentionPerClientMinor: 0,
  clawbackOnRefunds: true,
  marginPercentByProductGroup: {},
  defaultMarginPercent: 100,
};
