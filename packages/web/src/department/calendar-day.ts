/**
 * What to format for a date the server sends either as a calendar day ("2025-03-01") or as a timestamp.
 * A calendar day is read in UTC so no time zone moves it to the day before; a timestamp in `timeZone`.
 */
export const dayToFormat = (value: string, timeZone: string): { value: string; timeZone: string } =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) ? { value: `${value}T00:00:00Z`, timeZone: "UTC" } : { value, timeZone };
