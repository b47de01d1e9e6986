import { and, eq } from "drizzle-orm";
import { structureVariantSchema, type StructureVariant } from "@conveyor/contracts";
import type { Executor } from "../db/database";
import { matrixAssignments, organizations } from "../db/schema";
import type { MatrixScope } from "../scope";

/** Which matrix attachments grant visibility under each structure variant (M5.8). */
export const activeMatrixKinds = (variant: StructureVariant): ReadonlySet<string> => {
  switch (variant) {
    case "linear_functional":
      return new Set();
    case "matrix_geography":
      return new Set(["region", "team"]);
    case "matrix_product":
      return new Set(["product", "product_group", "team"]);
    case "matrix_customer_type":
      return new Set(["audience", "team"]);
  }
};

/** The stored variant; a value the schema no longer knows reads as the plain linear-functional one. */
export const parseStructureVariant = (value: string): StructureVariant => structureVariantSchema.catch("linear_functional").parse(value);

/**
 * The attachments of one person that count under the organization's variant; null when none.
 * Read on every request of a seller or team lead: one indexed lookup of a handful of rows.
 */
export const loadMatrixScope = async (ex: Executor, organizationId: string, userId: string): Promise<MatrixScope | undefined> => {
  const rows = await ex
    .select({ kind: matrixAssignments.kind, value: matrixAssignments.value, variant: organizations.structureVariant })
    .from(matrixAssignments)
    .innerJoin(organizations, eq(organizations.id, matrixAssignments.organizationId))
    .where(and(eq(matrixAssignments.organizationId, organizationId), eq(matrixAssignments.userId, userId)));
  if (rows.length === 0) return undefined;
  const active = activeMatrixKinds(parseStructureVariant(rows[0]?.variant ?? "linear_functional"));
  const of = (kind: string) => rows.filter((r) => r.kind === kind && active.has(kind)).map((r) => r.value);
  const uuids = (kind: string) => of(kind).filter((v) => /^[0-9a-f-]{36}$/i.test(v));
  const scope: MatrixScope = {
    regions: of("region"),
    audiences: of("audience"),
    productIds: uuids("product"),
    productGroupIds: uuids("product_group"),
    teamIds: uuids("team"),
  };
  return scope.regions.length + scope.audiences.length + scope.productIds.length + scope.productGroupIds.length + scope.teamIds.length > 0
    ? scope
    : undefined;
};

export type MatrixRow = { userId: string; kind: string; value: string };

export const listMatrixAssignments = (ex: Executor, organizationId: string): Promise<MatrixRow[]> =>
  ex
    .select({ userId: matrixAssignments.userId, kind: matrixAssignments.kind, value: matrixAssignments.value })
    .from(matrixAssignments)
    .where(eq(matrixAssignments.organizationId, organizationId))
    .orderBy(matrixAssignments.userId, matrixAssignments.kind, matrixAssignments.value);

export const replaceMatrixAssignments = async (
  ex: Executor,
  organizationId: string,
  userId: string,
  assignments: readonly { kind: string; value: string }[],
): Promise<void> => {
  await ex.delete(matrixAssignments).where(and(eq(matrixAssignments.organizationId, organizationId), eq(matrixAssignments.userId, userId)));
  if (assignments.length === 0) return;
  await ex
    .insert(matrixAssignments)
    .values(assignments.map((a) => ({ organizationId, userId, kind: a.kind, value: a.value })))
    .onConflictDoNothing();
};
