import type { TFunction } from "i18next";
import { kpiBonusMetricSchema, type Locale, type PayPeriodKindValue, type PayrollLine } from "@conveyor/contracts";
import { periodLabel } from "../kpi/kpi-period";
import { formatNumber } from "../i18n/intl";
import { formatMoney } from "../i18n/money";

/* Pure helpers of the pay screens: months as "YYYY-MM" and the words under each payroll line. */

/** The month `now` falls in, as people in `timeZone` see it. */
export const currentMonthKey = (now: Date, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}`;
};

/** "2026-12" moved by `delta` months. */
export const shiftMonth = (key: string, delta: number): string => {
  const [year, month] = key.split("-").map(Number) as [number, number];
  const index = year * 12 + (month - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
};

const num = (value: unknown): number | null => (typeof value === "number" ? value : null);

/** What a line was computed from, in words: "18 of 20 working days", "10% of 1 000 000 ₽, plan coefficient 1.5". */
export const lineDetail = (t: TFunction, locale: Locale, line: PayrollLine, currency: string, periodKind: PayPeriodKindValue = "month"): string => {
  const f = line.figures;
  // The closed period by its first day, named in the organization's pay calendar (Gregorian or Jalali).
  const closedMonthName = (start: unknown) => (typeof start === "string" && start.length === 10 ? periodLabel(locale, { kind: periodKind, start }) : String(start ?? ""));
  const money = (value: unknown) => formatMoney(locale, num(value) ?? 0, currency);
  const plain = (value: unknown, digits = 2) => formatNumber(locale, num(value) ?? 0, { maximumFractionDigits: digits });
  switch (line.kind) {
    case "base":
      return t("pay.figures.base", { worked: plain(f.workedDays), days: plain(f.workingDays) });
    case "variable":
    case "clawback": {
      if (f.onTargetMinor !== undefined) return t("pay.figures.onTarget", { amount: money(f.onTargetMinor), coefficient: f.coefficient === null ? "—" : plain(f.coefficient, 4) });
      const base = t("pay.figures.percent", { rate: plain(f.ratePercent), money: money(f.moneyMinor) });
      return f.coefficient === 1 || f.coefficient === undefined ? base : `${base}, ${t("pay.figures.coefficient", { value: f.coefficient === null ? "—" : plain(f.coefficient, 4) })}`;
    }
    case "late_clawback":
      return t("pay.figures.closedMonth", { month: closedMonthName(f.closedMonth) });
    case "late_payment":
      return t("pay.figures.latePayment", { month: closedMonthName(f.closedMonth) });
    case "kpi_bonus": {
      const metric = kpiBonusMetricSchema.safeParse(f.metric);
      return `${metric.success ? t(`pay.kpiMetrics.${metric.data}`) : String(f.metric)}: ${t("pay.figures.kpi", { actual: plain(f.actual, 1), target: plain(f.target, 1), weight: plain(f.weight) })}`;
    }
    case "accepted_leads":
      return t("pay.figures.count", { count: plain(f.count, 0), each: money(f.perLeadMinor) });
    case "first_deals":
      return t("pay.figures.count", { count: plain(f.count, 0), each: money(f.perDealMinor) });
    case "retention":
      return t("pay.figures.count", { count: plain(f.clients, 0), each: money(f.perClientMinor) });
    case "adjustment":
      return String(f.reason ?? "");
  }
};

/** The lines' sources worth a link: payments, deals and handovers named on the line. */
export const lineHasSources = (line: PayrollLine): boolean =>
  line.refs.paymentIds.length + line.refs.dealIds.length + line.refs.handoverIds.length + Object.keys(line.refs.activityCounts).length > 0;
