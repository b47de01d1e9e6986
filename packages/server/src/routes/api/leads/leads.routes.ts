import {
  assignLeadSchema,
  clockedLeadSchema,
  idParamsSchema,
  leadAssignmentListSchema,
  leadInputSchema,
  leadPageSchema,
  leadReceiptSchema,
  leadSchema,
  listLeadsQuerySchema,
  problemSchema,
  speedQuerySchema,
  speedReportSchema,
} from "@conveyor/contracts";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { organizationWorkCalendar } from "../../../kpi/org-calendar";
import { assignLeadByHand } from "../../../commands/assign-lead-by-hand";
import { receiveLead, type IntakeSource } from "../../../commands/receive-lead";
import type { AppContext } from "../../../context";
import { AppError, notFound } from "../../../http/app-error";
import { authenticate } from "../../../http/authenticate";
import { decodeCursor, encodeCursor } from "../../../http/cursor";
import { presentClockedLead, presentLeadAssignment, type LeadClockContext } from "../../../presenters/lead-card.presenter";
import { presentLead } from "../../../presenters/lead-queue.presenter";
import type { Executor } from "../../../db/database";
import { listLeadAssignments } from "../../../repositories/lead-assignment.repository";
import {
  findSourceById,
  findSourceByPublicKey,
  findSourceOfKind,
  loadIntakeContext,
  loadIntakeSettings,
  productGroupOf,
  type SourceRow,
} from "../../../repositories/lead-intake.repository";
import { countLeadQueues, findLead, listLeads, speedToLead } from "../../../repositories/lead.repository";
import { ensureSystemSources } from "../../../repositories/lead-source.repository";
import { cachedSource } from "../../../repositories/intake-cache";
import { checkLeadSignature } from "../../../security/lead-signature";
import { dayBounds } from "@conveyor/domain";

const tags = ["leads"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 413: problemSchema, 422: problemSchema };

const intakeHeaders = z.object({
  "idempotency-key": z.string().trim().min(1).max(200).optional(),
  "x-conveyor-source": z.string().max(100).optional(),
  "x-conveyor-timestamp": z.string().max(20).optional(),
  "x-conveyor-signature": z.string().max(200).optional(),
});

/** The raw body as it arrived: a webhook's signature is over these exact bytes. */
const rawBodies = new WeakMap<FastifyRequest, string>();

const asIntakeSource = (row: SourceRow): IntakeSource => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  channel: row.channel,
  defaultTemperature: row.defaultTemperature,
  enabled: row.enabled,
});

/** The clocks of the leads in an answer are read at one moment on the organization's working calendar (M5.5). */
const clockContext = async (db: Executor, organizationId: string, now: Date): Promise<LeadClockContext> => {
  const settings = await loadIntakeSettings(db, organizationId);
  if (!settings) throw notFound("The organization");
  return { now, calendar: organizationWorkCalendar(settings), slaMinutes: settings.reassignAfterMinutes };
};

const unknownSource = () =>
  new AppError("validation_failed", "No such lead source", {
    errors: [{ field: "sourceId", code: "unknown_source", message: "Pick one of GET /api/v1/lead-sources" }],
  });

export const leadsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.removeContentTypeParser("application/json");
    app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
      const text = typeof body === "string" ? body : body.toString("utf8");
      rawBodies.set(request, text);
      if (text.trim() === "") {
        done(Object.assign(new Error("The body is empty"), { code: "FST_ERR_CTP_EMPTY_JSON_BODY", statusCode: 400 }), undefined);
        return;
      }
      try {
        done(null, JSON.parse(text));
      } catch (error) {
        done(Object.assign(new Error(error instanceof Error ? error.message : "Invalid JSON"), { code: "FST_ERR_CTP_INVALID_JSON_BODY", statusCode: 400 }), undefined);
      }
    });

    app.post(
      "",
      {
        schema: {
          tags,
          summary:
            "Take a lead (M5.5): with an API token (name the source in sourceId), the session (typed in by a person), or signed by " +
            "a webhook source (X-Conveyor-Source, X-Conveyor-Timestamp, X-Conveyor-Signature: sha256=HMAC of \"<timestamp>.<body>\"). " +
            "Idempotency-Key or externalId makes a retry safe: 201 for a new lead, 200 with duplicate=true for one already taken. " +
            "The answer comes only after the lead, its client, deal and assignment are committed.",
          headers: intakeHeaders,
          body: leadInputSchema,
          response: { 200: leadReceiptSchema, 201: leadReceiptSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { db } = context.database;
        const headers = request.headers;
        const signed = headers["x-conveyor-signature"] !== undefined || headers["x-conveyor-source"] !== undefined;
        let source: SourceRow | undefined;
        let actorId: string | null = null;
        if (signed) {
          const key = request.headers["x-conveyor-source"];
          source = typeof key === "string" ? await cachedSource(key, () => findSourceByPublicKey(db, key)) : undefined;
          const check = checkLeadSignature({
            secret: source?.kind === "webhook" ? source.secret : null,
            timestamp: request.headers["x-conveyor-timestamp"],
            signature: request.headers["x-conveyor-signature"],
            rawBody: rawBodies.get(request) ?? "",
            now: context.now(),
          });
          if (!source || !check.ok) throw new AppError("signature_invalid", source ? (check.ok ? "Invalid signature" : check.reason) : "Unknown X-Conveyor-Source");
          if (request.body.sourceId && request.body.sourceId !== source.id) throw unknownSource();
        } else {
          const { viewer } = await authenticate(context, request);
          if (request.body.sourceId) {
            source = await findSourceById(db, viewer.organizationId, request.body.sourceId);
            if (!source) throw unknownSource();
          } else if (viewer.via === "session") {
            await db.transaction((tx) => ensureSystemSources(tx, viewer));
            source = await findSourceOfKind(db, viewer.organizationId, "manual");
            actorId = viewer.userId;
          } else {
            throw new AppError("validation_failed", "Name the lead's source", {
              errors: [{ field: "sourceId", code: "required", message: "An API token names the source: GET /api/v1/lead-sources" }],
            });
          }
          if (viewer.via === "session") actorId = viewer.userId;
        }
        if (!source) throw unknownSource();
        let productGroupId: string | null = null;
        if (request.body.productId) {
          const product = await productGroupOf(db, source.organizationId, request.body.productId);
          if (!product.exists) {
            throw new AppError("validation_failed", "No such product", {
              errors: [{ field: "productId", code: "unknown_product", message: "Pick one of GET /api/v1/products" }],
            });
          }
          productGroupId = product.groupId;
        }
        const result = await receiveLead(context, {
          organizationId: source.organizationId,
          source: asIntakeSource(source),
          input: request.body,
          idempotencyKey: request.headers["idempotency-key"] ?? null,
          ip: request.ip,
          actorId,
          productGroupId,
        });
        return reply.status(result.duplicate ? 200 : 201).send(result);
      },
    );

    app.get(
      "",
      {
        schema: {
          tags,
          summary: "The lead queue within the viewer's scope: unassigned, waiting (SLA running), escalated, touched",
          querystring: listLeadsQuerySchema,
          response: { 200: leadPageSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { db } = context.database;
        const { limit, cursor, queue, sourceId, assignee } = request.query;
        const after = decodeCursor(cursor, (value) =>
          typeof value === "object" && value !== null && "receivedAt" in value && "id" in value &&
          typeof value.receivedAt === "string" && typeof value.id === "string"
            ? { receivedAt: value.receivedAt, id: value.id }
            : undefined,
        );
        const assigneeId = assignee === "me" ? viewer.userId : assignee;
        const [rows, counts, clock] = await Promise.all([
          listLeads(db, viewer, { queue, sourceId, assigneeId }, { limit: limit + 1, after }),
          countLeadQueues(db, viewer, { sourceId, assigneeId }),
          clockContext(db, viewer.organizationId, context.now()),
        ]);
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        const total = queue === "all" ? counts.unassigned + counts.waiting + counts.escalated + counts.touched : counts[queue];
        return {
          items: page.map((row) => presentClockedLead(row, clock)),
          nextCursor: rows.length > limit && last ? encodeCursor({ receivedAt: last.receivedAt.toISOString(), id: last.id }) : null,
          total,
          counts,
        };
      },
    );

    app.get(
      "/speed",
      {
        schema: {
          tags,
          summary: "Speed to lead (M5.5) per seller and per source: business minutes to the first call, email or meeting",
          querystring: speedQuerySchema,
          response: { 200: speedReportSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { db } = context.database;
        const intake = await loadIntakeContext(db, viewer.organizationId);
        if (!intake) throw notFound("The organization");
        const { from, to } = request.query;
        if (to < from) {
          throw new AppError("validation_failed", "The period ends before it starts", {
            errors: [{ field: "query.to", code: "before_from", message: "Pick an end on or after the start" }],
          });
        }
        const start = dayBounds(new Date(`${from}T12:00:00Z`), intake.timeZone).start;
        const end = dayBounds(new Date(`${to}T12:00:00Z`), intake.timeZone).end;
        const report = await speedToLead(db, viewer, { from: start, to: end, slaMinutes: intake.reassignAfterMinutes });
        return { ...report, slaMinutes: intake.reassignAfterMinutes };
      },
    );

    app.get(
      "/:id",
      { schema: { tags, summary: "One lead, with its clocks in business minutes", params: idParamsSchema, response: { 200: clockedLeadSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { db } = context.database;
        const lead = await findLead(db, viewer, request.params.id);
        if (!lead) throw notFound("The lead");
        return presentClockedLead(lead, await clockContext(db, viewer.organizationId, context.now()));
      },
    );

    app.get(
      "/:id/assignments",
      {
        schema: {
          tags,
          summary: "Who held the lead, in order: its distribution, each reassignment by the SLA and each hand-over by a person",
          params: idParamsSchema,
          response: { 200: leadAssignmentListSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { db } = context.database;
        const lead = await findLead(db, viewer, request.params.id);
        if (!lead) throw notFound("The lead");
        const rows = await listLeadAssignments(db, viewer.organizationId, lead.id);
        return { items: rows.map(presentLeadAssignment) };
      },
    );

    app.post(
      "/:id/assign",
      {
        schema: {
          tags,
          summary: "Give a lead to a seller by hand (heads of sales; team leads within their team); its timers start again",
          params: idParamsSchema,
          body: assignLeadSchema,
          response: { 200: leadSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: ["admin", "head_of_sales", "team_lead"] });
        return presentLead(await assignLeadByHand(context, viewer, request.params.id, request.body.userId));
      },
    );
  };
