import {
  dashboardQuerySchema,
  dashboardSchema,
  drillPageSchema,
  drillQuerySchema,
  forecastQuerySchema,
  forecastSchema,
  funnelQuerySchema,
  funnelSchema,
  kpiCheckSchema,
  kpiSettingsSchema,
  localeSchema,
  problemSchema,
  updateKpiSettingsSchema,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { checkKpiRollups } from "../../../commands/check-kpi-rollups";
import { reportExportPlan } from "../../../commands/export-control-builders";
import { runControlledExport } from "../../../commands/export-control-gate";
import { readDashboard } from "../../../commands/read-dashboard";
import { readForecast } from "../../../commands/read-forecast";
import { readFunnel } from "../../../commands/read-funnel";
import { readKpiDrill } from "../../../commands/read-kpi-drill";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { loadKpiSettings, saveKpiSettings } from "../../../repositories/kpi-settings.repository";
import { sendExportFile } from "../exports/export-file";

const tags = ["kpi"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** Also replayed by an approved export request ([anti-leak]: commands/export-control-builders.ts). */
export const exportQuerySchema = funnelQuerySchema.extend({
  report: z.enum(["dashboard", "funnel", "forecast", "plans"]),
  locale: localeSchema.default("en"),
  /** The forecast's buckets, as on screen. */
  by: forecastQuerySchema.shape.by,
  count: z.coerce.number().int().min(1).max(26).default(6),
  split: forecastQuerySchema.shape.split,
});

/** The KPI dashboard, drill-down, funnel, forecast, their XLSX exports and the rollups' check: /api/v1/kpi. */
export const kpiRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/dashboard",
      {
        schema: {
          tags,
          summary: "Plan vs fact with % of plan to date (M5.2), activity, money, closed deals, pipeline money and sellers for a scope and period",
          querystring: dashboardQuerySchema,
          response: { 200: dashboardSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return readDashboard(context, viewer, request.query);
      },
    );

    app.get(
      "/drill",
      { schema: { tags, summary: "The payments, deals or activities behind one dashboard number", querystring: drillQuerySchema, response: { 200: drillPageSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return readKpiDrill(context, viewer, request.query);
      },
    );

    app.get(
      "/funnel",
      { schema: { tags, summary: "M5.15 stage conversion, time in stage, the weakest stage against the norm, and lost reasons", querystring: funnelQuerySchema, response: { 200: funnelSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return readFunnel(context, viewer, request.query);
      },
    );

    app.get(
      "/forecast",
      { schema: { tags, summary: "M2.4 money expected by week or month and client type, and forecast vs actual for closed months", querystring: forecastQuerySchema, response: { 200: forecastSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return readForecast(context, viewer, request.query);
      },
    );

    app.get(
      "/export",
      {
        schema: {
          tags,
          summary: "A KPI report (dashboard, funnel, forecast, plans) as XLSX, scoped as on screen",
          querystring: exportQuerySchema,
          produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
        },
      },
      async (request, reply) => {
        // [anti-leak] permission, approval threshold, watermark and log: commands/export-control-gate.ts.
        const { viewer } = await authenticate(context, request);
        return sendExportFile(reply, await runControlledExport(context, viewer, reportExportPlan(context, viewer, request.query), { ip: request.ip }));
      },
    );

    app.get(
      "/settings",
      { schema: { tags, summary: "The dashboard's widgets and the TV mode's refresh", response: { 200: kpiSettingsSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return loadKpiSettings(context.database.db, viewer.organizationId);
      },
    );

    app.patch(
      "/settings",
      { schema: { tags, summary: "Choose the dashboard's widgets (M5.1) — admins and heads of sales", body: updateKpiSettingsSchema, response: { 200: kpiSettingsSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: ["admin", "head_of_sales"] });
        const current = await loadKpiSettings(context.database.db, viewer.organizationId);
        const next = { widgets: request.body.widgets ?? current.widgets, tvRefreshSeconds: request.body.tvRefreshSeconds ?? current.tvRefreshSeconds };
        await saveKpiSettings(context.database.db, viewer.organizationId, next, context.now());
        return next;
      },
    );

    app.post(
      "/check",
      {
        schema: {
          tags,
          summary: "Rebuild the KPI rollups from the raw tables and compare; with rebuild=true, replace them (admins)",
          querystring: z.strictObject({ rebuild: z.stringbool().default(false) }),
          response: { 200: kpiCheckSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: ["admin"] });
        return checkKpiRollups(context, viewer.organizationId, { rebuild: request.query.rebuild });
      },
    );
  };
