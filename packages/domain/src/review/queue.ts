/*
 * M2.1, M2.6: the head of sales' review queue — which of a seller's clients to go through now, and why,
 * ordered by the money at stake. The server gathers the facts with indexed per-seller reads; the rules
 * that pick and order the clients live here, with `now`, `today` and the settings passed in.
 */

/** Why a client is in the review queue, in the order the screen lists them. */
export const reviewReasons = ["task_due", "no_next_task", "stale_in_stage", "result_date_passed", "hot", "new_since_review"] as const;
export type ReviewReason = (typeof reviewReasons)[number];

/** How long a deal may sit in a stage before the review looks at it (M2.6 "80% of deals need rework"). */
export type StaleSettings = {
  /** Days in a stage for stages without their own figure. */
  defaultStaleDays: number;
  /** Days per stage id, where the head set one. */
  staleDaysByStage: Readonly<Record<string, number>>;
};

export const defaultStaleSettings: StaleSettings = { defaultStaleDays: 7, staleDaysByStage: {} };

/** The days a deal may stay in `stageId` before it counts as untouched there. */
export const staleDaysFor = (stageId: string, settings: StaleSettings): number => {
  const own = settings.staleDaysByStage[stageId];
  return own !== undefined && Number.isFinite(own) && own > 0 ? own : settings.defaultStaleDays;
};

/** M2.6: a deal untouched in its stage — in it longer than the stage's N days. */
export const isStaleInStage = (deal: { stageId: string; stageEnteredAt: Date }, settings: StaleSettings, now: Date): boolean =>
  now.getTime() - deal.stageEnteredAt.getTime() > staleDaysFor(deal.stageId, settings) * 86_400_000;

/** An open deal of the client as the queue sees it. */
export type QueueDeal = {
  id: string;
  stageId: string;
  stageEnteredAt: Date;
  amountMinor: number;
  /** The planned result date ("YYYY-MM-DD" in the organization's calendar), if any. */
  expectedCloseDate: string | null;
  /** Some open task (anyone's) is linked to the deal. */
  hasOpenTask: boolean;
};

/** What the server knows about one client of the seller. */
export type QueueClientFacts = {
  companyId: string;
  temperature: "cold" | "warm" | "hot";
  createdAt: Date;
  /** The earliest due time of the client's open tasks (any deal or none); null without open tasks. */
  earliestOpenTaskDueAt: Date | null;
  openDeals: readonly QueueDeal[];
};

export type QueueRuleInput = {
  now: Date;
  /** The organization's local date of `now`. */
  today: string;
  /** The end of the organization's local day: a task due before it is "due now". */
  endOfToday: Date;
  /** Clients created after this are "new since the last review". */
  newSince: Date;
  stale: StaleSettings;
};

/**
 * M2.1 / M2.6: why a client should be reviewed now — each reason on its own:
 * - `task_due`: an open task due today or overdue;
 * - `no_next_task`: an open deal without an open task;
 * - `stale_in_stage`: an open deal longer than its stage's N days in it;
 * - `result_date_passed`: an open deal whose planned result date is before today;
 * - `hot`: a hot client;
 * - `new_since_review`: a client created after the seller's last review.
 * None: the client need not be reviewed now.
 */
export const reviewReasonsOf = (client: QueueClientFacts, input: QueueRuleInput): ReviewReason[] => {
  const found = new Set<ReviewReason>();
  if (client.earliestOpenTaskDueAt !== null && client.earliestOpenTaskDueAt.getTime() < input.endOfToday.getTime()) found.add("task_due");
  for (const deal of client.openDeals) {
    if (!deal.hasOpenTask) found.add("no_next_task");
    if (isStaleInStage(deal, input.stale, input.now)) found.add("stale_in_stage");
    if (deal.expectedCloseDate !== null && deal.expectedCloseDate < input.today) found.add("result_date_passed");
  }
  if (client.temperature === "hot") found.add("hot");
  if (client.createdAt.getTime() > input.newSince.getTime()) found.add("new_since_review");
  return reviewReasons.filter((reason) => found.has(reason));
};

/** M2.6: the money at stake with a client — the sum of its open deals. */
export const moneyAtStake = (client: Pick<QueueClientFacts, "openDeals">): number =>
  client.openDeals.reduce((sum, deal) => sum + Math.max(0, deal.amountMinor), 0);

/** The largest open deal of a client: what the "deal size" filter of a high-ticket review reads. */
export const largestOpenDeal = (client: Pick<QueueClientFacts, "openDeals">): number =>
  client.openDeals.reduce((max, deal) => Math.max(max, deal.amountMinor), 0);

export type QueueEntry = { companyId: string; reasons: readonly ReviewReason[]; moneyAtStakeMinor: number; earliestOpenTaskDueAt: Date | null };

/**
 * The queue's order (M2.6: the money at stake first): more money first; then more reasons; then the
 * earliest open task; then the client id, so the same queue reads the same on every server.
 */
export const compareQueueEntries = (a: QueueEntry, b: QueueEntry): number => {
  if (a.moneyAtStakeMinor !== b.moneyAtStakeMinor) return b.moneyAtStakeMinor - a.moneyAtStakeMinor;
  if (a.reasons.length !== b.reasons.length) return b.reasons.length - a.reasons.length;
  const aDue = a.earliestOpenTaskDueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bDue = b.earliestOpenTaskDueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (aDue !== bDue) return aDue < bDue ? -1 : 1;
  return a.companyId < b.companyId ? -1 : a.companyId > b.companyId ? 1 : 0;
};

export type QueueFilter = {
  /** M2.6: a large department reviews only high-ticket clients — the client's largest open deal at least this. */
  minDealAmountMinor?: number | null;
  reason?: ReviewReason | null;
};

/**
 * The review queue: every client with at least one reason, within the filter, in queue order.
 * Clients already reviewed in the current slot are the server's to leave out before calling this.
 */
export const buildReviewQueue = (
  clients: readonly QueueClientFacts[],
  input: QueueRuleInput,
  filter: QueueFilter = {},
): Array<QueueEntry & { client: QueueClientFacts }> => {
  const minDeal = filter.minDealAmountMinor ?? null;
  return clients
    .filter((client) => minDeal === null || largestOpenDeal(client) >= minDeal)
    .map((client) => ({
      client,
      companyId: client.companyId,
      reasons: reviewReasonsOf(client, input),
      moneyAtStakeMinor: moneyAtStake(client),
      earliestOpenTaskDueAt: client.earliestOpenTaskDueAt,
    }))
    .filter((entry) => entry.reasons.length > 0 && (!filter.reason || entry.reasons.includes(filter.reason)))
    .sort(compareQueueEntries);
};
