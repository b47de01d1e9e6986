import type { RussianYearData } from "./types";

/*
 * Russia 2026: 247 working days and 118 days off on the five-day week, 1972 hours on a 40-hour week, no
 * working Saturday. The decree moves Sat 3 Jan → Fri 9 Jan and Sun 4 Jan → Thu 31 Dec; Women's Day (Sunday
 * 8 March) and Victory Day (Saturday 9 May) move to the next working day by the Labour Code itself
 * (art. 112 part 2): Monday 9 March and Monday 11 May.
 */
export const ru2026: RussianYearData = {
  country: "RU",
  year: 2026,
  version: "ru-2026.1",
  source: "Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»; ТК РФ ст. 95, 112",
  holidays: [
    { date: "2026-01-01", name: "New Year holidays" },
    { date: "2026-01-02", name: "New Year holidays" },
    { date: "2026-01-03", name: "New Year holidays" },
    { date: "2026-01-04", name: "New Year holidays" },
    { date: "2026-01-05", name: "New Year holidays" },
    { date: "2026-01-06", name: "New Year holidays" },
    { date: "2026-01-07", name: "Orthodox Christmas" },
    { date: "2026-01-08", name: "New Year holidays" },
    { date: "2026-02-23", name: "Defender of the Fatherland Day" },
    { date: "2026-03-08", name: "International Women's Day" },
    { date: "2026-05-01", name: "Spring and Labour Day" },
    { date: "2026-05-09", name: "Victory Day" },
    { date: "2026-06-12", name: "Russia Day" },
    { date: "2026-11-04", name: "Unity Day" },
  ],
  transferredDaysOff: [
    { date: "2026-01-09", name: "Day off moved from Saturday 3 January" },
    { date: "2026-03-09", name: "Day off for Women's Day on Sunday 8 March (art. 112 part 2)" },
    { date: "2026-05-11", name: "Day off for Victory Day on Saturday 9 May (art. 112 part 2)" },
    { date: "2026-12-31", name: "Day off moved from Sunday 4 January" },
  ],
  workingWeekendDays: [],
  shortenedDays: [
    { date: "2026-04-30", name: "Eve of Spring and Labour Day" },
    { date: "2026-05-08", name: "Eve of Victory Day" },
    { date: "2026-06-11", name: "Eve of Russia Day" },
    { date: "2026-11-03", name: "Eve of Unity Day" },
  ],
};
