/** The "Remind me" choices of the task form, as minutes before the due time. */
export const remindChoices = ["none", "atDue", "before15m", "before1h", "before1d"] as const;
export type RemindChoice = (typeof remindChoices)[number];

const minutesBefore: Record<Exclude<RemindChoice, "none">, number> = {
  atDue: 0,
  before15m: 15,
  before1h: 60,
  before1d: 24 * 60,
};

/** When to remind, from the due time and the choice; null: no reminder. */
export const remindAtFor = (due: Date, choice: RemindChoice): string | null =>
  choice === "none" ? null : new Date(due.getTime() - minutesBefore[choice] * 60_000).toISOString();

export const isRemindChoice = (value: string | null): value is RemindChoice =>
  remindChoices.some((choice) => choice === value);
