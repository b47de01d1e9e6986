import type { TFunction } from "i18next";
import {
  companyStatusSchema,
  handoverRuleKindSchema,
  handoverTriggerSchema,
  idSchema,
  levelSchema,
  temperatureSchema,
  type TimelineEntry,
} from "@conveyor/contracts";
import { isolate } from "../conveyor/level-words";

/**
 * The changed field's name in the reader's language; a custom field (`custom.<key>`) by its label
 * from `customLabels`; an unknown one (a newer server) shows as sent.
 */
export const changeFieldLabel = (t: TFunction, field: string, customLabels: ReadonlyMap<string, string> = new Map()): string => {
  switch (field) {
    case "name":
    case "legalId":
    case "region":
    case "industry":
    case "audience":
    case "channel":
    case "temperature":
    case "level":
    case "status":
    case "tags":
    case "owner":
    case "products":
      return t(`timeline.fields.${field}`);
    case "ownerId":
      return t("timeline.fields.owner");
    default:
      if (field.startsWith("custom.")) return customLabels.get(field.slice("custom.".length)) ?? field.slice("custom.".length);
      return field;
  }
};

const isOwnerField = (field: string) => field === "ownerId" || field === "owner";

/**
 * A changed value as the reader knows it: "hot" → "Горячий"; empty → a dash. An owner change
 * carries user ids, named from `people` (whoever the viewer can see); others read as "someone else".
 */
export const changeValueLabel = (
  t: TFunction,
  field: string,
  value: string | null,
  people: ReadonlyMap<string, string> = new Map(),
): string => {
  if (value === null || value === "") return t("timeline.empty");
  if (isOwnerField(field)) return people.get(value) ?? (idSchema.safeParse(value).success ? t("timeline.someoneElse") : value);
  if (field === "status") {
    const status = companyStatusSchema.safeParse(value);
    if (status.success) return t(`companyStatuses.${status.data}`);
  }
  if (field === "temperature") {
    const temperature = temperatureSchema.safeParse(value);
    if (temperature.success) return t(`temperatures.${temperature.data}`);
  }
  if (field === "level") {
    const level = levelSchema.safeParse(value);
    if (level.success) return t(`levels.${level.data}`);
  }
  return value;
};

type TimelineHandover = NonNullable<TimelineEntry["handover"]>;

/** The reason as the reader knows it: a rule kind's name ("Purchase volume"), "By hand"; a newer kind shows as sent. */
export const handoverReasonLabel = (t: TFunction, reason: string): string => {
  if (reason === "manual") return t("handover.reasons.manual");
  const kind = handoverRuleKindSchema.safeParse(reason);
  return kind.success ? t(`handover.reasons.${kind.data}`) : reason;
};

/** Why a client moved (M4.1: the rule that fired, or a person's hand). */
export const handoverWhy = (t: TFunction, handover: Pick<TimelineHandover, "reason" | "ruleName">): string => {
  if (handover.reason === "manual") return t("handover.timeline.byHand");
  const reason = handoverReasonLabel(t, handover.reason);
  return handover.ruleName ? t("handover.timeline.byRule", { name: isolate(handover.ruleName), reason }) : reason;
};

/** What set the rule off: "deal stage changed", "nightly check". */
export const handoverTriggerLabel = (t: TFunction, trigger: string): string => {
  const known = handoverTriggerSchema.safeParse(trigger);
  return known.success ? t(`handover.triggers.${known.data}`) : trigger;
};
