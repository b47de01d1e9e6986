import { addDays, dateParts, dayNumber, localDate, type DateRange, type LocalDate } from "./calendar-date";

/*
 * The Iranian (Jalali, Solar Hijri) calendar for plans by Jalali month and Iran's solar holidays (M5.2).
 * Conversion is the platform's own: Intl's "persian" calendar (ICU), checked in the tests against the
 * New Year days of the official calendars 1403–1406. Only the Gregorian → Jalali direction is asked of Intl;
 * the way back is Nowruz plus the fixed month lengths (six months of 31 days, five of 30, Esfand 29 or 30).
 */

export type JalaliDate = { year: number; month: number; day: number };

/** Building a formatter costs far more than formatting, and a year of day kinds asks it hundreds of times. */
const persianFormatter = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", {
  timeZone: "UTC",
  year: "numeric",
  month: "numeric",
  day: "numeric",
});

const jalaliByDay = new Map<number, JalaliDate>();

/** The Jalali date of a local date. */
export const jalaliOf = (date: LocalDate): JalaliDate => {
  const days = dayNumber(date);
  const known = jalaliByDay.get(days);
  if (known !== undefined) return known;
  const { year, month, day } = dateParts(date);
  let jy = 0, jm = 0, jd = 0;
  for (const part of persianFormatter.formatToParts(new Date(Date.UTC(year, month - 1, day)))) {
    if (part.type === "year") jy = Number(part.value);
    else if (part.type === "month") jm = Number(part.value);
    else if (part.type === "day") jd = Number(part.value);
  }
  if (!(jy > 0 && jm >= 1 && jm <= 12 && jd >= 1 && jd <= 31)) throw new RangeError(`No Jalali date for ${date}`);
  const jalali = { year: jy, month: jm, day: jd };
  jalaliByDay.set(days, jalali);
  return jalali;
};

/** The Jalali year and month a date falls in: the key of a plan by Jalali month. */
export const jalaliMonthOf = (date: LocalDate): { year: number; month: number } => {
  const { year, month } = jalaliOf(date);
  return { year, month };
};

const nowruzByYear = new Map<number, LocalDate>();

/** 1 Farvardin of a Jalali year as a Gregorian date: 20 or 21 March (once in a while 19 or 22) of year + 621. */
export const nowruzOf = (jalaliYear: number): LocalDate => {
  if (!Number.isInteger(jalaliYear) || jalaliYear < 1) throw new RangeError(`Not a Jalali year: ${jalaliYear}`);
  const known = nowruzByYear.get(jalaliYear);
  if (known !== undefined) return known;
  for (let day = 19; day <= 22; day += 1) {
    const candidate = localDate(jalaliYear + 621, 3, day);
    const jalali = jalaliOf(candidate);
    if (jalali.year === jalaliYear && jalali.month === 1 && jalali.day === 1) {
      nowruzByYear.set(jalaliYear, candidate);
      return candidate;
    }
  }
  throw new RangeError(`No Nowruz found for ${jalaliYear}`);
};

/** 366 days in a leap Jalali year (Esfand has 30), else 365. */
export const jalaliYearLength = (jalaliYear: number): number => dayNumber(nowruzOf(jalaliYear + 1)) - dayNumber(nowruzOf(jalaliYear));

export const jalaliMonthLength = (jalaliYear: number, jalaliMonth: number): number => {
  if (!Number.isInteger(jalaliMonth) || jalaliMonth < 1 || jalaliMonth > 12) throw new RangeError(`Not a Jalali month: ${jalaliMonth}`);
  if (jalaliMonth <= 6) return 31;
  if (jalaliMonth <= 11) return 30;
  return jalaliYearLength(jalaliYear) === 366 ? 30 : 29;
};

/** Days from 1 Farvardin to the first of a Jalali month. */
const monthOffset = (jalaliMonth: number): number => (jalaliMonth <= 7 ? (jalaliMonth - 1) * 31 : 186 + (jalaliMonth - 7) * 30);

/** The Gregorian date of a Jalali date; throws RangeError when the day does not exist (30 Esfand of a common year). */
export const gregorianOfJalali = ({ year, month, day }: JalaliDate): LocalDate => {
  if (!Number.isInteger(day) || day < 1 || day > jalaliMonthLength(year, month)) {
    throw new RangeError(`Not a Jalali date: ${year}-${month}-${day}`);
  }
  return addDays(nowruzOf(year), monthOffset(month) + day - 1);
};

/**
 * M5.2 by Jalali month: the Gregorian first and last day of a Jalali month, the period a plan by Jalali month
 * is counted over (e.g. Farvardin 1403 = 2024-03-20 … 2024-04-19).
 */
export const jalaliMonthRange = (jalaliYear: number, jalaliMonth: number): DateRange => ({
  from: gregorianOfJalali({ year: jalaliYear, month: jalaliMonth, day: 1 }),
  to: gregorianOfJalali({ year: jalaliYear, month: jalaliMonth, day: jalaliMonthLength(jalaliYear, jalaliMonth) }),
});
