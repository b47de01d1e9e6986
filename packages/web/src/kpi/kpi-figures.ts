import { kpiWidgets, type KpiWidget, type Locale, type PlanMetric, type Role, type SellerRow, type Team } from "@conveyor/contracts";
import { isHead } from "../auth/permissions";
import { formatNumber, intlLocale } from "../i18n/intl";
import { formatMoney, fromMinorUnits } from "../i18n/money";

/**
 * The dashboard's colour for a pace (M5.1, M5.2): red below 100% of plan to date — at this pace the plan will not be
 * made — green at or above it, grey without a plan.
 */
export type PaceTone = "red" | "green" | "gray";
export const paceTone = (completionToDate: number | null): PaceTone =>
  completionToDate === null ? "gray" : completionToDate < 100 ? "red" : "green";

/** Each value as a share of the largest (0…1) for a bar chart; all zeros when nothing is above zero. */
export const barShares = (values: readonly number[]): number[] => {
  const max = Math.max(0, ...values);
  return values.map((value) => (max > 0 ? Math.max(0, value) / max : 0));
};

/** A percentage the API gives as 0…100+ ("120%", "۱۲۰٪"), whole. */
export const formatPercent = (locale: Locale, percent: number): string =>
  formatNumber(locale, percent / 100, { style: "percent", maximumFractionDigits: 0 });

/** A share the API gives as 0…1 ("42%"). */
export const formatShare = (locale: Locale, share: number): string =>
  formatNumber(locale, share, { style: "percent", maximumFractionDigits: share > 0 && share < 0.1 ? 1 : 0 });

/**
 * Money on the dashboard in whole units ("RUB 11,218,333", "۱۱٬۲۱۸٬۳۳۳ ریال"): kopecks only make a figure harder to
 * read from across the room. The records behind it keep exact amounts.
 */
export const formatWholeMoney = (locale: Locale, amountMinor: number, currency: string): string => {
  const major = Math.round(fromMinorUnits(amountMinor, currency));
  try {
    return new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency, minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(major);
  } catch {
    return formatMoney(locale, Math.round(amountMinor), currency);
  }
};

/** A plan metric's amount: whole money in the organization's currency for revenue, a count (at most one decimal) otherwise. */
export const formatMetric = (locale: Locale, metric: PlanMetric, value: number, currency: string): string =>
  metric === "revenue" ? formatWholeMoney(locale, value, currency) : formatNumber(locale, value, { maximumFractionDigits: 1 });

/** The widgets to show, in the dashboard's own order; an empty choice falls back to all of them. */
export const shownWidgets = (chosen: readonly KpiWidget[]): KpiWidget[] => {
  const set = new Set(chosen);
  const shown = kpiWidgets.filter((widget) => set.has(widget));
  return shown.length > 0 ? shown : [...kpiWidgets];
};

export type ScopeKind = "department" | "level" | "team" | "seller";
export type ScopeChoice = { value: string; kind: ScopeKind; name: string };

export const levelScopes = ["L1", "L2", "L3"] as const;

/**
 * Whose figures a viewer may pick (the server refuses the rest): heads the department, a level, any team or any seller;
 * a team lead the teams they lead and their sellers; a seller nobody — their personal view is the only one.
 * `sellers` are the rows the dashboard already returned to this viewer.
 */
export const scopeChoices = (viewer: { id: string; role: Role }, teams: readonly Team[], sellers: readonly Pick<SellerRow, "userId" | "name">[]): ScopeChoice[] => {
  if (viewer.role === "seller") return [];
  const head = isHead(viewer.role);
  const choices: ScopeChoice[] = [];
  if (head) {
    choices.push({ value: "department", kind: "department", name: "" });
    for (const level of levelScopes) choices.push({ value: `level:${level}`, kind: "level", name: level });
  }
  for (const team of teams) {
    if (head || team.lead?.id === viewer.id) choices.push({ value: `team:${team.id}`, kind: "team", name: team.name });
  }
  for (const seller of sellers) choices.push({ value: `seller:${seller.userId}`, kind: "seller", name: seller.name });
  return choices;
};

/** The scope's value as the dashboard returned it ("department", "team:…"), to select it in the picker. */
export const scopeValueOf = (scope: { kind: ScopeKind; id: string }): string => (scope.kind === "department" ? "department" : `${scope.kind}:${scope.id}`);
