import type { ErrorCode, FieldError, Problem } from "@conveyor/contracts";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError } from "./app-error";

/** The one place where an error code becomes an HTTP status and a title. */
const statusOf: Record<ErrorCode, { status: number; title: string }> = {
  validation_failed: { status: 400, title: "The request is not valid" },
  payload_too_large: { status: 413, title: "The request body is too large" },
  unsupported_media_type: { status: 415, title: "Send JSON with Content-Type: application/json" },
  unauthenticated: { status: 401, title: "Sign in first" },
  invalid_credentials: { status: 401, title: "Wrong email or password" },
  sign_in_throttled: { status: 429, title: "Too many failed sign-in attempts" },
  password_change_required: { status: 403, title: "Change your password first" },
  wrong_password: { status: 400, title: "The current password is wrong" },
  csrf_failed: { status: 403, title: "Missing or wrong CSRF token" },
  forbidden: { status: 403, title: "Not allowed" },
  not_found: { status: 404, title: "Not found" },
  email_taken: { status: 409, title: "This email is already used" },
  cannot_deactivate_self: { status: 409, title: "You cannot deactivate or demote yourself" },
  last_admin: { status: 409, title: "The organization must keep at least one active admin" },
  lost_reason_required: { status: 400, title: "Say why the deal was lost" },
  stage_not_in_pipeline: { status: 400, title: "The stage belongs to another pipeline" },
  deal_not_won: { status: 409, title: "Only a won deal produces orders" },
  refund_exceeds_paid: { status: 409, title: "A refund cannot exceed what was paid" },
  deal_item_invalid: { status: 422, title: "A product line cannot go on this deal" },
  deal_has_items: { status: 409, title: "The amount and currency of a deal with products come from its lines" },
  deal_not_linkable: { status: 422, title: "The deal cannot be linked: it is not a deal of this client you can see" },
  stage_in_use: { status: 409, title: "Deals are still in this stage" },
  legal_id_taken: { status: 409, title: "A client with this legal id already exists" },
  import_file_unreadable: { status: 422, title: "The file could not be read as CSV or XLSX" },
  import_mapping_invalid: { status: 422, title: "The column mapping is not valid" },
  import_not_draft: { status: 409, title: "This import has already started" },
  custom_field_unknown: { status: 422, title: "No such custom field" },
  handover_not_possible: { status: 409, title: "The client cannot be handed over to a next level" },
  no_receiver: { status: 409, title: "No seller at the next level has room for the client" },
  department_in_use: { status: 409, title: "Teams still belong to this department" },
  signature_invalid: { status: 401, title: "The request's signature does not match" },
  lead_source_disabled: { status: 409, title: "This lead source is switched off" },
  mailbox_unreachable: { status: 422, title: "The mailbox could not be read" },
  undo_expired: { status: 409, title: "It is too late to undo this" },
  custom_field_invalid: { status: 422, title: "The value does not fit the custom field" },
  rate_limited: { status: 429, title: "Too many requests" },
  review_incomplete: { status: 400, title: "A review closes only with a next task with a date, or the deal lost with a reason" },
  pay_period_closed: { status: 409, title: "This pay month is closed: its payroll is frozen" },
  export_approval_required: { status: 409, title: "An export of this many rows needs a head of sales' approval: ask for it" },
  export_request_not_ready: { status: 409, title: "This export is not approved, was already downloaded, or has expired" },
  reveal_limit_reached: { status: 429, title: "You have used today's reveals of phones and emails" },
  two_factor_invalid: { status: 401, title: "The two-factor code is wrong or was already used" },
  two_factor_required: { status: 403, title: "Turn on two-factor sign-in first" },
  ip_not_allowed: { status: 403, title: "Your organization does not allow access from this address" },
  internal: { status: 500, title: "Something went wrong on our side" },
};

export const statusForCode = (code: ErrorCode): number => statusOf[code].status;

export const problemFor = (
  code: ErrorCode,
  detail: string | undefined,
  extra: { errors?: FieldError[]; retryAfterSeconds?: number; requestId?: string; instance?: string } = {},
): Problem => ({
  type: `https://conveyor.invalid/problems/${code.replaceAll("_", "-")}`,
  title: statusOf[code].title,
  status: statusOf[code].status,
  code,
  ...(detail !== undefined && { detail }),
  ...extra,
});

export const sendProblem = (reply: FastifyReply, problem: Problem): FastifyReply => {
  if (problem.retryAfterSeconds !== undefined) reply.header("retry-after", String(problem.retryAfterSeconds));
  return reply.status(problem.status).type("application/problem+json").send(problem);
};

const joinPath = (path: readonly PropertyKey[]): string => path.map(String).join(".");

const fieldErrorsOf = (error: FastifyError & { validation: unknown[] }, context: string | undefined): FieldError[] => {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const prefix = context === "body" || context === undefined ? [] : [context === "querystring" ? "query" : context];
  return error.validation.flatMap((issue) => {
    const base = issue.instancePath.split("/").filter((p) => p.length > 0);
    const keys = issue.params["keys"];
    if (issue.keyword === "unrecognized_keys" && Array.isArray(keys)) {
      return keys.map((key) => ({
        field: joinPath([...prefix, ...base, String(key)]),
        code: "unknown_field",
        message: "This field is not allowed",
      }));
    }
    return [{ field: joinPath([...prefix, ...base]) || "(body)", code: issue.keyword, message: issue.message ?? issue.keyword }];
  });
};

/** Maps anything thrown in a request to problem+json; unknown errors never leak their message. */
export const handleError = (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
  const requestId = String(request.id);
  const instance = request.url.split("?")[0];
  if (error instanceof AppError) {
    return sendProblem(reply, problemFor(error.code, error.message, { ...error.details, requestId, instance }));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = fieldErrorsOf(error, error.validationContext);
    return sendProblem(
      reply,
      problemFor("validation_failed", errors.map((e) => `${e.field}: ${e.message}`).join("; "), {
        errors,
        requestId,
        instance,
      }),
    );
  }
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return sendProblem(reply, problemFor("payload_too_large", error.message, { requestId, instance }));
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return sendProblem(reply, problemFor("unsupported_media_type", error.message, { requestId, instance }));
    case "FST_ERR_MAX_PARAM_LENGTH":
    case "FST_ERR_BAD_URL":
      return sendProblem(
        reply,
        problemFor("validation_failed", "A path parameter is too long or not a valid URL component", {
          errors: [{ field: "(path)", code: error.code === "FST_ERR_BAD_URL" ? "invalid_url" : "too_long", message: "Not a valid path parameter" }],
          requestId,
          instance,
        }),
      );
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return sendProblem(
        reply,
        problemFor("validation_failed", "The body is not valid JSON", {
          errors: [{ field: "(body)", code: "invalid_json", message: error.message }],
          requestId,
          instance,
        }),
      );
  }
  if (error.statusCode === 429) {
    return sendProblem(reply, problemFor("rate_limited", error.message, { requestId, instance }));
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(
      reply,
      problemFor("validation_failed", error.message, {
        errors: [{ field: "(request)", code: error.code, message: error.message }],
        requestId,
        instance,
      }),
    );
  }
  request.log.error({ err: error }, "unhandled error");
  return sendProblem(reply, problemFor("internal", undefined, { requestId, instance }));
};
