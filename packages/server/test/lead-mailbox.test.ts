import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import type { Lead, LeadSource, MailboxCheck, TimelinePage } from "@conveyor/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dueMailboxes } from "../src/commands/poll-mailbox";
import { readNewMessages } from "../src/integrations/imap-mailbox";
import { dovecotMissing, startDovecot, type DovecotServer } from "../src/testing/dovecot";
import { buildOrganization, buildUser, signedIn, type BuiltUser, type TestClient, useTestApp } from "./harness";

/*
 * M5.5, the email channel, against a real IMAP server: a private Dovecot on 127.0.0.1. Without Dovecot these
 * tests fail and say how to install it, unless CONVEYOR_SKIP_IMAP=1.
 */

const test = useTestApp();
const skipped = dovecotMissing() !== null && process.env["CONVEYOR_SKIP_IMAP"] === "1";

/** Tuesday 11:00 in Moscow: a working day. */
const tuesdayMorning = new Date("2026-12-08T08:00:00Z");

type MailboxRun = { read: number; leads: number; replies: number; duplicates: number; error: string | null };
type World = { organizationId: string; head: TestClient; sellers: BuiltUser[] };

const buildWorld = async (): Promise<World> => {
  test.clock.now = tuesdayMorning;
  const org = await buildOrganization(test.database);
  const head = await buildUser(test.database, org.organizationId, { role: "head_of_sales" });
  const sellers = [await buildUser(test.database, org.organizationId, { name: "Seller One" }), await buildUser(test.database, org.organizationId, { name: "Seller Two" })];
  return { organizationId: org.organizationId, head: await signedIn(test, head), sellers };
};

const createMailbox = async (world: World, email: { host: string; port: number; user: string; password: string; secure?: boolean; allowSelfSigned?: boolean }): Promise<LeadSource> => {
  const created = await world.head.post<LeadSource>("/api/v1/lead-sources", {
    name: "Sales inbox",
    kind: "email",
    channel: "email",
    email: { secure: false, ...email },
  });
  expect(created.status, created.raw).toBe(201);
  return created.body;
};

const poll = async (world: World, sourceId: string): Promise<MailboxRun> => {
  const reply = await world.head.post<MailboxRun>(`/api/v1/lead-sources/${sourceId}/poll`);
  expect(reply.status, reply.raw).toBe(200);
  return reply.body;
};

const sourceOf = async (world: World, sourceId: string): Promise<LeadSource | undefined> =>
  (await world.head.get<{ items: LeadSource[] }>("/api/v1/lead-sources")).body.items.find((s) => s.id === sourceId);

const count = async (table: "leads" | "inbound_emails" | "companies", organizationId: string): Promise<number> => {
  const result = await test.database.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where organization_id = ${organizationId}`);
  return Number(result.rows[0]?.["n"] ?? 0);
};

const leadIdsOf = async (sourceId: string): Promise<string[]> => {
  const result = await test.database.db.execute(sql`select id from leads where source_id = ${sourceId} order by received_at, id`);
  return result.rows.map((row) => String(row["id"]));
};

/** A loopback port that was free a moment ago and has nothing listening. */
const closedPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

type Mail = {
  from: string;
  subject: string;
  text: string;
  /** null: a message without a Message-ID. */
  messageId?: string | null;
  inReplyTo?: string;
  headers?: string[];
  attachment?: { filename: string; contentType: string; content: Buffer };
};

/** A raw RFC 5322 message, multipart when it carries an attachment. */
const rawMail = (mail: Mail): string => {
  const headers = [
    `From: ${mail.from}`,
    "To: sales@conveyor.test",
    `Subject: ${mail.subject}`,
    "Date: Tue, 08 Dec 2026 07:55:00 +0000",
    ...(mail.messageId === null ? [] : [`Message-ID: <${mail.messageId ?? `${randomUUID()}@mail.test`}>`]),
    ...(mail.inReplyTo ? [`In-Reply-To: <${mail.inReplyTo}>`, `References: <${mail.inReplyTo}>`] : []),
    ...(mail.headers ?? []),
    "MIME-Version: 1.0",
  ];
  if (!mail.attachment) return [...headers, "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", mail.text, ""].join("\r\n");
  const boundary = `b-${randomUUID()}`;
  const base64 = mail.attachment.content.toString("base64").replace(/.{1,76}/g, "$&\r\n");
  return [
    ...headers,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    mail.text,
    `--${boundary}`,
    `Content-Type: ${mail.attachment.contentType}; name="${mail.attachment.filename}"`,
    `Content-Disposition: attachment; filename="${mail.attachment.filename}"`,
    "Content-Transfer-Encoding: base64",
    "",
    base64,
    `--${boundary}--`,
    "",
  ].join("\r\n");
};

describe.skipIf(skipped)("lead intake by email (M5.5) against a real IMAP server", () => {
  let imap: DovecotServer;
  const password = (user: string) => imap.users.find((u) => u.user === user)?.password ?? "";
  const mailbox = (user: string) => ({ host: imap.host, port: imap.port, user, password: password(user) });

  beforeAll(async () => {
    imap = await startDovecot({
      users: ["inbox", "known", "rebuilt", "check", "robots", "queue"].map((user) => ({ user, password: `pw-${user}-${randomUUID().slice(0, 8)}` })),
    });
  });
  afterAll(async () => {
    await imap?.stop();
  });

  describe("one mailbox, read again and again", () => {
    let world: World;
    let sourceId: string;
    const firstId = `${randomUUID()}@romashka.example`;
    const spec = Buffer.from("%PDF-1.4\n20 pallets, 1200x800\n%%EOF\n");
    let lead: Lead;

    beforeAll(async () => {
      world = await buildWorld();
      sourceId = (await createMailbox(world, mailbox("inbox"))).id;
    });

    it("a new message becomes a lead before a seller, with the sender, the subject, the text and the attachment kept", async () => {
      await imap.deliver("inbox", rawMail({
        from: "Ivan Petrov <Ivan.Petrov@Romashka.example>",
        subject: "Need 20 pallets",
        text: "Hello, we need 20 pallets by Friday.",
        messageId: firstId,
        attachment: { filename: "spec.pdf", contentType: "application/pdf", content: spec },
      }));
      expect(await poll(world, sourceId)).toEqual({ read: 1, leads: 1, replies: 0, duplicates: 0, error: null });

      const [leadId] = await leadIdsOf(sourceId);
      const reply = await world.head.get<Lead>(`/api/v1/leads/${leadId}`);
      expect(reply.status, reply.raw).toBe(200);
      lead = reply.body;
      expect(lead).toMatchObject({ name: "Ivan Petrov", email: "ivan.petrov@romashka.example", status: "waiting", source: { id: sourceId, kind: "email" } });
      expect(lead.message).toContain("Need 20 pallets");
      expect(lead.message).toContain("20 pallets by Friday");
      expect(world.sellers.map((s) => s.id)).toContain(lead.assignee?.id);

      const timeline = await world.head.get<TimelinePage>(`/api/v1/companies/${lead.company.id}/timeline`);
      const email = timeline.body.items.find((e) => e.kind === "email_received")?.email;
      expect(email).toMatchObject({ subject: "Need 20 pallets", attachments: [{ filename: "spec.pdf", size: spec.length }] });
      expect(email?.body).toContain("20 pallets by Friday");
      const attachmentId = email?.attachments[0]?.id ?? "";
      const file = await world.head.get(`/api/v1/companies/${lead.company.id}/attachments/${attachmentId}`);
      expect(file.status).toBe(200);
      expect(file.headers["content-type"]).toBe("application/pdf");
      expect(file.headers["content-disposition"]).toContain("spec.pdf");
      expect(file.raw).toBe(spec.toString());

      const source = await sourceOf(world, sourceId);
      expect(source?.lastError).toBeNull();
      expect(source?.lastPolledAt).toBe(tuesdayMorning.toISOString());
    });

    it("reading again creates nothing: the cursor moved on, and a re-read from the start is recognised by Message-ID", async () => {
      const before = { leads: await count("leads", world.organizationId), emails: await count("inbound_emails", world.organizationId) };
      expect(await poll(world, sourceId)).toEqual({ read: 0, leads: 0, replies: 0, duplicates: 0, error: null });
      // As after a crash before the cursor was saved.
      await test.database.db.execute(sql`update lead_sources set imap_last_uid = 0 where id = ${sourceId}`);
      expect(await poll(world, sourceId)).toEqual({ read: 1, leads: 0, replies: 0, duplicates: 1, error: null });
      expect(await count("leads", world.organizationId)).toBe(before.leads);
      expect(await count("inbound_emails", world.organizationId)).toBe(before.emails);
    });

    it("a reply in the thread lands in the same client's history instead of making a lead", async () => {
      const leadsBefore = await count("leads", world.organizationId);
      await imap.deliver("inbox", rawMail({
        from: "Ivan Petrov <ivan.petrov@romashka.example>",
        subject: "Re: Need 20 pallets",
        text: "Make it 25, please.",
        inReplyTo: firstId,
      }));
      expect(await poll(world, sourceId)).toEqual({ read: 1, leads: 0, replies: 1, duplicates: 0, error: null });
      expect(await count("leads", world.organizationId)).toBe(leadsBefore);
      const timeline = await world.head.get<TimelinePage>(`/api/v1/companies/${lead.company.id}/timeline`);
      const subjects = timeline.body.items.flatMap((e) => (e.kind === "email_received" && e.email ? [e.email.subject] : []));
      expect(subjects.sort()).toEqual(["Need 20 pallets", "Re: Need 20 pallets"]);
    });
  });

  it("a message from a known client's address goes to that client's owner", async () => {
    const world = await buildWorld();
    const owner = world.sellers[1];
    if (!owner) throw new Error("no seller");
    const company = await world.head.post<{ id: string }>("/api/v1/companies", { name: "Vasilek JSC", ownerId: owner.id });
    expect(company.status, company.raw).toBe(201);
    const contact = await world.head.post(`/api/v1/companies/${company.body.id}/contacts`, { name: "Olga", emails: ["olga@vasilek.example"] });
    expect(contact.status, contact.raw).toBe(201);
    const sourceId = (await createMailbox(world, mailbox("known"))).id;
    await imap.deliver("known", rawMail({ from: "Olga <OLGA@vasilek.example>", subject: "Another order", text: "Same as last time." }));
    expect(await poll(world, sourceId)).toMatchObject({ read: 1, leads: 1, error: null });
    const [leadId] = await leadIdsOf(sourceId);
    const lead = await world.head.get<Lead>(`/api/v1/leads/${leadId}`);
    expect(lead.body).toMatchObject({ route: "existing_owner", knownClient: true, assignee: { id: owner.id }, company: { id: company.body.id } });
  });

  it("a new UIDVALIDITY makes the mailbox be read again from the start, without a lead twice", async () => {
    const world = await buildWorld();
    const sourceId = (await createMailbox(world, mailbox("rebuilt"))).id;
    await imap.deliver("rebuilt", rawMail({ from: "A <a@one.example>", subject: "First", text: "one" }));
    // Without a Message-ID the mail is known by its bytes.
    await imap.deliver("rebuilt", rawMail({ from: "B <b@two.example>", subject: "Second", text: "two", messageId: null }));
    expect(await poll(world, sourceId)).toMatchObject({ read: 2, leads: 2, error: null });
    const uidValidity = await imap.changeUidValidity("rebuilt");
    await imap.deliver("rebuilt", rawMail({ from: "C <c@three.example>", subject: "Third", text: "three" }));
    expect(await poll(world, sourceId)).toEqual({ read: 3, leads: 1, replies: 0, duplicates: 2, error: null });
    expect(await leadIdsOf(sourceId)).toHaveLength(3);
    expect(await count("inbound_emails", world.organizationId)).toBe(3);
    const cursor = await test.database.db.execute(sql`select imap_uid_validity, imap_last_uid from lead_sources where id = ${sourceId}`);
    expect(cursor.rows[0]).toMatchObject({ imap_uid_validity: uidValidity, imap_last_uid: 3 });
  });

  it("an out-of-office reply or a bounce is passed over, unless it answers a known thread", async () => {
    const world = await buildWorld();
    const sourceId = (await createMailbox(world, mailbox("robots"))).id;
    await imap.deliver("robots", rawMail({ from: "Robot <noreply@away.example>", subject: "Out of office", text: "Back Monday.", headers: ["Auto-Submitted: auto-replied"] }));
    await imap.deliver("robots", rawMail({ from: "MAILER-DAEMON@mx.example", subject: "Undelivered Mail", text: "550 no such user" }));
    expect(await poll(world, sourceId)).toEqual({ read: 2, leads: 0, replies: 0, duplicates: 0, error: null });
    expect(await count("leads", world.organizationId)).toBe(0);
    const asked = `${randomUUID()}@buyer.example`;
    await imap.deliver("robots", rawMail({ from: "Buyer <buyer@buyer.example>", subject: "Price list?", text: "Send it", messageId: asked }));
    await imap.deliver("robots", rawMail({ from: "Buyer <buyer@buyer.example>", subject: "Auto: away", text: "Back Monday.", inReplyTo: asked, headers: ["Auto-Submitted: auto-replied"] }));
    expect(await poll(world, sourceId)).toEqual({ read: 2, leads: 1, replies: 1, duplicates: 0, error: null });
  });

  it("the poller finds a mailbox due when never read and again once its interval has passed", async () => {
    const world = await buildWorld();
    const source = await world.head.post<LeadSource>("/api/v1/lead-sources", {
      name: "Slow inbox",
      kind: "email",
      email: { ...mailbox("robots"), secure: false, pollSeconds: 120 },
    });
    expect(source.status, source.raw).toBe(201);
    const due = async (at: Date) => (await dueMailboxes(test.database.db, at)).some((s) => s.id === source.body.id);
    expect(await due(tuesdayMorning)).toBe(true);
    await poll(world, source.body.id);
    expect(await due(new Date(tuesdayMorning.getTime() + 119_000))).toBe(false);
    expect(await due(new Date(tuesdayMorning.getTime() + 120_000))).toBe(true);
  });

  it("reads a long queue in batches: the cursor stops at the last message read and the next read goes on from there", async () => {
    await Promise.all([1, 2, 3].map((n) => imap.deliver("queue", rawMail({ from: `N${n} <n${n}@queue.example>`, subject: `Queue ${n}`, text: `n${n}` }))));
    const settings = { ...mailbox("queue"), secure: false, mailbox: "INBOX" };
    const first = await readNewMessages(settings, { uidValidity: null, lastUid: 0 }, { limit: 2 });
    expect(first.messages.map((m) => m.uid)).toEqual([1, 2]);
    expect(first.cursor.lastUid).toBe(2);
    const second = await readNewMessages(settings, first.cursor, { limit: 2 });
    expect(second.messages.map((m) => m.uid)).toEqual([3]);
    expect(second.messages[0]?.subject).toMatch(/^Queue \d$/);
    const third = await readNewMessages(settings, second.cursor, { limit: 2 });
    expect(third).toEqual({ messages: [], cursor: second.cursor });
  });

  describe("checking the connection", () => {
    let world: World;
    beforeAll(async () => {
      world = await buildWorld();
    });

    it("right settings: ok, with the number of messages; a folder that does not exist is named", async () => {
      const source = await createMailbox(world, mailbox("check"));
      const check = await world.head.post<MailboxCheck>(`/api/v1/lead-sources/${source.id}/check`);
      expect(check.body).toEqual({ ok: true, messages: 0, error: null });
      const missing = await world.head.patch<LeadSource>(`/api/v1/lead-sources/${source.id}`, { email: { ...mailbox("check"), secure: false, mailbox: "Leads" } });
      expect(missing.status, missing.raw).toBe(200);
      const again = await world.head.post<MailboxCheck>(`/api/v1/lead-sources/${source.id}/check`);
      expect(again.body).toMatchObject({ ok: false, error: expect.stringMatching(/Mailbox "Leads" does not exist/) });
    });

    it("implicit TLS with a self-signed certificate is refused until the source allows it", async () => {
      const tls = await startDovecot({ tls: true, users: [{ user: "secure", password: "secure-pw" }] });
      try {
        const settings = { host: tls.host, port: tls.port, secure: true, user: "secure", password: "secure-pw" };
        const strict = await createMailbox(world, settings);
        const refused = await world.head.post<MailboxCheck>(`/api/v1/lead-sources/${strict.id}/check`);
        expect(refused.body).toMatchObject({ ok: false, error: expect.stringMatching(/^TLS with IMAP server .*DEPTH_ZERO_SELF_SIGNED_CERT/) });
        const trusting = await createMailbox(world, { ...settings, allowSelfSigned: true });
        const accepted = await world.head.post<MailboxCheck>(`/api/v1/lead-sources/${trusting.id}/check`);
        expect(accepted.body).toEqual({ ok: true, messages: 0, error: null });
        await tls.deliver("secure", rawMail({ from: "Secure Sam <sam@tls.example>", subject: "Over TLS", text: "hello" }));
        expect(await poll(world, trusting.id)).toMatchObject({ read: 1, leads: 1, error: null });
      } finally {
        await tls.stop();
      }
    });

    it("a wrong password is an answer naming the login, kept as the source's last error; reading fails the same way", async () => {
      const source = await createMailbox(world, { ...mailbox("check"), password: "not-the-password" });
      const check = await world.head.post<MailboxCheck>(`/api/v1/lead-sources/${source.id}/check`);
      expect(check.status).toBe(200);
      expect(check.body.ok).toBe(false);
      expect(check.body.error).toMatch(/login failed for "check".*wrong user name or password/i);
      expect((await sourceOf(world, source.id))?.lastError).toBe(check.body.error);
      const run = await poll(world, source.id);
      expect(run).toMatchObject({ read: 0, leads: 0 });
      expect(run.error).toMatch(/login failed/i);
      expect((await sourceOf(world, source.id))?.lastError).toBe(run.error);
    });

    it("a port nobody listens on is an unreachable server", async () => {
      const port = await closedPort();
      const source = await createMailbox(world, { host: "127.0.0.1", port, user: "gone", password: "gone" });
      const check = await world.head.post<MailboxCheck>(`/api/v1/lead-sources/${source.id}/check`);
      expect(check.body.ok).toBe(false);
      expect(check.body.error).toMatch(new RegExp(`Cannot reach IMAP server 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
      expect((await sourceOf(world, source.id))?.lastError).toBe(check.body.error);
    });
  });
});
