import { describe, expect, it } from "vitest";
import { csrfHeader, sessionSchema } from "@conveyor/contracts";
import { ApiError, createApiClient, problemToApiError, type FetchLike } from "./client";

type Call = { url: string; init: RequestInit };

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": status >= 400 ? "application/problem+json" : "application/json", ...headers },
  });

const fakeFetch = (respond: (call: Call) => Response) => {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call = { url, init };
    calls.push(call);
    return respond(call);
  };
  return { fetch, calls };
};

const session = {
  user: {
    id: "5f0c6a3e-1c2b-4f7a-9d51-3b7e2a9c4d10",
    email: "admin@example.com",
    name: "Admin",
    role: "admin",
    status: "active",
    locale: null,
    mustChangePassword: false,
    createdAt: "2025-01-01T00:00:00.000Z",
    deactivatedAt: null,
    lastSignInAt: null,
  },
  organization: {
    id: "9a1f3b2c-7d4e-4a5b-8c6d-1e2f3a4b5c6d",
    name: "Acme",
    country: "RU",
    timeZone: "Europe/Moscow",
    currency: "RUB",
    defaultLocale: "ru",
    workingHours: { start: "09:00", end: "18:00" },
    createdAt: "2025-01-01T00:00:00.000Z",
  },
  csrfToken: "token-1",
};

const headerOf = (call: Call | undefined, name: string): string | undefined => {
  const headers = call?.init.headers;
  if (headers === undefined || headers instanceof Headers || Array.isArray(headers)) return undefined;
  return headers[name];
};

describe("problemToApiError", () => {
  it("keeps code, field errors and retryAfterSeconds", () => {
    const error = problemToApiError(400, {
      type: "about:blank",
      title: "Validation failed",
      status: 400,
      code: "validation_failed",
      errors: [{ field: "newPassword", code: "too_small", message: "Too short" }],
    });
    expect(error.code).toBe("validation_failed");
    expect(error.status).toBe(400);
    expect(error.fieldError("newPassword")?.code).toBe("too_small");
    expect(error.retryAfterSeconds).toBeNull();
  });

  it("reads retryAfterSeconds from the body, else from the Retry-After header", () => {
    expect(problemToApiError(429, { code: "sign_in_throttled", retryAfterSeconds: 600 }).retryAfterSeconds).toBe(600);
    expect(problemToApiError(429, { code: "sign_in_throttled" }, "120").retryAfterSeconds).toBe(120);
  });

  it("turns unknown codes and non-problem bodies into unexpected_response", () => {
    expect(problemToApiError(500, { code: "brand_new_code" }).code).toBe("unexpected_response");
    expect(problemToApiError(502, undefined).code).toBe("unexpected_response");
    expect(problemToApiError(401, undefined).code).toBe("unauthenticated");
  });

  it("drops malformed field errors instead of failing", () => {
    const error = problemToApiError(400, { code: "validation_failed", errors: [{ nope: 1 }, { field: "name" }] });
    expect(error.fieldErrors).toEqual([{ field: "name", code: "invalid", message: "" }]);
  });
});

describe("createApiClient", () => {
  it("parses a response with the given schema and sends no CSRF header on GET", async () => {
    const { fetch, calls } = fakeFetch(() => json(200, session));
    const client = createApiClient({ fetch });
    client.setCsrfToken("token-1");
    const result = await client.get("/api/v1/auth/session", sessionSchema);
    expect(result.user.email).toBe("admin@example.com");
    expect(calls[0]?.init.credentials).toBe("same-origin");
    expect(headerOf(calls[0], csrfHeader)).toBeUndefined();
  });

  it("sends the CSRF token and a JSON body on writes", async () => {
    const { fetch, calls } = fakeFetch(() => json(200, session.user));
    const client = createApiClient({ fetch });
    client.setCsrfToken("token-1");
    await client.patch("/api/v1/me", sessionSchema.shape.user, { locale: "fa" });
    expect(calls[0]?.init.method).toBe("PATCH");
    expect(headerOf(calls[0], csrfHeader)).toBe("token-1");
    expect(headerOf(calls[0], "content-type")).toBe("application/json");
    expect(calls[0]?.init.body).toBe(JSON.stringify({ locale: "fa" }));
  });

  it("sends PUT with the CSRF token and parses the answer", async () => {
    const { fetch, calls } = fakeFetch(() => json(200, session.user));
    const client = createApiClient({ fetch });
    client.setCsrfToken("token-1");
    const user = await client.put("/api/v1/pipelines/x", sessionSchema.shape.user, { name: "Sales" });
    expect(user.name).toBe("Admin");
    expect(calls[0]?.init.method).toBe("PUT");
    expect(headerOf(calls[0], csrfHeader)).toBe("token-1");
  });

  it("uploads a file's raw bytes with its content type, the query and the CSRF token", async () => {
    const { fetch, calls } = fakeFetch(() => json(201, session.user));
    const client = createApiClient({ fetch });
    client.setCsrfToken("token-1");
    const file = new Blob(["name;phone\nАльфа;+7 495\n"], { type: "text/csv" });
    const user = await client.upload("/api/v1/imports", sessionSchema.shape.user, { data: file, contentType: "text/csv" }, { entity: "companies", fileName: "a b.csv" });
    expect(user.name).toBe("Admin");
    expect(calls[0]?.url).toBe("/api/v1/imports?entity=companies&fileName=a+b.csv");
    expect(calls[0]?.init.method).toBe("POST");
    expect(headerOf(calls[0], csrfHeader)).toBe("token-1");
    expect(headerOf(calls[0], "content-type")).toBe("text/csv");
    expect(calls[0]?.init.body).toBe(file);
  });

  it("sends no content-type when a write has no body", async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 204 }));
    const client = createApiClient({ fetch });
    await client.send("POST", "/api/v1/auth/sign-out");
    expect(headerOf(calls[0], "content-type")).toBeUndefined();
    expect(calls[0]?.init.body).toBeUndefined();
  });

  it("builds the query string without empty values", async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 204 }));
    const client = createApiClient({ fetch });
    await client.send("GET", "/api/v1/users", { query: { q: "ann", status: undefined, role: "", limit: 50 } });
    expect(calls[0]?.url).toBe("/api/v1/users?q=ann&limit=50");
  });

  it("throws a typed ApiError and calls onUnauthenticated on 401", async () => {
    let signedOut = 0;
    const { fetch } = fakeFetch(() => json(401, { type: "about:blank", title: "x", status: 401, code: "unauthenticated" }));
    const client = createApiClient({ fetch, onUnauthenticated: () => signedOut++ });
    const error = await client.get("/api/v1/users", sessionSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error instanceof ApiError && error.code).toBe("unauthenticated");
    expect(signedOut).toBe(1);
  });

  it("does not treat wrong credentials as a lost session", async () => {
    let signedOut = 0;
    const { fetch } = fakeFetch(() => json(401, { code: "invalid_credentials", status: 401 }));
    const client = createApiClient({ fetch, onUnauthenticated: () => signedOut++ });
    await expect(client.post("/api/v1/auth/sign-in", sessionSchema, {})).rejects.toMatchObject({
      code: "invalid_credentials",
    });
    expect(signedOut).toBe(0);
  });

  it("reports a forced password change", async () => {
    let forced = 0;
    const { fetch } = fakeFetch(() => json(403, { code: "password_change_required", status: 403 }));
    const client = createApiClient({ fetch, onPasswordChangeRequired: () => forced++ });
    await expect(client.get("/api/v1/users", sessionSchema)).rejects.toMatchObject({ status: 403 });
    expect(forced).toBe(1);
  });

  it("asks for a fresh session when the CSRF token is stale", async () => {
    let refreshed = 0;
    const { fetch } = fakeFetch(() => json(403, { code: "csrf_failed", status: 403 }));
    const client = createApiClient({ fetch, onCsrfFailed: () => refreshed++ });
    await expect(client.send("DELETE", "/api/v1/api-tokens/x")).rejects.toMatchObject({ code: "csrf_failed" });
    expect(refreshed).toBe(1);
  });

  it("maps a failed fetch to network_error and a bad body to unexpected_response", async () => {
    const offline = createApiClient({
      fetch: async () => {
        throw new TypeError("Failed to fetch");
      },
    });
    await expect(offline.get("/api/health", sessionSchema)).rejects.toMatchObject({ code: "network_error", status: 0 });

    const { fetch } = fakeFetch(() => json(200, { not: "a session" }));
    await expect(createApiClient({ fetch }).get("/x", sessionSchema)).rejects.toMatchObject({
      code: "unexpected_response",
    });
  });
});
