import { idParamsSchema, problemSchema, revokedSessionsSchema, sessionListSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listMySessions, revokeMyOtherSessions, revokeMySession } from "../../../commands/manage-own-sessions";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";

const tags = ["sessions"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** [anti-leak] Your own sessions: /api/v1/me/sessions. Everyone sees and ends only their own. */
export const sessionsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      { schema: { tags, summary: "Your live sessions: device, address, last seen; which is this one", response: { 200: sessionListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return listMySessions(context, viewer);
      },
    );

    app.delete(
      "/:id",
      { schema: { tags, summary: "End one of your sessions", params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        await revokeMySession(context, viewer, request.params.id, request.ip);
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/revoke-others",
      { schema: { tags, summary: "End all your sessions but this one", response: { 200: revokedSessionsSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return { revoked: await revokeMyOtherSessions(context, viewer, request.ip) };
      },
    );
  };
