import type { RussianYearData } from "./types";

/*
 * Russia 2024: 248 working days and 118 days off on the five-day week, 1979 hours on a 40-hour week.
 * Moves: Sat 6 Jan → Fri 10 May, Sun 7 Jan → Tue 31 Dec, Sat 27 Apr → Mon 29 Apr, Sat 2 Nov → Tue 30 Apr,
 * Sat 28 Dec → Mon 30 Dec. Saturday 28 December is a full day: the day after it is a moved day off, not a
 * holiday (Rostrud's reading, and the official hour norm of 1979 counts only five shortened days).
 */
export const ru2024: RussianYearData = {
  country: "RU",
  year: 2024,
  version: "ru-2024.1",
  source: "Постановление Правительства РФ от 10.08.2023 № 1314 «О переносе выходных дней в 2024 году»; ТК РФ ст. 95, 112",
  holidays: [
    { date: "2024-01-01", name: "New Year holidays" },
    { date: "2024-01-02", name: "New Year holidays" },
    { date: "2024-01-03", name: "New Year holidays" },
    { date: "2024-01-04", name: "New Year holidays" },
    { date: "2024-01-05", name: "New Year holidays" },
    { date: "2024-01-06", name: "New Year holidays" },
    { date: "2024-01-07", name: "Orthodox Christmas" },
    { date: "2024-01-08", name: "New Year holidays" },
    { date: "2024-02-23", name: "Defender of the Fatherland Day" },
    { date: "2024-03-08", name: "International Women's Day" },
    { date: "2024-05-01", name: "Spring and Labour Day" },
    { date: "2024-05-09", name: "Victory Day" },
    { date: "2024-06-12", name: "Russia Day" },
    { date: "2024-11-04", name: "Unity Day" },
  ],
  transferredDaysOff: [
    { date: "2024-04-29", name: "Day off moved from Saturday 27 April" },
    { date: "2024-04-30", name: "Day off moved from Saturday 2 November" },
    { date: "2024-05-10", name: "Day off moved from Saturday 6 January" },
    { date: "2024-12-30", name: "Day off moved from Saturday 28 December" },
    { date: "2024-12-31", name: "Day off moved from Sunday 7 January" },
  ],
  workingWeekendDays: [
    { date: "2024-04-27", name: "Working Saturday (day off moved to 29 April)" },
    { date: "2024-11-02", name: "Working Saturday (day off moved to 30 April)" },
    { date: "2024-12-28", name: "Working Saturday (day off moved to 30 December)" },
  ],
  shortenedDays: [
    { date: "2024-02-22", name: "Eve of Defender of the Fatherland Day" },
    { date: "2024-03-07", name: "Eve of International Women's Day" },
    { date: "2024-05-08", name: "Eve of Victory Day" },
    { date: "2024-06-11", name: "Eve of Russia Day" },
    { date: "2024-11-02", name: "Eve of Unity Day (working Saturday)" },
  ],
};
