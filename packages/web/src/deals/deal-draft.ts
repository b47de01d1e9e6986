import type { Deal, UpdateDeal } from "@conveyor/contracts";
import { fromMinorUnits, toMinorUnits } from "../i18n/money";

/** What the deal card's form holds while the person types; dates as "YYYY-MM-DD", "" for none. */
export type DealDraft = {
  title: string;
  amount: number | string;
  currency: string;
  expectedCloseDate: string;
  ownerId: string;
  acceptanceSignedOn: string;
};

export const draftFromDeal = (deal: Deal): DealDraft => ({
  title: deal.title,
  amount: fromMinorUnits(deal.amountMinor, deal.currency),
  currency: deal.currency,
  expectedCloseDate: deal.expectedCloseDate ?? "",
  ownerId: deal.ownerId,
  acceptanceSignedOn: deal.acceptanceSignedOn ?? "",
});

/** A typed amount in minor units of `currency`; empty or invalid counts as zero. */
export const amountToMinor = (amount: number | string, currency: string): number => {
  const value = typeof amount === "number" ? amount : Number(amount);
  return Number.isFinite(value) && value > 0 ? toMinorUnits(value, currency) : 0;
};

/** The PATCH body: only what changed, a cleared date as null, so the history records real changes only. */
export const draftToUpdate = (deal: Deal, draft: DealDraft): UpdateDeal => {
  const body: UpdateDeal = {};
  const title = draft.title.trim();
  if (title !== deal.title) body.title = title;
  if (draft.currency !== deal.currency) body.currency = draft.currency;
  const amountMinor = amountToMinor(draft.amount, draft.currency);
  if (amountMinor !== deal.amountMinor || draft.currency !== deal.currency) body.amountMinor = amountMinor;
  const expectedCloseDate = draft.expectedCloseDate || null;
  if (expectedCloseDate !== deal.expectedCloseDate) body.expectedCloseDate = expectedCloseDate;
  if (draft.ownerId && draft.ownerId !== deal.ownerId) body.ownerId = draft.ownerId;
  const acceptanceSignedOn = draft.acceptanceSignedOn || null;
  if (acceptanceSignedOn !== deal.acceptanceSignedOn) body.acceptanceSignedOn = acceptanceSignedOn;
  return body;
};
