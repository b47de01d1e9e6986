import type { CreatedLeadSource, EmailConfig, LeadSource, LeadSourceSecret, MailboxCheck, SaveLeadSource, UpdateLeadSource } from "@conveyor/contracts";
import { dayBounds } from "@conveyor/domain";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { AppError, notFound } from "../http/app-error";
import { checkMailbox } from "../integrations/imap-mailbox";
import {
  deleteLeadSourceRow,
  ensureSystemSources,
  findLeadSource,
  insertLeadSource,
  listLeadSources,
  newPublicKey,
  newSourceSecret,
  sourceConfigOf,
  sourceInUse,
  updateLeadSourceRow,
  type LeadSourcePatch,
  type LeadSourceRow,
  type LeadSourceWithCounts,
} from "../repositories/lead-source.repository";
import { findOrganization } from "../repositories/organization.repository";
import { presentCreatedLeadSource, presentLeadSource } from "../presenters/lead.presenter";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";

/** How long the screen's "check the mailbox" waits for the server to answer. */
export const mailboxCheckTimeoutMs = 10_000;

const invalid = (field: string, message: string, code = "invalid") =>
  new AppError("validation_failed", message, { errors: [{ field, code, message }] });

const isSystemKind = (kind: string): boolean => kind === "manual" || kind === "import";

/** The organization's local day, for the sources' "today" counts. */
const todayOf = async (context: AppContext, ex: Executor, viewer: Viewer) => {
  const organization = await findOrganization(ex, viewer);
  return dayBounds(context.now(), organization?.timeZone ?? "UTC");
};

const readSource = async (context: AppContext, ex: Executor, viewer: Viewer, id: string): Promise<LeadSourceWithCounts> => {
  const [row] = await listLeadSources(ex, viewer.organizationId, await todayOf(context, ex, viewer), [id]);
  if (!row) throw notFound("The lead source");
  return row;
};

/** Each kind carries its own settings and only those: a form its fields, a mailbox its server. */
const assertConfigFitsKind = (kind: string, input: { form?: unknown; email?: unknown }) => {
  if (input.form !== undefined && kind !== "form") throw invalid("form", "Only a form source has a form", "not_allowed");
  if (input.email !== undefined && kind !== "email") throw invalid("email", "Only a mailbox source has mailbox settings", "not_allowed");
};

/** The sources of the organization (the manual and import ones made on first sight), with their lead counts. */
export const listSources = async (context: AppContext, viewer: Viewer): Promise<LeadSource[]> =>
  context.database.db.transaction(async (tx) => {
    await ensureSystemSources(tx, viewer, context.now());
    return (await listLeadSources(tx, viewer.organizationId, await todayOf(context, tx, viewer))).map(presentLeadSource);
  });

/**
 * A new form, webhook or mailbox source. The manual and import sources are the system's own, one of each. A
 * webhook's secret is answered this once.
 */
export const createLeadSource = async (context: AppContext, viewer: Viewer, input: SaveLeadSource): Promise<CreatedLeadSource> => {
  if (isSystemKind(input.kind)) throw invalid("kind", "The manual and import sources are made by the system", "not_allowed");
  assertConfigFitsKind(input.kind, input);
  if (input.kind === "form" && !input.form) throw invalid("form", "A form source needs its form", "required");
  if (input.kind === "email" && !input.email) throw invalid("email", "A mailbox source needs its server and account", "required");
  if (input.kind === "email" && !input.email?.password) throw invalid("email.password", "Give the mailbox's password", "required");
  const secret = input.kind === "webhook" ? newSourceSecret() : null;
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const id = await insertLeadSource(tx, {
      organizationId: viewer.organizationId,
      name: input.name,
      kind: input.kind,
      channel: input.channel ?? null,
      enabled: input.enabled ?? true,
      defaultTemperature: input.defaultTemperature ?? "warm",
      publicKey: newPublicKey(),
      secret,
      config: input.form ? { form: input.form } : input.email ? { email: input.email } : {},
      createdAt: now,
      updatedAt: now,
    });
    return presentCreatedLeadSource(await readSource(context, tx, viewer, id), secret);
  });
};

/** Another server, account or folder is another mailbox: its reading starts afresh. */
const sameMailbox = (a: EmailConfig | null, b: EmailConfig): boolean =>
  !!a && a.host === b.host && a.port === b.port && a.user === b.user && a.mailbox === b.mailbox;

export const updateLeadSource = async (context: AppContext, viewer: Viewer, id: string, input: UpdateLeadSource): Promise<LeadSource> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const stored = await findLeadSource(tx, viewer.organizationId, id, { forUpdate: true });
    if (!stored) throw notFound("The lead source");
    if (input.kind !== undefined && input.kind !== stored.kind) throw invalid("kind", "A source's kind cannot change", "immutable");
    assertConfigFitsKind(stored.kind, input);
    const patch: LeadSourcePatch = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.channel !== undefined) patch.channel = input.channel;
    if (input.enabled !== undefined) patch.enabled = input.enabled;
    if (input.defaultTemperature !== undefined) patch.defaultTemperature = input.defaultTemperature;
    if (input.form !== undefined) patch.config = { form: input.form };
    if (input.email !== undefined) {
      const before = sourceConfigOf(stored).email;
      // The password is write-only: a form that leaves it empty keeps the one stored.
      const password = input.email.password || before?.password;
      if (!password) throw invalid("email.password", "Give the mailbox's password", "required");
      const email = { ...input.email, password };
      patch.config = { email };
      if (!sameMailbox(before, email)) Object.assign(patch, { imapUidValidity: null, imapLastUid: 0, lastError: null, lastPolledAt: null });
    }
    if (Object.keys(patch).length > 0) await updateLeadSourceRow(tx, viewer.organizationId, id, patch, now);
    return presentLeadSource(await readSource(context, tx, viewer, id));
  });
};

/** A webhook's new secret; the old one stops signing at once. */
export const rotateLeadSourceSecret = async (context: AppContext, viewer: Viewer, id: string): Promise<LeadSourceSecret> =>
  context.database.db.transaction(async (tx) => {
    const stored = await findLeadSource(tx, viewer.organizationId, id, { forUpdate: true });
    if (!stored) throw notFound("The lead source");
    if (stored.kind !== "webhook") throw invalid("kind", "Only a webhook source has a secret", "not_allowed");
    const secret = newSourceSecret();
    await updateLeadSourceRow(tx, viewer.organizationId, id, { secret }, context.now());
    return { publicKey: stored.publicKey, secret };
  });

const messageOf = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().slice(0, 1000) || "The mailbox could not be read";
};

/**
 * Tries the mailbox's settings now (at most ten seconds). A failure is an answer, not an error: the screen shows
 * it, and it is kept as the source's last error; a success clears that.
 */
export const checkLeadSourceMailbox = async (context: AppContext, viewer: Viewer, id: string): Promise<MailboxCheck> => {
  const { db } = context.database;
  const stored: LeadSourceRow | undefined = await findLeadSource(db, viewer.organizationId, id);
  if (!stored) throw notFound("The lead source");
  const { email } = sourceConfigOf(stored);
  if (stored.kind !== "email" || !email) throw invalid("kind", "Only a mailbox source can be checked", "not_allowed");
  // No transaction is held open while a remote server takes its time.
  let check: MailboxCheck;
  try {
    const result = await checkMailbox({ ...email, password: email.password ?? "" }, { timeoutMs: mailboxCheckTimeoutMs });
    check = { ok: true, messages: result.messages, error: null };
  } catch (error) {
    check = { ok: false, messages: null, error: messageOf(error) };
  }
  await updateLeadSourceRow(db, viewer.organizationId, id, { lastError: check.error }, context.now());
  return check;
};

/**
 * Removes a source that never brought anything in. A source with leads or mail, and the manual and import
 * sources, are switched off instead, so the history of what came from them stays readable.
 */
export const deleteLeadSource = async (context: AppContext, viewer: Viewer, id: string): Promise<void> => {
  const now = context.now();
  await context.database.db.transaction(async (tx) => {
    const stored = await findLeadSource(tx, viewer.organizationId, id, { forUpdate: true });
    if (!stored) throw notFound("The lead source");
    if (isSystemKind(stored.kind) || (await sourceInUse(tx, viewer.organizationId, id))) {
      await updateLeadSourceRow(tx, viewer.organizationId, id, { enabled: false }, now);
      await auditAs(tx, viewer, "deleted", now, { kind: "lead_source", id }, { switchedOffOnly: true });
      return;
    }
    await deleteLeadSourceRow(tx, viewer.organizationId, id);
    await auditAs(tx, viewer, "deleted", now, { kind: "lead_source", id });
  });
};
