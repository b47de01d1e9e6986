import type { ConveyorSettings, DepartmentMode, StructureVariant, UpdateConveyorSettings } from "@conveyor/contracts";
import { fromMinorUnits, toMinorUnits } from "../i18n/money";

/** The settings form while the head types: numbers may be "" (empty); money in major units of the organization's currency. */
export type SettingsDraft = {
  departmentMode: DepartmentMode;
  structureVariant: StructureVariant;
  giverAccessDays: number | string;
  receiverCap: number | string;
  stuckAfterDays: number | string;
  /** M4.2: total purchases ≥ this; "" = the criterion is not used. */
  permanentTotal: number | string;
  /** M4.2: minimum monthly purchase ≥ this over `permanentMonths`; "" = not used. */
  permanentMonthly: number | string;
  permanentMonths: number | string;
  serviceLevel: string;
  sweepAt: string;
};

export type SettingsField = "giverAccessDays" | "receiverCap" | "stuckAfterDays" | "permanentTotal" | "permanentMonthly" | "permanentMonths" | "serviceLevel";
export type SettingsProblem = "required" | "wholeNumber" | "range";

const money = (minor: number | null, currency: string): number | string => (minor === null ? "" : fromMinorUnits(minor, currency));

export const draftFromSettings = (settings: ConveyorSettings): SettingsDraft => ({
  departmentMode: settings.departmentMode,
  structureVariant: settings.structureVariant,
  giverAccessDays: settings.giverAccessDays,
  receiverCap: settings.receiverCap ?? "",
  stuckAfterDays: settings.stuckAfterDays,
  permanentTotal: money(settings.permanent.totalAmountMinor, settings.currency),
  permanentMonthly: money(settings.permanent.monthlyMinimumMinor, settings.currency),
  permanentMonths: settings.permanent.months,
  serviceLevel: settings.permanent.serviceLevel,
  sweepAt: settings.sweepAt,
});

const isEmpty = (value: number | string) => typeof value === "string" && value.trim() === "";
const toNumber = (value: number | string) => (typeof value === "number" ? value : Number(value));

const checkWhole = (value: number | string, min: number, max: number, optional: boolean): SettingsProblem | null => {
  if (isEmpty(value)) return optional ? null : "required";
  const number = toNumber(value);
  if (!Number.isInteger(number)) return "wholeNumber";
  return number < min || number > max ? "range" : null;
};

const checkAmount = (value: number | string): SettingsProblem | null => {
  if (isEmpty(value)) return null;
  const number = toNumber(value);
  return Number.isFinite(number) && number >= 0 ? null : "range";
};

/** The same limits the API checks (contracts), so a mistake is shown under its field before a round trip. */
export const validateSettingsDraft = (draft: SettingsDraft): Partial<Record<SettingsField, SettingsProblem>> => {
  const problems: Partial<Record<SettingsField, SettingsProblem>> = {};
  const set = (field: SettingsField, problem: SettingsProblem | null) => {
    if (problem) problems[field] = problem;
  };
  set("giverAccessDays", checkWhole(draft.giverAccessDays, 0, 365, false));
  set("receiverCap", checkWhole(draft.receiverCap, 1, 1_000_000, true));
  set("stuckAfterDays", checkWhole(draft.stuckAfterDays, 1, 3650, false));
  set("permanentTotal", checkAmount(draft.permanentTotal));
  set("permanentMonthly", checkAmount(draft.permanentMonthly));
  set("permanentMonths", checkWhole(draft.permanentMonths, 1, 24, false));
  if (draft.serviceLevel.trim() === "") set("serviceLevel", "required");
  return problems;
};

const amountMinor = (value: number | string, currency: string): number | null =>
  isEmpty(value) ? null : toMinorUnits(toNumber(value), currency);

/**
 * The PATCH body: only what changed. Money turns into minor units of the organization's currency; an
 * empty amount switches its M4.2 criterion off (null), an empty cap means "no cap". Call after validating.
 */
export const draftToSettingsUpdate = (settings: ConveyorSettings, draft: SettingsDraft): UpdateConveyorSettings => {
  const body: UpdateConveyorSettings = {};
  if (draft.departmentMode !== settings.departmentMode) body.departmentMode = draft.departmentMode;
  if (draft.structureVariant !== settings.structureVariant) body.structureVariant = draft.structureVariant;
  const giverAccessDays = toNumber(draft.giverAccessDays);
  if (giverAccessDays !== settings.giverAccessDays) body.giverAccessDays = giverAccessDays;
  const receiverCap = isEmpty(draft.receiverCap) ? null : toNumber(draft.receiverCap);
  if (receiverCap !== settings.receiverCap) body.receiverCap = receiverCap;
  const stuckAfterDays = toNumber(draft.stuckAfterDays);
  if (stuckAfterDays !== settings.stuckAfterDays) body.stuckAfterDays = stuckAfterDays;
  if (draft.sweepAt !== settings.sweepAt) body.sweepAt = draft.sweepAt;

  const permanent: NonNullable<UpdateConveyorSettings["permanent"]> = {};
  const totalAmountMinor = amountMinor(draft.permanentTotal, settings.currency);
  if (totalAmountMinor !== settings.permanent.totalAmountMinor) permanent.totalAmountMinor = totalAmountMinor;
  const monthlyMinimumMinor = amountMinor(draft.permanentMonthly, settings.currency);
  if (monthlyMinimumMinor !== settings.permanent.monthlyMinimumMinor) permanent.monthlyMinimumMinor = monthlyMinimumMinor;
  const months = toNumber(draft.permanentMonths);
  if (months !== settings.permanent.months) permanent.months = months;
  const serviceLevel = draft.serviceLevel.trim();
  if (serviceLevel !== settings.permanent.serviceLevel) permanent.serviceLevel = serviceLevel;
  if (Object.keys(permanent).length > 0) body.permanent = permanent;
  return body;
};
