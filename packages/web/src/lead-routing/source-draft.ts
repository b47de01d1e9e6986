import {
  formFieldKeys,
  locales,
  type EmailConfig,
  type FormConfig,
  type FormField,
  type LeadSource,
  type LocalizedText,
  type SaveLeadSource,
  type Temperature,
  type UpdateLeadSource,
} from "@conveyor/contracts";

/** The kinds a head of sales adds by hand; manual entry and import are the system's own sources. */
export const editableSourceKinds = ["form", "webhook", "email"] as const;
export type EditableSourceKind = (typeof editableSourceKinds)[number];

export const isEditableKind = (kind: string): kind is EditableSourceKind => editableSourceKinds.some((value) => value === kind);

export type FormFieldKey = (typeof formFieldKeys)[number];
export type FieldType = FormField["type"];

/** One field of the form builder: a standard key, its input type, required or not, a label per language (blank = the standard one). */
export type FieldDraft = { key: FormFieldKey; type: FieldType; required: boolean; label: LocalizedText };

export type FormDraft = {
  title: LocalizedText;
  fields: FieldDraft[];
  consentText: LocalizedText;
  thankYou: LocalizedText;
  allowedOrigins: string[];
};

/** The mailbox as typed: numbers may be half typed; a blank password on an edit keeps the stored one. */
export type EmailDraft = {
  host: string;
  port: number | string;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  allowSelfSigned: boolean;
  pollSeconds: number | string;
};

export type SourceDraft = {
  name: string;
  kind: EditableSourceKind;
  channel: string;
  enabled: boolean;
  defaultTemperature: Temperature;
  form: FormDraft;
  email: EmailDraft;
};

/** The input a standard field asks for: an email keyboard, a phone keyboard, a box for the message. */
export const defaultFieldType = (key: FormFieldKey): FieldType => {
  switch (key) {
    case "email":
      return "email";
    case "phone":
      return "tel";
    case "message":
      return "textarea";
    case "name":
    case "companyName":
    case "region":
    case "productInterest":
    case "legalId":
      return "text";
  }
};

export const fieldDraft = (key: FormFieldKey, required = false): FieldDraft => ({ key, type: defaultFieldType(key), required, label: {} });

export const emptyFormDraft = (): FormDraft => ({
  title: {},
  fields: [fieldDraft("name", true), fieldDraft("phone", true), fieldDraft("email"), fieldDraft("message")],
  consentText: {},
  thankYou: {},
  allowedOrigins: [],
});

export const emptyEmailDraft = (): EmailDraft => ({
  host: "",
  port: 993,
  secure: true,
  user: "",
  password: "",
  mailbox: "INBOX",
  allowSelfSigned: false,
  pollSeconds: 60,
});

export const emptySourceDraft = (kind: EditableSourceKind): SourceDraft => ({
  name: "",
  kind,
  channel: "",
  enabled: true,
  defaultTemperature: "cold",
  form: emptyFormDraft(),
  email: emptyEmailDraft(),
});

const isFieldKey = (key: string): key is FormFieldKey => formFieldKeys.some((value) => value === key);

export const draftFromSource = (source: LeadSource): SourceDraft => {
  const kind = isEditableKind(source.kind) ? source.kind : "webhook";
  const form = source.form;
  const email = source.email;
  return {
    name: source.name,
    kind,
    channel: source.channel ?? "",
    enabled: source.enabled,
    defaultTemperature: source.defaultTemperature,
    form: form
      ? {
          title: form.title,
          // A custom key the builder does not offer is kept out of the draft; the server keeps what it stores only if sent.
          fields: form.fields.flatMap((field) => (isFieldKey(field.key) ? [{ key: field.key, type: field.type, required: field.required, label: field.label }] : [])),
          consentText: form.consentText,
          thankYou: form.thankYou,
          allowedOrigins: form.allowedOrigins,
        }
      : emptyFormDraft(),
    email: email
      ? {
          host: email.host,
          port: email.port,
          secure: email.secure,
          user: email.user,
          password: "",
          mailbox: email.mailbox,
          allowSelfSigned: email.allowSelfSigned,
          pollSeconds: email.pollSeconds,
        }
      : emptyEmailDraft(),
  };
};

/** The field added or removed by its key (added last, not required). */
export const toggleField = (fields: readonly FieldDraft[], key: FormFieldKey): FieldDraft[] =>
  fields.some((field) => field.key === key) ? fields.filter((field) => field.key !== key) : [...fields, fieldDraft(key)];

/** The field at `from` moved to `to`; out of range changes nothing. */
export const moveField = (fields: readonly FieldDraft[], from: number, to: number): FieldDraft[] => {
  const result = [...fields];
  if (from < 0 || from >= fields.length || to < 0 || to >= fields.length || from === to) return result;
  const [moved] = result.splice(from, 1);
  if (moved !== undefined) result.splice(to, 0, moved);
  return result;
};

/** Only the languages written in, trimmed: a blank label falls back to the standard one on the server. */
export const cleanLocalized = (text: LocalizedText): LocalizedText => {
  const result: LocalizedText = {};
  for (const locale of locales) {
    const value = text[locale]?.trim();
    if (value) result[locale] = value;
  }
  return result;
};

/** A lead needs a phone, an email or a name: a form without any of these could only bring empty leads. */
const contactKeys: readonly FormFieldKey[] = ["name", "companyName", "phone", "email"];

const isOrigin = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value.replace(/\/$/, "");
  } catch {
    return false;
  }
};

export type SourceProblem = "name" | "fields" | "contactField" | "origins" | "host" | "port" | "user" | "password" | "pollSeconds";

const wholeIn = (value: number | string, min: number, max: number): number | null => {
  const number = typeof value === "number" ? value : value.trim() === "" ? Number.NaN : Number(value);
  return Number.isInteger(number) && number >= min && number <= max ? number : null;
};

const formProblems = (form: FormDraft): SourceProblem[] => {
  const problems: SourceProblem[] = [];
  if (form.fields.length === 0 || form.fields.length > 30) problems.push("fields");
  else if (!form.fields.some((field) => contactKeys.includes(field.key))) problems.push("contactField");
  if (!form.allowedOrigins.every((origin) => isOrigin(origin.trim()))) problems.push("origins");
  return problems;
};

export const formConfig = (form: FormDraft): FormConfig => ({
  title: cleanLocalized(form.title),
  fields: form.fields.map((field) => ({ key: field.key, type: field.type, required: field.required, label: cleanLocalized(field.label) })),
  consentText: cleanLocalized(form.consentText),
  thankYou: cleanLocalized(form.thankYou),
  allowedOrigins: [...new Set(form.allowedOrigins.map((origin) => origin.trim().replace(/\/$/, "")))],
});

/** The mailbox as the API takes it, or what is wrong; `passwordRequired` on creation, where no password is stored yet. */
const emailConfig = (email: EmailDraft, passwordRequired: boolean): { ok: true; config: EmailConfig } | { ok: false; problems: SourceProblem[] } => {
  const problems: SourceProblem[] = [];
  const host = email.host.trim();
  const user = email.user.trim();
  const port = wholeIn(email.port, 1, 65_535);
  const pollSeconds = wholeIn(email.pollSeconds, 15, 3600);
  if (host === "") problems.push("host");
  if (port === null) problems.push("port");
  if (user === "") problems.push("user");
  if (passwordRequired && email.password === "") problems.push("password");
  if (pollSeconds === null) problems.push("pollSeconds");
  if (problems.length > 0 || port === null || pollSeconds === null) return { ok: false, problems };
  const config: EmailConfig = {
    host,
    port,
    secure: email.secure,
    user,
    mailbox: email.mailbox.trim() || "INBOX",
    allowSelfSigned: email.allowSelfSigned,
    pollSeconds,
  };
  if (email.password !== "") config.password = email.password;
  return { ok: true, config };
};

export type SourceResult<T> = { ok: true; body: T } | { ok: false; problems: SourceProblem[] };

/** The new source as `POST /lead-sources` takes it, with only the part of its kind (a form's fields, a mailbox's account). */
export const sourceToSave = (draft: SourceDraft): SourceResult<SaveLeadSource> => {
  const problems: SourceProblem[] = [];
  const name = draft.name.trim();
  if (name === "") problems.push("name");
  const body: SaveLeadSource = { name, kind: draft.kind, channel: draft.channel.trim() || null, enabled: draft.enabled, defaultTemperature: draft.defaultTemperature };
  switch (draft.kind) {
    case "form":
      problems.push(...formProblems(draft.form));
      body.form = formConfig(draft.form);
      break;
    case "email": {
      const email = emailConfig(draft.email, true);
      if (email.ok) body.email = email.config;
      else problems.push(...email.problems);
      break;
    }
    case "webhook":
      break;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, body };
};

/** A change of a source as `PATCH /lead-sources/:id` takes it: the kind stays; a blank password keeps the stored one. */
export const sourceToUpdate = (source: LeadSource, draft: SourceDraft): SourceResult<UpdateLeadSource> => {
  const problems: SourceProblem[] = [];
  const name = draft.name.trim();
  if (name === "") problems.push("name");
  const body: UpdateLeadSource = { name, channel: draft.channel.trim() || null, enabled: draft.enabled, defaultTemperature: draft.defaultTemperature };
  if (source.kind === "form") {
    problems.push(...formProblems(draft.form));
    body.form = formConfig(draft.form);
  }
  if (source.kind === "email") {
    const email = emailConfig(draft.email, source.email?.hasPassword !== true);
    if (email.ok) body.email = email.config;
    else problems.push(...email.problems);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, body };
};
