import { createTaskSchema, idParamsSchema, listTasksQuerySchema, problemSchema, taskPageSchema, taskSchema, updateTaskSchema } from "@conveyor/contracts";
import { dayBounds } from "@conveyor/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createTask, updateTask } from "../../../commands/manage-tasks";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { decodeCursor, encodeCursor } from "../../../http/cursor";
import { presentTask } from "../../../presenters/crm.presenter";
import { findOrganization } from "../../../repositories/organization.repository";
import { listTasks } from "../../../repositories/task.repository";

const tags = ["tasks"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema };

export const tasksRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      {
        schema: {
          tags,
          summary: "Tasks the viewer may see; view=today is \"my day\": due today (organization's time zone) or overdue",
          querystring: listTasksQuerySchema,
          response: { 200: taskPageSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { db } = context.database;
        const { limit, cursor, assignee, companyId, dealId, view } = request.query;
        const now = context.now();
        const organization = await findOrganization(db, viewer);
        const { end } = dayBounds(now, organization?.timeZone ?? "UTC");
        const after = decodeCursor(cursor, (value) =>
          typeof value === "object" && value !== null && "dueAt" in value && "id" in value &&
          typeof value.dueAt === "string" && typeof value.id === "string"
            ? { dueAt: value.dueAt, id: value.id }
            : undefined,
        );
        const { rows, total } = await listTasks(
          db,
          viewer,
          { assigneeId: assignee === "me" ? viewer.userId : assignee, companyId, dealId, view, todayEnd: end },
          { limit: limit + 1, after },
        );
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        return {
          items: page.map((t) => presentTask(t, now)),
          nextCursor: rows.length > limit && last ? encodeCursor({ dueAt: last.dueAt.toISOString(), id: last.id }) : null,
          total,
        };
      },
    );

    app.post(
      "",
      { schema: { tags, summary: "Set a task (to yourself, or to someone you oversee)", body: createTaskSchema, response: { 201: taskSchema, ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.status(201).send(presentTask(await createTask(context, viewer, request.body), context.now()));
      },
    );

    app.patch(
      "/:id",
      {
        schema: { tags, summary: "Change or complete a task", params: idParamsSchema, body: updateTaskSchema, response: { 200: taskSchema, ...errors } },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return presentTask(await updateTask(context, viewer, request.params.id, request.body), context.now());
      },
    );
  };
