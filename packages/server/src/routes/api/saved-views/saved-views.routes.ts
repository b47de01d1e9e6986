import {
  createSavedViewSchema,
  idParamsSchema,
  listSavedViewsQuerySchema,
  problemSchema,
  savedViewListSchema,
  savedViewSchema,
  updateSavedViewSchema,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createSavedView, deleteSavedView, updateSavedView } from "../../../commands/manage-saved-views";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { presentSavedView } from "../../../presenters/saved-view.presenter";
import { listSavedViews } from "../../../repositories/saved-view.repository";

const tags = ["saved views"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** Named filters of the client and deal lists: /api/v1/saved-views. */
export const savedViewsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      {
        schema: {
          tags,
          summary: "The viewer's saved views of a list, then those shared with the organization",
          querystring: listSavedViewsQuerySchema,
          response: { 200: savedViewListSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const rows = await listSavedViews(context.database.db, viewer, request.query.entity);
        return { items: rows.map((row) => presentSavedView(row, viewer.userId)) };
      },
    );

    app.post(
      "",
      {
        schema: {
          tags,
          summary: "Save a list's query under a name (shared: admins and heads of sales only)",
          body: createSavedViewSchema,
          response: { 201: savedViewSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.status(201).send(presentSavedView(await createSavedView(context, viewer, request.body), viewer.userId));
      },
    );

    app.patch(
      "/:id",
      {
        schema: {
          tags,
          summary: "Rename a view, change its query or sharing (its owner only)",
          params: idParamsSchema,
          body: updateSavedViewSchema,
          response: { 200: savedViewSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return presentSavedView(await updateSavedView(context, viewer, request.params.id, request.body), viewer.userId);
      },
    );

    app.delete(
      "/:id",
      { schema: { tags, summary: "Delete a view (its owner only)", params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        await deleteSavedView(context, viewer, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
