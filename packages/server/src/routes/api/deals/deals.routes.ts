import {
  createDealSchema,
  dealDetailSchema,
  dealPageSchema,
  dealSchema,
  idParamsSchema,
  listDealsQuerySchema,
  moveDealSchema,
  problemSchema,
  updateDealSchema,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createDeal, moveDeal, updateDeal } from "../../../commands/manage-deals";
import type { AppContext } from "../../../context";
import { notFound } from "../../../http/app-error";
import { authenticate } from "../../../http/authenticate";
import { decodeCursor, encodeCursor } from "../../../http/cursor";
import { presentDeal, presentStageVisit } from "../../../presenters/deal.presenter";
import { findDeal, listDeals, stageHistory } from "../../../repositories/deal.repository";

const tags = ["deals"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export const dealsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      {
        schema: { tags, summary: "Deals the viewer may see, largest first", querystring: listDealsQuerySchema, response: { 200: dealPageSchema, ...errors } },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { limit, cursor, ...filter } = request.query;
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
        return { deal: presentDeal(deal), stageHistory: (await stageHistory(db, viewer, deal.id)).map((v) => presentStageVisit(v, now)) };
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
