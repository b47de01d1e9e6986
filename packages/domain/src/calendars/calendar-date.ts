/*
 * Local calendar dates ("YYYY-MM-DD") as plain values for the working-day calendars (M5.2). A date here
 * names a day on the organization's wall calendar, never an instant, so the arithmetic runs on whole days
 * since 1970-01-01 and no time zone is ever involved.
 */

/** A local date "YYYY-MM-DD". */
export type LocalDate = string;

/** An inclusive range of local dates. */
export type DateRange = { from: LocalDate; to: LocalDate };

const DAY_MS = 86_400_000;

const pad = (value: number, width: number): string => String(value).padStart(width, "0");

/** The date of a year, month (1–12) and day; throws RangeError when the day does not exist. */
export const localDate = (year: number, month: number, day: number): LocalDate => {
  const check = new Date(Date.UTC(year, month - 1, day));
  if (!Number.isInteger(year) || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`Not a date: ${year}-${month}-${day}`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
};

/** The year, month and day of a local date; throws RangeError for anything but a real "YYYY-MM-DD". */
export const dateParts = (date: LocalDate): { year: number; month: number; day: number } => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a local date: ${date}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  localDate(year, month, day);
  return { year, month, day };
};

/** Days since 1970-01-01 (negative before it). */
export const dayNumber = (date: LocalDate): number => {
  const { year, month, day } = dateParts(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
};

/** The local date `days` after day number 0 (1970-01-01). */
export const dateOfDayNumber = (days: number): LocalDate => {
  const wall = new Date(days * DAY_MS);
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1, 2)}-${pad(wall.getUTCDate(), 2)}`;
};

export const addDays = (date: LocalDate, days: number): LocalDate => dateOfDayNumber(dayNumber(date) + days);

/** The day of the week, numbered as countryWeekend numbers it: 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: LocalDate): number => ((dayNumber(date) % 7) + 7 + 4) % 7;

export const daysInMonth = (year: number, month: number): number => {
  localDate(year, month, 1);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
};

/** The first and last day of a Gregorian month (1–12). */
export const monthRange = (year: number, month: number): DateRange => ({
  from: localDate(year, month, 1),
  to: localDate(year, month, daysInMonth(year, month)),
});

export const yearRange = (year: number): DateRange => ({ from: localDate(year, 1, 1), to: localDate(year, 12, 31) });

/** Every date of [from, to] in order; none when `to` is before `from`. */
export const datesOf = (range: DateRange): LocalDate[] => {
  const first = dayNumber(range.from);
  const last = dayNumber(range.to);
  const dates: LocalDate[] = [];
  for (let day = first; day <= last; day += 1) dates.push(dateOfDayNumber(day));
  return dates;
};

/** The common part of two ranges, or null when they do not meet. */
export const intersectRanges = (a: DateRange, b: DateRange): DateRange | null => {
  const from = a.from > b.from ? a.from : b.from;
  const to = a.to < b.to ? a.to : b.to;
  return from <= to ? { from, to } : null;
};
