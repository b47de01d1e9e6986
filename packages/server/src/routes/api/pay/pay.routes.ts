import {
  addPaySchemeVersionSchema,
  applyPresetSchema,
  contestListSchema,
  contestQuerySchema,
  contestSchema,
  createContestSchema,
  createPayAdjustmentSchema,
  createPaySchemeSchema,
  departmentPayrollSchema,
  idParamsSchema,
  leaderboardSchema,
  liveLeaderboardsSchema,
  monthParamsSchema,
  payAdjustmentListSchema,
  payAdjustmentQuerySchema,
  payAdjustmentSchema,
  payExportQuerySchema,
  payPeriodInfoSchema,
  payPeriodListSchema,
  payPeriodQuerySchema,
  payPeriodSchema,
  payPresetListSchema,
  paySchemeListSchema,
  paySchemeSchema,
  paySettingsSchema,
  payrollQuerySchema,
  presetKeyParamsSchema,
  problemSchema,
  replaceAssignmentsSchema,
  savePaySettingsSchema,
  sellerParamsSchema,
  sellerPayrollSchema,
  updateContestSchema,
  updatePaySchemeSchema,
  whatIfResultSchema,
  whatIfSchema,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { applyPayPreset, listPayPresets } from "../../../commands/apply-pay-preset";
import { closePayMonth, listPayPeriods } from "../../../commands/close-pay-month";
import { payrollExportPlan } from "../../../commands/export-control-builders";
import { runControlledExport } from "../../../commands/export-control-gate";
import { changeContest, createContest, listContests, readLeaderboard, readLiveLeaderboards, removeContest } from "../../../commands/manage-contests";
import { addPayAdjustment, listPayAdjustments } from "../../../commands/manage-pay-adjustments";
import { addPaySchemeVersion, createPayScheme, getPayScheme, listPaySchemes, renamePayScheme, replacePaySchemeAssignments } from "../../../commands/manage-pay-schemes";
import { getPaySettings, savePaySettings } from "../../../commands/manage-pay-settings";
import { readPayPeriod } from "../../../commands/pay-context";
import { payWhatIf, readDepartmentPayroll, readSellerPayroll } from "../../../commands/read-payroll";
import { loadOrgCalendar } from "../../../kpi/org-calendar";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { sendExportFile } from "../exports/export-file";

const tags = ["pay"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

/**
 * Pay (M1.6, M3.2, M5.10, M5.14): /api/v1/pay. Heads of sales and admins set schemes, close months, adjust and
 * export; a team lead reads their team's pay; a seller only their own; everyone reads contests.
 */
export const payRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get("/schemes", { schema: { tags, summary: "Pay schemes with their versions and assignments", response: { 200: paySchemeListSchema, ...errors } } }, async (request) => {
      const { viewer } = await authenticate(context, request);
      return listPaySchemes(context, viewer);
    });

    app.post(
      "/schemes",
      { schema: { tags, summary: "Create a pay scheme: its first version from a month on and whom it applies to", body: createPaySchemeSchema, response: { 201: paySchemeSchema, ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.status(201).send(await createPayScheme(context, viewer, request.body));
      },
    );

    app.get("/schemes/:id", { schema: { tags, summary: "One pay scheme", params: idParamsSchema, response: { 200: paySchemeSchema, ...errors } } }, async (request) => {
      const { viewer } = await authenticate(context, request);
      return getPayScheme(context, viewer, request.params.id);
    });

    app.patch(
      "/schemes/:id",
      { schema: { tags, summary: "Rename a pay scheme", params: idParamsSchema, body: updatePaySchemeSchema, response: { 200: paySchemeSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return renamePayScheme(context, viewer, request.params.id, request.body.name);
      },
    );

    app.post(
      "/schemes/:id/versions",
      { schema: { tags, summary: "A new version of a scheme from a month on", params: idParamsSchema, body: addPaySchemeVersionSchema, response: { 201: paySchemeSchema, ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.status(201).send(await addPaySchemeVersion(context, viewer, request.params.id, request.body));
      },
    );

    app.put(
      "/schemes/:id/assignments",
      { schema: { tags, summary: "Whom the scheme applies to: levels, jobs, department kinds, people (a target moves from its old scheme)", params: idParamsSchema, body: replaceAssignmentsSchema, response: { 200: paySchemeSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return replacePaySchemeAssignments(context, viewer, request.params.id, request.body.assignments);
      },
    );

    app.get("/presets", { schema: { tags, summary: "Presets that reproduce the seeds: 50/50 (M5.14), new business / client (M3.2), the conveyor (M1.6)", response: { 200: payPresetListSchema, ...errors } } }, async (request) => {
      await authenticate(context, request);
      return listPayPresets();
    });

    app.post(
      "/presets/:key/apply",
      { schema: { tags, summary: "Create a preset's schemes from a month on, assigned as it suggests", params: presetKeyParamsSchema, body: applyPresetSchema, response: { 201: paySchemeListSchema, ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.status(201).send(await applyPayPreset(context, viewer, request.params.key, request.body));
      },
    );

    app.get(
      "/payroll",
      { schema: { tags, summary: "The month's payroll per seller in your scope, with the payroll vs gross-profit warning (heads)", querystring: payrollQuerySchema, response: { 200: departmentPayrollSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return readDepartmentPayroll(context, viewer, request.query.month);
      },
    );

    app.get(
      "/payroll/:sellerId",
      { schema: { tags, summary: "A seller's payroll lines for the month, each with the payments, deals and handovers behind it", params: sellerParamsSchema, querystring: payrollQuerySchema, response: { 200: sellerPayrollSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return readSellerPayroll(context, viewer, request.params.sellerId, request.query.month);
      },
    );

    app.post(
      "/what-if",
      { schema: { tags, summary: "What the month would pay with these deals closed (your own, or a seller in your scope)", body: whatIfSchema, response: { 200: whatIfResultSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return payWhatIf(context, viewer, request.body);
      },
    );

    app.get(
      "/adjustments",
      { schema: { tags, summary: "Manual adjustments of a month: who, when, how much and why", querystring: payAdjustmentQuerySchema, response: { 200: payAdjustmentListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return listPayAdjustments(context, viewer, request.query);
      },
    );

    app.post(
      "/adjustments",
      { schema: { tags, summary: "Adjust a seller's open month by hand, with a reason (kept for the audit)", body: createPayAdjustmentSchema, response: { 201: payAdjustmentSchema, ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.status(201).send(await addPayAdjustment(context, viewer, request.body));
      },
    );

    app.get(
      "/period",
      { schema: { tags, summary: "A pay period (this one by default): a Gregorian month, or a Jalali month in Iran when plans are by Jalali month", querystring: payPeriodQuerySchema, response: { 200: payPeriodInfoSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const now = context.now();
        const { timeZone } = await loadOrgCalendar(context.database.db, viewer.organizationId, now);
        return readPayPeriod(context.database.db, viewer.organizationId, timeZone, now, request.query.month);
      },
    );

    app.get("/periods", { schema: { tags, summary: "Closed pay months", response: { 200: payPeriodListSchema, ...errors } } }, async (request) => {
      const { viewer } = await authenticate(context, request);
      return listPayPeriods(context, viewer);
    });

    app.post(
      "/periods/:month/close",
      { schema: { tags, summary: "Close a month: freeze its payroll; later refunds land in the next open month", params: monthParamsSchema, response: { 201: payPeriodSchema, ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.status(201).send(await closePayMonth(context, viewer, request.params.month));
      },
    );

    app.get(
      "/export",
      {
        schema: {
          tags,
          summary: "The month's payroll as XLSX for the accountant, or the flat layout 1C loads (docs/pay.md)",
          querystring: payExportQuerySchema,
          produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
        },
      },
      async (request, reply) => {
        // [anti-leak] permission, approval threshold, watermark and log: commands/export-control-gate.ts.
        const { viewer } = await authenticate(context, request);
        return sendExportFile(reply, await runControlledExport(context, viewer, payrollExportPlan(context, viewer, request.query), { ip: request.ip }));
      },
    );

    app.get("/settings", { schema: { tags, summary: "The share of gross profit pay may take, and margins per product group", response: { 200: paySettingsSchema, ...errors } } }, async (request) => {
      const { viewer } = await authenticate(context, request);
      return getPaySettings(context, viewer);
    });

    app.put(
      "/settings",
      { schema: { tags, summary: "Set the payroll share of gross profit and the margins", body: savePaySettingsSchema, response: { 200: paySettingsSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return savePaySettings(context, viewer, request.body);
      },
    );

    app.get("/contests", { schema: { tags, summary: "Monthly contests (M5.10)", querystring: contestQuerySchema, response: { 200: contestListSchema, ...errors } } }, async (request) => {
      const { viewer } = await authenticate(context, request);
      return listContests(context, viewer, request.query.month);
    });

    app.post("/contests", { schema: { tags, summary: "Start a monthly contest on a metric, with its prize", body: createContestSchema, response: { 201: contestSchema, ...errors } } }, async (request, reply) => {
      const { viewer } = await authenticate(context, request);
      return reply.status(201).send(await createContest(context, viewer, request.body));
    });

    app.get("/contests/live", { schema: { tags, summary: "This month's contests with live leaderboards (the TV screen)", response: { 200: liveLeaderboardsSchema, ...errors } } }, async (request) => {
      const { viewer } = await authenticate(context, request);
      return readLiveLeaderboards(context, viewer);
    });

    app.patch(
      "/contests/:id",
      { schema: { tags, summary: "Rename a contest, change its prize, or record the prize as given to a seller", params: idParamsSchema, body: updateContestSchema, response: { 200: contestSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return changeContest(context, viewer, request.params.id, request.body);
      },
    );

    app.delete("/contests/:id", { schema: { tags, summary: "Delete a contest", params: idParamsSchema, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
      const { viewer } = await authenticate(context, request);
      await removeContest(context, viewer, request.params.id);
      return reply.status(204).send(null);
    });

    app.get("/contests/:id/leaderboard", { schema: { tags, summary: "A contest's leaderboard", params: idParamsSchema, response: { 200: leaderboardSchema, ...errors } } }, async (request) => {
      const { viewer } = await authenticate(context, request);
      return readLeaderboard(context, viewer, request.params.id);
    });
  };
