import { idParamsSchema, notificationListSchema, problemSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { notFound } from "../../../http/app-error";
import { presentNotification } from "../../../presenters/conveyor.presenter";
import { countUnread, listNotifications, markRead } from "../../../repositories/notification.repository";

const tags = ["me"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const listLimit = 50;

/** The viewer's notices (a client handed to them or by them, a client turned permanent): /api/v1/me/notifications. */
export const notificationsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      { schema: { tags, summary: "Your newest notices and how many are unread", response: { 200: notificationListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const [rows, unread] = await Promise.all([
          listNotifications(context.database.db, viewer, listLimit),
          countUnread(context.database.db, viewer),
        ]);
        return { items: rows.map(presentNotification), unread };
      },
    );

    app.post(
      "/read-all",
      { schema: { tags, summary: "Mark all your notices read", response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        await markRead(context.database.db, viewer, context.now());
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/:id/read",
      { schema: { tags, summary: "Mark one of your notices read", params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        if ((await markRead(context.database.db, viewer, context.now(), request.params.id)) === 0) throw notFound("The notice");
        return reply.status(204).send(null);
      },
    );
  };
