import { auditPageSchema, auditQuerySchema, auditVerifyReportSchema, problemSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { readAuditLog, verifyOwnAuditChain } from "../../../commands/read-audit-log";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";

const tags = ["audit"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

/** [anti-leak] The audit log: /api/v1/audit. Admins and heads of sales search it; admins verify its chain. */
export const auditRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      {
        schema: {
          tags,
          summary: "Search the audit log by person, action, target and period; newest first, paged",
          querystring: auditQuerySchema,
          response: { 200: auditPageSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: ["admin", "head_of_sales"] });
        return readAuditLog(context, viewer, request.query);
      },
    );

    app.get(
      "/verify",
      { schema: { tags, summary: "Walk the organization's hash chain; names the first broken row", response: { 200: auditVerifyReportSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: ["admin"] });
        return verifyOwnAuditChain(context, viewer);
      },
    );
  };
