import {
  closeReviewItemSchema,
  idParamsSchema,
  myDaySchema,
  problemSchema,
  prospectingProposalSchema,
  prospectingQuerySchema,
  reviewClientQuerySchema,
  reviewClientSchema,
  reviewItemSchema,
  reviewLogQuerySchema,
  reviewLogSchema,
  reviewQueueQuerySchema,
  reviewQueueSchema,
  reviewSessionSchema,
  reviewSettingsListSchema,
  reviewSettingsSchema,
  reviewSweepResultSchema,
  saveReviewSettingsSchema,
  setProspectingTargetSchema,
  startReviewSessionSchema,
  teamIdParamsSchema,
  type Role,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { closeReviewItem, finishReviewSession, startReviewSession } from "../../../commands/close-review";
import { listReviewSettings, saveReviewSettings } from "../../../commands/manage-review-settings";
import { getProspecting, setProspectingTarget } from "../../../commands/manage-prospecting";
import { readMyDay } from "../../../commands/read-my-day";
import { readReviewClient } from "../../../commands/read-review-client";
import { readReviewLog } from "../../../commands/read-review-log";
import { readReviewQueue } from "../../../commands/read-review-queue";
import { sweepReview } from "../../../commands/sweep-review";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";

const tags = ["review"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const heads: readonly Role[] = ["admin", "head_of_sales"];

/**
 * The head of sales' daily review (M2): /api/v1/review. Heads and admins review any seller, team leads their
 * team's (others answer 404 like missing ones), sellers review nobody (403) but read their own reviews and My day.
 */
export const reviewRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/queue",
      {
        schema: {
          tags,
          summary: "A seller's clients to review now, with their reasons, by money at stake; the cadence and the M2.2 proposal",
          querystring: reviewQueueQuerySchema,
          response: { 200: reviewQueueSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return readReviewQueue(context, viewer, request.query);
      },
    );

    app.get(
      "/clients/:id",
      {
        schema: {
          tags,
          summary: "One client's review screen: card, last interactions, the last task's planned result, open deals, next task, previous reviews",
          params: idParamsSchema,
          querystring: reviewClientQuerySchema,
          response: { 200: reviewClientSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return readReviewClient(context, viewer, request.params.id, request.query.sellerId);
      },
    );

    app.post(
      "/sessions",
      { schema: { tags, summary: "Start reviewing a seller's clients", body: startReviewSessionSchema, response: { 201: reviewSessionSchema, ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.status(201).send(await startReviewSession(context, viewer, request.body.sellerId));
      },
    );

    app.post(
      "/sessions/:id/items",
      {
        schema: {
          tags,
          summary: "Close one client's review: a next task with a date for the seller, or the deal lost with a reason (400 review_incomplete otherwise)",
          params: idParamsSchema,
          body: closeReviewItemSchema,
          response: { 201: reviewItemSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.status(201).send(await closeReviewItem(context, viewer, request.params.id, request.body));
      },
    );

    app.post(
      "/sessions/:id/finish",
      { schema: { tags, summary: "Finish a review session", params: idParamsSchema, response: { 200: reviewSessionSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return finishReviewSession(context, viewer, request.params.id);
      },
    );

    app.get(
      "/log",
      {
        schema: {
          tags,
          summary: "The review log: who reviewed which clients, time per client and its trend, share reviewed this week, outcomes changed after a review",
          querystring: reviewLogQuerySchema,
          response: { 200: reviewLogSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return readReviewLog(context, viewer, request.query);
      },
    );

    app.get(
      "/settings",
      { schema: { tags, summary: "Each team's review cadence and settings, with the warning when the cadence is too slow for its deals", response: { 200: reviewSettingsListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return listReviewSettings(context, viewer);
      },
    );

    app.put(
      "/settings/:teamId",
      {
        schema: {
          tags,
          summary: "Set a team's review cadence, stale days per stage, deal-size filter and evening sweep time (heads of sales and admins; team leads read theirs)",
          params: teamIdParamsSchema,
          body: saveReviewSettingsSchema,
          response: { 200: reviewSettingsSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return saveReviewSettings(context, viewer, request.params.teamId, request.body);
      },
    );

    app.get(
      "/my-day",
      { schema: { tags, summary: "Your day: today's tasks by client type with a review's corrections flagged, the week ahead, your prospecting target", response: { 200: myDaySchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return readMyDay(context, viewer);
      },
    );

    app.get(
      "/prospecting",
      { schema: { tags, summary: "M2.2: whether money can come from the seller this month, the proposed prospecting target and its progress", querystring: prospectingQuerySchema, response: { 200: prospectingProposalSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return getProspecting(context, viewer, request.query.sellerId);
      },
    );

    app.post(
      "/prospecting",
      { schema: { tags, summary: "M2.2: set the seller's target for this month — gather N prospects and bring them to warm", body: setProspectingTargetSchema, response: { 200: prospectingProposalSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return setProspectingTarget(context, viewer, request.body);
      },
    );

    app.post(
      "/sweep",
      { schema: { tags, summary: "Run the evening sweep and the cadence reminders now (heads of sales); once per person and day", response: { 200: reviewSweepResultSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return sweepReview(context, viewer.organizationId, { force: true });
      },
    );
  };
