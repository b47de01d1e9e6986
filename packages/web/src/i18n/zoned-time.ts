/**
 * Wall-clock times in the organization's time zone. The browser's own zone is never used: a seller
 * travelling abroad still plans in the office's day.
 */

type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

const wallClockFormat = (timeZone: string) =>
  new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });

const wallClockOf = (instant: Date, timeZone: string): WallClock & { second: number } => {
  const parts = wallClockFormat(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
};

/** Minutes the zone is ahead of UTC at `instant` (Tehran: 210). */
export const zoneOffsetMinutes = (instant: Date, timeZone: string): number => {
  const w = wallClockOf(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
};

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The calendar day of `instant` in the zone, as "YYYY-MM-DD" (Gregorian: a key, not for display). */
export const zonedDayKey = (instant: Date, timeZone: string): string => {
  const w = wallClockOf(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
};

/** The value of an `<input type="datetime-local">` showing `instant` on the zone's clock. */
export const toZonedInputValue = (instant: Date, timeZone: string): string => {
  const w = wallClockOf(instant, timeZone);
  return `${zonedDayKey(instant, timeZone)}T${pad(w.hour)}:${pad(w.minute)}`;
};

const inputPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a wall-clock "YYYY-MM-DDTHH:mm" means in the zone, or null for anything else.
 * Twice round: the offset can differ between the guess and the answer around a DST switch.
 */
export const fromZonedInputValue = (value: string, timeZone: string): Date | null => {
  const match = inputPattern.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) {
    return null;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall - zoneOffsetMinutes(new Date(wall), timeZone) * 60_000;
  guess = wall - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
};

/** Whole calendar days from `now`'s day to `instant`'s day in the zone: 0 today, -1 yesterday, 1 tomorrow. */
export const calendarDaysFrom = (now: Date, instant: Date, timeZone: string): number => {
  const toUtcMidnight = (key: string) => {
    const [y, m, d] = key.split("-").map(Number);
    return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  };
  return Math.round((toUtcMidnight(zonedDayKey(instant, timeZone)) - toUtcMidnight(zonedDayKey(now, timeZone))) / 86_400_000);
};

/** `time` ("HH:MM") on the day `days` after `now`'s day, in the zone: e.g. tomorrow at ten for a new task. */
export const zonedDayAt = (now: Date, days: number, time: string, timeZone: string): Date => {
  const [y, m, d] = zonedDayKey(now, timeZone).split("-").map(Number);
  const day = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  const key = `${pad(day.getUTCFullYear(), 4)}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
  return fromZonedInputValue(`${key}T${time}`, timeZone) ?? now;
};
