import { describe, expect, it } from "vitest";
import type { LeadAvailability } from "@conveyor/contracts";
import { absenceDays, absenceToCreate, absenceWhen, availabilityUpdate, draftFromAvailability, emptyAbsenceDraft } from "./availability-draft";

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

const person: LeadAvailability = {
  user: { id: id(1), name: "Anna" },
  role: "seller",
  level: "L1",
  active: true,
  paused: false,
  leadCap: 10,
  weight: 1,
  skills: ["equipment"],
  onDuty: false,
  workStart: null,
  workEnd: null,
  absentToday: false,
  withinHours: true,
  openLeads: 3,
  assignedToday: 2,
  noProspects: false,
};

describe("availabilityUpdate", () => {
  it("sends nothing when nothing changed", () => {
    expect(availabilityUpdate(person, draftFromAvailability(person))).toEqual({ ok: true, update: {} });
  });

  it("sends only what changed; an empty cap is the organization's default", () => {
    const draft = { ...draftFromAvailability(person), leadCap: "", weight: "3", skills: [" equipment", "Leasing", "leasing"], workStart: "09:00", workEnd: "18:00" };
    expect(availabilityUpdate(person, draft)).toEqual({
      ok: true,
      update: { leadCap: null, weight: 3, skills: ["equipment", "Leasing"], workStart: "09:00", workEnd: "18:00" },
    });
  });

  it("refuses a bad cap, weight or hours", () => {
    const draft = { ...draftFromAvailability(person), leadCap: "-1", weight: 101, workStart: "18:00", workEnd: "09:00" };
    expect(availabilityUpdate(person, draft)).toEqual({ ok: false, problems: ["leadCap", "weight", "hours"] });
    expect(availabilityUpdate(person, { ...draftFromAvailability(person), workStart: "09:00" })).toEqual({ ok: false, problems: ["hours"] });
    expect(availabilityUpdate(person, { ...draftFromAvailability(person), weight: 1.5 })).toEqual({ ok: false, problems: ["weight"] });
  });
});

describe("absences", () => {
  it("builds the absence, the note trimmed or null", () => {
    const draft = { ...emptyAbsenceDraft("2026-03-02"), userId: id(1), kind: "sick_leave" as const, endsOn: "2026-03-04", note: "  " };
    expect(absenceToCreate(draft)).toEqual({ ok: true, body: { userId: id(1), kind: "sick_leave", startsOn: "2026-03-02", endsOn: "2026-03-04", note: null } });
  });

  it("names what is missing", () => {
    expect(absenceToCreate(emptyAbsenceDraft("2026-03-02"))).toEqual({ ok: false, problems: ["userId"] });
    expect(absenceToCreate({ ...emptyAbsenceDraft("2026-03-02"), userId: id(1), startsOn: "2026-02-30", endsOn: "" })).toEqual({ ok: false, problems: ["startsOn", "endsOn"] });
    expect(absenceToCreate({ ...emptyAbsenceDraft("2026-03-05"), userId: id(1), endsOn: "2026-03-01" })).toEqual({ ok: false, problems: ["order"] });
  });

  it("counts days both ends included, across a month end", () => {
    expect(absenceDays({ startsOn: "2026-03-02", endsOn: "2026-03-02" })).toBe(1);
    expect(absenceDays({ startsOn: "2026-02-27", endsOn: "2026-03-02" })).toBe(4);
  });

  it("tells now, ahead and past", () => {
    const absence = { startsOn: "2026-03-02", endsOn: "2026-03-04" };
    expect(absenceWhen(absence, "2026-03-01")).toBe("ahead");
    expect(absenceWhen(absence, "2026-03-02")).toBe("now");
    expect(absenceWhen(absence, "2026-03-04")).toBe("now");
    expect(absenceWhen(absence, "2026-03-05")).toBe("past");
  });
});
