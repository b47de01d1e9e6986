import {
  createExportRequestSchema,
  decideExportRequestSchema,
  exportControlMeSchema,
  exportControlSettingsSchema,
  exportLogListSchema,
  exportLogQuerySchema,
  exportRequestListSchema,
  exportRequestSchema,
  exportTraceQuerySchema,
  exportTraceSchema,
  idParamsSchema,
  listExportRequestsQuerySchema,
  problemSchema,
  updateExportControlSettingsSchema,
  type Role,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { readExportControlMe, readExportControlSettings, updateExportControlSettings } from "../../../commands/export-control-settings";
import { decideExport, downloadApprovedExport, getExportRequest, listExportRequestsFor, requestExport } from "../../../commands/export-control-requests";
import { traceExportByHash, traceExportFile, type ExportTraceResult } from "../../../commands/export-control-trace";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { presentExportLogEntry, presentExportRequest, presentExportSettings } from "../../../presenters/export-control.presenter";
import { listExportLog, loadExportSettings } from "../../../repositories/export-control.repository";
import { sendExportFile } from "./export-file";

const tags = ["export control"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 413: problemSchema, 422: problemSchema };
const heads: readonly Role[] = ["admin", "head_of_sales"];
const fileTypes = ["text/csv", "text/plain", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream"];
/** A traced file may be a whole 50,000-row export. */
const maxTraceBytes = 64 * 1024 * 1024;

const presentTrace = (result: ExportTraceResult) => ({ match: result.match, export: result.entry ? presentExportLogEntry(result.entry) : null });

/**
 * [anti-leak] Export control: /api/v1/exports — the settings (admins change them), the approval requests (anyone
 * allowed to export asks; heads of sales and admins decide; the requester downloads once), the export log and
 * "who exported this file".
 */
export const exportsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser(fileTypes, { parseAs: "buffer", bodyLimit: maxTraceBytes }, (_request, body, done) => done(null, body));

    app.get(
      "/settings",
      { schema: { tags, summary: "Export control, masking and bulk-read guard settings (heads of sales and admins)", response: { 200: exportControlSettingsSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return presentExportSettings(await readExportControlSettings(context, viewer));
      },
    );

    app.put(
      "/settings",
      {
        schema: {
          tags,
          summary: "Change the settings: export roles, approval threshold and validity, reveal roles and daily cap, bulk-read thresholds (admins)",
          body: updateExportControlSettingsSchema,
          response: { 200: exportControlSettingsSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: ["admin"] });
        return presentExportSettings(await updateExportControlSettings(context, viewer, request.body, request.ip));
      },
    );

    app.get(
      "/me",
      { schema: { tags, summary: "For the signed-in person: contacts masked or not, export allowed, the approval threshold, reveals left today", response: { 200: exportControlMeSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return readExportControlMe(context, viewer);
      },
    );

    app.post(
      "/requests",
      {
        schema: {
          tags,
          summary: "Ask a head of sales to approve an export (the export route's query as it would be sent); the rows are counted now",
          body: createExportRequestSchema,
          response: { 201: exportRequestSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        const row = await requestExport(context, viewer, request.body);
        const settings = await loadExportSettings(context.database.db, viewer.organizationId);
        return reply.status(201).send(presentExportRequest(row, context.now(), settings.approvalValidHours));
      },
    );

    app.get(
      "/requests",
      {
        schema: {
          tags,
          summary: "Export requests: heads of sales and admins see everyone's (the approvals list), others their own",
          querystring: listExportRequestsQuerySchema,
          response: { 200: exportRequestListSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const rows = await listExportRequestsFor(context, viewer, { status: request.query.status, mine: request.query.mine === "true" });
        const settings = await loadExportSettings(context.database.db, viewer.organizationId);
        return { items: rows.map((row) => presentExportRequest(row, context.now(), settings.approvalValidHours)) };
      },
    );

    app.get(
      "/requests/:id",
      { schema: { tags, summary: "One export request", params: idParamsSchema, response: { 200: exportRequestSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const row = await getExportRequest(context, viewer, request.params.id);
        const settings = await loadExportSettings(context.database.db, viewer.organizationId);
        return presentExportRequest(row, context.now(), settings.approvalValidHours);
      },
    );

    for (const [path, approve] of [
      ["/requests/:id/approve", true],
      ["/requests/:id/reject", false],
    ] as const) {
      app.post(
        path,
        {
          schema: {
            tags,
            summary: approve ? "Approve an export request (heads of sales and admins; valid for the settings' hours)" : "Reject an export request (heads of sales and admins)",
            params: idParamsSchema,
            body: decideExportRequestSchema.nullish(),
            response: { 200: exportRequestSchema, ...errors },
          },
        },
        async (request) => {
          const { viewer } = await authenticate(context, request, { roles: heads });
          const row = await decideExport(context, viewer, request.params.id, { approve, note: request.body?.note, ip: request.ip });
          const settings = await loadExportSettings(context.database.db, viewer.organizationId);
          return presentExportRequest(row, context.now(), settings.approvalValidHours);
        },
      );
    }

    app.get(
      "/requests/:id/download",
      {
        schema: {
          tags,
          summary: "The approved export, once, for its requester, watermarked and logged like any export",
          params: idParamsSchema,
          querystring: z.strictObject({}),
          produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"],
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return sendExportFile(reply, await downloadApprovedExport(context, viewer, request.params.id, request.ip));
      },
    );

    app.get(
      "/log",
      { schema: { tags, summary: "The export log, newest first: who, what, rows, the file's SHA-256 and watermark (heads of sales and admins)", querystring: exportLogQuerySchema, response: { 200: exportLogListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        const rows = await listExportLog(context.database.db, viewer, { userId: request.query.userId, limit: request.query.limit });
        return { items: rows.map(presentExportLogEntry) };
      },
    );

    app.get(
      "/trace",
      { schema: { tags, summary: "Who exported the file with this SHA-256 (heads of sales and admins)", querystring: exportTraceQuerySchema, response: { 200: exportTraceSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return presentTrace(await traceExportByHash(context, viewer, request.query.hash));
      },
    );

    app.post(
      "/trace",
      {
        bodyLimit: maxTraceBytes,
        schema: {
          tags,
          summary: "Who exported this file: upload it as the raw body; found by its bytes, or by the mark inside a changed copy (heads of sales and admins)",
          consumes: fileTypes,
          response: { 200: exportTraceSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return presentTrace(await traceExportFile(context, viewer, bytes));
      },
    );
  };
