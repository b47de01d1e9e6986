/** A working day's hours as minutes after midnight, e.g. "09:00" → 540. */
export const minutesOfDay = (hhmm: string): number => {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new RangeError(`Not a time of day: ${hhmm}`);
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) throw new RangeError(`Not a time of day: ${hhmm}`);
  return hours * 60 + minutes;
};

/** Length of the working day in minutes; business-minute SLAs (M5.5) build on this. */
export const workingDayMinutes = (hours: { start: string; end: string }): number =>
  Math.max(0, minutesOfDay(hours.end) - minutesOfDay(hours.start));
