import type { ConveyorProfile, Level, MatrixAssignment, MatrixKind, SalesRole, UpdateConveyorProfile } from "@conveyor/contracts";

/** One attachment row of the edit form while the head types; `key` keeps React rows stable. */
export type MatrixRow = { key: string; kind: MatrixKind; value: string };

/** Where a kind's value comes from: an id picked from a list, or free text (M4.4). */
export type MatrixValueSource = "product" | "product_group" | "team" | "text";

export const matrixValueSource = (kind: MatrixKind): MatrixValueSource => {
  switch (kind) {
    case "product":
      return "product";
    case "product_group":
      return "product_group";
    case "team":
      return "team";
    case "region":
    case "audience":
      return "text";
  }
};

export const rowsFromProfile = (matrix: ConveyorProfile["matrix"]): MatrixRow[] =>
  matrix.map((attachment, index) => ({ key: `saved-${index}`, kind: attachment.kind, value: attachment.value }));

/** The PATCH body's list: trimmed, without empty rows or repeats (the same kind and value twice). */
export const rowsToMatrix = (rows: readonly MatrixRow[]): MatrixAssignment[] => {
  const seen = new Set<string>();
  const result: MatrixAssignment[] = [];
  for (const row of rows) {
    const value = row.value.trim();
    const identity = `${row.kind}\u0000${value}`;
    if (value === "" || seen.has(identity)) continue;
    seen.add(identity);
    result.push({ kind: row.kind, value });
  }
  return result;
};

/** Whether the attachments differ from the saved ones, ignoring order, blanks and repeats. */
export const matrixChanged = (saved: ConveyorProfile["matrix"], rows: readonly MatrixRow[]): boolean => {
  const identity = (a: { kind: MatrixKind; value: string }) => `${a.kind}\u0000${a.value.trim()}`;
  const before = new Set(saved.map(identity));
  const after = new Set(rowsToMatrix(rows).map(identity));
  return before.size !== after.size || [...after].some((item) => !before.has(item));
};

/** What the person's edit form holds; the cap is "" while empty (the department's default cap applies). */
export type ProfileDraft = {
  level: Level | null;
  salesRole: SalesRole | null;
  clientCap: number | string;
  matrix: MatrixRow[];
};

export const draftFromProfile = (profile: ConveyorProfile): ProfileDraft => ({
  level: profile.level,
  salesRole: profile.salesRole,
  clientCap: profile.clientCap ?? "",
  matrix: rowsFromProfile(profile.matrix),
});

/** The cap as the API takes it: a whole number from 1, or null for "the department's default". */
export const capFromInput = (input: number | string): number | null => {
  const value = typeof input === "number" ? input : input.trim() === "" ? Number.NaN : Number(input);
  return Number.isInteger(value) && value >= 1 ? value : null;
};

/** The PATCH body: only what changed, so the profile's history records real changes only. */
export const draftToProfileUpdate = (profile: ConveyorProfile, draft: ProfileDraft): UpdateConveyorProfile => {
  const body: UpdateConveyorProfile = {};
  if (draft.level !== profile.level) body.level = draft.level;
  if (draft.salesRole !== profile.salesRole) body.salesRole = draft.salesRole;
  const clientCap = capFromInput(draft.clientCap);
  if (clientCap !== profile.clientCap) body.clientCap = clientCap;
  if (matrixChanged(profile.matrix, draft.matrix)) body.matrix = rowsToMatrix(draft.matrix);
  return body;
};
