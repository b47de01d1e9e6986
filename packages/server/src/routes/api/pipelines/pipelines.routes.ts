import { boardQuerySchema, boardSchema, idParamsSchema, pipelineListSchema, pipelineSchema, problemSchema, savePipelineSchema, type Role } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createPipeline, updatePipeline } from "../../../commands/save-pipeline";
import type { AppContext } from "../../../context";
import { notFound } from "../../../http/app-error";
import { authenticate } from "../../../http/authenticate";
import { encodeCursor } from "../../../http/cursor";
import { presentDeal, presentPipeline, presentStage } from "../../../presenters/deal.presenter";
import { listDeals } from "../../../repositories/deal.repository";
import { findPipeline, listPipelines } from "../../../repositories/pipeline.repository";

const tags = ["deals"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const editors: readonly Role[] = ["admin", "head_of_sales"];

export const pipelinesRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      { schema: { tags, summary: "The organization's pipelines with their stages", response: { 200: pipelineListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return { items: (await listPipelines(context.database.db, viewer)).map(presentPipeline) };
      },
    );

    app.post(
      "",
      {
        schema: { tags, summary: "Add a pipeline (admin, head of sales)", body: savePipelineSchema, response: { 201: pipelineSchema, ...errors } },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: editors });
        return reply.status(201).send(presentPipeline(await createPipeline(context, viewer, request.body)));
      },
    );

    app.put(
      "/:id",
      {
        schema: {
          tags,
          summary: "Rename, reorder, add or remove stages (admin, head of sales); a stage with deals cannot go",
          params: idParamsSchema,
          body: savePipelineSchema,
          response: { 200: pipelineSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: editors });
        return presentPipeline(await updatePipeline(context, viewer, request.params.id, request.body));
      },
    );

    app.get(
      "/:id/board",
      {
        schema: {
          tags,
          summary: "The kanban board: per stage the largest visible deals, their count and sum",
          params: idParamsSchema,
          querystring: boardQuerySchema,
          response: { 200: boardSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { db } = context.database;
        const pipeline = await findPipeline(db, viewer, request.params.id);
        if (!pipeline) throw notFound("The pipeline");
        const { perStage, ownerId } = request.query;
        const columns = [];
        for (const stage of pipeline.stages) {
          const { rows, total, sumMinor } = await listDeals(db, viewer, { stageId: stage.id, ownerId }, { limit: perStage + 1, after: undefined });
          const page = rows.slice(0, perStage);
          const last = page.at(-1);
          columns.push({
            stage: presentStage(stage),
            deals: page.map(presentDeal),
            count: total,
            sumMinor,
            nextCursor: rows.length > perStage && last ? encodeCursor({ amountMinor: last.amountMinor, id: last.id }) : null,
          });
        }
        return { pipeline: presentPipeline(pipeline), columns };
      },
    );
  };
