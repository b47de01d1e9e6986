import type { TFunction } from "i18next";
import { companyStatusSchema, idSchema, levelSchema, temperatureSchema } from "@conveyor/contracts";

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
