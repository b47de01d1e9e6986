import { reminderListSchema, taskSchema, type SnoozeReminder } from "@conveyor/contracts";
import { api } from "../app/api";
import { tasksKey } from "../tasks/tasks.api";

/** Under the tasks' key: a task created, changed or completed anywhere refreshes the bell. */
export const remindersKey = [...tasksKey, "reminders"];

const reminderPath = (taskId: string) => `/api/v1/tasks/${encodeURIComponent(taskId)}/reminder`;

export const listReminders = () => api.get("/api/v1/me/reminders", reminderListSchema).then((list) => list.items);

export const dismissReminder = (taskId: string) => api.post(`${reminderPath(taskId)}/dismiss`, taskSchema);

export const snoozeReminder = (taskId: string, body: SnoozeReminder) => api.post(`${reminderPath(taskId)}/snooze`, taskSchema, body);
