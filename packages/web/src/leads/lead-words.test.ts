import { beforeAll, describe, expect, it } from "vitest";
import { i18next, initI18n } from "../i18n/i18n";
import { ageText, assignmentMove, leadPeople, queueCount, routeText, slaDetail, slaText, statusKey } from "./lead-words";

/** Names are isolated for mixed-direction lines; the words are what is checked here. */
const plain = (text: string) => text.replace(/[\u2068\u2069]/g, "");

beforeAll(async () => {
  await initI18n("en");
});

const counts = { unassigned: 1, waiting: 4, escalated: 2, touched: 30 };

describe("queue labels", () => {
  it("counts each tab, and All as the sum", () => {
    expect(queueCount(counts, "waiting")).toEqual({ value: 4, capped: false });
    expect(queueCount(counts, "all")).toEqual({ value: 37, capped: false });
  });

  it("says when the touched count reached the server's cap", () => {
    const many = { ...counts, touched: 10_000 };
    expect(queueCount(many, "touched")).toEqual({ value: 10_000, capped: true });
    expect(queueCount(many, "all").capped).toBe(true);
    expect(queueCount(many, "unassigned").capped).toBe(false);
    expect(i18next.getFixedT("en")("leads.countCapped", { count: 10_000 })).toBe("10,000+");
  });

  it("names every queue in the three languages", () => {
    for (const locale of ["en", "ru", "fa"] as const) {
      const t = i18next.getFixedT(locale);
      const labels = (["unassigned", "waiting", "escalated", "touched", "all"] as const).map((queue) => t(`leads.queues.${queue}`));
      expect(new Set(labels).size).toBe(5);
    }
    expect(i18next.getFixedT("ru")("leads.queues.unassigned")).toBe("Без менеджера");
  });
});

describe("SLA countdown", () => {
  it("says the time left rounded up, and the time past", () => {
    const t = i18next.getFixedT("en");
    expect(slaText(t, { kind: "on_time", toRemindMinutes: 2.2, toReassignMinutes: 12.2 })).toBe("3 min to the reminder");
    expect(slaText(t, { kind: "reminded", toReassignMinutes: 0.3 })).toBe("Reminded · 1 min to reassignment");
    expect(slaText(t, { kind: "overdue", minutes: 64.5 })).toBe("Overdue by 1 h 4 min");
    expect(slaText(t, { kind: "overdue", minutes: 0 })).toBe("Overdue by 1 min");
    expect(slaText(t, { kind: "touched", minutes: 6.7, withinSla: true })).toBe("Touched in 6 min");
    expect(slaText(t, { kind: "escalated", ageMinutes: 40 })).toBe("Escalated to the head");
  });

  it("adds when the lead moves on, and how a touch compares with the SLA", () => {
    const t = i18next.getFixedT("en");
    expect(slaDetail(t, { kind: "on_time", toRemindMinutes: 2, toReassignMinutes: 12 }, 15)).toBe("Goes to another seller in 12 min");
    expect(slaDetail(t, { kind: "touched", minutes: 6, withinSla: true }, 15)).toBe("Within the SLA of 15 min");
    expect(slaDetail(t, { kind: "touched", minutes: 60, withinSla: false }, 15)).toBe("Over the SLA of 15 min");
    expect(slaDetail(t, { kind: "overdue", minutes: 3 }, 15)).toBeNull();
  });

  it("speaks Russian and Persian", () => {
    expect(slaText(i18next.getFixedT("ru"), { kind: "overdue", minutes: 4 })).toBe("Просрочен на 4 мин");
    expect(slaText(i18next.getFixedT("fa"), { kind: "on_time", toRemindMinutes: 3, toReassignMinutes: 13 })).toBe("۳ دقیقه تا یادآوری");
  });

  it("says the age of a waiting lead and the speed of a touched one", () => {
    const t = i18next.getFixedT("en");
    const clock = { ageMinutes: 75.9, toRemindMinutes: null, toReassignMinutes: null, running: true, slaMinutes: 15 };
    expect(ageText(t, { status: "waiting", clock })).toBe("Waiting 1 h 15 min");
    expect(ageText(t, { status: "touched", clock })).toBe("Took 1 h 15 min");
  });
});

describe("the words of a lead", () => {
  it("says why this seller, naming the rule", () => {
    const t = i18next.getFixedT("en");
    expect(plain(routeText(t, { route: "rule", ruleName: "Kazan" }))).toBe("Rule “Kazan”");
    expect(routeText(t, { route: "round_robin", ruleName: null })).toBe("Round-robin");
    expect(routeText(t, { route: "manual", ruleName: null })).toBe("By hand");
  });

  it("shows an escalated lead as escalated though it still waits", () => {
    expect(statusKey({ status: "waiting", escalatedAt: "2026-12-08T08:00:00Z" })).toBe("escalated");
    expect(statusKey({ status: "waiting", escalatedAt: null })).toBe("waiting");
    expect(statusKey({ status: "touched", escalatedAt: "2026-12-08T08:00:00Z" })).toBe("touched");
  });

  it("names the client first and the person when they differ", () => {
    expect(leadPeople({ company: { id: "c", name: "Romashka LLC" }, name: "Ivan" })).toEqual({ client: "Romashka LLC", contact: "Ivan" });
    expect(leadPeople({ company: { id: "c", name: "Ivan" }, name: " Ivan " })).toEqual({ client: "Ivan", contact: null });
    expect(leadPeople({ company: { id: "c", name: "Romashka LLC" }, name: null })).toEqual({ client: "Romashka LLC", contact: null });
  });

  it("tells a change of hands, with the arrow of the reader's direction", () => {
    const anna = { id: "a", name: "Anna" };
    const boris = { id: "b", name: "Boris" };
    expect(plain(assignmentMove(i18next.getFixedT("en"), { from: anna, to: boris }))).toBe("Anna → Boris");
    expect(plain(assignmentMove(i18next.getFixedT("en"), { from: null, to: anna }))).toBe("To Anna");
    expect(plain(assignmentMove(i18next.getFixedT("en"), { from: null, to: null }))).toBe("To nobody");
    expect(plain(assignmentMove(i18next.getFixedT("fa"), { from: anna, to: boris }))).toBe("Anna ← Boris");
  });
});
