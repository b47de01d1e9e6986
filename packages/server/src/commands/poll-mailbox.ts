import { emailConfigSchema } from "@conveyor/contracts";
import { sql } from "drizzle-orm";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { readNewMessages, type InboundMessage } from "../integrations/imap-mailbox";
import { sourceOf, type SourceRow } from "../repositories/lead-intake.repository";
import { receiveLead } from "./receive-lead";

export type MailboxRun = { read: number; leads: number; replies: number; duplicates: number; error: string | null };

/** At most this many attachments' bytes are kept per message (larger ones the reader already skipped). */
const maxAttachments = 20;

/** The client a reply belongs to: a message of the thread we already received (In-Reply-To, then References). */
const threadClient = async (ex: Executor, organizationId: string, message: InboundMessage): Promise<string | null> => {
  const ids = [message.inReplyTo, ...message.references].filter((id): id is string => !!id);
  if (ids.length === 0) return null;
  const result = await ex.execute(sql`
    select company_id from inbound_emails
     where organization_id = ${organizationId} and message_id = any(array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::text[])
     order by received_at desc limit 1`);
  const id = result.rows[0]?.["company_id"];
  return typeof id === "string" ? id : null;
};

/**
 * The key a mail is known by: its Message-ID, else one made from its bytes, so that a mail without one read
 * again (after a crash, or under a new UIDVALIDITY) is still recognised.
 */
const mailKey = (message: InboundMessage): string => message.messageId ?? `${message.fingerprint}@sha256.invalid`;

/** Any mailbox of the organization: the same mail sent to sales@ and info@ is one lead. */
const alreadyStored = async (ex: Executor, organizationId: string, key: string): Promise<boolean> => {
  const result = await ex.execute(sql`
    select 1 from inbound_emails where organization_id = ${organizationId} and message_id = ${key} limit 1`);
  return result.rows.length > 0;
};

/** Sources being read by this process: the poller and a "read now" must not read one mailbox at once. */
const polling = new Set<string>();

/** The mail itself, its attachments and a line in the client's history, in one transaction. */
const storeEmail = async (
  ex: Executor,
  input: { organizationId: string; sourceId: string; companyId: string; leadId: string | null; message: InboundMessage; now: Date },
): Promise<void> => {
  const { organizationId: org, message, now } = input;
  const inserted = await ex.execute(sql`
    insert into inbound_emails (organization_id, source_id, company_id, lead_id, message_id, in_reply_to, from_address, from_name, subject, body, received_at, created_at)
    values (${org}, ${input.sourceId}, ${input.companyId}, ${input.leadId}, ${mailKey(message)}, ${message.inReplyTo}, ${message.from.address},
            ${message.from.name}, ${message.subject}, ${message.text}, ${message.date ?? now}, ${now})
    returning id`);
  const emailId = String(inserted.rows[0]?.["id"]);
  for (const attachment of message.attachments.slice(0, maxAttachments)) {
    await ex.execute(sql`
      insert into inbound_attachments (organization_id, email_id, filename, content_type, size, content)
      values (${org}, ${emailId}, ${attachment.filename || "attachment"}, ${attachment.contentType}, ${attachment.size}, ${attachment.content})`);
  }
  await ex.execute(sql`
    insert into timeline_events (organization_id, company_id, kind, at, inbound_email_id, lead_id)
    values (${org}, ${input.companyId}, 'email_received', ${message.date && message.date < now ? message.date : now}, ${emailId}, ${input.leadId})`);
};

/** What became of one message: a new lead, a line in a known client's thread, one seen before, or nothing. */
type Outcome = "lead" | "reply" | "duplicate" | "passed";

const takeMessage = async (context: AppContext, source: SourceRow, message: InboundMessage, now: Date): Promise<Outcome> => {
  const { db } = context.database;
  const org = source.organizationId;
  if (await alreadyStored(db, org, mailKey(message))) return "duplicate";
  const threadCompanyId = await threadClient(db, org, message);
  if (threadCompanyId) {
    await db.transaction((tx) => storeEmail(tx, { organizationId: org, sourceId: source.id, companyId: threadCompanyId, leadId: null, message, now }));
    return "reply";
  }
  // An out-of-office reply or a bounce is nobody's lead.
  if (message.automatic) return "passed";
  const receipt = await receiveLead(context, {
    organizationId: org,
    source: { id: source.id, name: source.name, kind: source.kind, channel: source.channel, defaultTemperature: source.defaultTemperature, enabled: true },
    input: {
      name: message.from.name ?? undefined,
      email: message.from.address ?? undefined,
      message: [message.subject, message.text].filter((part) => part.trim() !== "").join("\n\n").slice(0, 20_000) || undefined,
      ...(!message.from.name && !message.from.address ? { companyName: message.subject || source.name } : {}),
    },
    idempotencyKey: mailKey(message),
  });
  // A lead made by a read that stopped before its mail was kept: keep the mail now, count it as seen.
  await db.transaction((tx) => storeEmail(tx, { organizationId: org, sourceId: source.id, companyId: receipt.companyId, leadId: receipt.id, message, now }));
  return receipt.duplicate ? "duplicate" : "lead";
};

/**
 * M5.5, email: reads a source's mailbox from where it stopped and turns each new message into a lead —
 * sender, subject, text and attachments kept — unless it replies in a thread we know, when it lands in that
 * client's history instead; mail sent by a machine (auto-replies, bounces) outside a known thread is passed over.
 * The Message-ID (or, without one, a hash of the mail) is the delivery's idempotency key and the cursor advances
 * after each message, so a crash re-reads at most the message it was on and creates nothing twice.
 */
export const pollMailbox = async (context: AppContext, source: SourceRow): Promise<MailboxRun> => {
  // The other reader is on it: what it finds, it keeps.
  if (polling.has(source.id)) return { read: 0, leads: 0, replies: 0, duplicates: 0, error: null };
  polling.add(source.id);
  try {
    return await readMailbox(context, source);
  } finally {
    polling.delete(source.id);
  }
};

const readMailbox = async (context: AppContext, source: SourceRow): Promise<MailboxRun> => {
  const { db } = context.database;
  const run: MailboxRun = { read: 0, leads: 0, replies: 0, duplicates: 0, error: null };
  const config = emailConfigSchema.safeParse(typeof source.config === "object" && source.config !== null && "email" in source.config ? source.config.email : null);
  const org = source.organizationId;
  const now = context.now();
  if (!config.success || !config.data.password) {
    run.error = "The mailbox is not configured";
  } else {
    const cursorRow = await db.execute(sql`select imap_uid_validity, imap_last_uid from lead_sources where organization_id = ${org} and id = ${source.id}`);
    let cursor = {
      uidValidity: typeof cursorRow.rows[0]?.["imap_uid_validity"] === "string" ? String(cursorRow.rows[0]["imap_uid_validity"]) : null,
      lastUid: Number(cursorRow.rows[0]?.["imap_last_uid"] ?? 0),
    };
    try {
      const settings = { host: config.data.host, port: config.data.port, secure: config.data.secure, user: config.data.user, password: config.data.password, mailbox: config.data.mailbox, allowSelfSigned: config.data.allowSelfSigned };
      const batch = await readNewMessages(settings, cursor, { limit: 100, timeoutMs: 20_000 });
      for (const message of batch.messages) {
        run.read += 1;
        const outcome = await takeMessage(context, source, message, now);
        if (outcome === "lead") run.leads += 1;
        else if (outcome === "reply") run.replies += 1;
        else if (outcome === "duplicate") run.duplicates += 1;
        cursor = { uidValidity: batch.cursor.uidValidity, lastUid: message.uid };
        await db.execute(sql`update lead_sources set imap_uid_validity = ${cursor.uidValidity}, imap_last_uid = ${cursor.lastUid}
                              where organization_id = ${org} and id = ${source.id}`);
      }
      cursor = batch.cursor;
    } catch (error) {
      run.error = error instanceof Error ? error.message : String(error);
    }
    await db.execute(sql`update lead_sources set imap_uid_validity = ${cursor.uidValidity}, imap_last_uid = ${cursor.lastUid}
                          where organization_id = ${org} and id = ${source.id}`);
  }
  await db.execute(sql`update lead_sources set last_polled_at = ${now}, last_error = ${run.error} where organization_id = ${org} and id = ${source.id}`);
  return run;
};

/** Enabled mailboxes whose poll interval has passed (every one when `all`). */
export const dueMailboxes = async (ex: Executor, now: Date, all = false): Promise<SourceRow[]> => {
  const result = await ex.execute(sql`
    select * from lead_sources
     where kind = 'email' and enabled
       and (${all} or last_polled_at is null
            or last_polled_at + make_interval(secs => coalesce((config->'email'->>'pollSeconds')::int, 60)) <= ${now})
     order by last_polled_at nulls first limit 50`);
  return result.rows.map(sourceOf);
};
