import {
  absenceListSchema,
  absenceSchema,
  createAbsenceSchema,
  idParamsSchema,
  leadAvailabilityListSchema,
  leadAvailabilitySchema,
  leadSettingsSchema,
  listAbsencesQuerySchema,
  problemSchema,
  updateLeadAvailabilitySchema,
  updateLeadSettingsSchema,
  type Role,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  absencesOf,
  createAbsence,
  deleteAbsence,
  listAvailability,
  readLeadSettings,
  updateAvailability,
  updateLeadSettings,
} from "../../../commands/manage-lead-availability";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";

const tags = ["lead routing"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const heads: readonly Role[] = ["admin", "head_of_sales"];
const userParamsSchema = z.strictObject({ userId: z.uuid() });

/** Who can take leads now (M5.5), absences, and the organization's lead settings: /api/v1/lead-availability, /absences, /lead-settings. */
export const leadAvailabilityRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/lead-availability",
      {
        schema: {
          tags,
          summary: "The sellers the viewer looks after as distribution sees them now, with M2.2's proposals to route more leads to those without prospects",
          response: { 200: leadAvailabilityListSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return listAvailability(context, viewer);
      },
    );

    app.patch(
      "/lead-availability/:userId",
      {
        schema: {
          tags,
          summary: "Pause, cap, weight, skills, on duty, own hours (a seller may only pause and resume themselves)",
          params: userParamsSchema,
          body: updateLeadAvailabilitySchema,
          response: { 200: leadAvailabilitySchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return updateAvailability(context, viewer, request.params.userId, request.body);
      },
    );

    app.get(
      "/absences",
      { schema: { tags, summary: "Absences overlapping a period, of the people the viewer looks after", querystring: listAbsencesQuerySchema, response: { 200: absenceListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return { items: await absencesOf(context, viewer, request.query) };
      },
    );

    app.post(
      "/absences",
      { schema: { tags, summary: "Record a vacation, sick leave or day off: distribution skips the person on those days", body: createAbsenceSchema, response: { 201: absenceSchema, ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.code(201).send(await createAbsence(context, viewer, request.body));
      },
    );

    app.delete(
      "/absences/:id",
      { schema: { tags, summary: "Remove an absence", params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        await deleteAbsence(context, viewer, request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/lead-settings",
      { schema: { tags, summary: "Speed-to-lead timers, caps, form limits and the redistribution undo window", response: { 200: leadSettingsSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return readLeadSettings(context, viewer);
      },
    );

    app.patch(
      "/lead-settings",
      { schema: { tags, summary: "Change the lead settings (admins and heads of sales)", body: updateLeadSettingsSchema, response: { 200: leadSettingsSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return updateLeadSettings(context, viewer, request.body);
      },
    );
  };
