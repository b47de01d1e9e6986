import {
  copyPlansResultSchema,
  copyPlansSchema,
  idParamsSchema,
  periodQuerySchema,
  planListSchema,
  planSplitResultSchema,
  problemSchema,
  savePlansSchema,
  splitPlanSchema,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { copyPlans, listPlans, removePlan, savePlans, splitDepartmentPlan } from "../../../commands/manage-plans";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";

const tags = ["plans"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** Monthly plans per seller, team, level, channel, product group and department (M2.3, M5.9): /api/v1/plans. */
export const plansRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      { schema: { tags, summary: "The period's plans the viewer may read, each with its fact and % of plan to date", querystring: periodQuerySchema, response: { 200: planListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return listPlans(context, viewer, request.query);
      },
    );

    app.put(
      "",
      { schema: { tags, summary: "Set or remove (target null) plans of a period in one transaction — heads of sales", body: savePlansSchema, response: { 200: planListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return savePlans(context, viewer, request.body);
      },
    );

    app.delete(
      "/:id",
      { schema: { tags, summary: "Remove a plan (heads of sales)", params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        await removePlan(context, viewer, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/split",
      {
        schema: {
          tags,
          summary: "Split a department plan across sellers: evenly, by weight or by last quarter's share, pro-rated for absences; preview unless apply",
          body: splitPlanSchema,
          response: { 200: planSplitResultSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return splitDepartmentPlan(context, viewer, request.body);
      },
    );

    app.post(
      "/copy",
      { schema: { tags, summary: "Copy a period's plans to another (by default keeping those already set there)", body: copyPlansSchema, response: { 200: copyPlansResultSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return copyPlans(context, viewer, request.body);
      },
    );
  };
