import {
  createCustomFieldSchema,
  customFieldListSchema,
  customFieldSchema,
  idParamsSchema,
  listCustomFieldsQuerySchema,
  problemSchema,
  updateCustomFieldSchema,
  type Role,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createCustomField, updateCustomField } from "../../../commands/manage-custom-fields";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { presentCustomField } from "../../../presenters/custom-field.presenter";
import { listCustomFields } from "../../../repositories/custom-field.repository";

const tags = ["custom fields"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const editors: readonly Role[] = ["admin", "head_of_sales"];

/** The organization's own fields on clients and deals: /api/v1/custom-fields. */
export const customFieldsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      {
        schema: {
          tags,
          summary: "The custom fields of clients or deals, in order (archived ones with includeArchived=true)",
          querystring: listCustomFieldsQuerySchema,
          response: { 200: customFieldListSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { entity, includeArchived } = request.query;
        const rows = await listCustomFields(context.database.db, viewer, entity, { includeArchived: includeArchived === "true" });
        return { items: rows.map(presentCustomField) };
      },
    );

    app.post(
      "",
      {
        schema: {
          tags,
          summary: "Add a custom field (admin, head of sales); its key is derived from the label and never changes",
          body: createCustomFieldSchema,
          response: { 201: customFieldSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: editors });
        return reply.status(201).send(presentCustomField(await createCustomField(context, viewer, request.body)));
      },
    );

    app.patch(
      "/:id",
      {
        schema: {
          tags,
          summary: "Rename, change options, move or archive a custom field (admin, head of sales); key and type stay",
          params: idParamsSchema,
          body: updateCustomFieldSchema,
          response: { 200: customFieldSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: editors });
        return presentCustomField(await updateCustomField(context, viewer, request.params.id, request.body));
      },
    );
  };
