import { organizationSchema, problemSchema, updateOrganizationSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { updateOrganization } from "../../../commands/update-organization";
import type { AppContext } from "../../../context";
import { notFound } from "../../../http/app-error";
import { authenticate } from "../../../http/authenticate";
import { presentOrganization } from "../../../presenters/organization.presenter";
import { findOrganization } from "../../../repositories/organization.repository";

const tags = ["organization"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export const organizationRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      { schema: { tags, summary: "Your organization and its settings", response: { 200: organizationSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const row = await findOrganization(context.database.db, viewer);
        if (!row) throw notFound("The organization");
        return presentOrganization(row);
      },
    );

    app.patch(
      "",
      {
        schema: {
          tags,
          summary: "Change name, country, time zone, currency, default language, working hours (admin)",
          body: updateOrganizationSchema,
          response: { 200: organizationSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: ["admin"] });
        return presentOrganization(await updateOrganization(context, viewer, request.body));
      },
    );
  };
