import {
  handoverRuleListSchema,
  conveyorProfileListSchema,
  conveyorProfileSchema,
  conveyorSettingsSchema,
  handoverPageSchema,
  handoverPreviewSchema,
  handoverRuleSchema,
  idParamsSchema,
  levelReportQuerySchema,
  levelReportSchema,
  listHandoversQuerySchema,
  orgChartSchema,
  previewHandoverRuleSchema,
  problemSchema,
  restructureAdviceSchema,
  saveHandoverRuleSchema,
  staffingAdviceSchema,
  sweepResultSchema,
  updateConveyorProfileSchema,
  updateConveyorSettingsSchema,
  updateHandoverRuleSchema,
  type Role,
} from "@conveyor/contracts";
import { dayBounds } from "@conveyor/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { levelReport, restructureAdvice, staffingAdvice } from "../../../commands/conveyor-advisors";
import {
  createHandoverRule,
  deleteHandoverRule,
  listRules,
  presentConveyorSettings,
  updateConveyorSettings,
  updateHandoverRule,
} from "../../../commands/manage-conveyor-settings";
import { conveyorProfiles, orgChart, updateConveyorProfile } from "../../../commands/manage-structure";
import { previewHandoverRule, sweepConveyor } from "../../../commands/sweep-conveyor";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { decodeCursor, encodeCursor } from "../../../http/cursor";
import { presentHandover } from "../../../presenters/conveyor.presenter";
import { readConveyorSettings } from "../../../repositories/conveyor-settings.repository";
import { countHandovers, listHandovers } from "../../../repositories/handover.repository";

const tags = ["conveyor"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const heads: readonly Role[] = ["admin", "head_of_sales"];
const leads: readonly Role[] = ["admin", "head_of_sales", "team_lead"];
const userParamsSchema = z.strictObject({ userId: z.uuid() });

/** The organization's day boundaries for a `from`/`to` date filter (the end date is included). */
const periodOf = async (context: AppContext, organizationId: string, query: { from?: string | undefined; to?: string | undefined }) => {
  if (!query.from && !query.to) return {};
  const { timeZone } = await readConveyorSettings(context.database.db, organizationId);
  const at = (date: string) => dayBounds(new Date(`${date}T12:00:00Z`), timeZone);
  return { from: query.from ? at(query.from).start : undefined, to: query.to ? at(query.to).end : undefined };
};

/** The three-level department (M1, M4, M5.8): /api/v1/conveyor. */
export const conveyorRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/settings",
      { schema: { tags, summary: "Department mode, structure, handover and permanent-client settings", response: { 200: conveyorSettingsSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return presentConveyorSettings(await readConveyorSettings(context.database.db, viewer.organizationId));
      },
    );

    app.patch(
      "/settings",
      {
        schema: { tags, summary: "Change the conveyor settings (admins and heads of sales)", body: updateConveyorSettingsSchema, response: { 200: conveyorSettingsSchema, ...errors } },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return updateConveyorSettings(context, viewer, request.body);
      },
    );

    app.get(
      "/org-chart",
      { schema: { tags, summary: "Departments, teams, people and the matrix's second managers (M5.8)", response: { 200: orgChartSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return orgChart(context, viewer);
      },
    );

    app.get(
      "/staffing",
      { schema: { tags, summary: "The recommended L1/L2/L3 split next to the actual one (M1.2, M1.3)", response: { 200: staffingAdviceSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: leads });
        return staffingAdvice(context, viewer);
      },
    );

    app.get(
      "/restructure",
      { schema: { tags, summary: "The seven triggers for moving from one level to three, from the data (M1.5)", response: { 200: restructureAdviceSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return restructureAdvice(context, viewer);
      },
    );

    app.get(
      "/people",
      { schema: { tags, summary: "Active people with their level, job, cap and matrix attachments", response: { 200: conveyorProfileListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: leads });
        return { items: await conveyorProfiles(context, viewer) };
      },
    );

    app.patch(
      "/people/:userId",
      {
        schema: {
          tags,
          summary: "Set a person's level, job (M4.3), cap and matrix attachments (M4.4)",
          params: userParamsSchema,
          body: updateConveyorProfileSchema,
          response: { 200: conveyorProfileSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return updateConveyorProfile(context, viewer, request.params.userId, request.body);
      },
    );

    app.get(
      "/rules",
      { schema: { tags, summary: "The handover rules (M1.4, M4.1)", response: { 200: handoverRuleListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: leads });
        return { items: await listRules(context, viewer) };
      },
    );

    app.post(
      "/rules",
      { schema: { tags, summary: "Add a handover rule (off until switched on)", body: saveHandoverRuleSchema, response: { 201: handoverRuleSchema, ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return reply.status(201).send(await createHandoverRule(context, viewer, request.body));
      },
    );

    app.post(
      "/rules/preview",
      {
        schema: {
          tags,
          summary: "Which clients a rule would move if it were switched on now (writes nothing)",
          body: previewHandoverRuleSchema,
          response: { 200: handoverPreviewSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return previewHandoverRule(context, viewer.organizationId, request.body.rule);
      },
    );

    app.patch(
      "/rules/:id",
      {
        schema: { tags, summary: "Rename, change or switch a rule on or off", params: idParamsSchema, body: updateHandoverRuleSchema, response: { 200: handoverRuleSchema, ...errors } },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return updateHandoverRule(context, viewer, request.params.id, request.body);
      },
    );

    app.delete(
      "/rules/:id",
      {
        schema: {
          tags,
          summary: "Delete a rule (one that already moved clients is switched off and kept for the report)",
          params: idParamsSchema,
          response: { 200: z.object({ outcome: z.enum(["deleted", "disabled"]) }), ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return { outcome: await deleteHandoverRule(context, viewer, request.params.id) };
      },
    );

    app.post(
      "/sweep",
      { schema: { tags, summary: "Run the nightly sweep now: every rule, permanent clients, expired access", response: { 200: sweepResultSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return sweepConveyor(context, viewer.organizationId);
      },
    );

    app.get(
      "/handovers",
      {
        schema: {
          tags,
          summary: "Who handed which client to whom, when and why (sellers: their own; team leads: their team's)",
          querystring: listHandoversQuerySchema,
          response: { 200: handoverPageSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { cursor, limit, from, to, ...rest } = request.query;
        const after = decodeCursor(cursor, (value) => {
          const parsed = z.object({ at: z.iso.datetime({ offset: true }), id: z.uuid() }).safeParse(value);
          return parsed.success ? parsed.data : undefined;
        });
        const filter = { ...rest, ...(await periodOf(context, viewer.organizationId, { from, to })) };
        const rows = await listHandovers(context.database.db, viewer, filter, { limit: limit + 1, after });
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        return {
          items: page.map(presentHandover),
          nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at.toISOString(), id: last.id }) : null,
          total: await countHandovers(context.database.db, viewer, filter),
        };
      },
    );

    app.get(
      "/levels",
      {
        schema: {
          tags,
          summary: "Clients per level, time at each level, clients stuck at a level, given and received per person",
          querystring: levelReportQuerySchema,
          response: { 200: levelReportSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: leads });
        return levelReport(context, viewer, await periodOf(context, viewer.organizationId, request.query));
      },
    );
  };
