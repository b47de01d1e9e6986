import type { AbsenceKind, CreateAbsence, LeadAvailability, UpdateLeadAvailability } from "@conveyor/contracts";
import { cleanTags } from "./routing-draft";

/** What the availability form holds: numbers as typed, hours as "HH:MM" or null for the organization's. */
export type AvailabilityDraft = {
  leadCap: number | string;
  weight: number | string;
  skills: string[];
  workStart: string | null;
  workEnd: string | null;
};

export const draftFromAvailability = (person: LeadAvailability): AvailabilityDraft => ({
  leadCap: person.leadCap ?? "",
  weight: person.weight,
  skills: person.skills,
  workStart: person.workStart,
  workEnd: person.workEnd,
});

export type AvailabilityProblem = "leadCap" | "weight" | "hours";

const wholeIn = (value: number | string, min: number, max: number): number | null => {
  const number = typeof value === "number" ? value : value.trim() === "" ? Number.NaN : Number(value);
  return Number.isInteger(number) && number >= min && number <= max ? number : null;
};

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/**
 * Only what changed, as `PATCH /lead-availability/:userId` takes it; or what is wrong: a cap of 0…100,000
 * (empty = the organization's default), a weight of 0…100 (0 = never picked), own hours both set and in order, or neither.
 */
export const availabilityUpdate = (
  person: LeadAvailability,
  draft: AvailabilityDraft,
): { ok: true; update: UpdateLeadAvailability } | { ok: false; problems: AvailabilityProblem[] } => {
  const problems: AvailabilityProblem[] = [];
  const cap = draft.leadCap === "" ? null : wholeIn(draft.leadCap, 0, 100_000);
  if (draft.leadCap !== "" && cap === null) problems.push("leadCap");
  const weight = wholeIn(draft.weight, 0, 100);
  if (weight === null) problems.push("weight");
  const ownHours = draft.workStart !== null || draft.workEnd !== null;
  if (ownHours && (draft.workStart === null || draft.workEnd === null || draft.workStart >= draft.workEnd)) problems.push("hours");
  if (problems.length > 0 || weight === null) return { ok: false, problems };

  const update: UpdateLeadAvailability = {};
  if (cap !== person.leadCap) update.leadCap = cap;
  if (weight !== person.weight) update.weight = weight;
  const skills = cleanTags(draft.skills);
  if (!sameList(skills, person.skills)) update.skills = skills;
  if (draft.workStart !== person.workStart) update.workStart = draft.workStart;
  if (draft.workEnd !== person.workEnd) update.workEnd = draft.workEnd;
  return { ok: true, update };
};

/** The add-absence form as typed: dates as "YYYY-MM-DD" from the date inputs, "" while empty. */
export type AbsenceDraft = { userId: string | null; kind: AbsenceKind; startsOn: string; endsOn: string; note: string };

export const emptyAbsenceDraft = (today: string): AbsenceDraft => ({ userId: null, kind: "vacation", startsOn: today, endsOn: today, note: "" });

export type AbsenceProblem = "userId" | "startsOn" | "endsOn" | "order";

const dayKey = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: string): boolean => dayKey.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** The absence as `POST /absences` takes it, or what is missing: the person, both days, the end not before the start. */
export const absenceToCreate = (draft: AbsenceDraft): { ok: true; body: CreateAbsence } | { ok: false; problems: AbsenceProblem[] } => {
  const problems: AbsenceProblem[] = [];
  if (draft.userId === null) problems.push("userId");
  if (!isDay(draft.startsOn)) problems.push("startsOn");
  if (!isDay(draft.endsOn)) problems.push("endsOn");
  if (isDay(draft.startsOn) && isDay(draft.endsOn) && draft.endsOn < draft.startsOn) problems.push("order");
  if (problems.length > 0 || draft.userId === null) return { ok: false, problems };
  const note = draft.note.trim();
  return { ok: true, body: { userId: draft.userId, kind: draft.kind, startsOn: draft.startsOn, endsOn: draft.endsOn, note: note === "" ? null : note } };
};

/** Calendar days an absence covers, both ends included. */
export const absenceDays = (absence: { startsOn: string; endsOn: string }): number =>
  Math.max(0, Math.round((Date.parse(`${absence.endsOn}T00:00:00Z`) - Date.parse(`${absence.startsOn}T00:00:00Z`)) / 86_400_000) + 1);

/** Whether an absence covers the day `today` ("YYYY-MM-DD"), or is still ahead of it. */
export const absenceWhen = (absence: { startsOn: string; endsOn: string }, today: string): "now" | "ahead" | "past" =>
  absence.endsOn < today ? "past" : absence.startsOn > today ? "ahead" : "now";
