import { peopleSchema, problemSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { listAssignablePeople } from "../../../repositories/people.repository";

export const peopleRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      {
        schema: {
          tags: ["people"],
          summary: "Active people the viewer may make owner or assignee (a seller: only themselves)",
          response: { 200: peopleSchema, 401: problemSchema, 403: problemSchema },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return { items: await listAssignablePeople(context.database.db, viewer) };
      },
    );
  };
