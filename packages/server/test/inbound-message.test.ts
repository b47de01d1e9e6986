import { describe, expect, it } from "vitest";
import { maxInboundTextLength, parseInboundMessage } from "../src/integrations/imap-mailbox";

/** The parsing rules of a mail that reaches a lead source's mailbox, without a server. */

const mail = (headers: string[], body: string, contentType = "text/plain; charset=utf-8"): string =>
  [...headers, "MIME-Version: 1.0", `Content-Type: ${contentType}`, "Content-Transfer-Encoding: 8bit", "", body, ""].join("\r\n");

describe("parseInboundMessage", () => {
  it("decodes the sender and subject (RFC 2047), strips the ids' brackets and keeps the thread's references", async () => {
    const message = await parseInboundMessage(7, mail([
      "From: =?UTF-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCy?= <ivan@romashka.example>",
      "Subject: =?UTF-8?B?0JfQsNGP0LLQutCw?=",
      "Message-ID: <abc@romashka.example>",
      "In-Reply-To: <first@conveyor.test>",
      "References: <root@conveyor.test> <first@conveyor.test>",
      "Date: Tue, 08 Dec 2026 07:55:00 +0300",
    ], "  Нужно 20 паллет  "));
    expect(message).toMatchObject({
      uid: 7,
      messageId: "abc@romashka.example",
      inReplyTo: "first@conveyor.test",
      references: ["root@conveyor.test", "first@conveyor.test"],
      from: { name: "Иван Петров", address: "ivan@romashka.example" },
      subject: "Заявка",
      text: "Нужно 20 паллет",
      attachments: [],
      skippedAttachments: 0,
      automatic: false,
    });
    expect(message.date?.toISOString()).toBe("2026-12-08T04:55:00.000Z");
  });

  it("an HTML-only mail gives its text; a mail without Message-ID or date has none, and is known by its bytes", async () => {
    const raw = mail(["From: site@shop.example", "Subject: Order"], "<p>Call me <b>today</b></p>", "text/html; charset=utf-8");
    const message = await parseInboundMessage(1, raw);
    expect(message).toMatchObject({ messageId: null, date: null, from: { name: null, address: "site@shop.example" } });
    expect(message.text).toBe("Call me today");
    expect((await parseInboundMessage(2, raw)).fingerprint).toBe(message.fingerprint);
    expect((await parseInboundMessage(1, raw.replace("today", "tomorrow"))).fingerprint).not.toBe(message.fingerprint);
  });

  it("tells mail sent by a machine (auto-replies, bulk, bounces) from mail a person sent", async () => {
    const from = (address: string, extra: string[] = []) => parseInboundMessage(1, mail([`From: ${address}`, "Subject: x", ...extra], "x"));
    expect((await from("a@x.example", ["Auto-Submitted: auto-replied"])).automatic).toBe(true);
    expect((await from("a@x.example", ["Auto-Submitted: no"])).automatic).toBe(false);
    expect((await from("a@x.example", ["Precedence: bulk"])).automatic).toBe(true);
    expect((await from("MAILER-DAEMON@mx.example")).automatic).toBe(true);
    expect((await from("a@x.example")).automatic).toBe(false);
  });

  it("caps a very long text", async () => {
    const message = await parseInboundMessage(1, mail(["From: a@x.example", "Subject: long"], "word ".repeat(30_000)));
    expect(message.text.length).toBe(maxInboundTextLength);
  });
});
