import { createHash } from "node:crypto";
import { ImapFlow } from "imapflow";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";

/** One organization's mailbox for one lead source. */
export type ImapSettings = {
  host: string;
  port: number;
  /** Implicit TLS (usually port 993); when false imapflow still upgrades with STARTTLS if offered. */
  secure: boolean;
  user: string;
  password: string;
  /** Empty means "INBOX". */
  mailbox: string;
  /** Accept a self-signed or otherwise unverifiable certificate: only for a server the organization runs itself. */
  allowSelfSigned?: boolean;
};

export type InboundAttachment = { filename: string; contentType: string; size: number; content: Buffer };

export type InboundMessage = {
  uid: number;
  /** Without angle brackets. */
  messageId: string | null;
  /** SHA-256 of the raw message: the same mail read again (even under a new UIDVALIDITY) has the same one. */
  fingerprint: string;
  /** Without angle brackets. */
  inReplyTo: string | null;
  /** Without angle brackets, oldest first as the header lists them. */
  references: string[];
  from: { name: string | null; address: string | null };
  subject: string;
  /** The plain text body (HTML converted when there is no text part), trimmed, capped at `maxInboundTextLength`. */
  text: string;
  date: Date | null;
  /** Attachments up to `maxInboundAttachmentBytes` each. */
  attachments: InboundAttachment[];
  /** How many attachments were left out for being larger than `maxInboundAttachmentBytes`. */
  skippedAttachments: number;
  /** Sent by a machine, not a person: an out-of-office reply, a bounce, a list's bulk mail (RFC 3834). */
  automatic: boolean;
};

/** Where reading stopped: UIDs only mean something within one UIDVALIDITY. */
export type MailboxCursor = { uidValidity: string | null; lastUid: number };

export const maxInboundTextLength = 100_000;
export const maxInboundAttachmentBytes = 10 * 1024 * 1024;
/** A larger mail is read only this far: its text is kept, its attachments are not. */
export const maxInboundMessageBytes = 25 * 1024 * 1024;
/** Roughly how much mail one read holds in memory. */
const maxBatchBytes = 50 * 1024 * 1024;
const defaultReadLimit = 100;
const defaultReadTimeoutMs = 60_000;
const defaultCheckTimeoutMs = 15_000;

/** What went wrong, so a caller can show the right hint next to the message. */
export type ImapFailure = "auth" | "unreachable" | "tls" | "timeout" | "no-mailbox" | "protocol";

export class ImapMailboxError extends Error {
  readonly failure: ImapFailure;
  constructor(failure: ImapFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ImapMailboxError";
    this.failure = failure;
  }
}

/**
 * Reads messages with UID > cursor.lastUid (all of them when uidValidity changed), oldest first,
 * at most `limit` (default 100), about `maxBatchBytes` of mail and what half the timeout allows. Never marks or deletes mail: the
 * mailbox is opened read-only. When more are waiting, the returned cursor stops at the last one read,
 * so the next call continues from there.
 */
export const readNewMessages = async (
  settings: ImapSettings,
  cursor: MailboxCursor,
  options: { limit?: number; timeoutMs?: number } = {},
): Promise<{ messages: InboundMessage[]; cursor: MailboxCursor }> => {
  const limit = Math.max(1, Math.floor(options.limit ?? defaultReadLimit));
  const timeoutMs = options.timeoutMs ?? defaultReadTimeoutMs;
  // Past half the time no new message is started, so a slow server still lets the cursor move on.
  const stopStartingAt = Date.now() + timeoutMs / 2;
  const sources = await withMailbox(settings, timeoutMs, async (client, mailbox) => {
    const uidValidity = mailbox.uidValidity.toString();
    // A new UIDVALIDITY means the old UIDs point at nothing: start over.
    const afterUid = uidValidity === cursor.uidValidity ? cursor.lastUid : 0;
    if (mailbox.exists === 0) return { uidValidity, afterUid, fetched: [] };
    // `N:*` always matches the highest UID, even when it is below N: filter again.
    const found = (await client.search({ uid: `${afterUid + 1}:*` }, { uid: true })) || [];
    const waiting = found.filter((uid) => uid > afterUid).sort((a, b) => a - b).slice(0, limit);
    if (waiting.length === 0) return { uidValidity, afterUid, fetched: [] };
    const sizes = new Map<number, number>();
    for await (const message of client.fetch(waiting, { uid: true, size: true }, { uid: true })) sizes.set(message.uid, message.size ?? 0);
    const fetched: { uid: number; source: Buffer; truncated: boolean }[] = [];
    let bytes = 0;
    for (const uid of waiting) {
      const size = Math.min(sizes.get(uid) ?? 0, maxInboundMessageBytes);
      // One message always goes; after it the batch stops where the next one would overflow memory.
      if (fetched.length > 0 && (bytes + size > maxBatchBytes || Date.now() > stopStartingAt)) break;
      bytes += size;
      const truncated = (sizes.get(uid) ?? 0) > maxInboundMessageBytes;
      const message = await client.fetchOne(String(uid), { uid: true, source: truncated ? { maxLength: maxInboundMessageBytes } : true }, { uid: true });
      if (message && message.source) fetched.push({ uid, source: message.source, truncated });
    }
    return { uidValidity, afterUid, fetched };
  });

  const messages: InboundMessage[] = [];
  for (const { uid, source, truncated } of sources.fetched) {
    const message = await parseInboundMessage(uid, source);
    // The cut-off end of a huge mail would leave a broken file: keep its text, leave its files in the mailbox.
    messages.push(truncated ? { ...message, attachments: [], skippedAttachments: message.attachments.length + message.skippedAttachments } : message);
  }
  const lastUid = sources.fetched.reduce((highest, { uid }) => Math.max(highest, uid), sources.afterUid);
  return { messages, cursor: { uidValidity: sources.uidValidity, lastUid } };
};

/**
 * Connects and opens the mailbox, for the "Test connection" button. Rejects with an
 * `ImapMailboxError` whose message says what to fix: credentials, host, certificate or mailbox name.
 */
export const checkMailbox = async (
  settings: ImapSettings,
  options: { timeoutMs?: number } = {},
): Promise<{ messages: number }> =>
  withMailbox(settings, options.timeoutMs ?? defaultCheckTimeoutMs, async (_client, mailbox) => ({
    messages: mailbox.exists,
  }));

/** Parses one raw message; exported so the parsing rules can be tested without a server. */
export const parseInboundMessage = async (uid: number, source: Buffer | string): Promise<InboundMessage> => {
  const parsed = await simpleParser(source, {
    skipTextToHtml: true,
    skipImageLinks: true,
    skipTextLinks: true,
    keepCidLinks: true,
  });
  const kept = parsed.attachments.filter((attachment) => attachment.size <= maxInboundAttachmentBytes);
  return {
    uid,
    messageId: messageIds(parsed.messageId)[0] ?? null,
    fingerprint: createHash("sha256").update(source).digest("hex"),
    inReplyTo: messageIds(parsed.inReplyTo)[0] ?? null,
    references: messageIds(parsed.references),
    from: sender(parsed.from),
    subject: (parsed.subject ?? "").trim(),
    text: capText((parsed.text ?? "").trim(), maxInboundTextLength),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    attachments: kept.map((attachment) => ({
      filename: attachment.filename?.trim() || "attachment",
      contentType: attachment.contentType || "application/octet-stream",
      size: attachment.size,
      content: attachment.content,
    })),
    skippedAttachments: parsed.attachments.length - kept.length,
    automatic: isAutomatic(parsed),
  };
};

const isAutomatic = (parsed: ParsedMail): boolean => {
  const header = (name: string): string => {
    const value = parsed.headers.get(name);
    return typeof value === "string" ? value.trim().toLowerCase() : "";
  };
  const autoSubmitted = header("auto-submitted");
  if (autoSubmitted !== "" && autoSubmitted !== "no") return true;
  if (["bulk", "junk", "list", "auto_reply"].includes(header("precedence"))) return true;
  if (header("x-autoreply") !== "" || header("x-autorespond") !== "") return true;
  const address = sender(parsed.from).address?.toLowerCase() ?? "";
  return /^(mailer-daemon|postmaster)@/.test(address);
};

type OpenedMailbox = Awaited<ReturnType<ImapFlow["mailboxOpen"]>>;

const withMailbox = async <T>(
  settings: ImapSettings,
  timeoutMs: number,
  work: (client: ImapFlow, mailbox: OpenedMailbox) => Promise<T>,
): Promise<T> => {
  const mailboxName = settings.mailbox.trim() || "INBOX";
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    ...(settings.allowSelfSigned ? { tls: { rejectUnauthorized: false } } : {}),
  });
  // imapflow also reports socket failures as events; without a listener they would crash the process.
  client.on("error", () => undefined);
  let timedOut = false;
  // The per-socket timeouts restart on every byte; this one bounds the whole visit.
  const deadline = setTimeout(() => {
    timedOut = true;
    client.close();
  }, timeoutMs);
  try {
    await client.connect();
    const mailbox = await client.mailboxOpen(mailboxName, { readOnly: true });
    return await work(client, mailbox);
  } catch (error) {
    throw describeFailure(error, settings, mailboxName, timedOut ? timeoutMs : null);
  } finally {
    if (client.usable) await client.logout().catch(() => client.close());
    else client.close();
    clearTimeout(deadline);
  }
};

const unreachableCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);
const timeoutCodes = new Set(["CONNECT_TIMEOUT", "GREETING_TIMEOUT", "UPGRADE_TIMEOUT", "ETIMEOUT", "ETIMEDOUT"]);
const certificateCodes = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

const describeFailure = (
  error: unknown,
  settings: ImapSettings,
  mailboxName: string,
  timedOutAfterMs: number | null,
): ImapMailboxError => {
  const server = `${settings.host}:${settings.port}`;
  const code = stringField(error, "code");
  const serverText = stringField(error, "responseText") ?? stringField(error, "reason");
  const detail = serverText ?? (error instanceof Error ? error.message : String(error));
  const cause = { cause: error };
  if (timedOutAfterMs !== null || (code && timeoutCodes.has(code))) {
    const after = timedOutAfterMs !== null ? ` (${timedOutAfterMs} ms)` : "";
    return new ImapMailboxError("timeout", `IMAP server ${server} did not answer in time${after}: check the host, the port and the TLS setting`, cause);
  }
  if (Reflect.get(Object(error), "authenticationFailed") === true) {
    return new ImapMailboxError("auth", `IMAP login failed for "${settings.user}" on ${server}: wrong user name or password (server said: ${detail})`, cause);
  }
  if (Reflect.get(Object(error), "mailboxMissing") === true || stringField(error, "serverResponseCode") === "NONEXISTENT") {
    return new ImapMailboxError("no-mailbox", `Mailbox "${mailboxName}" does not exist for "${settings.user}" on ${server}`, cause);
  }
  if ((code && certificateCodes.has(code)) || Reflect.get(Object(error), "tlsFailed") === true) {
    return new ImapMailboxError("tls", `TLS with IMAP server ${server} failed (${code ?? detail}): turn on "allow self-signed" only for a server you run yourself`, cause);
  }
  if (code && unreachableCodes.has(code)) {
    return new ImapMailboxError("unreachable", `Cannot reach IMAP server ${server} (${code}): check the host and the port`, cause);
  }
  if (code === "NoConnection" || code === "EConnectionClosed") {
    return new ImapMailboxError("unreachable", `IMAP server ${server} closed the connection: ${detail}`, cause);
  }
  return new ImapMailboxError("protocol", `IMAP error from ${server}: ${detail}`, cause);
};

const stringField = (value: unknown, key: string): string | null => {
  const field: unknown = Reflect.get(Object(value), key);
  return typeof field === "string" && field.length > 0 ? field : null;
};

/** `<a@x> <b@y>` (or a list of such) → `["a@x", "b@y"]`; tolerates ids written without brackets. */
const messageIds = (value: string | string[] | undefined): string[] => {
  const joined = Array.isArray(value) ? value.join(" ") : (value ?? "");
  const bracketed = [...joined.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1] ?? "");
  const ids = bracketed.length > 0 ? bracketed : joined.split(/\s+/);
  return ids.map((id) => id.trim()).filter((id) => id.length > 0);
};

const sender = (from: AddressObject | undefined): InboundMessage["from"] => {
  const first = from?.value[0];
  const person = first?.group?.[0] ?? first;
  return { name: person?.name.trim() || null, address: person?.address?.trim() || null };
};

/** Cuts at `max` UTF-16 units without leaving half a surrogate pair at the end. */
const capText = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
};

export type { ParsedMail };
