import { addDays, type LocalDate } from "../calendars/calendar-date";

/*
 * M2.5: how often the head reviews a team's sellers — twice a day, daily, every two working days or
 * weekly — and whether that is often enough for how long the team's deals take.
 */

export const reviewCadences = ["twice_daily", "daily", "every_two_days", "weekly"] as const;
export type ReviewCadence = (typeof reviewCadences)[number];

/** Working days between reviews; a twice-daily review is due again at midday. */
const workingDaysApart = (cadence: ReviewCadence): number => {
  switch (cadence) {
    case "twice_daily":
    case "daily":
      return 1;
    case "every_two_days":
      return 2;
    case "weekly":
      // A working week: five working days on a five-day week, fewer around holidays.
      return 5;
  }
};

/** Reviews per working day, for comparing cadences: more is more often. */
export const reviewsPerWorkingDay = (cadence: ReviewCadence): number => (cadence === "twice_daily" ? 2 : 1 / workingDaysApart(cadence));

/** When a seller was last reviewed, on the organization's wall clock. */
export type LastReview = { on: LocalDate; at: string } | null;

export type ReviewDueInput = {
  cadence: ReviewCadence;
  last: LastReview;
  today: LocalDate;
  /** The local time now, "HH:MM". */
  timeNow: string;
  /** Where a twice-daily review's second half begins, "HH:MM". */
  middayAt: string;
  isWorkingDay: (date: LocalDate) => boolean;
};

/** Working days after `from` up to and including `to` (none when `to` is not after `from`). */
export const workingDaysAfter = (from: LocalDate, to: LocalDate, isWorkingDay: (date: LocalDate) => boolean): number => {
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) if (isWorkingDay(date)) count += 1;
  return count;
};

/**
 * M2.5: a seller's review is due today when today is a working day and, since the last review, the cadence's
 * working days have passed ("every two days" means working days); a twice-daily review is also due again in
 * the afternoon when the last one was in the morning. A seller never reviewed is due.
 */
export const isReviewDue = (input: ReviewDueInput): boolean => {
  if (!input.isWorkingDay(input.today)) return false;
  if (input.last === null) return true;
  if (input.last.on > input.today) return false;
  if (input.cadence === "twice_daily" && input.last.on === input.today) return input.timeNow >= input.middayAt && input.last.at < input.middayAt;
  return workingDaysAfter(input.last.on, input.today, input.isWorkingDay) >= workingDaysApart(input.cadence);
};

/**
 * The working day the next review falls due (M2.5): the cadence's working days after the last review, or
 * today (if a working day) for a seller never reviewed. A twice-daily review done in the morning is due
 * again the same day. Looks at most a year ahead.
 */
export const nextReviewDueOn = (
  cadence: ReviewCadence,
  last: LastReview,
  today: LocalDate,
  middayAt: string,
  isWorkingDay: (date: LocalDate) => boolean,
): LocalDate | null => {
  if (last === null) {
    for (let date = today, i = 0; i < 366; date = addDays(date, 1), i += 1) if (isWorkingDay(date)) return date;
    return null;
  }
  if (cadence === "twice_daily" && last.at < middayAt && isWorkingDay(last.on)) return last.on;
  let left = workingDaysApart(cadence);
  for (let date = addDays(last.on, 1), i = 0; i < 366; date = addDays(date, 1), i += 1) {
    if (isWorkingDay(date)) left -= 1;
    if (left === 0) return date;
  }
  return null;
};

/** M2.5: deals of at most this many days are "fast" (1–2 weeks). */
export const fastDealMaxDays = 14;

/** The median of the days to close of won deals; null without any. */
export const medianDaysToClose = (days: readonly number[]): number | null => {
  const sorted = days.filter((d) => Number.isFinite(d) && d >= 0).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
};

export type CadenceWarning = "too_slow_for_fast_deals" | null;

/**
 * M2.5: the slowest cadence the team's deals allow — at least weekly always; at least every two days when the
 * team's typical deal (the median days to close of its won deals) takes `fastDealMaxDays` or less.
 */
export const slowestAllowedCadence = (medianDays: number | null, fastMaxDays = fastDealMaxDays): ReviewCadence =>
  medianDays !== null && medianDays <= fastMaxDays ? "every_two_days" : "weekly";

/** M2.5: a warning when the cadence is slower than the team's deal length allows. */
export const cadenceWarning = (cadence: ReviewCadence, medianDays: number | null, fastMaxDays = fastDealMaxDays): CadenceWarning =>
  reviewsPerWorkingDay(cadence) < reviewsPerWorkingDay(slowestAllowedCadence(medianDays, fastMaxDays)) ? "too_slow_for_fast_deals" : null;

/** A cadence slot: the whole working day, or its morning or afternoon sitting for a twice-daily review. */
export type ReviewSlot = "day" | "morning" | "afternoon";

/**
 * M2.1 / M2.5: the review slot the local time `timeNow` ("HH:MM") falls in — a twice-daily cadence has a morning
 * and an afternoon sitting split at `middayAt`; any other cadence one sitting a day. The reviewer's reminder is
 * sent once per slot.
 */
export const reviewSlotOf = (cadence: ReviewCadence, timeNow: string, middayAt: string): ReviewSlot => {
  if (cadence !== "twice_daily") return "day";
  return timeNow >= middayAt ? "afternoon" : "morning";
};
