import { describe, expect, it } from "vitest";
import type { Notification } from "@conveyor/contracts";
import { handoverReasonLabel, handoverTriggerLabel, handoverWhy } from "../client-card/timeline-change";
import { i18next, initI18n } from "../i18n/i18n";
import { notificationText } from "./notification-text";

/** Names are isolated for mixed-direction lines; the words are what is checked here. */
const plain = (text: string) => text.replace(/[\u2068\u2069]/g, "");

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

const notification = (kind: Notification["kind"], withHandover = true): Notification => ({
  id: id(1),
  kind,
  company: { id: id(2), name: "Acme" },
  handover: withHandover
    ? { id: id(3), fromLevel: "L1", toLevel: "L2", from: { id: id(4), name: "Anna" }, to: { id: id(5), name: "Boris" } }
    : null,
  createdAt: "2026-03-01T10:00:00Z",
  readAt: null,
  lead: null,
});

describe("notification text", () => {
  it("says who handed what to whom", async () => {
    await initI18n("en");
    const t = i18next.t;
    expect(plain(notificationText(t, notification("handover_received")))).toBe("Client Acme was handed to you by Anna (L1 → L2)");
    expect(plain(notificationText(t, notification("handover_given")))).toBe("You handed client Acme to Boris (L1 → L2)");
    expect(plain(notificationText(t, notification("permanent_client", false)))).toBe("Client Acme became a permanent client");
    expect(plain(notificationText(t, notification("handover_received", false)))).toBe("Client Acme was handed over");
  });

  it("says the levels in words in Persian, where an arrow would point the wrong way", async () => {
    await initI18n("fa");
    expect(plain(notificationText(i18next.t, notification("handover_received")))).toBe("Anna مشتری Acme را به شما واگذار کرد (از L1 به L2)");
  });
});

describe("handover reasons", () => {
  it("names the rule that fired, or a person's hand", async () => {
    await initI18n("ru");
    const t = i18next.t;
    expect(handoverWhy(t, { reason: "manual", ruleName: null })).toBe("Вручную");
    expect(plain(handoverWhy(t, { reason: "orders", ruleName: "Второй заказ" }))).toBe("Правило «Второй заказ» (Число заказов)");
    expect(handoverWhy(t, { reason: "acceptance_act", ruleName: null })).toBe("Подписан акт приёма-передачи");
    expect(handoverReasonLabel(t, "from_the_future")).toBe("from_the_future");
    expect(handoverTriggerLabel(t, "sweep")).toBe("ночная проверка");
    expect(handoverTriggerLabel(t, "unknown")).toBe("unknown");
  });
});
