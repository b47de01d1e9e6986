import {
  idParamsSchema,
  problemSchema,
  reorderRoutingRulesSchema,
  routeTrialInputSchema,
  routeTrialSchema,
  routingRuleListSchema,
  routingRuleSchema,
  saveRoutingRuleSchema,
  updateRoutingRuleSchema,
  type Role,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createRoutingRule, deleteRoutingRule, listRules, reorderRoutingRules, tryRoute, updateRoutingRule } from "../../../commands/manage-routing-rules";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";

const tags = ["lead routing"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const heads: readonly Role[] = ["admin", "head_of_sales"];
const readers: readonly Role[] = ["admin", "head_of_sales", "team_lead"];

/** The head of sales' rules of distribution (M5.5): /api/v1/routing-rules. */
export const routingRulesRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      { schema: { tags, summary: "The routing rules in the order leads are matched against them (heads, admins, team leads)", response: { 200: routingRuleListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: readers });
        return { items: await listRules(context, viewer) };
      },
    );

    app.post(
      "",
      {
        schema: {
          tags,
          summary: "Add a rule: leads meeting its conditions go to its team or sellers (last unless a position is given)",
          body: saveRoutingRuleSchema,
          response: { 201: routingRuleSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return reply.code(201).send(await createRoutingRule(context, viewer, request.body));
      },
    );

    app.post(
      "/reorder",
      { schema: { tags, summary: "Put every rule in a new order", body: reorderRoutingRulesSchema, response: { 200: routingRuleListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return { items: await reorderRoutingRules(context, viewer, request.body.ids) };
      },
    );

    app.post(
      "/try",
      {
        schema: {
          tags,
          summary: "Where a lead with these facts would go now and why each seller of the pool is passed by; writes nothing",
          body: routeTrialInputSchema,
          response: { 200: routeTrialSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: readers });
        return tryRoute(context, viewer, request.body);
      },
    );

    app.patch(
      "/:id",
      { schema: { tags, summary: "Change a rule", params: idParamsSchema, body: updateRoutingRuleSchema, response: { 200: routingRuleSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return updateRoutingRule(context, viewer, request.params.id, request.body);
      },
    );

    app.delete(
      "/:id",
      { schema: { tags, summary: "Remove a rule (one that routed leads is switched off instead)", params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        await deleteRoutingRule(context, viewer, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
