import type { RussianYearData } from "./types";

/*
 * Russia 2025: 247 working days and 118 days off on the five-day week, 1972 hours on a 40-hour week.
 * Moves: Sat 4 Jan → Fri 2 May, Sun 5 Jan → Wed 31 Dec, Sun 23 Feb → Thu 8 May, Sat 8 Mar → Fri 13 Jun,
 * Sat 1 Nov → Mon 3 Nov. The decree moves Defender's Day and Women's Day itself, so Monday 24 February and
 * Monday 10 March stay working days.
 */
export const ru2025: RussianYearData = {
  country: "RU",
  year: 2025,
  version: "ru-2025.1",
  source: "Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»; ТК РФ ст. 95, 112",
  holidays: [
    { date: "2025-01-01", name: "New Year holidays" },
    { date: "2025-01-02", name: "New Year holidays" },
    { date: "2025-01-03", name: "New Year holidays" },
    { date: "2025-01-04", name: "New Year holidays" },
    { date: "2025-01-05", name: "New Year holidays" },
    { date: "2025-01-06", name: "New Year holidays" },
    { date: "2025-01-07", name: "Orthodox Christmas" },
    { date: "2025-01-08", name: "New Year holidays" },
    { date: "2025-02-23", name: "Defender of the Fatherland Day" },
    { date: "2025-03-08", name: "International Women's Day" },
    { date: "2025-05-01", name: "Spring and Labour Day" },
    { date: "2025-05-09", name: "Victory Day" },
    { date: "2025-06-12", name: "Russia Day" },
    { date: "2025-11-04", name: "Unity Day" },
  ],
  transferredDaysOff: [
    { date: "2025-05-02", name: "Day off moved from Saturday 4 January" },
    { date: "2025-05-08", name: "Day off moved from Sunday 23 February" },
    { date: "2025-06-13", name: "Day off moved from Saturday 8 March" },
    { date: "2025-11-03", name: "Day off moved from Saturday 1 November" },
    { date: "2025-12-31", name: "Day off moved from Sunday 5 January" },
  ],
  workingWeekendDays: [{ date: "2025-11-01", name: "Working Saturday (day off moved to 3 November)" }],
  shortenedDays: [
    { date: "2025-03-07", name: "Eve of International Women's Day" },
    { date: "2025-04-30", name: "Eve of Spring and Labour Day" },
    { date: "2025-06-11", name: "Eve of Russia Day" },
    { date: "2025-11-01", name: "Eve of Unity Day (working Saturday)" },
  ],
};
