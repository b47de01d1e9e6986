import { randomInt } from "node:crypto";
import { csrfHeader, sessionCookie, type Session } from "@conveyor/contracts";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, inject } from "vitest";
import { defaultSecurity, type AppContext, type SecuritySettings } from "../src/context";
import { openDatabase, type Database } from "../src/db/database";
import { buildApp, type BuildAppOptions } from "../src/http/app";
import { keysFromSecret } from "../src/security/secret-box";
import { factoryPassword, type BuiltUser } from "../src/testing/factories";

export { buildOrganization, buildUser, uniqueEmail, type BuiltUser } from "../src/testing/factories";
export const testPassword = factoryPassword;

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  context: AppContext;
  /** Moves the app's clock; starts at the real time. */
  clock: { now: Date; advance: (ms: number) => void };
};

export const openTestDatabase = (): Promise<Database> => {
  const target = inject("database");
  return target.mode === "postgres"
    ? openDatabase({ mode: "postgres", url: target.url, maxConnections: 4 })
    : openDatabase({ mode: "embedded-socket", socketDir: target.socketDir, port: target.port });
};

/** The keys of every test app (the same for all files: they share one database). */
export const testKeys = keysFromSecret("conveyor-test-secret-0123456789abcdef");

/** An app on the run's shared database with its own clock; closed after the file. */
export const useTestApp = (
  options: { security?: Partial<SecuritySettings>; build?: Partial<Omit<BuildAppOptions, "context">> } = {},
): TestApp => {
  const state = {} as TestApp;
  beforeAll(async () => {
    const database = await openTestDatabase();
    const clock = {
      now: new Date(),
      advance(ms: number) {
        clock.now = new Date(clock.now.getTime() + ms);
      },
    };
    const context: AppContext = {
      database,
      now: () => clock.now,
      security: { ...defaultSecurity, ...options.security },
      keys: testKeys,
      version: "test",
    };
    const app = await buildApp({ context, ...options.build });
    await app.ready();
    Object.assign(state, { app, database, context, clock });
  });
  afterAll(async () => {
    await state.app?.close();
    await state.database?.close();
  });
  return state;
};

export type Reply<T = unknown> = { status: number; body: T; headers: Record<string, unknown>; raw: string };

/** A browser-like client: keeps the session cookie and echoes the CSRF token. */
export class TestClient {
  cookie: string | undefined;
  csrfToken: string | undefined;
  bearer: string | undefined;
  readonly ip = `127.${randomInt(1, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}`;

  constructor(private readonly test: TestApp) {}

  async request<T = unknown>(
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
    file?: { payload: Buffer | string; contentType: string },
  ): Promise<Reply<T>> {
    const allHeaders: Record<string, string> = { ...headers };
    if (this.cookie) allHeaders["cookie"] = `${sessionCookie}=${this.cookie}`;
    if (this.csrfToken && method !== "GET" && !(csrfHeader in allHeaders)) allHeaders[csrfHeader] = this.csrfToken;
    if (this.bearer) allHeaders["authorization"] = `Bearer ${this.bearer}`;
    const response = await this.test.app.inject({
      method,
      url,
      headers: allHeaders,
      remoteAddress: this.ip,
      ...(body !== undefined && { payload: JSON.stringify(body), headers: { ...allHeaders, "content-type": "application/json" } }),
      ...(file && { payload: file.payload, headers: { ...allHeaders, "content-type": file.contentType } }),
    });
    const setCookie = response.cookies.find((c) => c.name === sessionCookie);
    if (setCookie) this.cookie = setCookie.value === "" ? undefined : setCookie.value;
    const raw = response.body;
    let parsed: unknown = raw;
    if (raw && String(response.headers["content-type"] ?? "").includes("json")) parsed = JSON.parse(raw);
    if (typeof parsed === "object" && parsed !== null && "csrfToken" in parsed && typeof parsed.csrfToken === "string") {
      this.csrfToken = parsed.csrfToken;
    }
    return { status: response.statusCode, body: parsed as T, headers: response.headers, raw };
  }

  get = <T = unknown>(url: string) => this.request<T>("GET", url);
  post = <T = unknown>(url: string, body?: unknown) => this.request<T>("POST", url, body);
  patch = <T = unknown>(url: string, body?: unknown) => this.request<T>("PATCH", url, body);
  put = <T = unknown>(url: string, body?: unknown) => this.request<T>("PUT", url, body);
  delete = <T = unknown>(url: string) => this.request<T>("DELETE", url);
  /** A file as the raw request body (imports). */
  upload = <T = unknown>(url: string, payload: Buffer | string, contentType = "text/csv") =>
    this.request<T>("POST", url, undefined, {}, { payload, contentType });

  async signIn(email: string, password = testPassword): Promise<Reply<Session>> {
    return this.post<Session>("/api/v1/auth/sign-in", { email, password });
  }
}

export const signedIn = async (test: TestApp, user: BuiltUser): Promise<TestClient> => {
  const client = new TestClient(test);
  const reply = await client.signIn(user.email);
  if (reply.status !== 200) throw new Error(`sign-in failed: ${reply.status} ${reply.raw}`);
  return client;
};
