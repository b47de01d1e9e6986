import type { Redistribute, RedistributionPreview } from "@conveyor/contracts";

/** Why a seller's clients move: the words go into every owner change's "why" in the client's history. */
export const redistributionReasons = ["vacation", "dismissal", "sick_leave", "other"] as const;
export type RedistributionReason = (typeof redistributionReasons)[number];

/** Who receives: where the routing rules would send a lead of each client, a team, or sellers picked by name. */
export type Receivers = "rules" | "team" | "sellers";
/** How the clients are split among the chosen receivers: evenly by the round-robin, or each client by hand. */
export type SplitMode = "evenly" | "by_hand";

export type RedistributionDraft = {
  fromUserId: string | null;
  reason: RedistributionReason;
  note: string;
  receivers: Receivers;
  teamId: string | null;
  toUserIds: string[];
  split: SplitMode;
  /** By hand: the receiver of each client, by company id (started from the even split of the preview). */
  assignments: Record<string, string>;
};

export const emptyRedistributionDraft = (): RedistributionDraft => ({
  fromUserId: null,
  reason: "vacation",
  note: "",
  receivers: "sellers",
  teamId: null,
  toUserIds: [],
  split: "evenly",
  assignments: {},
});

export type RedistributionProblem = "fromUserId" | "teamId" | "toUserIds" | "selfTarget" | "assignments" | "note";

/** The reason as stored: the reason's words, and the note after a colon when one was written. */
export const reasonText = (words: string, note: string): string => {
  const trimmed = note.trim();
  return trimmed === "" ? words : `${words}: ${trimmed}`;
};

/** The even split, without the by-hand choices: what the first preview of a by-hand redistribution asks. */
const evenBody = (draft: RedistributionDraft, fromUserId: string, teamId: string | null, reason: string): Redistribute => {
  switch (draft.receivers) {
    case "rules":
      return { fromUserId, mode: "rules", reason };
    case "team":
      // Never null here: a missing team is a problem reported before the body is built.
      return { fromUserId, mode: "manual", teamId: teamId ?? undefined, reason };
    case "sellers":
      return { fromUserId, mode: "manual", toUserIds: [...new Set(draft.toUserIds)], reason };
  }
};

/**
 * The redistribution as `POST /redistributions` (and its preview) take it, or what is missing: the person leaving,
 * a team or sellers (never the person themself), a reason of "other" spelled out, and by hand a receiver for a client.
 * `reasonWords` is the reason in the actor's language. With `evenOnly`, the by-hand choices are left out.
 */
export const redistributionBody = (
  draft: RedistributionDraft,
  reasonWords: string,
  options: { evenOnly?: boolean } = {},
): { ok: true; body: Redistribute } | { ok: false; problems: RedistributionProblem[] } => {
  const problems: RedistributionProblem[] = [];
  if (draft.fromUserId === null) problems.push("fromUserId");
  if (draft.receivers === "team" && draft.teamId === null) problems.push("teamId");
  if (draft.receivers === "sellers" && draft.toUserIds.length === 0) problems.push("toUserIds");
  if (draft.receivers === "sellers" && draft.fromUserId !== null && draft.toUserIds.includes(draft.fromUserId)) problems.push("selfTarget");
  if (draft.reason === "other" && draft.note.trim() === "") problems.push("note");
  const byHand = draft.receivers !== "rules" && draft.split === "by_hand" && options.evenOnly !== true;
  const assignments = Object.entries(draft.assignments)
    .filter(([, toUserId]) => toUserId !== "" && toUserId !== draft.fromUserId)
    .map(([companyId, toUserId]) => ({ companyId, toUserId }));
  if (byHand && assignments.length === 0) problems.push("assignments");
  if (problems.length > 0 || draft.fromUserId === null) return { ok: false, problems };

  const reason = reasonText(reasonWords, draft.note);
  if (!byHand) return { ok: true, body: evenBody(draft, draft.fromUserId, draft.teamId, reason) };
  return { ok: true, body: { fromUserId: draft.fromUserId, mode: "manual", assignments, reason } };
};

/** By hand starts from the preview's even split: each listed client with the receiver the round-robin gave it. */
export const assignmentsFromPreview = (preview: RedistributionPreview): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const client of preview.clients) if (client.to) result[client.company.id] = client.to.id;
  return result;
};

export type ReceiverRow = RedistributionPreview["byReceiver"][number];

/** The preview's receivers, the one taking most clients first, then by name. */
export const receiverRows = (preview: RedistributionPreview): ReceiverRow[] =>
  [...preview.byReceiver].sort((a, b) => b.clients - a.clients || a.user.name.localeCompare(b.user.name));
