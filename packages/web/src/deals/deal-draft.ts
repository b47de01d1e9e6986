import type { CustomField, Deal, UpdateDeal } from "@conveyor/contracts";
import { customChanges, customDraftFrom, type CustomDraft } from "../custom-fields/custom-values";
import { fromMinorUnits, toMinorUnits } from "../i18n/money";

/** What the deal card's form holds while the person types; dates as "YYYY-MM-DD", "" for none. */
export type DealDraft = {
  title: string;
  amount: number | string;
  currency: string;
  expectedCloseDate: string;
  ownerId: string;
  acceptanceSignedOn: string;
  /** Values of the organization's custom fields of deals, by key. */
  custom: CustomDraft;
};

export const draftFromDeal = (deal: Deal): DealDraft => ({
  title: deal.title,
  amount: fromMinorUnits(deal.amountMinor, deal.currency),
  currency: deal.currency,
  expectedCloseDate: deal.expectedCloseDate ?? "",
  ownerId: deal.ownerId,
  acceptanceSignedOn: deal.acceptanceSignedOn ?? "",
  custom: customDraftFrom(deal.custom),
});

/** A typed amount in minor units of `currency`; empty or invalid counts as zero. */
export const amountToMinor = (amount: number | string, currency: string): number => {
  const value = typeof amount === "number" ? amount : Number(amount);
  return Number.isFinite(value) && value > 0 ? toMinorUnits(value, currency) : 0;
};

/** The PATCH body: only what changed, a cleared date as null, so the history records real changes only. */
export const draftToUpdate = (deal: Deal, draft: DealDraft, customFields: readonly CustomField[] = []): UpdateDeal => {
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
  const custom = customChanges(customFields, deal.custom, draft.custom);
  if (Object.keys(custom).length > 0) body.custom = custom;
  return body;
};
