import { idParamsSchema, problemSchema, reminderListSchema, snoozeReminderSchema, taskSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { dismissReminder, snoozeReminder } from "../../../commands/manage-reminders";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { presentTask } from "../../../presenters/crm.presenter";
import { dueReminders } from "../../../repositories/task.repository";

const tags = ["tasks"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** More due reminders than this is a backlog, not a reminder: the bell shows the latest. */
const remindersShown = 50;

/** In-app reminders: /api/v1/me/reminders and /api/v1/tasks/:id/reminder/… */
export const remindersRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/me/reminders",
      {
        schema: {
          tags,
          summary: "Your open tasks whose reminder time has come and that you have not dismissed, the latest first",
          response: { 200: reminderListSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const now = context.now();
        const rows = await dueReminders(context.database.db, viewer, now, remindersShown);
        return { items: rows.map((t) => presentTask(t, now)) };
      },
    );

    app.post(
      "/tasks/:id/reminder/dismiss",
      {
        schema: { tags, summary: "Stop a task's reminder (the assignee only)", params: idParamsSchema, response: { 200: taskSchema, ...errors } },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return presentTask(await dismissReminder(context, viewer, request.params.id), context.now());
      },
    );

    app.post(
      "/tasks/:id/reminder/snooze",
      {
        schema: {
          tags,
          summary: "Remind again in 5 to 1440 minutes (the assignee only)",
          params: idParamsSchema,
          body: snoozeReminderSchema,
          response: { 200: taskSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return presentTask(await snoozeReminder(context, viewer, request.params.id, request.body), context.now());
      },
    );
  };
