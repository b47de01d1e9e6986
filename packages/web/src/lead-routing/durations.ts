import type { TFunction } from "i18next";

/** A span split for reading: whole days, hours and minutes. */
export type Span = { days: number; hours: number; minutes: number };

export const splitMinutes = (total: number): Span => {
  const whole = Math.max(0, Math.round(total));
  return { days: Math.floor(whole / 1440), hours: Math.floor((whole % 1440) / 60), minutes: whole % 60 };
};

/** "2 d 3 h", "1 h 5 min", "45 min": the two largest units, the second left out when zero. */
export const formatSpan = (t: TFunction, span: Span): string => {
  const d = (value: number) => t("leadRouting.duration.days", { value });
  const h = (value: number) => t("leadRouting.duration.hours", { value });
  const m = (value: number) => t("leadRouting.duration.minutes", { value });
  const pair = (first: string, second: string | null) => (second === null ? first : t("leadRouting.duration.pair", { first, second }));
  if (span.days > 0) return pair(d(span.days), span.hours > 0 ? h(span.hours) : null);
  if (span.hours > 0) return pair(h(span.hours), span.minutes > 0 ? m(span.minutes) : null);
  return m(span.minutes);
};

/**
 * Business minutes to a first touch as people read them: "12 min", "2 h 10 min". Days are left out on purpose:
 * a business day is the organization's working hours, not 24 hours.
 */
export const formatBusinessMinutes = (t: TFunction, minutes: number | null): string => {
  if (minutes === null) return t("leadRouting.duration.none");
  const whole = Math.max(0, Math.round(minutes));
  return formatSpan(t, { days: 0, hours: Math.floor(whole / 60), minutes: whole % 60 });
};

/** What is left of a redistribution's undo window at `now`: nothing, or a span rounded up to the minute. */
export type UndoLeft = { kind: "over" } | { kind: "left"; span: Span };

export const undoLeft = (now: Date, undoUntil: string): UndoLeft => {
  const ms = new Date(undoUntil).getTime() - now.getTime();
  if (!Number.isFinite(ms) || ms <= 0) return { kind: "over" };
  // Rounded up: 20 seconds left still reads "1 min left", never "0 min".
  return { kind: "left", span: splitMinutes(Math.ceil(ms / 60_000)) };
};

/** "1 h 5 min left to undo", or that the time to undo is over. */
export const formatUndoLeft = (t: TFunction, left: UndoLeft): string =>
  left.kind === "over" ? t("leadRouting.redistribution.undoOver") : t("leadRouting.redistribution.undoLeft", { time: formatSpan(t, left.span) });
