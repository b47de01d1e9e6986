import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { AppContext } from "../context";
import { apiTokensRoutes } from "../routes/api/api-tokens/api-tokens.routes";
import { authRoutes } from "../routes/api/auth/auth.routes";
import { healthRoutes } from "../routes/api/health/health.routes";
import { meRoutes } from "../routes/api/me/me.routes";
import { organizationRoutes } from "../routes/api/organization/organization.routes";
import { usersRoutes } from "../routes/api/users/users.routes";
import { companiesRoutes } from "../routes/api/companies/companies.routes";
import { contactsRoutes } from "../routes/api/contacts/contacts.routes";
import { peopleRoutes } from "../routes/api/people/people.routes";
import { tasksRoutes } from "../routes/api/tasks/tasks.routes";
import { dealsRoutes } from "../routes/api/deals/deals.routes";
import { pipelinesRoutes } from "../routes/api/pipelines/pipelines.routes";
import { ordersRoutes } from "../routes/api/orders/orders.routes";
import { productsRoutes } from "../routes/api/products/products.routes";
import { importsRoutes } from "../routes/api/imports/imports.routes";
import { createImportRunner, type ImportRunner } from "../imports/import-runner";
import { customFieldsRoutes } from "../routes/api/custom-fields/custom-fields.routes";
import { savedViewsRoutes } from "../routes/api/saved-views/saved-views.routes";
import { remindersRoutes } from "../routes/api/reminders/reminders.routes";
import { searchRoutes } from "../routes/api/search/search.routes";
import { conveyorRoutes } from "../routes/api/conveyor/conveyor.routes";
import { departmentsRoutes } from "../routes/api/departments/departments.routes";
import { teamsRoutes } from "../routes/api/teams/teams.routes";
import { notificationsRoutes } from "../routes/api/notifications/notifications.routes";
import { companyHandoverRoutes } from "../routes/api/companies/company-handover.routes";
import { createConveyorSweeper } from "../jobs/conveyor-sweeper";
import { leadsRoutes } from "../routes/api/leads/leads.routes";
import { createLeadSlaTimer } from "../jobs/lead-sla";
import { createMailboxPoller } from "../jobs/lead-mailboxes";
import { leadSourcesRoutes } from "../routes/api/lead-sources/lead-sources.routes";
import { routingRulesRoutes } from "../routes/api/routing-rules/routing-rules.routes";
import { leadAvailabilityRoutes } from "../routes/api/lead-availability/lead-availability.routes";
import { redistributionsRoutes } from "../routes/api/redistributions/redistributions.routes";
import { publicFormsRoutes } from "../routes/public/forms.routes";
import { kpiRoutes } from "../routes/api/kpi/kpi.routes";
import { plansRoutes } from "../routes/api/plans/plans.routes";
import { calendarRoutes } from "../routes/api/calendar/calendar.routes";
import { reviewRoutes } from "../routes/api/review/review.routes";
import { payRoutes } from "../routes/api/pay/pay.routes";
import { auditRoutes } from "../routes/api/audit/audit.routes";
import { securitySettingsRoutes } from "../routes/api/sessions/security-settings.routes";
import { sessionsRoutes } from "../routes/api/sessions/sessions.routes";
import { twoFactorRoutes } from "../routes/api/sessions/two-factor.routes";
import { twoFactorSignInRoutes } from "../routes/api/sessions/two-factor-sign-in.routes";
import { createReviewSweeper } from "../jobs/review-sweeper";
import { exportsRoutes } from "../routes/api/exports/exports.routes";
import { offboardingRoutes } from "../routes/api/offboarding/offboarding.routes";
import { revealsRoutes } from "../routes/api/reveals/reveals.routes";
import { bulkReadGuardHook } from "../security/bulk-read-guard";
import { maskingHook } from "../security/masking";
import { rejectNulCharacters } from "./nul-guard";
import { handleError, problemFor, sendProblem } from "./problem";

export type BuildAppOptions = {
  context: AppContext;
  /** A pino logger; omitted means silent (tests). */
  logger?: FastifyBaseLogger;
  /** The built web app (packages/web/dist); omitted or missing means API only. */
  webDistDir?: string;
  trustProxy?: FastifyServerOptions["trustProxy"];
  /** Run the background schedules — the nightly conveyor sweep, the lead SLA timer, the mailboxes (the server does; tests call them themselves). */
  scheduleSweep?: boolean;
};

/** A served route and the schemas it validates its input with (the fuzz test feeds them invalid input). */
export type RouteEntry = { method: string; url: string; input: { params?: unknown; querystring?: unknown; body?: unknown } };

declare module "fastify" {
  // Module augmentation can only merge into an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyInstance {
    /** Every route the app serves; the scope test checks each /api/v1 route is in its matrix. */
    routeTable: RouteEntry[];
    /** The background import runner (tests and the benchmark wait on it). */
    imports: ImportRunner;
  }
}

export const bodyLimitBytes = 1024 * 1024;

/** Never log credentials: cookies, tokens, CSRF tokens, passwords. */
export const logRedactPaths = [
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  "*.password",
  "*.currentPassword",
  "*.newPassword",
  "*.temporaryPassword",
  "*.token",
];

const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Mantine sets inline style attributes and injects its CSS variables at run time.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

export const buildApp = async (options: BuildAppOptions): Promise<FastifyInstance> => {
  const { context } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: bodyLimitBytes,
    trustProxy: options.trustProxy ?? false,
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    forceCloseConnections: "idle",
    ajv: { customOptions: { removeAdditional: false } },
    // Errors the router raises before any route (an over-long parameter, a malformed URL) answer problem+json too.
    frameworkErrors: handleError,
  }).withTypeProvider<ZodTypeProvider>();

  const routeTable: RouteEntry[] = [];
  app.decorate("routeTable", routeTable);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const input = { params: route.schema?.params, querystring: route.schema?.querystring, body: route.schema?.body };
    for (const method of methods) if (method !== "HEAD") routeTable.push({ method, url: route.url, input });
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook("preValidation", rejectNulCharacters);
  // While draining, answer with "Connection: close" so kept-alive sockets end with their
  // last response instead of holding shutdown until the keep-alive timeout (72 s).
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    if (closing) reply.header("connection", "close");
  });
  // [anti-leak] client phones and emails masked for roles without "reveal"; the bulk-read guard (security/).
  app.addHook("preSerialization", maskingHook(context));
  app.addHook("preSerialization", bulkReadGuardHook(context));

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy,
    // Browsers ignore HSTS over plain HTTP; behind HTTPS it is what we want.
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
    crossOriginEmbedderPolicy: false,
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Conveyor API",
        version: context.version,
        description:
          "REST API of Conveyor. JSON; cursor pagination (`limit` ≤ 100, `cursor` from `nextCursor`); errors are " +
          "RFC 9457 problem+json with a stable `code` and, for validation, the fields at fault in `errors`. " +
          "Authenticate with the session cookie (browser; writes need the `X-CSRF-Token` header) or " +
          "`Authorization: Bearer cvr_…` (API tokens, created by an admin in Settings).",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "conveyor_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: false });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes(context), { prefix: "/api" });
  await app.register(authRoutes(context), { prefix: "/api/v1/auth" });
  await app.register(meRoutes(context), { prefix: "/api/v1/me" });
  await app.register(sessionsRoutes(context), { prefix: "/api/v1/me/sessions" });
  await app.register(twoFactorRoutes(context), { prefix: "/api/v1/me/two-factor" });
  await app.register(twoFactorSignInRoutes(context), { prefix: "/api/v1/auth/two-factor" });
  await app.register(securitySettingsRoutes(context), { prefix: "/api/v1/organization/security" });
  await app.register(auditRoutes(context), { prefix: "/api/v1/audit" });
  await app.register(organizationRoutes(context), { prefix: "/api/v1/organization" });
  await app.register(usersRoutes(context), { prefix: "/api/v1/users" });
  await app.register(apiTokensRoutes(context), { prefix: "/api/v1/api-tokens" });
  await app.register(peopleRoutes(context), { prefix: "/api/v1/people" });
  await app.register(companiesRoutes(context), { prefix: "/api/v1/companies" });
  await app.register(companyHandoverRoutes(context), { prefix: "/api/v1/companies" });
  await app.register(contactsRoutes(context), { prefix: "/api/v1/contacts" });
  await app.register(tasksRoutes(context), { prefix: "/api/v1/tasks" });
  await app.register(pipelinesRoutes(context), { prefix: "/api/v1/pipelines" });
  await app.register(dealsRoutes(context), { prefix: "/api/v1/deals" });
  await app.register(productsRoutes(context), { prefix: "/api/v1" });
  await app.register(kpiRoutes(context), { prefix: "/api/v1/kpi" });
  await app.register(plansRoutes(context), { prefix: "/api/v1/plans" });
  await app.register(calendarRoutes(context), { prefix: "/api/v1/calendar" });
  await app.register(ordersRoutes(context), { prefix: "/api/v1" });
  const imports = createImportRunner(context, options.logger);
  app.addHook("onReady", imports.resume);
  app.addHook("preClose", imports.stop);
  app.decorate("imports", imports);
  await app.register(importsRoutes(context, imports), { prefix: "/api/v1/imports" });
  await app.register(customFieldsRoutes(context), { prefix: "/api/v1/custom-fields" });
  await app.register(savedViewsRoutes(context), { prefix: "/api/v1/saved-views" });
  await app.register(searchRoutes(context), { prefix: "/api/v1/search" });
  await app.register(conveyorRoutes(context), { prefix: "/api/v1/conveyor" });
  if (options.scheduleSweep) {
    const sweeper = createConveyorSweeper(context, options.logger);
    app.addHook("onReady", async () => sweeper.start());
    app.addHook("preClose", sweeper.stop);
    // Speed to lead (M5.5): reminders, reassignments and escalations every few seconds.
    const slaTimer = createLeadSlaTimer(context, options.logger);
    app.addHook("onReady", async () => slaTimer.start());
    app.addHook("preClose", slaTimer.stop);
    const mailboxes = createMailboxPoller(context, options.logger);
    app.addHook("onReady", async () => mailboxes.start());
    app.addHook("preClose", mailboxes.stop);
    // [daily-review] the evening sweep and the cadence reminders (M2.5).
    const reviewSweeper = createReviewSweeper(context, options.logger);
    app.addHook("onReady", async () => reviewSweeper.start());
    app.addHook("preClose", reviewSweeper.stop);
  }
  await app.register(departmentsRoutes(context), { prefix: "/api/v1/departments" });
  await app.register(teamsRoutes(context), { prefix: "/api/v1/teams" });
  await app.register(notificationsRoutes(context), { prefix: "/api/v1/me/notifications" });
  await app.register(remindersRoutes(context), { prefix: "/api/v1" });
  // [lead-intake] (M5.5)
  await app.register(leadsRoutes(context), { prefix: "/api/v1/leads" });
  await app.register(leadSourcesRoutes(context), { prefix: "/api/v1/lead-sources" });
  await app.register(routingRulesRoutes(context), { prefix: "/api/v1/routing-rules" });
  await app.register(leadAvailabilityRoutes(context), { prefix: "/api/v1" });
  await app.register(redistributionsRoutes(context), { prefix: "/api/v1/redistributions" });
  // [daily-review] (M2)
  await app.register(reviewRoutes(context), { prefix: "/api/v1/review" });
  // [pay] (M1.6, M3.2, M5.10, M5.14)
  await app.register(payRoutes(context), { prefix: "/api/v1/pay" });
  // [anti-leak] export control, reveals, offboarding (#9)
  await app.register(exportsRoutes(context), { prefix: "/api/v1/exports" });
  await app.register(revealsRoutes(context), { prefix: "/api/v1/reveals" });
  await app.register(offboardingRoutes(context), { prefix: "/api/v1/offboarding" });
  // The hosted form page (/f/:key), its snippet (/embed/form.js) and the public submission API.
  await app.register(publicFormsRoutes(context));

  const webDistDir = options.webDistDir;
  const serveWeb = webDistDir !== undefined && existsSync(join(webDistDir, "index.html"));
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: webDistDir,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (res, path) => {
        // Vite fingerprints everything under assets/; index.html must always be fresh.
        res.setHeader("cache-control", path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    const wantsPage = request.method === "GET" || request.method === "HEAD";
    if (serveWeb && wantsPage && !path.startsWith("/api/") && path !== "/api") {
      // The web app routes on the client: every other page is index.html.
      return reply.sendFile("index.html", { cacheControl: false }).header("cache-control", "no-cache");
    }
    return sendProblem(
      reply,
      problemFor("not_found", `No route ${request.method} ${path}`, { requestId: String(request.id), instance: path }),
    );
  });

  return app;
};
