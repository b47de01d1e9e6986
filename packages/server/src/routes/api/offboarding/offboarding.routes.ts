import { idParamsSchema, offboardResultSchema, offboardSchema, offboardingReportSchema, problemSchema, type Role } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { offboardUser } from "../../../commands/offboard-user";
import { readOffboardingReport } from "../../../commands/read-offboarding-report";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";

const tags = ["export control"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const heads: readonly Role[] = ["admin", "head_of_sales"];

/** [anti-leak] /api/v1/offboarding/:id — deactivate a person with their clients and tasks handed on, and their report. */
export const offboardingRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/:id",
      {
        schema: {
          tags,
          summary: "Offboard a person: hand their clients, open deals and tasks on by the redistribution rules, deactivate them, and report their last 30 days (admins and heads of sales)",
          params: idParamsSchema,
          body: offboardSchema,
          response: { 200: offboardResultSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return offboardUser(context, viewer, request.params.id, request.body);
      },
    );

    app.get(
      "/:id/report",
      {
        schema: {
          tags,
          summary: "What a person opened and exported in their last 30 days (before deactivation): cards, exports, reveals, rows listed (admins and heads of sales)",
          params: idParamsSchema,
          response: { 200: offboardingReportSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return readOffboardingReport(context, viewer, request.params.id);
      },
    );
  };
