import {
  createImportQuerySchema,
  idParamsSchema,
  importJobPageSchema,
  importJobSchema,
  importRowPageSchema,
  importRowsQuerySchema,
  maxImportBytes,
  problemSchema,
  startImportSchema,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createImport } from "../../../commands/create-import";
import { importErrorsExportPlan } from "../../../commands/export-control-builders";
import { runControlledExport } from "../../../commands/export-control-gate";
import { importers } from "../../../commands/export-import-errors";
import { startImport } from "../../../commands/start-import";
import type { AppContext } from "../../../context";
import { notFound } from "../../../http/app-error";
import { authenticate } from "../../../http/authenticate";
import { decodeCursor, encodeCursor } from "../../../http/cursor";
import type { ImportRunner } from "../../../imports/import-runner";
import { sendExportFile } from "../exports/export-file";
import { presentImportJob, presentImportRow, presentImportSummary } from "../../../presenters/import.presenter";
import {
  countImportRows,
  findImportJob,
  importSample,
  listImportJobs,
  listImportRows,
  sameFileImportedAt,
} from "../../../repositories/import.repository";
import type { Viewer } from "../../../scope";

const tags = ["imports"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 413: problemSchema, 415: problemSchema, 422: problemSchema };
const fileTypes = [
  "text/csv",
  "text/plain",
  "application/csv",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/octet-stream",
];

export const importsRoutes =
  (context: AppContext, runner: ImportRunner): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser(fileTypes, { parseAs: "buffer", bodyLimit: maxImportBytes }, (_request, body, done) => done(null, body));

    const readJob = async (viewer: Viewer, id: string) => {
      const job = await findImportJob(context.database.db, viewer, id);
      if (!job) throw notFound("The import");
      const sample = await importSample(context.database.db, viewer, id, 10);
      return presentImportJob(job, sample, await sameFileImportedAt(context.database.db, viewer, job.fileHash, job.id));
    };

    app.post(
      "",
      {
        bodyLimit: maxImportBytes,
        schema: {
          tags,
          summary: "Upload a CSV or XLSX file (the raw bytes as the body); answers the columns, a preview and the suggested mapping",
          querystring: createImportQuerySchema,
          consumes: fileTypes,
          response: { 201: importJobSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: importers });
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const id = await createImport(context, viewer, { ...request.query, bytes });
        return reply.status(201).send(await readJob(viewer, id));
      },
    );

    app.get(
      "",
      { schema: { tags, summary: "The organization's latest imports", response: { 200: importJobPageSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: importers });
        const jobs = await listImportJobs(context.database.db, viewer, 50);
        return { items: jobs.map(presentImportSummary), nextCursor: null, total: jobs.length };
      },
    );

    app.get(
      "/:id",
      { schema: { tags, summary: "An import: its mapping, preview and progress", params: idParamsSchema, response: { 200: importJobSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: importers });
        return readJob(viewer, request.params.id);
      },
    );

    app.post(
      "/:id/start",
      {
        schema: {
          tags,
          summary: "Confirm the mapping and what to do with duplicates; the import runs in the background",
          params: idParamsSchema,
          body: startImportSchema,
          response: { 202: importJobSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: importers });
        await startImport(context, runner, viewer, request.params.id, request.body);
        return reply.status(202).send(await readJob(viewer, request.params.id));
      },
    );

    app.get(
      "/:id/rows",
      {
        schema: {
          tags,
          summary: "The row-by-row report: what each row became, or why not",
          params: idParamsSchema,
          querystring: importRowsQuerySchema,
          response: { 200: importRowPageSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: importers });
        const job = await findImportJob(context.database.db, viewer, request.params.id);
        if (!job) throw notFound("The import");
        const { limit, cursor, outcome } = request.query;
        const after = decodeCursor(cursor, (value) => (typeof value === "number" ? value : undefined)) ?? 0;
        const rows = await listImportRows(context.database.db, viewer, job.id, { outcome, afterRow: after, limit });
        const last = rows.at(-1);
        return {
          items: rows.map(presentImportRow),
          nextCursor: rows.length === limit && last ? encodeCursor(last.rowNumber) : null,
          total: await countImportRows(context.database.db, viewer, job.id, outcome),
        };
      },
    );

    app.get(
      "/:id/report",
      {
        schema: {
          tags,
          summary: "The rows that were not imported, as CSV: the original cells and the reason, ready to fix and import again",
          params: idParamsSchema,
          querystring: z.strictObject({}),
          produces: ["text/csv"],
        },
      },
      async (request, reply) => {
        // [anti-leak] the rows carry client data: the export gate's permission, log, hash and watermark.
        const { viewer } = await authenticate(context, request, { roles: importers });
        const plan = importErrorsExportPlan(context, viewer, { importId: request.params.id });
        return sendExportFile(reply, await runControlledExport(context, viewer, plan, { ip: request.ip }));
      },
    );
  };
