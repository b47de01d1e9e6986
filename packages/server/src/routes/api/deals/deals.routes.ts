import {
  createDealSchema,
  customFiltersOf,
  dealDetailSchema,
  dealItemListSchema,
  exportDealsQuerySchema,
  replaceDealItemsSchema,
  dealPageSchema,
  dealSchema,
  idParamsSchema,
  listDealsQuerySchema,
  moveDealSchema,
  problemSchema,
  updateDealSchema,
  withCustomFilters,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { resolveDealCustomFilter } from "../../../commands/custom-values";
import { dealsExportPlan } from "../../../commands/export-control-builders";
import { assertMayExport, runControlledExport } from "../../../commands/export-control-gate";
import { sendExportFile } from "../exports/export-file";
import { createDeal, moveDeal, updateDeal } from "../../../commands/manage-deals";
import { replaceDealItems } from "../../../commands/replace-deal-items";
import type { AppContext } from "../../../context";
import { notFound } from "../../../http/app-error";
import { authenticate } from "../../../http/authenticate";
import { decodeCursor, encodeCursor } from "../../../http/cursor";
import { presentDeal, presentDealItem, presentStageVisit } from "../../../presenters/deal.presenter";
import { listDealItems } from "../../../repositories/deal-item.repository";
import { findDeal, listDeals, stageHistory } from "../../../repositories/deal.repository";

const tags = ["deals"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

export const dealsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      {
        schema: {
          tags,
          summary: "Deals the viewer may see, largest first; `cf.<key>=<value>` filters on custom fields",
          querystring: withCustomFilters(listDealsQuerySchema),
          response: { 200: dealPageSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { limit, cursor, pipelineId, stageId, companyId, ownerId, status, q } = request.query;
        const custom = await resolveDealCustomFilter(context.database.db, viewer, customFiltersOf(request.query));
        const filter = { pipelineId, stageId, companyId, ownerId, status, q, custom };
        const after = decodeCursor(cursor, (value) =>
          typeof value === "object" && value !== null && "amountMinor" in value && "id" in value &&
          typeof value.amountMinor === "number" && typeof value.id === "string"
            ? { amountMinor: value.amountMinor, id: value.id, total: "total" in value && typeof value.total === "number" ? value.total : undefined }
            : undefined,
        );
        const { rows, total } = await listDeals(context.database.db, viewer, filter, { limit: limit + 1, after, knownTotal: after?.total });
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        return {
          items: page.map(presentDeal),
          nextCursor: rows.length > limit && last ? encodeCursor({ amountMinor: last.amountMinor, id: last.id, total }) : null,
          total,
        };
      },
    );

    app.post(
      "",
      { schema: { tags, summary: "Open a deal on a client", body: createDealSchema, response: { 201: dealSchema, ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.status(201).send(presentDeal(await createDeal(context, viewer, request.body)));
      },
    );

    app.get(
      "/:id",
      { schema: { tags, summary: "A deal with the time it spent in each stage", params: idParamsSchema, response: { 200: dealDetailSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { db } = context.database;
        const deal = await findDeal(db, viewer, request.params.id);
        if (!deal) throw notFound("The deal");
        const now = context.now();
        const [history, items] = await Promise.all([stageHistory(db, viewer, deal.id), listDealItems(db, viewer, deal.id)]);
        return { deal: presentDeal(deal), stageHistory: history.map((v) => presentStageVisit(v, now)), items: items.map(presentDealItem) };
      },
    );

    app.get(
      "/export",
      {
        schema: {
          tags,
          summary: "The deal list with the same filters as XLSX or CSV, watermarked and logged (roles allowed in the export settings; past the approval threshold, ask for approval; at most 50,000 rows)",
          querystring: withCustomFilters(exportDealsQuerySchema),
          // A file, not JSON: no response schema (errors are problem+json as everywhere).
          produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"],
        },
      },
      async (request, reply) => {
        // [anti-leak] permission, approval threshold, watermark and log: commands/export-control-gate.ts.
        const { viewer } = await authenticate(context, request);
        await assertMayExport(context.database.db, viewer);
        const file = await runControlledExport(context, viewer, await dealsExportPlan(context, viewer, request.query), { ip: request.ip });
        request.log.info({ export: "deals", rows: file.rows, format: request.query.format }, "export");
        return sendExportFile(reply, file);
      },
    );

    app.get(
      "/:id/items",
      { schema: { tags, summary: "The deal's product lines and their total", params: idParamsSchema, response: { 200: dealItemListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { db } = context.database;
        const deal = await findDeal(db, viewer, request.params.id);
        if (!deal) throw notFound("The deal");
        const items = await listDealItems(db, viewer, deal.id);
        return { items: items.map(presentDealItem), totalMinor: items.reduce((sum, item) => sum + item.amountMinor, 0), currency: deal.currency };
      },
    );

    app.put(
      "/:id/items",
      {
        schema: {
          tags,
          summary: "Replace the deal's product lines; while it has lines, the deal's amount is their sum",
          params: idParamsSchema,
          body: replaceDealItemsSchema,
          response: { 200: dealItemListSchema, ...errors, 422: problemSchema },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const result = await replaceDealItems(context, viewer, request.params.id, request.body);
        return { items: result.items.map(presentDealItem), totalMinor: result.totalMinor, currency: result.currency };
      },
    );

    app.patch(
      "/:id",
      { schema: { tags, summary: "Change a deal's title, amount, dates or owner", params: idParamsSchema, body: updateDealSchema, response: { 200: dealSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return presentDeal(await updateDeal(context, viewer, request.params.id, request.body));
      },
    );

    app.post(
      "/:id/move",
      {
        schema: {
          tags,
          summary: "Move a deal to another stage of its pipeline; a lost deal needs the reason",
          params: idParamsSchema,
          body: moveDealSchema,
          response: { 200: dealSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return presentDeal(await moveDeal(context, viewer, request.params.id, request.body));
      },
    );
  };
