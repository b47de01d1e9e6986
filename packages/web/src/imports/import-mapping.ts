import {
  importTargets,
  repeatableImportTargets,
  requiredImportTargets,
  type ImportEntity,
  type ImportTarget,
} from "@conveyor/contracts";

/** One entry per column of the file: the field it feeds, or null when the column is not imported. */
export type ColumnMapping = ReadonlyArray<ImportTarget | null>;

export const targetsOf = (entity: ImportEntity): ReadonlyArray<ImportTarget> => importTargets[entity];

export const isImportTarget = (entity: ImportEntity, value: string | null | undefined): value is ImportTarget =>
  targetsOf(entity).some((target) => target === value);

/**
 * The mapping the server suggested (or holds), trimmed or padded to one entry per column; anything
 * that is not a field of this entity becomes "not imported".
 */
export const mappingFromJob = (entity: ImportEntity, columnCount: number, mapping: ReadonlyArray<string | null>): ColumnMapping =>
  Array.from({ length: columnCount }, (_, i) => {
    const target = mapping[i];
    return isImportTarget(entity, target) ? target : null;
  });

/** The mapping with one column pointed at another field (null: do not import that column). */
export const setColumnTarget = (mapping: ColumnMapping, column: number, target: ImportTarget | null): ColumnMapping =>
  mapping.map((current, i) => (i === column ? target : current));

/**
 * The fields column `column` may still choose: those no other column uses, plus phones and emails,
 * which several columns may feed.
 */
export const freeTargets = (entity: ImportEntity, mapping: ColumnMapping, column: number): ReadonlyArray<ImportTarget> =>
  targetsOf(entity).filter(
    (target) => repeatableImportTargets.has(target) || !mapping.some((used, i) => i !== column && used === target),
  );

/**
 * What must be mapped before an import can start, each as a group of which one field is enough
 * (a contact needs a name in any of its forms; contacts and deals need their client by name or legal id).
 * The server's check (`checkMapping`) is the judge; this lets the screen say it before asking.
 */
export const requiredTargetGroups = (entity: ImportEntity): ReadonlyArray<ReadonlyArray<ImportTarget>> => {
  const single = requiredImportTargets[entity].map((target) => [target]);
  switch (entity) {
    case "companies":
      return single;
    case "contacts":
      return [...single, ["name", "firstName", "lastName"], ["company", "companyLegalId"]];
    case "deals":
      return [...single, ["company", "companyLegalId"]];
  }
};

/** The required groups of which no field is mapped yet. */
export const missingTargetGroups = (entity: ImportEntity, mapping: ColumnMapping): ReadonlyArray<ReadonlyArray<ImportTarget>> =>
  requiredTargetGroups(entity).filter((group) => !group.some((target) => mapping.includes(target)));

/** Columns that repeat a field an earlier column already feeds (only phones and emails may repeat). */
export const duplicateColumns = (mapping: ColumnMapping): ReadonlySet<number> => {
  const seen = new Set<ImportTarget>();
  const duplicates = new Set<number>();
  mapping.forEach((target, i) => {
    if (target === null) return;
    if (seen.has(target) && !repeatableImportTargets.has(target)) duplicates.add(i);
    seen.add(target);
  });
  return duplicates;
};

/** Whether the mapping can be sent: every required group mapped, no field fed twice, something imported. */
export const isMappingReady = (entity: ImportEntity, mapping: ColumnMapping): boolean =>
  mapping.some((target) => target !== null) &&
  missingTargetGroups(entity, mapping).length === 0 &&
  duplicateColumns(mapping).size === 0;

/** Up to `count` non-empty values of one column from the preview rows, for the mapping table. */
export const sampleValues = (sample: ReadonlyArray<ReadonlyArray<string>>, column: number, count = 3): string[] =>
  sample
    .map((row) => (row[column] ?? "").trim())
    .filter((value) => value !== "")
    .slice(0, count);

/** The column index of a server error such as `mapping.3`, or null for the mapping as a whole. */
export const mappingErrorColumn = (field: string): number | null => {
  const match = /^mapping\.(\d+)$/.exec(field);
  return match ? Number(match[1]) : null;
};
