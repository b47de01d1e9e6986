import type { TFunction } from "i18next";

/**
 * Why distribution passed a seller by (M5.5), in the order it checks them: inactive, paused, absent, outside their
 * hours, at their cap of untouched leads, missing a skill the rule requires, zero weight. The wire carries a plain
 * string, so a reason added on the server later still shows, as its code.
 */
export const skipReasons = ["inactive", "paused", "absent", "outside_hours", "at_cap", "missing_skill", "zero_weight"] as const;
export type SkipReason = (typeof skipReasons)[number];

export const isSkipReason = (value: string): value is SkipReason => skipReasons.some((reason) => reason === value);

/** The reason in the reader's language: "On vacation or sick leave today", or "Other reason (code)" for one this build does not know. */
export const skipReasonLabel = (t: TFunction, reason: string): string =>
  isSkipReason(reason) ? t(`leadRouting.skipReasons.${reason}`) : t("leadRouting.tester.otherReason", { reason });
