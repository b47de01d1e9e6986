import {
  apiTokenListSchema,
  createApiTokenSchema,
  createdApiTokenSchema,
  idParamsSchema,
  problemSchema,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createApiToken } from "../../../commands/create-api-token";
import { revokeApiToken } from "../../../commands/revoke-api-token";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { presentApiToken } from "../../../presenters/api-token.presenter";
import { listApiTokens } from "../../../repositories/api-token.repository";

const tags = ["api-tokens"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export const apiTokensRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      { schema: { tags, summary: "API tokens of the organization (admin)", response: { 200: apiTokenListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: ["admin"] });
        const rows = await listApiTokens(context.database.db, viewer);
        return { items: rows.map(presentApiToken) };
      },
    );

    app.post(
      "",
      {
        schema: {
          tags,
          summary: "Create a token for an integration; the secret is shown only in this response (admin)",
          body: createApiTokenSchema,
          response: { 201: createdApiTokenSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: ["admin"] });
        const { row, token } = await createApiToken(context, viewer, request.body.name);
        return reply.status(201).send({ apiToken: presentApiToken(row), token });
      },
    );

    app.delete(
      "/:id",
      {
        schema: { tags, summary: "Revoke a token (admin)", params: idParamsSchema, response: { 204: z.null(), ...errors } },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: ["admin"] });
        await revokeApiToken(context, viewer, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
