import type { TFunction } from "i18next";
import { importTargets, type FieldError, type ImportEntity, type ImportTarget } from "@conveyor/contracts";

/**
 * A name from outside (a file name) set inside a translated sentence, isolated so a Latin name in a
 * Persian sentence (or the reverse) does not reorder the words around it.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

const isAnyTarget = (value: string): value is ImportTarget =>
  Object.values(importTargets).some((targets) => targets.some((target) => target === value));

/** A field's name as the reader says it; a contact's "name" is the person's full name, not a client's. */
export const importTargetLabel = (t: TFunction, entity: ImportEntity, target: ImportTarget): string =>
  entity === "contacts" && target === "name" ? t("imports.contactFullName") : t(`imports.targets.${target}`);

/** The field a report row blames, translated when it is a field we know. */
export const importFieldLabel = (t: TFunction, entity: ImportEntity, field: string | null): string => {
  if (field === null) return "";
  return isAnyTarget(field) ? importTargetLabel(t, entity, field) : field;
};

/** Why the server refused a mapping, in the reader's language; an unknown code keeps the server's words. */
export const mappingErrorMessage = (t: TFunction, error: FieldError): string => {
  switch (error.code) {
    case "required_field_unmapped":
      return t("imports.mapping.errors.required_field_unmapped");
    case "duplicate_field":
      return t("imports.mapping.errors.duplicate_field");
    case "unknown_field":
      return t("imports.mapping.errors.unknown_field");
    case "column_count":
      return t("imports.mapping.errors.column_count");
    default:
      return error.message || t("validation.invalid");
  }
};

/** "Client name or Client's legal ID": a group of fields of which one is enough. */
export const targetGroupLabel = (t: TFunction, entity: ImportEntity, group: ReadonlyArray<ImportTarget>): string =>
  group.map((target) => importTargetLabel(t, entity, target)).join(t("imports.mapping.or"));
