import {
  activitySchema,
  companyCardSchema,
  companyCountSchema,
  companyFacetsSchema,
  countCompaniesQuerySchema,
  companyPageSchema,
  companySchema,
  contactListSchema,
  contactSchema,
  createActivitySchema,
  createCompanySchema,
  exportCompaniesQuerySchema,
  createContactSchema,
  idParamsSchema,
  listCompaniesQuerySchema,
  idSchema,
  problemSchema,
  timelinePageSchema,
  timelineQuerySchema,
  updateCompanySchema,
  customFiltersOf,
  withCustomFilters,
} from "@conveyor/contracts";
import { searchPattern } from "@conveyor/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createCompany } from "../../../commands/create-company";
import { resolveCompanyCustomFilter } from "../../../commands/custom-values";
import { companiesExportPlan } from "../../../commands/export-control-builders";
import { assertMayExport, runControlledExport } from "../../../commands/export-control-gate";
import { sendExportFile } from "../exports/export-file";
import { logActivity } from "../../../commands/log-activity";
import { addContact } from "../../../commands/manage-contacts";
import { updateCompany } from "../../../commands/update-company";
import type { AppContext } from "../../../context";
import { notFound } from "../../../http/app-error";
import { authenticate } from "../../../http/authenticate";
import { decodeCursor, encodeCursor } from "../../../http/cursor";
import { presentActivity, presentCompany, presentContact, presentTask, presentTimelineEntry } from "../../../presenters/crm.presenter";
import { companyFacets, countCompanies, cursorKeyOf, findCompany, listCompanies } from "../../../repositories/company.repository";
import { productFacet } from "../../../repositories/company-product.repository";
import { listCompanyContacts } from "../../../repositories/contact.repository";
import { openTasksOfCompany, tasksByIds } from "../../../repositories/task.repository";
import { activitiesByIds, attachmentsOfEmails, findCompanyAttachment, listTimeline, type TimelineAttachment } from "../../../repositories/timeline.repository";

const tags = ["clients"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

export const companiesRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      {
        schema: {
          tags,
          summary: "Clients the viewer may see: filter, search (name, legal id, contact phone or email), sort, page",
          querystring: withCustomFilters(listCompaniesQuerySchema),
          response: { 200: companyPageSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { limit, cursor, sort, order, q, ...filter } = request.query;
        const custom = await resolveCompanyCustomFilter(context.database.db, viewer, customFiltersOf(request.query));
        const after = decodeCursor(cursor, (value) =>
          isRecord(value) && typeof value["id"] === "string" && (typeof value["key"] === "string" || value["key"] === null)
            ? {
                key: value["key"],
                id: value["id"],
                total: typeof value["total"] === "number" ? { total: value["total"], exact: value["exact"] !== false } : undefined,
              }
            : undefined,
        );
        const query = q ? searchPattern(q) : undefined;
        const { rows, total, totalExact } = await listCompanies(
          context.database.db,
          viewer,
          { ...filter, q: query || undefined, custom },
          { by: sort, order },
          { limit: limit + 1, after, knownTotal: after?.total },
        );
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        return {
          items: page.map(presentCompany),
          nextCursor: rows.length > limit && last ? encodeCursor({ key: cursorKeyOf(last, sort), id: last.id, total, exact: totalExact }) : null,
          total,
          totalExact,
        };
      },
    );

    app.get(
      "/count",
      {
        schema: {
          tags,
          summary: "The exact number of clients the list's filters match (the list says 'more than' when counting would slow it down)",
          querystring: withCustomFilters(countCompaniesQuerySchema),
          response: { 200: companyCountSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { q, ...filter } = request.query;
        const custom = await resolveCompanyCustomFilter(context.database.db, viewer, customFiltersOf(request.query));
        const query = q ? searchPattern(q) : undefined;
        return { total: await countCompanies(context.database.db, viewer, { ...filter, q: query || undefined, custom }) };
      },
    );

    app.get(
      "/facets",
      {
        schema: {
          tags,
          summary: "Counts of visible clients per status, temperature, level, region, industry, audience, channel, owner, product",
          response: { 200: companyFacetsSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { db } = context.database;
        const [facets, product] = await Promise.all([companyFacets(db, viewer), productFacet(db, viewer)]);
        return { ...facets, product };
      },
    );

    app.get(
      "/export",
      {
        schema: {
          tags,
          summary: "The client list with the same filters as XLSX or CSV, watermarked and logged (roles allowed in the export settings; past the approval threshold, ask for approval; at most 50,000 rows)",
          querystring: withCustomFilters(exportCompaniesQuerySchema),
          // A file, not JSON: no response schema (errors are problem+json as everywhere).
          produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"],
        },
      },
      async (request, reply) => {
        // [anti-leak] permission, approval threshold, watermark and log: commands/export-control-gate.ts.
        const { viewer } = await authenticate(context, request);
        await assertMayExport(context.database.db, viewer);
        const file = await runControlledExport(context, viewer, await companiesExportPlan(context, viewer, request.query), { ip: request.ip });
        request.log.info({ export: "companies", rows: file.rows, format: request.query.format }, "export");
        return sendExportFile(reply, file);
      },
    );

    app.post(
      "",
      { schema: { tags, summary: "Add a client", body: createCompanySchema, response: { 201: companySchema, ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.status(201).send(presentCompany(await createCompany(context, viewer, request.body)));
      },
    );

    app.get(
      "/:id",
      {
        schema: {
          tags,
          summary: "The client card: the client, its contacts and open tasks",
          params: idParamsSchema,
          response: { 200: companyCardSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { db } = context.database;
        const company = await findCompany(db, viewer, request.params.id);
        if (!company) throw notFound("The client");
        const [contacts, openTasks] = await Promise.all([
          listCompanyContacts(db, viewer, company.id),
          openTasksOfCompany(db, viewer, company.id),
        ]);
        const now = context.now();
        return {
          company: presentCompany(company),
          contacts: contacts.map(presentContact),
          openTasks: openTasks.map((t) => presentTask(t, now)),
        };
      },
    );

    app.patch(
      "/:id",
      {
        schema: {
          tags,
          summary: "Change a client; every change lands in its timeline",
          params: idParamsSchema,
          body: updateCompanySchema,
          response: { 200: companySchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return presentCompany(await updateCompany(context, viewer, request.params.id, request.body));
      },
    );

    app.get(
      "/:id/contacts",
      { schema: { tags, summary: "The client's contacts", params: idParamsSchema, response: { 200: contactListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { db } = context.database;
        if (!(await findCompany(db, viewer, request.params.id))) throw notFound("The client");
        return { items: (await listCompanyContacts(db, viewer, request.params.id)).map(presentContact) };
      },
    );

    app.post(
      "/:id/contacts",
      {
        schema: {
          tags,
          summary: "Add a contact person; phones are stored as E.164",
          params: idParamsSchema,
          body: createContactSchema,
          response: { 201: contactSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.status(201).send(presentContact(await addContact(context, viewer, request.params.id, request.body)));
      },
    );

    app.post(
      "/:id/activities",
      {
        schema: {
          tags,
          summary: "Log a call, meeting, email, proposal or note on the client",
          params: idParamsSchema,
          body: createActivitySchema,
          response: { 201: activitySchema, ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.status(201).send(presentActivity(await logActivity(context, viewer, request.params.id, request.body)));
      },
    );

    app.get(
      "/:id/timeline",
      {
        schema: {
          tags,
          summary: "Everything that happened with the client, newest first",
          params: idParamsSchema,
          querystring: timelineQuerySchema,
          response: { 200: timelinePageSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const { db } = context.database;
        if (!(await findCompany(db, viewer, request.params.id))) throw notFound("The client");
        const { limit, cursor } = request.query;
        const after = decodeCursor(cursor, (value) =>
          isRecord(value) && typeof value["at"] === "string" && typeof value["seq"] === "number"
            ? { at: value["at"], seq: value["seq"] }
            : undefined,
        );
        const rows = await listTimeline(db, viewer, request.params.id, { limit: limit + 1, after });
        const page = rows.slice(0, limit);
        const activityIds = page.flatMap((r) => (r.activityId ? [r.activityId] : []));
        const taskIds = [...new Set(page.flatMap((r) => (r.taskId ? [r.taskId] : [])))];
        const activities = new Map((await activitiesByIds(db, viewer, activityIds)).map((a) => [a.id, a]));
        const tasks = new Map((await tasksByIds(db, viewer, taskIds)).map((t) => [t.id, t]));
        const emailIds = page.flatMap((r) => (r.inboundEmailId ? [r.inboundEmailId] : []));
        const attachments = new Map<string, TimelineAttachment[]>();
        for (const a of await attachmentsOfEmails(db, viewer, emailIds)) attachments.set(a.emailId, [...(attachments.get(a.emailId) ?? []), a]);
        const now = context.now();
        const last = page.at(-1);
        return {
          items: page.map((row) => presentTimelineEntry(row, { activities, tasks, attachments }, now)),
          nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at.toISOString(), seq: last.seq }) : null,
        };
      },
    );

    app.get(
      "/:id/attachments/:attachmentId",
      {
        schema: {
          tags,
          summary: "A file a client sent by email (an attachment in the client's history)",
          params: z.strictObject({ id: idSchema, attachmentId: idSchema }),
          // A file, not JSON: no response schema (errors are problem+json as everywhere).
          produces: ["application/octet-stream"],
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        const { db } = context.database;
        if (!(await findCompany(db, viewer, request.params.id))) throw notFound("The client");
        const file = await findCompanyAttachment(db, viewer, request.params.id, request.params.attachmentId);
        if (!file) throw notFound("The attachment");
        const safeName = file.filename.replace(/["\\\r\n]/g, "_");
        return reply
          .header("content-type", file.contentType || "application/octet-stream")
          .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(safeName)}`)
          .header("x-content-type-options", "nosniff")
          .send(file.content);
      },
    );
};
