import { describe, expect, it } from "vitest";
import { activityBase } from "./client-base";
import { clientSearchText, normalizeSearchText, searchPattern } from "./search-text";
import { dayBounds, taskState } from "./tasks";

describe("activityBase (M5.1)", () => {
  it.each([
    ["new", "new"],
    ["current", "current"],
    ["permanent", "current"],
  ] as const)("a %s client's activity is on the %s base", (status, base) => {
    expect(activityBase(status)).toBe(base);
  });
});

describe("normalizeSearchText", () => {
  it.each([
    ["ООО «Ёлка-Трейд»", "ооо елка трейд"],
    ["  Acme   Corp. ", "acme corp"],
    ["مؤسسه كيان علي", "مؤسسه کیان علی"],
    ["مدرسة", "مدرسه"],
    ["پارس‌خودرو", "پارسخودرو"],
    ["ИНН ۱۲۳٤٥", "инн 12345"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeSearchText(input)).toBe(expected);
  });
});

describe("taskState", () => {
  const now = new Date("2026-03-02T10:00:00Z");
  it("done wins over overdue", () => {
    expect(taskState({ dueAt: new Date("2026-03-01T10:00:00Z"), doneAt: now }, now)).toBe("done");
  });
  it("overdue once the due time has passed", () => {
    expect(taskState({ dueAt: new Date("2026-03-02T09:59:00Z"), doneAt: null }, now)).toBe("overdue");
  });
  it("open until then", () => {
    expect(taskState({ dueAt: new Date("2026-03-02T10:01:00Z"), doneAt: null }, now)).toBe("open");
  });
});

describe("dayBounds", () => {
  it.each([
    // 02:30 in Moscow on 2 March is still 1 March in UTC.
    ["2026-03-01T23:30:00Z", "Europe/Moscow", "2026-03-01T21:00:00.000Z", "2026-03-02T21:00:00.000Z"],
    // Tehran is UTC+3:30 all year since 2022.
    ["2026-06-10T12:00:00Z", "Asia/Tehran", "2026-06-09T20:30:00.000Z", "2026-06-10T20:30:00.000Z"],
    ["2026-06-10T12:00:00Z", "UTC", "2026-06-10T00:00:00.000Z", "2026-06-11T00:00:00.000Z"],
    // The day clocks go forward in Berlin lasts 23 hours.
    ["2026-03-29T12:00:00Z", "Europe/Berlin", "2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"],
  ])("%s in %s", (now, timeZone, start, end) => {
    const bounds = dayBounds(new Date(now), timeZone);
    expect(bounds.start.toISOString()).toBe(start);
    expect(bounds.end.toISOString()).toBe(end);
  });
});

describe("client search", () => {
  const text = clientSearchText({
    name: "ООО «Гамма»",
    legalId: "7707083893",
    contacts: [{ name: "Пётр Ильин", phones: ["+74951234567"], emails: ["Petr.Ilin@gamma.example"] }],
  });
  it.each([
    ["гамма", true],
    ["7707083893", true],
    ["петр", true],
    ["+7 (495) 123-45-67", true],
    ["8 495 123", false],
    ["4951234", true],
    ["۴۹۵ ۱۲۳ ۴۵", true],
    ["petr ilin@gamma", true],
    ["дельта", false],
  ])("%s found: %s", (query, found) => {
    expect(text.includes(searchPattern(query))).toBe(found);
  });
});

describe("pipelines", () => {
  it("a Russian organization starts with Russian stages, won and lost last", async () => {
    const { defaultPipelineStages } = await import("./pipelines");
    const stages = defaultPipelineStages("RU");
    expect(stages.map((s) => s.name)).toEqual(["Новая", "Квалификация", "КП отправлено", "Переговоры", "Договор", "Выиграна", "Проиграна"]);
    expect(stages.map((s) => s.probability)).toEqual([10, 20, 40, 60, 80, 100, 0]);
    expect(stages.map((s) => s.kind).slice(-2)).toEqual(["won", "lost"]);
    expect(defaultPipelineStages("IR")[0]?.name).toBe("جدید");
  });

  it("a lost deal needs a reason; other moves do not", async () => {
    const { lostReasonMissing } = await import("./pipelines");
    expect(lostReasonMissing("lost", undefined)).toBe(true);
    expect(lostReasonMissing("lost", "  ")).toBe(true);
    expect(lostReasonMissing("lost", "Дорого")).toBe(false);
    expect(lostReasonMissing("won", undefined)).toBe(false);
  });

  it("time in stage runs to now while the deal is still there", async () => {
    const { secondsInStage } = await import("./pipelines");
    const entered = new Date("2026-03-01T10:00:00Z");
    expect(secondsInStage(entered, new Date("2026-03-01T10:01:30Z"), new Date("2026-03-09T00:00:00Z"))).toBe(90);
    expect(secondsInStage(entered, null, new Date("2026-03-02T10:00:00Z"))).toBe(86_400);
  });
});
