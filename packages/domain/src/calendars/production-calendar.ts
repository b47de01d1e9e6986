import { countryWeekend } from "../leads/business-time";
import { minutesOfDay } from "../working-hours";
import {
  dateParts,
  datesOf,
  dayNumber,
  intersectRanges,
  monthRange,
  weekdayOf,
  yearRange,
  type DateRange,
  type LocalDate,
} from "./calendar-date";
import { iranianYears, iranSolarHolidays, iranSolarHolidaysSource, russianYears, type RussianYearData } from "./data";
import { russianLawYear } from "./data/ru-law";
import { jalaliOf } from "./jalali";

export type CalendarCountry = "RU" | "IR" | "OTHER";

/** An admin's own change for one date: the organization's calendar edited day by day. Overrides win. */
export type DayOverride = { date: LocalDate; kind: "working" | "day_off" | "shortened"; note?: string };

export type WorkingCalendarSettings = {
  country: CalendarCountry;
  /** Iran only: Thursday is a day off as well as Friday. */
  iranThursdayOff?: boolean;
  /** When one date appears twice, the later entry wins. */
  overrides?: readonly DayOverride[];
};

/**
 * - working: a full working day;
 * - shortened: a working day one hour shorter (Russia's pre-holiday days, or the admin's choice);
 * - weekend: a rest day of the weekly pattern, or one the decree moved onto a weekday;
 * - holiday: a public holiday, or a day the organization closed (an admin's "day_off").
 */
export type DayKind = "working" | "shortened" | "weekend" | "holiday";

/**
 * How far a year's answers rest on official data:
 * - official: the whole year is in the country's data;
 * - partial: part of it is (Iran, where a lunar list ends mid-year);
 * - missing: the country has data, but not for this year — answers follow the weekly pattern (Russia: with the
 *   holidays the Labour Code fixes by itself; the decree's moves are unknown);
 * - pattern_only: a country without holiday data ("OTHER"): the weekly pattern is all there is.
 */
export type CalendarCoverage = "official" | "partial" | "missing" | "pattern_only";

export type CoverageDetail = {
  year: number;
  coverage: CalendarCoverage;
  /** The documents the year's answers come from, joined for display; null when none. */
  source: string | null;
  sources: readonly string[];
  versions: readonly string[];
  /** The dates of the year that no official data covers. */
  gaps: readonly DateRange[];
};

export type CalendarDay = {
  date: LocalDate;
  kind: DayKind;
  /** What the day is, e.g. "Victory Day" or "Day off moved from Saturday 6 January"; null for an ordinary day. */
  name: string | null;
  /**
   * Where the answer came from: the weekly pattern, the official data, the Labour Code alone (a Russian year
   * whose decree is not out yet: its fixed holidays, their moves and eves), or the admin's override.
   */
  origin: "pattern" | "official" | "law" | "override";
  overridden: boolean;
  /** How much shorter than usual the working day is; 0 unless shortened. */
  shortenedByMinutes: number;
};

/** Labour Code of Russia art. 95: the working day just before a non-working holiday is one hour shorter. */
export const preHolidayShorteningMinutes = 60;

/** M5.2: a country's working-day calendar with the organization's settings applied. Never reads the clock. */
export type ProductionCalendar = {
  settings: WorkingCalendarSettings;
  day: (date: LocalDate) => CalendarDay;
  dayKind: (date: LocalDate) => DayKind;
  isWorkingDay: (date: LocalDate) => boolean;
  isShortenedDay: (date: LocalDate) => boolean;
  /** The end of a shortened day given the usual end ("18:00" → "17:00"); undefined on other days. */
  shortenedEnd: (date: LocalDate, workEnd: string) => string | undefined;
  workingDaysInMonth: (year: number, month: number) => number;
  /** Working days of [fromDate, toDate], both included; 0 when toDate is before fromDate. */
  workingDaysBetween: (fromDate: LocalDate, toDate: LocalDate) => number;
  /**
   * Working days of the month from its first day up to and including `today`: M5.2 is read during the day,
   * so today counts as elapsed. Before the month: 0; after it: the whole month.
   */
  workingDaysElapsed: (year: number, month: number, today: LocalDate) => number;
  coverage: (year: number) => CalendarCoverage;
  coverageDetail: (year: number) => CoverageDetail;
  /** Years of [fromYear, toYear] whose coverage is missing or partial: a warning to show, never silence. */
  missingYears: (fromYear: number, toYear: number) => number[];
};

type OfficialDay = { kind: DayKind; name: string };

const russianDays = (years: readonly RussianYearData[]): Map<LocalDate, OfficialDay> => {
  const days = new Map<LocalDate, OfficialDay>();
  for (const year of years) {
    // A working Saturday that is also shortened is listed twice; "shortened" comes later and wins.
    for (const entry of year.workingWeekendDays) days.set(entry.date, { kind: "working", name: entry.name });
    for (const entry of year.shortenedDays) days.set(entry.date, { kind: "shortened", name: entry.name });
    for (const entry of year.holidays) days.set(entry.date, { kind: "holiday", name: entry.name });
    for (const entry of year.transferredDaysOff) days.set(entry.date, { kind: "weekend", name: entry.name });
  }
  return days;
};

const officialRussianDays = russianDays(russianYears);

const decreeYears = new Set(russianYears.map((entry) => entry.year));
const lawDaysByYear = new Map<number, Map<LocalDate, OfficialDay>>();

/** A Russian year without a decree: the days the Labour Code settles by itself. */
const russianLawDay = (date: LocalDate): OfficialDay | undefined => {
  const year = dateParts(date).year;
  if (decreeYears.has(year)) return undefined;
  let days = lawDaysByYear.get(year);
  if (days === undefined) {
    days = russianDays([russianLawYear(year)]);
    lawDaysByYear.set(year, days);
  }
  return days.get(date);
};

const officialIranianLunarDays = new Map<LocalDate, OfficialDay>(
  iranianYears.flatMap((year) => year.lunarHolidays.map((entry): [LocalDate, OfficialDay] => [entry.date, { kind: "holiday", name: entry.name }])),
);

const iranianSolarDay = (date: LocalDate): OfficialDay | undefined => {
  const { month, day } = jalaliOf(date);
  const holiday = iranSolarHolidays.find((entry) => entry.month === month && entry.day === day);
  return holiday === undefined ? undefined : { kind: "holiday", name: holiday.name };
};

/** Iran's solar holidays hold in every year; the lunar list only where an official calendar exists. */
const officialDay = (country: CalendarCountry, date: LocalDate): OfficialDay | undefined => {
  switch (country) {
    case "RU":
      return officialRussianDays.get(date);
    case "IR":
      return officialIranianLunarDays.get(date) ?? iranianSolarDay(date);
    case "OTHER":
      return undefined;
  }
};

const overrideDay = (override: DayOverride): OfficialDay => {
  const name = override.note ?? "Set by the organization";
  switch (override.kind) {
    case "working":
      return { kind: "working", name };
    case "shortened":
      return { kind: "shortened", name };
    case "day_off":
      return { kind: "holiday", name };
  }
};

const countDays = (range: DateRange): number => Math.max(0, dayNumber(range.to) - dayNumber(range.from) + 1);

/** The parts of `range` that none of `covered` reaches, in order. */
const gapsOf = (range: DateRange, covered: readonly DateRange[]): DateRange[] => {
  const days = datesOf(range);
  const gaps: DateRange[] = [];
  let open: LocalDate | null = null;
  let last: LocalDate | null = null;
  for (const date of days) {
    const isCovered = covered.some((part) => part.from <= date && date <= part.to);
    if (!isCovered && open === null) open = date;
    if (isCovered && open !== null && last !== null) {
      gaps.push({ from: open, to: last });
      open = null;
    }
    last = date;
  }
  if (open !== null && last !== null) gaps.push({ from: open, to: last });
  return gaps;
};

const coverageDetailOf = (country: CalendarCountry, year: number): CoverageDetail => {
  const whole = yearRange(year);
  const detail = (coverage: CalendarCoverage, sources: string[], versions: string[], gaps: DateRange[]): CoverageDetail => ({
    year,
    coverage,
    source: sources.length === 0 ? null : sources.join("; "),
    sources,
    versions,
    gaps,
  });
  switch (country) {
    case "OTHER":
      return detail("pattern_only", [], [], [whole]);
    case "RU": {
      const data = russianYears.find((entry) => entry.year === year);
      if (data !== undefined) return detail("official", [data.source], [data.version], []);
      const law = russianLawYear(year);
      return detail("missing", [law.source], [law.version], [whole]);
    }
    case "IR": {
      const touching = iranianYears.filter((entry) => intersectRanges(entry.covers, whole) !== null);
      if (touching.length === 0) return detail("missing", [], [], [whole]);
      const parts = touching.map((entry) => intersectRanges(entry.covers, whole)).filter((part): part is DateRange => part !== null);
      const coveredDays = parts.reduce((sum, part) => sum + countDays(part), 0);
      const coverage = coveredDays >= countDays(whole) ? "official" : "partial";
      return detail(
        coverage,
        [...touching.map((entry) => entry.source), iranSolarHolidaysSource],
        touching.map((entry) => entry.version),
        coverage === "official" ? [] : gapsOf(whole, parts),
      );
    }
  }
};

const pad2 = (value: number): string => String(value).padStart(2, "0");

/**
 * M5.2: the production (working-day) calendar of the organization's country — Russia's decree year by year,
 * Iran's official calendar, or the weekly pattern alone — with Iran's Thursday setting and the admin's
 * overrides applied. Precedence: override, then the official data, then the weekly pattern (weekdays
 * numbered 0 = Sunday … 6 = Saturday, as `countryWeekend` numbers them). A year the data lacks still gets
 * answers from the weekly pattern, and `coverage` / `missingYears` say so.
 */
export const productionCalendar = (settings: WorkingCalendarSettings): ProductionCalendar => {
  const weekend = new Set(countryWeekend(settings.country, settings.iranThursdayOff ?? false));
  const overrides = new Map<LocalDate, OfficialDay>();
  for (const override of settings.overrides ?? []) {
    dateParts(override.date);
    overrides.set(override.date, overrideDay(override));
  }

  const day = (date: LocalDate): CalendarDay => {
    dateParts(date);
    const overridden = overrides.get(date);
    const official = overridden === undefined ? officialDay(settings.country, date) : undefined;
    const law = overridden === undefined && official === undefined && settings.country === "RU" ? russianLawDay(date) : undefined;
    const found = overridden ?? official ?? law;
    const kind: DayKind = found?.kind ?? (weekend.has(weekdayOf(date)) ? "weekend" : "working");
    return {
      date,
      kind,
      name: found?.name ?? null,
      origin: overridden !== undefined ? "override" : official !== undefined ? "official" : law !== undefined ? "law" : "pattern",
      overridden: overridden !== undefined,
      shortenedByMinutes: kind === "shortened" ? preHolidayShorteningMinutes : 0,
    };
  };

  const dayKind = (date: LocalDate): DayKind => day(date).kind;
  const isWorkingDay = (date: LocalDate): boolean => {
    const kind = dayKind(date);
    return kind === "working" || kind === "shortened";
  };
  const workingDaysBetween = (fromDate: LocalDate, toDate: LocalDate): number =>
    datesOf({ from: fromDate, to: toDate }).filter(isWorkingDay).length;

  const coverageDetail = (year: number): CoverageDetail => {
    if (!Number.isInteger(year)) throw new RangeError(`Not a year: ${year}`);
    return coverageDetailOf(settings.country, year);
  };

  return {
    settings,
    day,
    dayKind,
    isWorkingDay,
    isShortenedDay: (date) => dayKind(date) === "shortened",
    shortenedEnd: (date, workEnd) => {
      const { shortenedByMinutes } = day(date);
      if (shortenedByMinutes === 0) return undefined;
      const end = Math.max(0, minutesOfDay(workEnd) - shortenedByMinutes);
      return `${pad2(Math.floor(end / 60))}:${pad2(end % 60)}`;
    },
    workingDaysInMonth: (year, month) => {
      const range = monthRange(year, month);
      return workingDaysBetween(range.from, range.to);
    },
    workingDaysBetween,
    workingDaysElapsed: (year, month, today) => {
      dateParts(today);
      const range = monthRange(year, month);
      if (today < range.from) return 0;
      return workingDaysBetween(range.from, today < range.to ? today : range.to);
    },
    coverage: (year) => coverageDetail(year).coverage,
    coverageDetail,
    missingYears: (fromYear, toYear) => {
      const years: number[] = [];
      for (let year = fromYear; year <= toYear; year += 1) {
        const coverage = coverageDetail(year).coverage;
        if (coverage === "missing" || coverage === "partial") years.push(year);
      }
      return years;
    },
  };
};
