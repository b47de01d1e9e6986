import type { Locale, RestructureAdvice } from "@conveyor/contracts";
import { formatNumber } from "../i18n/intl";
import { formatMoney } from "../i18n/money";

export type RestructureTrigger = RestructureAdvice["triggers"][number];
export type RestructureTriggerKey = RestructureTrigger["key"];

/** How a figure reads: money in minor units, a count, a percent (0–100), percentage points, or a rate. */
export type FigureUnit = "money" | "count" | "percent" | "points" | "rate";

/** The figures the M1.5 advisor reports, each with a label in the locales. */
export const figureLabelKeys = [
  "recent",
  "previous",
  "now",
  "before",
  "growthPct",
  "threshold",
  "ownerChanges",
  "departures",
  "activeSellers",
  "perSeller",
  "exports",
  "exportedRows",
  "newcomers",
  "sharePct",
  "largeRecent",
  "wonRecent",
  "largePrevious",
  "wonPrevious",
  "recentSharePct",
  "previousSharePct",
  "growthPts",
] as const;
export type FigureLabelKey = (typeof figureLabelKeys)[number];

export const isFigureLabelKey = (key: string): key is FigureLabelKey => figureLabelKeys.some((known) => known === key);

/** The unit of a trigger's threshold: growth in percent, events per seller, or a rise in percentage points. */
const thresholdUnit = (trigger: RestructureTriggerKey): FigureUnit => {
  switch (trigger) {
    case "sales_growth":
    case "client_base_growth":
    case "newcomers":
      return "percent";
    case "theft_risk":
    case "leak_risk":
      return "rate";
    case "large_deals":
      return "points";
    case "strong_sellers":
      return "count";
  }
};

/**
 * The unit of one figure of a trigger (M1.5). Revenue is the only money (`recent`/`previous` of sales
 * growth, or any `…Minor`); `…Pct` are percents, `…Pts` percentage points, `perSeller` a rate.
 */
export const figureUnit = (trigger: RestructureTriggerKey, key: string): FigureUnit => {
  if (key === "threshold") return thresholdUnit(trigger);
  if (trigger === "sales_growth" && (key === "recent" || key === "previous")) return "money";
  if (key.endsWith("Minor")) return "money";
  if (key.endsWith("Pct")) return "percent";
  if (key.endsWith("Pts")) return "points";
  if (key === "perSeller") return "rate";
  return "count";
};

export type FigureFormat = {
  locale: Locale;
  /** The organization's currency: revenue figures are in its minor units. */
  currency: string;
  /** Wraps a formatted number of percentage points in the reader's words ("+5 pts", "+5 п. п."). */
  points: (formatted: string) => string;
};

/**
 * One figure in the reader's digits; text the server already formatted ("—" for "not applicable") passes
 * as it is. `signed` shows a change as one ("+12.5%", "−3 pts"); thresholds and levels stay unsigned.
 */
export const formatFigure = (unit: FigureUnit, value: string | number, format: FigureFormat, signed = false): string => {
  if (typeof value === "string") return value;
  const signDisplay = signed ? "exceptZero" : "auto";
  switch (unit) {
    case "money":
      return formatMoney(format.locale, value, format.currency);
    case "percent":
      return formatNumber(format.locale, value / 100, { style: "percent", maximumFractionDigits: 1, signDisplay });
    case "points":
      return format.points(formatNumber(format.locale, value, { maximumFractionDigits: 1, signDisplay }));
    case "rate":
      return formatNumber(format.locale, value, { maximumFractionDigits: 2 });
    case "count":
      return formatNumber(format.locale, value, { maximumFractionDigits: 2 });
  }
};

/** "ownerChanges" → "owner changes": a readable fallback for a figure this build has no label for. */
export const humanizeFigureKey = (key: string): string =>
  key
    .replace(/_/g, " ")
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();

export type FigureLine = { key: string; labelKey: FigureLabelKey | null; fallbackLabel: string; value: string };

/** A trigger's figures in the order the server sent them, formatted for reading next to its verdict. */
export const figureLines = (trigger: RestructureTrigger, format: FigureFormat): FigureLine[] =>
  Object.entries(trigger.figures).map(([key, value]) => ({
    key,
    labelKey: isFigureLabelKey(key) ? key : null,
    fallbackLabel: humanizeFigureKey(key),
    // Growth figures are changes: a sign makes a fall as visible as a rise.
    value: formatFigure(figureUnit(trigger.key, key), value, format, key.startsWith("growth")),
  }));
