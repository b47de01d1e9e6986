import { csrfHeader, errorCodes, type ErrorCode, type FieldError } from "@conveyor/contracts";

/** Codes the client adds for failures that never reached, or never came back from, the API. */
export type ClientErrorCode = "network_error" | "unexpected_response";
export type ApiErrorCode = ErrorCode | ClientErrorCode;

export type ApiErrorInit = {
  status: number;
  code: ApiErrorCode;
  title?: string;
  detail?: string;
  fieldErrors?: readonly FieldError[];
  retryAfterSeconds?: number | null;
};

/** A failed API call, parsed from RFC 9457 problem+json. Branch on `code`, never on `message`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly detail: string | undefined;
  readonly fieldErrors: readonly FieldError[];
  readonly retryAfterSeconds: number | null;

  constructor(init: ApiErrorInit) {
    super(init.title ?? init.code);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** The first error reported for a field (a dotted path such as `workingHours.end`). */
  fieldError(field: string): FieldError | undefined {
    return this.fieldErrors.find((e) => e.field === field);
  }
}

export const isApiError = (error: unknown, code?: ApiErrorCode): error is ApiError =>
  error instanceof ApiError && (code === undefined || error.code === code);

/** Anything with zod's `parse`: the contracts' schemas check every response body at the boundary. */
export type Parser<T> = { parse: (data: unknown) => T };

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type ApiClientHandlers = {
  /** The session is gone (expired, signed out elsewhere): the app returns to sign-in. */
  onUnauthenticated?: () => void;
  /** The server demands a new password before anything else. */
  onPasswordChangeRequired?: () => void;
  /** Our CSRF token is stale (e.g. another tab changed the password): fetch a fresh session. */
  onCsrfFailed?: () => void;
};

export type ApiClientOptions = ApiClientHandlers & {
  fetch: FetchLike;
  baseUrl?: string;
};

export type QueryParams = Record<string, string | number | undefined | null>;

/** Raw bytes sent as they are (a file upload) instead of a JSON body. */
export type RawBody = { data: Blob; contentType: string };

export type RequestOptions = {
  query?: QueryParams;
  body?: unknown;
  raw?: RawBody;
};

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export type ApiClient = {
  get: <T>(path: string, schema: Parser<T>, query?: QueryParams) => Promise<T>;
  post: <T>(path: string, schema: Parser<T>, body?: unknown) => Promise<T>;
  patch: <T>(path: string, schema: Parser<T>, body: unknown) => Promise<T>;
  put: <T>(path: string, schema: Parser<T>, body: unknown) => Promise<T>;
  /** POSTs a file's bytes as the body (with the CSRF header like every write) and parses the answer. */
  upload: <T>(path: string, schema: Parser<T>, raw: RawBody, query?: QueryParams) => Promise<T>;
  /** For calls answered with 204 No Content (or whose body the caller does not need). */
  send: (method: Method, path: string, options?: RequestOptions) => Promise<void>;
  setCsrfToken: (token: string | null) => void;
  setHandlers: (handlers: ApiClientHandlers) => void;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const knownCodes: ReadonlySet<string> = new Set(errorCodes);
const isErrorCode = (value: unknown): value is ErrorCode => typeof value === "string" && knownCodes.has(value);

const parseFieldErrors = (value: unknown): FieldError[] => {
  if (!Array.isArray(value)) return [];
  const result: FieldError[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item.field !== "string") continue;
    result.push({
      field: item.field,
      code: typeof item.code === "string" ? item.code : "invalid",
      message: typeof item.message === "string" ? item.message : "",
    });
  }
  return result;
};

const parseRetryAfterHeader = (header: string | null): number | null => {
  if (header === null) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null;
};

/**
 * Turns an error response into an ApiError. Lenient on purpose: a proxy's HTML error page or a code
 * this build does not know yet must still become a usable error, not a crash.
 */
export const problemToApiError = (status: number, body: unknown, retryAfterHeader: string | null = null): ApiError => {
  if (!isRecord(body)) {
    return new ApiError({
      status,
      code: status === 401 ? "unauthenticated" : "unexpected_response",
      retryAfterSeconds: parseRetryAfterHeader(retryAfterHeader),
    });
  }
  const retryAfterSeconds =
    typeof body.retryAfterSeconds === "number" && Number.isFinite(body.retryAfterSeconds)
      ? body.retryAfterSeconds
      : parseRetryAfterHeader(retryAfterHeader);
  return new ApiError({
    status,
    code: isErrorCode(body.code) ? body.code : "unexpected_response",
    title: typeof body.title === "string" ? body.title : undefined,
    detail: typeof body.detail === "string" ? body.detail : undefined,
    fieldErrors: parseFieldErrors(body.errors),
    retryAfterSeconds,
  });
};

const buildUrl = (baseUrl: string, path: string, query: QueryParams | undefined): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ""}`;
};

const readJson = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed;
  } catch {
    return undefined;
  }
};

export const createApiClient = (options: ApiClientOptions): ApiClient => {
  const baseUrl = options.baseUrl ?? "";
  let csrfToken: string | null = null;
  let handlers: ApiClientHandlers = {
    onUnauthenticated: options.onUnauthenticated,
    onPasswordChangeRequired: options.onPasswordChangeRequired,
    onCsrfFailed: options.onCsrfFailed,
  };

  const call = async (method: Method, path: string, requestOptions: RequestOptions): Promise<Response> => {
    const headers: Record<string, string> = { accept: "application/json, application/problem+json" };
    const { raw } = requestOptions;
    const hasBody = requestOptions.body !== undefined;
    // An empty body must not claim to be JSON: Fastify rejects `application/json` with no content.
    if (raw) headers["content-type"] = raw.contentType;
    else if (hasBody) headers["content-type"] = "application/json";
    if (method !== "GET" && csrfToken !== null) headers[csrfHeader] = csrfToken;

    let response: Response;
    try {
      response = await options.fetch(buildUrl(baseUrl, path, requestOptions.query), {
        method,
        headers,
        credentials: "same-origin",
        body: raw ? raw.data : hasBody ? JSON.stringify(requestOptions.body) : undefined,
      });
    } catch {
      throw new ApiError({ status: 0, code: "network_error" });
    }
    if (response.ok) return response;

    const error = problemToApiError(response.status, await readJson(response), response.headers.get("retry-after"));
    if (error.code === "unauthenticated") handlers.onUnauthenticated?.();
    if (error.code === "password_change_required") handlers.onPasswordChangeRequired?.();
    if (error.code === "csrf_failed") handlers.onCsrfFailed?.();
    throw error;
  };

  const request = async <T>(method: Method, path: string, schema: Parser<T>, requestOptions: RequestOptions) => {
    const response = await call(method, path, requestOptions);
    const body = await readJson(response);
    try {
      return schema.parse(body);
    } catch {
      throw new ApiError({ status: response.status, code: "unexpected_response" });
    }
  };

  return {
    get: (path, schema, query) => request("GET", path, schema, { query }),
    post: (path, schema, body) => request("POST", path, schema, { body }),
    patch: (path, schema, body) => request("PATCH", path, schema, { body }),
    put: (path, schema, body) => request("PUT", path, schema, { body }),
    upload: (path, schema, raw, query) => request("POST", path, schema, { raw, query }),
    send: async (method, path, requestOptions = {}) => {
      const response = await call(method, path, requestOptions);
      // Drain the body so the connection can be reused.
      await response.text();
    },
    setCsrfToken: (token) => {
      csrfToken = token;
    },
    setHandlers: (next) => {
      handlers = next;
    },
  };
};
