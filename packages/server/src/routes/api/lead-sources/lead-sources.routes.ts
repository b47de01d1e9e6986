import {
  createdLeadSourceSchema,
  idParamsSchema,
  leadSourceListSchema,
  leadSourceSchema,
  leadSourceSecretSchema,
  mailboxCheckSchema,
  problemSchema,
  saveLeadSourceSchema,
  updateLeadSourceSchema,
  type Role,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  checkLeadSourceMailbox,
  createLeadSource,
  deleteLeadSource,
  listSources,
  rotateLeadSourceSecret,
  updateLeadSource,
} from "../../../commands/manage-lead-sources";
import { pollMailbox } from "../../../commands/poll-mailbox";
import type { AppContext } from "../../../context";
import { AppError, notFound } from "../../../http/app-error";
import { authenticate } from "../../../http/authenticate";
import { findSourceById } from "../../../repositories/lead-intake.repository";

const tags = ["lead sources"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const heads: readonly Role[] = ["admin", "head_of_sales"];

const mailboxRunSchema = z.object({
  read: z.number().int(),
  leads: z.number().int(),
  replies: z.number().int(),
  duplicates: z.number().int(),
  error: z.string().nullable(),
});

/** Where leads come from (M5.5): forms, webhooks, mailboxes, and the system's manual and import sources. /api/v1/lead-sources. */
export const leadSourcesRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      { schema: { tags, summary: "The organization's lead sources with their lead counts (every signed-in person: the manual-entry screen picks one)", response: { 200: leadSourceListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return { items: await listSources(context, viewer) };
      },
    );

    app.post(
      "",
      {
        schema: {
          tags,
          summary: "Add a form, webhook or mailbox source (admins and heads of sales); a webhook's secret is answered this once",
          body: saveLeadSourceSchema,
          response: { 201: createdLeadSourceSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return reply.code(201).send(await createLeadSource(context, viewer, request.body));
      },
    );

    app.patch(
      "/:id",
      {
        schema: {
          tags,
          summary: "Change a source: name, channel, switched on or off, its form or mailbox (an omitted mailbox password keeps the stored one)",
          params: idParamsSchema,
          body: updateLeadSourceSchema,
          response: { 200: leadSourceSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return updateLeadSource(context, viewer, request.params.id, request.body);
      },
    );

    app.delete(
      "/:id",
      {
        schema: {
          tags,
          summary: "Remove a source that brought nothing in; one with leads (and the system's own) is switched off instead",
          params: idParamsSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        await deleteLeadSource(context, viewer, request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      "/:id/secret",
      { schema: { tags, summary: "A webhook's new signing secret, shown once; the old one stops working at once", params: idParamsSchema, response: { 200: leadSourceSecretSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return rotateLeadSourceSecret(context, viewer, request.params.id);
      },
    );

    app.post(
      "/:id/check",
      { schema: { tags, summary: "Try a mailbox source's server and account now (at most ten seconds); a failure is an answer naming what to fix", params: idParamsSchema, response: { 200: mailboxCheckSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return checkLeadSourceMailbox(context, viewer, request.params.id);
      },
    );

    app.post(
      "/:id/poll",
      { schema: { tags, summary: "Read a mailbox source now instead of at its next interval", params: idParamsSchema, response: { 200: mailboxRunSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        const source = await findSourceById(context.database.db, viewer.organizationId, request.params.id);
        if (!source) throw notFound("The lead source");
        if (source.kind !== "email") {
          throw new AppError("validation_failed", "Only a mailbox source can be read", { errors: [{ field: "kind", code: "not_allowed", message: "Only a mailbox source can be read" }] });
        }
        if (!source.enabled) throw new AppError("lead_source_disabled", "The source is switched off");
        return pollMailbox(context, source);
      },
    );
  };
