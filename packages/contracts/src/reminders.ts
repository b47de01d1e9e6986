import { z } from "zod";
import { taskSchema } from "./crm";

/** The viewer's due reminders: their open tasks whose reminder time has come, the latest first. */
export const reminderListSchema = z.object({ items: z.array(taskSchema) });
export type ReminderList = z.infer<typeof reminderListSchema>;

export const snoozeBounds = { minMinutes: 5, maxMinutes: 24 * 60 } as const;

export const snoozeReminderSchema = z.strictObject({
  /** Remind again this many minutes from now. */
  minutes: z.number().int().min(snoozeBounds.minMinutes).max(snoozeBounds.maxMinutes),
});
export type SnoozeReminder = z.infer<typeof snoozeReminderSchema>;
