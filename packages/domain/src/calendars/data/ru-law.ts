import { addDays, localDate, weekdayOf, type LocalDate } from "../calendar-date";
import type { CalendarEntry, RussianYearData } from "./types";

/*
 * A Russian year before its decree is published: what the Labour Code itself settles. Art. 112 part 1 fixes the
 * non-working holidays; part 2 moves a holiday that falls on a Saturday or Sunday to the next working day — except
 * the January holidays, whose two days the decree moves and nobody can know before it; art. 95 shortens the working
 * day before a holiday by an hour. The year stays "missing" (no decree), but 1 January is never a working day.
 */

export const russianLawSource = "ТК РФ ст. 95, 112 (постановление о переносе выходных дней ещё не опубликовано)";

const fixedHolidays: readonly { month: number; day: number; name: string }[] = [
  ...[1, 2, 3, 4, 5, 6, 8].map((day) => ({ month: 1, day, name: "New Year holidays" })),
  { month: 1, day: 7, name: "Orthodox Christmas" },
  { month: 2, day: 23, name: "Defender of the Fatherland Day" },
  { month: 3, day: 8, name: "International Women's Day" },
  { month: 5, day: 1, name: "Spring and Labour Day" },
  { month: 5, day: 9, name: "Victory Day" },
  { month: 6, day: 12, name: "Russia Day" },
  { month: 11, day: 4, name: "Unity Day" },
];

const isWeekend = (date: LocalDate): boolean => weekdayOf(date) === 0 || weekdayOf(date) === 6;
const dayMonth = (date: LocalDate): string => `${Number(date.slice(8, 10))}.${date.slice(5, 7)}`;

const yearsByLaw = new Map<number, RussianYearData>();

/** The year as the Labour Code alone settles it (kept once computed). */
export const russianLawYear = (year: number): RussianYearData => {
  const known = yearsByLaw.get(year);
  if (known) return known;
  const holidays: CalendarEntry[] = fixedHolidays
    .map((h) => ({ date: localDate(year, h.month, h.day), name: h.name }))
    .sort((a, b) => a.date.localeCompare(b.date));
  const holidayDates = new Set(holidays.map((h) => h.date));
  const transferredDaysOff: CalendarEntry[] = [];
  const offDates = new Set<LocalDate>();
  for (const holiday of holidays) {
    if (holiday.date.slice(5, 7) === "01" || !isWeekend(holiday.date)) continue;
    let next = addDays(holiday.date, 1);
    while (isWeekend(next) || holidayDates.has(next) || offDates.has(next)) next = addDays(next, 1);
    offDates.add(next);
    transferredDaysOff.push({ date: next, name: `Day off for ${holiday.name} on ${dayMonth(holiday.date)} (art. 112 part 2)` });
  }
  const shortenedDays: CalendarEntry[] = [];
  const eves = [...holidays, { date: localDate(year + 1, 1, 1), name: "New Year holidays" }];
  for (const holiday of eves) {
    const eve = addDays(holiday.date, -1);
    if (eve.slice(0, 4) !== String(year) || isWeekend(eve) || holidayDates.has(eve) || offDates.has(eve)) continue;
    shortenedDays.push({ date: eve, name: `Eve of ${holiday.name} (art. 95)` });
  }
  const data: RussianYearData = {
    country: "RU",
    year,
    version: `ru-law-${year}.1`,
    source: russianLawSource,
    holidays,
    transferredDaysOff,
    workingWeekendDays: [],
    shortenedDays,
  };
  yearsByLaw.set(year, data);
  return data;
};
