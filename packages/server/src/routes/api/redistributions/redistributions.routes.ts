import {
  idParamsSchema,
  problemSchema,
  redistributeSchema,
  redistributionListSchema,
  redistributionPreviewSchema,
  redistributionSchema,
  redistributionUndoSchema,
} from "@conveyor/contracts";
import type { Role } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { previewRedistribution, redistributeClients } from "../../../commands/redistribute-clients";
import { undoRedistribution } from "../../../commands/undo-redistribution";
import type { AppContext } from "../../../context";
import { notFound } from "../../../http/app-error";
import { authenticate } from "../../../http/authenticate";
import { presentRedistribution, presentRedistributionPreview, presentRedistributionUndo } from "../../../presenters/redistribution.presenter";
import { findRedistribution, listRedistributions } from "../../../repositories/redistribution.repository";

const tags = ["leads"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
/** Heads and admins for anyone; team leads for their own team. Sellers do not redistribute. */
const roles: readonly Role[] = ["admin", "head_of_sales", "team_lead"];

/** M5.5 redistribution of a seller's clients (vacation, dismissal): /api/v1/redistributions. */
export const redistributionsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/preview",
      {
        schema: {
          tags,
          summary: "Who would get each of the person's clients, with their open deals and tasks (writes nothing)",
          body: redistributeSchema,
          response: { 200: redistributionPreviewSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles });
        return presentRedistributionPreview(await previewRedistribution(context, viewer, request.body));
      },
    );

    app.post(
      "",
      {
        schema: {
          tags,
          summary: "Hand the person's clients, open deals and open tasks to others in one go (undoable for a while)",
          body: redistributeSchema,
          response: { 201: redistributionSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles });
        const id = await redistributeClients(context, viewer, request.body);
        const row = await findRedistribution(context.database.db, viewer, id, context.now());
        if (!row) throw notFound("The redistribution");
        return reply.status(201).send(presentRedistribution(row, context.now()));
      },
    );

    app.get(
      "",
      {
        schema: {
          tags,
          summary: "The last 100 redistributions, newest first (team leads: theirs and their team's)",
          response: { 200: redistributionListSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles });
        const now = context.now();
        const rows = await listRedistributions(context.database.db, viewer, now, 100);
        return { items: rows.map((row) => presentRedistribution(row, now)) };
      },
    );

    app.post(
      "/:id/undo",
      {
        schema: {
          tags,
          summary: "Take a redistribution back within its undo window (what changed hands since stays, and is listed)",
          params: idParamsSchema,
          response: { 200: redistributionUndoSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles });
        const { id } = request.params;
        const outcome = await undoRedistribution(context, viewer, id);
        const row = await findRedistribution(context.database.db, viewer, id, context.now());
        if (!row) throw notFound("The redistribution");
        return presentRedistributionUndo(row, context.now(), outcome);
      },
    );
  };
