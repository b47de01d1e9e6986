import { minutesOfDay } from "../working-hours";

/** The organization's working time: the clock speed-to-lead timers run on (M5.5). */
export type WorkCalendar = {
  /** IANA, e.g. "Europe/Moscow", "Asia/Tehran". */
  timeZone: string;
  /** "09:00" */
  workStart: string;
  /** "18:00"; at or before workStart means no working time on any day. */
  workEnd: string;
  /** Local date "YYYY-MM-DD" → is it a working day. */
  isWorkingDay: (localDate: string) => boolean;
  /** Optional per-date shortened end, e.g. a pre-holiday day ending an hour early: localDate → "17:00". */
  shortenedEnd?: (localDate: string) => string | undefined;
};

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Ten years: further than any SLA reaches, and the loop ends even for a calendar with no working day. */
const MAX_DAYS = 3660;

const parseLocalDate = (localDate: string): { year: number; month: number; day: number } => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!match) throw new RangeError(`Not a local date: ${localDate}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw new RangeError(`Not a local date: ${localDate}`);
  return { year, month, day };
};

/** The local date's midnight as if it were UTC: wall-clock arithmetic without any zone. */
const wallMidnightMs = (localDate: string): number => {
  const { year, month, day } = parseLocalDate(localDate);
  return Date.UTC(year, month - 1, day);
};

const pad = (value: number, width: number): string => String(value).padStart(width, "0");

const dateOfWallMs = (wallMs: number): string => {
  const wall = new Date(wallMs);
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1, 2)}-${pad(wall.getUTCDate(), 2)}`;
};

const nextLocalDate = (localDate: string): string => dateOfWallMs(wallMidnightMs(localDate) + DAY_MS);
const previousLocalDate = (localDate: string): string => dateOfWallMs(wallMidnightMs(localDate) - DAY_MS);

/** Building a formatter costs far more than formatting; a calendar asks the same zone thousands of times. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  const formatter = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  formatters.set(timeZone, formatter);
  return formatter;
};

/** The zone's wall clock at an instant, as milliseconds of a UTC-like timeline. */
const wallMsAt = (instantMs: number, timeZone: string): number => {
  let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type === "year") year = Number(part.value);
    else if (part.type === "month") month = Number(part.value);
    else if (part.type === "day") day = Number(part.value);
    else if (part.type === "hour") hour = Number(part.value);
    else if (part.type === "minute") minute = Number(part.value);
    else if (part.type === "second") second = Number(part.value);
  }
  const subSecond = ((instantMs % 1000) + 1000) % 1000;
  return Date.UTC(year, month - 1, day, hour, minute, second) + subSecond;
};

const offsetMsAt = (instantMs: number, timeZone: string): number => wallMsAt(instantMs, timeZone) - instantMs;

const localDateAt = (instantMs: number, timeZone: string): string => dateOfWallMs(wallMsAt(instantMs, timeZone));

/**
 * The instant a local wall-clock time names. The offsets a day either side cover any single transition: a time
 * named twice (clocks going back) is the earlier one; a time that never happens (clocks going forward) is moved
 * forward by the gap, as the clocks were.
 */
const instantOf = (localDate: string, minuteOfDay: number, timeZone: string): number => {
  const wall = wallMidnightMs(localDate) + minuteOfDay * MINUTE_MS;
  const candidates = [offsetMsAt(wall - DAY_MS, timeZone), offsetMsAt(wall + DAY_MS, timeZone)].map((offset) => wall - offset);
  const real = candidates.filter((instant) => wallMsAt(instant, timeZone) === wall);
  return real.length > 0 ? Math.min(...real) : Math.max(...candidates);
};

type Window = { start: number; end: number };

/**
 * A calendar's windows by local date. Each window costs several zone conversions and the timers and the
 * availability of one lead ask the same few days again and again; a calendar is a value (never changed once
 * built), so its windows are kept for as long as the calendar itself is.
 */
const windowsOf = new WeakMap<WorkCalendar, Map<string, Window | null>>();

const workWindow = (localDate: string, calendar: WorkCalendar): Window | null => {
  let windows = windowsOf.get(calendar);
  if (windows === undefined) {
    windows = new Map();
    windowsOf.set(calendar, windows);
  }
  const known = windows.get(localDate);
  if (known !== undefined) return known;
  const window = computeWorkWindow(localDate, calendar);
  windows.set(localDate, window);
  return window;
};

/** A shortened end never lengthens the day: a pre-holiday setting past workEnd is ignored rather than trusted. */
const computeWorkWindow = (localDate: string, calendar: WorkCalendar): Window | null => {
  if (!calendar.isWorkingDay(localDate)) return null;
  const startMinute = minutesOfDay(calendar.workStart);
  const shortened = calendar.shortenedEnd?.(localDate);
  const endMinute = Math.min(minutesOfDay(calendar.workEnd), shortened === undefined ? Infinity : minutesOfDay(shortened));
  if (endMinute <= startMinute) return null;
  const start = instantOf(localDate, startMinute, calendar.timeZone);
  const end = instantOf(localDate, endMinute, calendar.timeZone);
  return end > start ? { start, end } : null;
};

const instantMsOf = (at: Date): number => {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid date");
  return ms;
};

/** The day of the week of a local date (0 = Sunday … 6 = Saturday), read from the date itself: no zone involved. */
const weekdayOf = (localDate: string): number => new Date(wallMidnightMs(localDate)).getUTCDay();

/**
 * M5.5: a working-day predicate from the days off each week (0 = Sunday … 6 = Saturday), for calendars whose
 * holidays the caller layers on top.
 */
export const weekendWorkingDay = (weekend: readonly number[]): ((localDate: string) => boolean) => {
  const daysOff = new Set(weekend);
  return (localDate: string): boolean => !daysOff.has(weekdayOf(localDate));
};

/**
 * M5.5: the usual weekly days off for an organization's country, so SLA timers stop on the days sellers rest:
 * Saturday and Sunday in Russia and elsewhere; Friday in Iran, with Thursday too where the organization closes then.
 */
export const countryWeekend = (country: "RU" | "IR" | "OTHER", iranThursdayOff = false): number[] => {
  switch (country) {
    case "RU":
    case "OTHER":
      return [6, 0];
    case "IR":
      return iranThursdayOff ? [4, 5] : [5];
  }
};

/**
 * M5.5 speed to lead: the moment `minutes` of working time after `start`. A start outside working hours begins
 * counting at the next working start, so a lead at 23:00 on Friday with a 5-minute SLA is due on Monday at 09:05.
 * Throws RangeError for negative minutes or when no working time is found within ten years.
 */
export const addBusinessMinutes = (start: Date, minutes: number, calendar: WorkCalendar): Date => {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Not a number of minutes: ${minutes}`);
  const startMs = instantMsOf(start);
  let remaining = minutes * MINUTE_MS;
  // The day before as well: a zone that turns its clocks back over midnight can put `start` in yesterday's hours.
  let date = previousLocalDate(localDateAt(startMs, calendar.timeZone));
  for (let day = 0; day <= MAX_DAYS; day += 1) {
    const window = workWindow(date, calendar);
    if (window !== null) {
      const from = Math.max(window.start, startMs);
      if (from < window.end) {
        if (remaining <= window.end - from) return new Date(from + remaining);
        remaining -= window.end - from;
      }
    }
    date = nextLocalDate(date);
  }
  throw new RangeError(`No working time within ${MAX_DAYS} days of ${start.toISOString()} in ${calendar.timeZone}`);
};

/**
 * M5.5 speed to lead: how many minutes of working time lie between two instants — how long a lead really
 * waited by the organization's clock. 0 when `to` is not after `from`; fractional to the millisecond.
 */
export const businessMinutesBetween = (from: Date, to: Date, calendar: WorkCalendar): number => {
  const fromMs = instantMsOf(from);
  const toMs = instantMsOf(to);
  if (toMs <= fromMs) return 0;
  const last = nextLocalDate(localDateAt(toMs, calendar.timeZone));
  let totalMs = 0;
  for (let date = previousLocalDate(localDateAt(fromMs, calendar.timeZone)); date <= last; date = nextLocalDate(date)) {
    const window = workWindow(date, calendar);
    if (window !== null) totalMs += Math.max(0, Math.min(window.end, toMs) - Math.max(window.start, fromMs));
  }
  return totalMs / MINUTE_MS;
};

/**
 * M5.5: whether `at` falls in the organization's working hours [workStart, end of day) on a working day — the
 * seller availability routing reads before handing them a lead.
 */
export const isWithinWorkingHours = (at: Date, calendar: WorkCalendar): boolean => {
  const atMs = instantMsOf(at);
  const today = localDateAt(atMs, calendar.timeZone);
  return [previousLocalDate(today), today].some((date) => {
    const window = workWindow(date, calendar);
    return window !== null && window.start <= atMs && atMs < window.end;
  });
};
