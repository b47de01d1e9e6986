import { leadInputSchema, type FieldError, type FormConfig, type FormField, type LeadInput, type LeadReceipt, type Utm } from "@conveyor/contracts";
import { z } from "zod";
import type { AppContext } from "../context";
import { AppError } from "../http/app-error";
import type { SourceRow } from "../repositories/lead-intake.repository";
import { hasText } from "../public-form/form-texts";
import { receiveLead } from "./receive-lead";

/** What a visitor's browser (or a script) posted: field name → value, as a form or as JSON. */
export type FormSubmission = Record<string, string | boolean | number>;

/** The names a form posts besides its own fields. */
export const reservedFormNames = {
  /** Hidden, left empty by people; a bot that fills it is answered as if it were one and nothing is stored. */
  honeypot: "website",
  consent: "consent",
  /** Made by the page once per showing: a second submit of the same showing finds the first lead. */
  submissionId: "submission_id",
  page: "page",
  referrer: "referrer",
  lang: "lang",
} as const;

/** The query and field names of UTM parameters → the lead's `utm` keys. */
export const utmNames = {
  utm_source: "source",
  utm_medium: "medium",
  utm_campaign: "campaign",
  utm_term: "term",
  utm_content: "content",
} as const satisfies Record<string, keyof Utm>;

export type SubmitFormOptions = {
  source: SourceRow;
  form: FormConfig;
  values: FormSubmission;
  ip: string | null;
  /** The request's Referer header: the referring page when the form did not say it. */
  referer?: string | null;
};

export type SubmitFormResult = { kind: "received"; receipt: LeadReceipt } | { kind: "ignored" };

/** The longest value each standard field takes (the lead's own limits). */
const standardMaxLength: Record<string, number> = {
  name: 200,
  companyName: 300,
  phone: 50,
  email: 320,
  message: 20_000,
  region: 200,
  productInterest: 300,
  legalId: 50,
};
const contactKeys = ["name", "companyName", "phone", "email"];

/** The longest value a field of the form takes. */
export const maxLengthOf = (field: Pick<FormField, "key" | "type">): number => standardMaxLength[field.key] ?? (field.type === "textarea" ? 5000 : 500);

const textOf = (value: string | boolean | number | undefined): string => (typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : "");

const isTicked = (value: string | boolean | number | undefined): boolean =>
  value === true || (typeof value === "string" && ["on", "true", "1", "yes"].includes(value.trim().toLowerCase()));

const emailSchema = z.email();
/** Digits with the usual separators; the exact check by country is the intake's. */
const looksLikePhone = (value: string): boolean => {
  const digits = value.replace(/\D/g, "").length;
  return /^\+?[\d\s().\-/]+$/.test(value) && digits >= 5 && digits <= 20;
};

const messages: Record<string, string> = {
  required: "This field is required",
  too_long: "This value is too long",
  invalid_email: "Not a valid email address",
  invalid_phone: "Not a valid phone number",
  consent_required: "Tick the consent box",
  contact_required: "Give a phone, an email or a name",
  invalid: "Not a valid value",
};
const fieldError = (field: string, code: string): FieldError => ({ field, code, message: messages[code] ?? messages["invalid"] ?? code });

const fieldOfIssuePath = (path: readonly PropertyKey[]): string => {
  const [head, next] = path.map(String);
  if (head === "extra" && next) return next;
  if (head === "utm" && next) return `utm_${next}`;
  if (head === "pageUrl") return reservedFormNames.page;
  return head ?? "(body)";
};

const validationFailed = (errors: FieldError[]) =>
  new AppError("validation_failed", errors.map((e) => `${e.field}: ${e.message}`).join("; "), { errors });

/**
 * The lead a form submission describes, or the field errors of the form's own rules: required fields, lengths,
 * email and phone formats, the consent box when the form has a consent text, a submission id of a sane shape.
 * UTM parameters and the page are kept as given, cut to their limits (attribution never costs a lead).
 */
export const readFormSubmission = (
  form: FormConfig,
  values: FormSubmission,
  referer: string | null | undefined,
): { input: LeadInput; submissionId: string | null } | { errors: FieldError[] } => {
  const errors: FieldError[] = [];
  const standard: Record<string, string> = {};
  const extra: Record<string, string> = {};
  for (const field of form.fields) {
    const value = textOf(values[field.key]);
    if (value === "") {
      if (field.required) errors.push(fieldError(field.key, "required"));
      continue;
    }
    if (value.length > maxLengthOf(field)) {
      errors.push(fieldError(field.key, "too_long"));
      continue;
    }
    if ((field.key === "email" || field.type === "email") && !emailSchema.safeParse(value).success) {
      errors.push(fieldError(field.key, "invalid_email"));
      continue;
    }
    if ((field.key === "phone" || field.type === "tel") && !looksLikePhone(value)) {
      errors.push(fieldError(field.key, "invalid_phone"));
      continue;
    }
    if (field.key in standardMaxLength) standard[field.key] = value;
    else extra[field.key] = value;
  }
  const contactFields = form.fields.filter((f) => contactKeys.includes(f.key));
  const firstContact = contactFields[0];
  if (errors.length === 0 && firstContact && !contactFields.some((f) => standard[f.key])) {
    errors.push(fieldError(firstContact.key, "contact_required"));
  }
  if (hasText(form.consentText) && !isTicked(values[reservedFormNames.consent])) {
    errors.push(fieldError(reservedFormNames.consent, "consent_required"));
  }
  const submissionId = textOf(values[reservedFormNames.submissionId]) || null;
  if (submissionId !== null && !/^[\w\-:.]{1,200}$/.test(submissionId)) errors.push(fieldError(reservedFormNames.submissionId, "invalid"));
  if (errors.length > 0) return { errors };

  const utm: Utm = {};
  for (const [name, key] of Object.entries(utmNames)) {
    const value = textOf(values[name]).slice(0, 200);
    if (value) utm[key] = value;
  }
  const page = (textOf(values[reservedFormNames.page]) || referer?.trim() || "").slice(0, 2000);
  const referrer = textOf(values[reservedFormNames.referrer]).slice(0, 2000);
  if (hasText(form.consentText)) extra[reservedFormNames.consent] = "accepted";
  const input: LeadInput = {
    ...standard,
    ...(Object.keys(utm).length > 0 && { utm }),
    ...(page && { pageUrl: page }),
    ...(referrer && { referrer }),
    ...(Object.keys(extra).length > 0 && { extra }),
  };
  // The lead's own contract is the last word, so a form can never store what the API would refuse.
  const parsed = leadInputSchema.safeParse(input);
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((issue) => fieldError(fieldOfIssuePath(issue.path), issue.code === "too_big" ? "too_long" : "invalid")) };
  }
  return { input: parsed.data, submissionId };
};

/**
 * M5.5, the web form: a visitor's submission becomes a lead through the common intake (dedup, distribution,
 * speed-to-lead timers), the submission id making a double submit one lead. A filled honeypot is answered like
 * a lead and leaves nothing behind. Bad input throws `validation_failed` naming the fields.
 */
export const submitForm = async (context: AppContext, options: SubmitFormOptions): Promise<SubmitFormResult> => {
  const { source, form, values } = options;
  if (!source.enabled) throw new AppError("lead_source_disabled", "This form is switched off");
  if (textOf(values[reservedFormNames.honeypot]) !== "") return { kind: "ignored" };
  const read = readFormSubmission(form, values, options.referer);
  if ("errors" in read) throw validationFailed(read.errors);
  const receipt = await receiveLead(context, {
    organizationId: source.organizationId,
    source: {
      id: source.id,
      name: source.name,
      kind: source.kind,
      channel: source.channel,
      defaultTemperature: source.defaultTemperature,
      enabled: source.enabled,
    },
    input: read.input,
    idempotencyKey: read.submissionId,
    ip: options.ip,
  });
  return { kind: "received", receipt };
};
