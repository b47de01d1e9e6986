import { createHash } from "node:crypto";
import { csrfHeader, sessionCookie } from "@conveyor/contracts";
import fc from "fast-check";
import { pino } from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { RouteEntry } from "../src/http/app";
import {
  asQueryValue,
  badParamArb,
  badValue,
  brokenJsonArb,
  deepValue,
  describeSchema,
  encodeComponent,
  hugeBody,
  nastyString,
  plausible,
  unknownKeyArb,
  wrongContentTypeArb,
  type KnownIds,
  type Node,
} from "./fuzz-inputs";
import { buildOrganization, buildUser, signedIn, type TestClient, useTestApp } from "./harness";

// FUZZ_LOG=<file> writes the server's error log there, to see what a server error was.
const logFile = process.env["FUZZ_LOG"];
const test = useTestApp(logFile ? { build: { logger: pino({ level: "error" }, pino.destination(logFile)) } } : {});

/*
 * [anti-leak] #9: every route family is fed at least `perFamily` generated invalid inputs (wrong types,
 * missing and unknown fields, huge strings, deep JSON, control characters, bad ids, bad query strings,
 * broken JSON, wrong content types; signed in, signed out, with a bad CSRF token). No answer may be a
 * server error, every 4xx is problem+json with a code, and no body shows a stack trace or SQL.
 * Inputs come from fast-check with a fixed seed, so a failure reproduces.
 */
const perFamily = Number(process.env["FUZZ_PER_FAMILY"] ?? 10_000);
const seed = Number(process.env["FUZZ_SEED"] ?? 9);
const inFlight = 4;
const handlerRuns = Number(process.env["FUZZ_HANDLER_RUNS"] ?? 4);

/** Route families: the first path segment after /api/v1, with small neighbours merged. */
const familyBySegment: Record<string, string> = {
  auth: "security",
  me: "security",
  "api-tokens": "security",
  audit: "security",
  "organization/security": "security",
  "me/notifications": "tasks",
  "me/reminders": "tasks",
  tasks: "tasks",
  organization: "organization",
  departments: "organization",
  teams: "organization",
  calendar: "organization",
  "custom-fields": "organization",
  "saved-views": "organization",
  people: "organization",
  users: "users",
  offboarding: "users",
  companies: "companies",
  contacts: "companies",
  search: "companies",
  reveals: "companies",
  deals: "deals",
  pipelines: "deals",
  products: "deals",
  "product-groups": "deals",
  orders: "deals",
  imports: "imports",
  conveyor: "conveyor",
  redistributions: "conveyor",
  leads: "leads",
  "lead-sources": "leads",
  "routing-rules": "leads",
  "lead-availability": "leads",
  absences: "leads",
  "lead-settings": "leads",
  kpi: "kpi",
  plans: "kpi",
  review: "review",
  pay: "pay",
  exports: "exports",
};

const familyOf = (url: string): string | undefined => {
  if (url.startsWith("/api/public/") || url.startsWith("/f/") || url.startsWith("/embed/")) return "public";
  const match = /^\/api\/v1\/([^/]+)(?:\/([^/:]+))?/.exec(url);
  if (!match?.[1]) return undefined;
  const two = `${match[1]}/${match[2] ?? ""}`;
  const family = familyBySegment[two] ?? familyBySegment[match[1]];
  if (family === undefined) throw new Error(`No fuzz family for ${url}: add its first segment to familyBySegment`);
  return family;
};

// Routes that end or change the caller's own sessions run as a second, expendable admin.
// Sign-in steps: what passes validation verifies a password or a code (slow by design) whoever sends it.
const open = /^\/api\/v1\/auth\/(sign-in|two-factor$)/;
const expendable = /^\/api\/v1\/(auth\/|me\/sessions|me\/two-factor)/;

type Auth = "admin" | "none" | "bad-cookie" | "bad-csrf";
/** `reaches`: the input passes parsing and the route's schemas, so the handler (and the database) sees it. */
type FuzzRequest = { mutation: string; method: string; url: string; payload?: string; contentType?: string; auth: Auth; reaches: boolean };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const schemaOf = (value: unknown): z.ZodType | undefined => (value instanceof z.ZodType ? value : undefined);

const fillPath = (template: string, params: Record<string, string>): string =>
  template.replace(/:([A-Za-z]+)/g, (_, name: string) => params[name] ?? "x");

const queryOf = (query: Record<string, string | string[]>): string => {
  const pairs = Object.entries(query).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => `${encodeComponent(key)}=${encodeComponent(v)}`),
  );
  return pairs.length > 0 ? `?${pairs.join("&")}` : "";
};

const stringRecord = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(typeof value === "object" && value !== null ? value : {}).map(([k, v]) => [k, asQueryValue(v)]));

const rawQueryArb = fc.constantFrom(
  "?%",
  "?%zz=1",
  "?a=%E0%A4%A",
  "?&&&==&=",
  "?limit=1&limit=2",
  "?limit[]=1",
  "?__proto__[admin]=1",
  "?constructor[prototype][admin]=1",
  `?q=${"x".repeat(5_000)}`,
  `?${"a=1&".repeat(2_000)}`,
  "?cursor=eyJhIjoxfQ",
  "?cursor=%00%00",
  "?cursor=" + encodeURIComponent("!!not-base64!!"),
  "?cursor=" + Buffer.from('{"amountMinor":"x","id":1}').toString("base64url"),
  "?cursor=" + Buffer.from("[1,2,3]").toString("base64url"),
  "?cursor=" + Buffer.from("null").toString("base64url"),
  "?q=%00",
  "?q=%F0%9F%98%80%E2%80%AE",
);

/** The invalid requests of one route, derived from its schemas. */
const requestsOf = (route: RouteEntry, ids: KnownIds, idParam: string | undefined): fc.Arbitrary<FuzzRequest> => {
  const paramsSchema = schemaOf(route.input.params);
  const querySchema = schemaOf(route.input.querystring);
  const bodySchema = schemaOf(route.input.body);
  const paramsNode = paramsSchema ? describeSchema(paramsSchema) : undefined;
  const queryNode = querySchema ? describeSchema(querySchema) : undefined;
  const bodyNode = bodySchema ? describeSchema(bodySchema) : undefined;
  const paramIds = idParam ? { ...ids, id: idParam } : ids;
  const baseParams = stringRecord(paramsNode ? plausible(paramsNode, "", paramIds) : {});
  const baseQuery = stringRecord(queryNode ? plausible(queryNode, "", ids) : {});
  const baseBody = bodyNode ? plausible(bodyNode, "", ids) : undefined;
  const hasBody = route.method !== "GET" && route.method !== "OPTIONS";

  const ownParsers = /^\/api\/(v1\/imports|v1\/exports\/trace|public\/)/.test(route.url);
  const make = (mutation: string, parts: { params?: Record<string, string>; query?: string; body?: unknown; payload?: string; contentType?: string }) => {
    const params = parts.params ?? baseParams;
    const query = parts.query ?? queryOf(baseQuery);
    const payload = parts.payload ?? (parts.body !== undefined ? JSON.stringify(parts.body) : baseBody !== undefined && hasBody ? JSON.stringify(baseBody) : undefined);
    const request: Omit<FuzzRequest, "auth"> = { mutation, method: route.method, url: fillPath(route.url, params) + query, reaches: false };
    if (payload !== undefined && hasBody) {
      request.payload = payload;
      request.contentType = parts.contentType ?? "application/json";
    }
    request.reaches = passes(params, query, request.payload, request.contentType);
    return request;
  };
  // The server's view of the input, as near as the client can tell (fastify decodes, parses, then validates).
  const passes = (params: Record<string, string>, query: string, payload: string | undefined, contentType: string | undefined): boolean => {
    const decoded: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) {
      if (value.length > 100) return false;
      try {
        decoded[key] = decodeURIComponent(value);
      } catch {
        return false;
      }
    }
    if (paramsSchema && !paramsSchema.safeParse(decoded).success) return false;
    const queryValues: Record<string, string | string[]> = {};
    for (const [key, value] of new URLSearchParams(query)) {
      const seen = queryValues[key];
      queryValues[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
    }
    if (querySchema && !querySchema.safeParse(queryValues).success) return false;
    if (payload === undefined) return !bodySchema || bodySchema.safeParse(undefined).success;
    if (payload.length > 1_048_576) return false;
    if (contentType !== "application/json") return ownParsers || !bodySchema;
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return false;
    }
    return !bodySchema || bodySchema.safeParse(body).success;
  };

  const options: { weight: number; arbitrary: fc.Arbitrary<Omit<FuzzRequest, "auth">> }[] = [];
  const fieldsOf = (node: Node | undefined) => (node?.kind === "object" ? node.fields : {});
  const bodyFields = Object.keys(fieldsOf(bodyNode));
  const baseObject: Record<string, unknown> = isRecord(baseBody) ? baseBody : {};
  if (bodyNode && hasBody) {
    if (bodyFields.length > 0) {
      options.push({
        weight: 8,
        arbitrary: fc.constantFrom(...bodyFields).chain((key) => {
          const field = fieldsOf(bodyNode)[key];
          return (field ? badValue(field.node) : nastyString).map((value) => make(`body.${key}`, { body: { ...baseObject, [key]: value } }));
        }),
      });
      const required = bodyFields.filter((key) => fieldsOf(bodyNode)[key]?.required);
      if (required.length > 0) {
        options.push({
          weight: 1,
          arbitrary: fc.constantFrom(...required).map((key) => {
            const { [key]: _dropped, ...rest } = baseObject;
            return make(`body.${key} missing`, { body: rest });
          }),
        });
      }
    } else {
      options.push({ weight: 8, arbitrary: badValue(bodyNode).map((value) => make("body", { body: value })) });
    }
    options.push({
      weight: 1,
      arbitrary: fc.tuple(unknownKeyArb, fc.oneof(nastyString, deepValue)).map(([key, value]) => make(`body unknown ${key.slice(0, 20)}`, { body: { ...baseObject, [key]: value } })),
    });
    options.push({
      weight: 1,
      arbitrary: fc.oneof(deepValue, nastyString, fc.constantFrom<unknown>(null, [], 0, true, [baseBody])).map((value) => make("body shape", { body: value })),
    });
  }
  if (hasBody) {
    options.push({ weight: 1, arbitrary: brokenJsonArb.map((payload) => make("broken json", { payload })) });
    options.push({
      weight: 1,
      arbitrary: fc.tuple(wrongContentTypeArb, fc.constantFrom("a=1&b=2", "<x/>", "--fuzz\r\n\r\n--fuzz--", JSON.stringify(baseBody ?? {}), "\u0000\u0001"))
        .map(([contentType, payload]) => make(`content-type ${contentType}`, { payload, contentType })),
    });
    options.push({ weight: 1, arbitrary: fc.constant(make("huge body", { payload: hugeBody })) });
  }
  const paramKeys = Object.keys(fieldsOf(paramsNode));
  if (paramKeys.length > 0) {
    options.push({
      weight: 4,
      arbitrary: fc.tuple(fc.constantFrom(...paramKeys), badParamArb).map(([key, value]) => make(`param ${key}`, { params: { ...baseParams, [key]: value } })),
    });
  }
  const queryKeys = Object.keys(fieldsOf(queryNode));
  if (queryKeys.length > 0) {
    options.push({
      weight: 4,
      arbitrary: fc.constantFrom(...queryKeys).chain((key) => {
        const field = fieldsOf(queryNode)[key];
        return (field ? badValue(field.node) : nastyString).map((value) => make(`query.${key}`, { query: queryOf({ ...baseQuery, [key]: asQueryValue(value) }) }));
      }),
    });
    options.push({
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...queryKeys), nastyString).map(([key, value]) => make(`query.${key} repeated`, { query: queryOf({ ...baseQuery, [key]: [value, value] }) })),
    });
    options.push({
      weight: 1,
      arbitrary: fc.tuple(unknownKeyArb, nastyString).map(([key, value]) => make(`query unknown ${key.slice(0, 20)}`, { query: queryOf({ ...baseQuery, [key]: value }) })),
    });
  }
  options.push({ weight: 1, arbitrary: rawQueryArb.map((query) => make("raw query", { query })) });

  const writes = route.method !== "GET" && route.method !== "OPTIONS";
  const authArb = fc.oneof(
    { weight: 14, arbitrary: fc.constant<Auth>("admin") },
    { weight: 3, arbitrary: fc.constant<Auth>("none") },
    { weight: 1, arbitrary: fc.constant<Auth>("bad-cookie") },
    { weight: writes ? 1 : 0, arbitrary: fc.constant<Auth>("bad-csrf") },
  );
  return fc.tuple(fc.oneof(...options), authArb).map(([request, auth]) => ({ ...request, auth }));
};

// ——— the checks ———

const stackTrace = /\n\s+at |^\s+at .+:\d+:\d+|\.ts:\d+|\.js:\d+:\d+|node_modules|\b(?:Type|Reference|Range|Syntax)?Error: [^"]*\\n\s+at /m;
const sqlText =
  /invalid input syntax for|violates (?:foreign key|unique|check|not-null) constraint|duplicate key value|relation "|syntax error at or near|out of range for type|invalid byte sequence|unterminated quoted|SQLSTATE|Failed query|DrizzleQueryError|PGlite|pg_catalog|stack depth limit|value too long for type/i;

type Failure = { route: string; mutation: string; auth: Auth; url: string; status: number; body: string };

/** The API answers problem+json; the hosted form pages (/f/…) and a plain HTML form's urlencoded post answer a page. */
const wantsProblem = (route: RouteEntry, request: FuzzRequest): boolean =>
  route.url.startsWith("/api/") &&
  !(route.url.startsWith("/api/public/forms/") && request.contentType?.startsWith("application/x-www-form-urlencoded"));

/** Why an answer is wrong, if it is. */
const problemIssue = (api: boolean, status: number, contentType: string, raw: string): string | undefined => {
  if (status >= 500) return "server error";
  const text = raw.slice(0, 100_000);
  if (stackTrace.test(text)) return "stack trace";
  if (sqlText.test(text)) return "SQL text";
  if (status < 400 || !api) return undefined;
  if (!contentType.startsWith("application/problem+json")) return `4xx as ${contentType || "no content type"}`;
  try {
    const body: unknown = JSON.parse(raw);
    if (typeof body !== "object" || body === null || !("code" in body) || typeof body.code !== "string") return "problem without code";
  } catch {
    return "problem body is not JSON";
  }
  return undefined;
};

// ——— the fuzz organization ———

type Clients = { admin: TestClient; self: TestClient };
const state = {} as { clients: Clients; ids: KnownIds; idByResource: Record<string, string> };

beforeAll(async () => {
  const org = await buildOrganization(test.database, { name: "Fuzz" });
  const seller = await buildUser(test.database, org.organizationId, { name: "Fuzz Seller" });
  const selfAdmin = await buildUser(test.database, org.organizationId, { name: "Fuzz Self", role: "admin" });
  const admin = await signedIn(test, org.admin);
  const self = await signedIn(test, selfAdmin);
  const company = await admin.post<{ id: string }>("/api/v1/companies", { name: "Fuzz Client" });
  const contact = await admin.post<{ id: string }>(`/api/v1/companies/${company.body.id}/contacts`, { name: "Fuzz Contact", phones: ["+7 999 000 00 00"] });
  const deal = await admin.post<{ id: string; pipelineId: string; stageId: string }>("/api/v1/deals", { companyId: company.body.id, title: "Fuzz deal", amountMinor: 500 });
  const task = await admin.post<{ id: string }>("/api/v1/tasks", { title: "Fuzz task", dueAt: new Date().toISOString(), companyId: company.body.id });
  const product = await admin.post<{ id: string }>("/api/v1/products", { name: "Fuzz product", priceMinor: 100 });
  const order = await admin.post<{ id: string }>(`/api/v1/deals/${deal.body.id}/orders`, { amountMinor: 500, orderedOn: "2026-03-10" });
  const byName = (reply: { status: number; body: { id: string } }) => (reply.status < 300 ? reply.body.id : undefined);
  const ids: KnownIds = {};
  const put = (names: string[], id: string | undefined) => {
    if (id) for (const name of names) ids[name] = id;
  };
  put(["companyId"], byName(company));
  put(["contactId"], byName(contact));
  put(["dealId"], byName(deal));
  put(["taskId", "lastTaskId"], byName(task));
  put(["productId"], byName(product));
  put(["orderId"], byName(order));
  put(["pipelineId"], deal.body.pipelineId);
  put(["stageId"], deal.body.stageId);
  put(["userId", "sellerId", "ownerId", "assigneeId", "toUserId", "fromUserId", "headUserId", "leadUserId", "winnerUserId", "reviewerId", "actorId"], seller.id);
  const idByResource: Record<string, string> = {};
  const resource = (name: string, id: string | undefined) => {
    if (id) idByResource[name] = id;
  };
  resource("companies", ids["companyId"]);
  resource("clients", ids["companyId"]);
  resource("contacts", ids["contactId"]);
  resource("deals", ids["dealId"]);
  resource("tasks", ids["taskId"]);
  resource("products", ids["productId"]);
  resource("orders", ids["orderId"]);
  resource("pipelines", ids["pipelineId"]);
  resource("users", seller.id);
  Object.assign(state, { clients: { admin, self }, ids, idByResource });
});

const send = async (request: FuzzRequest, client: TestClient) => {
  const headers: Record<string, string> = {};
  if (request.auth !== "none") headers["cookie"] = `${sessionCookie}=${request.auth === "bad-cookie" ? "x".repeat(43) : (client.cookie ?? "")}`;
  if (request.auth === "admin" && client.csrfToken) headers[csrfHeader] = client.csrfToken;
  if (request.auth === "bad-csrf") headers[csrfHeader] = "not-the-token";
  if (request.contentType !== undefined) headers["content-type"] = request.contentType;
  const response = await test.app.inject({
    method: request.method,
    url: request.url,
    headers,
    remoteAddress: client.ip,
    ...(request.payload !== undefined && { payload: request.payload }),
  });
  return { status: response.statusCode, contentType: String(response.headers["content-type"] ?? ""), raw: response.body };
};

/**
 * The route's `count` inputs from its seeded stream. Most are rejected before the handler; of those that
 * pass validation only `handlerRuns` go signed in (they run the handler against the database, which is
 * slow on the embedded one); the rest go signed out. The sign-in steps skip them instead.
 */
// The public form routes take no sign-in: whatever passes validation looks its form up, so all of it is sent.
const requiresSignIn = (name: string): boolean => !/ \/(api\/public\/|f\/|embed\/)/.test(name);
const pick = (arbitrary: fc.Arbitrary<FuzzRequest>, name: string, count: number, isOpen: boolean): FuzzRequest[] => {
  const picked: FuzzRequest[] = [];
  let budget = handlerRuns;
  for (let round = 0; picked.length < count && round < 20; round += 1) {
    for (const request of fc.sample(arbitrary, { seed: seedOf(`${name}#${round}`), numRuns: count })) {
      if (picked.length === count) break;
      if (!request.reaches || (request.auth === "none" && !isOpen) || (!isOpen && !requiresSignIn(name))) picked.push(request);
      else if (budget > 0) {
        budget -= 1;
        picked.push(request);
      } else if (!isOpen) picked.push({ ...request, auth: "none" });
    }
  }
  return picked;
};

const seedOf = (key: string): number => createHash("sha256").update(`${seed}:${key}`).digest().readInt32LE(0);

describe("fuzz: invalid input never makes a server error or a leak (#9)", () => {
  it(`feeds every route family at least ${perFamily} invalid inputs`, { timeout: 600_000 }, async () => {
    const routes = test.app.routeTable.filter((route) => familyOf(route.url) !== undefined);
    const families = new Map<string, RouteEntry[]>();
    for (const route of routes) {
      const family = familyOf(route.url) ?? "";
      families.set(family, [...(families.get(family) ?? []), route]);
    }
    // Sessions-changing routes last: the security family may end the expendable admin's session.
    const order = [...families.keys()].sort((a, b) => Number(a === "security") - Number(b === "security") || a.localeCompare(b));
    const failures: Failure[] = [];
    const counts: string[] = [];
    const slowest: { name: string; ms: number }[] = [];
    const only = process.env["FUZZ_FAMILIES"]?.split(",");
    for (const family of order.filter((f) => only === undefined || only.includes(f))) {
      // Routes with fewer schemas first: what they cannot fill (all their inputs pass) the richer ones make up.
      const schemas = (route: RouteEntry) => [route.input.params, route.input.querystring, route.input.body].filter((s) => s !== undefined).length;
      const members = [...(families.get(family) ?? [])].sort((a, b) => schemas(a) - schemas(b));
      const started = Date.now();
      const statuses = new Map<number, number>();
      let sent = 0;
      let reached = 0;
      for (const [index, route] of members.entries()) {
        const perRoute = Math.ceil((perFamily - sent) / (members.length - index));
        const name = `${route.method} ${route.url}`;
        const idParam = /\/([a-z-]+)\/:id/.exec(route.url)?.[1];
        const arbitrary = requestsOf(route, state.ids, idParam ? state.idByResource[idParam] : undefined);
        const requests = pick(arbitrary, name, perRoute, open.test(route.url));
        const client = expendable.test(route.url) ? state.clients.self : state.clients.admin;
        const routeStarted = Date.now();
        for (let i = 0; i < requests.length; i += inFlight) {
          await Promise.all(
            requests.slice(i, i + inFlight).map(async (request) => {
              const reply = await send(request, client);
              sent += 1;
              if (request.reaches && request.auth !== "none") reached += 1;
              statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
              const issue = problemIssue(wantsProblem(route, request), reply.status, reply.contentType, reply.raw);
              if (issue) {
                failures.push({ route: `${name} [${issue}]`, mutation: request.mutation, auth: request.auth, url: request.url.slice(0, 200), status: reply.status, body: reply.raw.slice(0, 300).replace(/\s+/g, " ") });
              }
            }),
          );
        }
        slowest.push({ name, ms: Date.now() - routeStarted });
      }
      const histogram = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(" ");
      counts.push(`${family.padEnd(13)} ${String(members.length).padStart(3)} routes ${String(sent).padStart(6)} inputs ${String(reached).padStart(4)} past validation signed in ${String(Date.now() - started).padStart(6)} ms  ${histogram}`);
    }
    const slow = slowest.sort((a, b) => b.ms - a.ms).slice(0, 8).map((r) => `${r.ms} ms ${r.name}`);
    console.log(`fuzz (seed ${seed}):\n${counts.join("\n")}\nslowest routes: ${slow.join("; ")}`);
    // One line per distinct failure (route, issue, status, mutation), with an example and how often it happened.
    const distinct = new Map<string, { failure: Failure; times: number }>();
    for (const failure of failures) {
      const key = `${failure.route} ${failure.status} ${failure.mutation}`;
      const seen = distinct.get(key);
      if (seen) seen.times += 1;
      else distinct.set(key, { failure, times: 1 });
    }
    const report = [...distinct.values()].map(({ failure, times }) => `${times}× ${failure.route} ${failure.status} ${failure.mutation} (${failure.auth}) ${failure.url}\n    ${failure.body}`);
    expect(report).toEqual([]);
  });

  it("answers unknown routes, over-long parameters and broken URLs with problem+json", async () => {
    const cookie = `${sessionCookie}=${state.clients.admin.cookie ?? ""}`;
    const urls = [
      "/api/v1/no-such-route",
      "/api/v2/companies",
      "/api/v1/companies/x/y/z",
      `/api/v1/companies/${"a".repeat(5_000)}`,
      `/api/v1/deals/${"a".repeat(101)}/items`,
      "/api/v1/companies/%E0%A4%A",
      "/api/public/forms/%zz",
    ];
    for (const url of urls) {
      const response = await test.app.inject({ method: "GET", url, headers: { cookie } });
      const label = url.slice(0, 60);
      expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, label).toBeLessThan(500);
      expect(response.headers["content-type"], label).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.body), label).toMatchObject({ code: expect.any(String), status: response.statusCode });
    }
  });
});
