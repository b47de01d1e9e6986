export type TaskState = "open" | "overdue" | "done";

/** A task is done once completed; otherwise overdue from the moment its due time passes. */
export const taskState = (task: { dueAt: Date; doneAt: Date | null }, now: Date): TaskState => {
  if (task.doneAt) return "done";
  return task.dueAt.getTime() < now.getTime() ? "overdue" : "open";
};

/**
 * Building an Intl.DateTimeFormat costs far more than formatting with one (it was a tenth of the lead intake's
 * CPU); each kind of formatter is built once per zone.
 */
const cachedFormatter = (cache: Map<string, Intl.DateTimeFormat>, options: Intl.DateTimeFormatOptions) => (timeZone: string): Intl.DateTimeFormat => {
  const cached = cache.get(timeZone);
  if (cached !== undefined) return cached;
  const formatter = new Intl.DateTimeFormat("en-US", { ...options, timeZone });
  cache.set(timeZone, formatter);
  return formatter;
};

const instantFormatter = cachedFormatter(new Map(), {
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
const dateFormatter = cachedFormatter(new Map(), { year: "numeric", month: "2-digit", day: "2-digit" });
const timeFormatter = cachedFormatter(new Map(), { hourCycle: "h23", hour: "2-digit", minute: "2-digit" });

const offsetMinutes = (instant: Date, timeZone: string): number => {
  const parts = instantFormatter(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
};

/**
 * The organization's calendar day containing `now`, as UTC instants [start, end): "today"
 * for a seller in Tehran is not the server's today.
 */
export const dayBounds = (now: Date, timeZone: string): { start: Date; end: Date } => {
  const offset = offsetMinutes(now, timeZone);
  const local = new Date(now.getTime() + offset * 60_000);
  const localMidnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const start = new Date(localMidnight - offsetMinutes(new Date(localMidnight - offset * 60_000), timeZone) * 60_000);
  const nextLocalMidnight = localMidnight + 24 * 3600_000;
  const end = new Date(nextLocalMidnight - offsetMinutes(new Date(nextLocalMidnight - offset * 60_000), timeZone) * 60_000);
  return { start, end };
};

/**
 * The instant a local calendar date ("YYYY-MM-DD") begins in the time zone: a period the people of an
 * organization pick by days ("from 1 to 7 December") starts and ends at their midnights, not at UTC's.
 */
export const localDayStart = (day: string, timeZone: string): Date => {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d);
  const first = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000;
  // Near a clock change the offset at the guess differs from the offset at the true midnight.
  return new Date(asUtc - offsetMinutes(new Date(first), timeZone) * 60_000);
};

/** The organization's calendar date of `now`, "YYYY-MM-DD": the `today` the method's rules take. */
export const localDateOf = (now: Date, timeZone: string): string => {
  const parts = dateFormatter(timeZone).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
};

/** The organization's local time of day of `now`, "HH:MM". */
export const localTimeOf = (now: Date, timeZone: string): string => {
  const parts = timeFormatter(timeZone).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("hour")}:${get("minute")}`;
};
