import { handOverClientSchema, handoverOptionsSchema, handoverSchema, idParamsSchema, problemSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { handOverByHand, handoverOptions } from "../../../commands/hand-over-by-hand";
import type { AppContext } from "../../../context";
import { notFound } from "../../../http/app-error";
import { authenticate } from "../../../http/authenticate";
import { presentHandover } from "../../../presenters/conveyor.presenter";
import { listHandovers } from "../../../repositories/handover.repository";

const tags = ["conveyor"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

/** Handing one client to the next level by hand (M1.4): /api/v1/companies/:id/handover. */
export const companyHandoverRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/:id/handover",
      {
        schema: {
          tags,
          summary: "Who would receive the client at the next level, and the choices of a team lead",
          params: idParamsSchema,
          response: { 200: handoverOptionsSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return handoverOptions(context, viewer, request.params.id);
      },
    );

    app.post(
      "/:id/handover",
      {
        schema: {
          tags,
          summary: "Hand the client to the next level (the owner, their team lead or a head; only leads pick the receiver)",
          params: idParamsSchema,
          body: handOverClientSchema,
          response: { 201: handoverSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        const id = await handOverByHand(context, viewer, request.params.id, request.body);
        // The giver is one side of the handover, so it is theirs to read even after the client left them.
        const [row] = await listHandovers(context.database.db, viewer, { id }, { limit: 1 });
        if (!row) throw notFound("The handover");
        return reply.status(201).send(presentHandover(row));
      },
    );
  };
