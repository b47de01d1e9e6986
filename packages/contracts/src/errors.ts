import { z } from "zod";

/**
 * Stable error codes. Clients branch on `code`, never on `title` or `detail`.
 * Each is mapped to one HTTP status in the server's error handler.
 */
export const errorCodes = [
  "validation_failed",
  "payload_too_large",
  "unsupported_media_type",
  "unauthenticated",
  "invalid_credentials",
  "sign_in_throttled",
  "password_change_required",
  "wrong_password",
  "csrf_failed",
  "forbidden",
  "not_found",
  "email_taken",
  "cannot_deactivate_self",
  "last_admin",
  "legal_id_taken",
  "lost_reason_required",
  "stage_not_in_pipeline",
  "stage_in_use",
  "deal_not_won",
  "refund_exceeds_paid",
  "deal_item_invalid",
  "deal_has_items",
  "deal_not_linkable",
  "import_file_unreadable",
  "import_mapping_invalid",
  "import_not_draft",
  "custom_field_unknown",
  "custom_field_invalid",
  "handover_not_possible",
  "no_receiver",
  "department_in_use",
  "signature_invalid",
  "lead_source_disabled",
  "mailbox_unreachable",
  "undo_expired",
  "rate_limited",
  "review_incomplete",
  "pay_period_closed",
  "export_approval_required",
  "export_request_not_ready",
  "reveal_limit_reached",
  "two_factor_invalid",
  "two_factor_required",
  "ip_not_allowed",
  "internal",
] as const;
export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** One invalid field: `field` is a dotted path into the request body, query or params. */
export const fieldErrorSchema = z.object({
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** RFC 9457 problem details, extended with our stable `code`. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: errorCodeSchema,
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
  retryAfterSeconds: z.number().int().optional(),
});
export type Problem = z.infer<typeof problemSchema>;
