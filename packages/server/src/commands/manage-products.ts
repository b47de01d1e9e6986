import type { CreateProduct, UpdateProduct } from "@conveyor/contracts";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { AppError, notFound } from "../http/app-error";
import { findOrganization } from "../repositories/organization.repository";
import { findProduct, insertProduct, insertProductGroup, productGroupExists, updateProductRow, type ProductRow } from "../repositories/product.repository";
import type { Viewer } from "../scope";

const assertGroup = async (ex: Executor, viewer: Viewer, groupId: string | null | undefined) => {
  if (groupId && !(await productGroupExists(ex, viewer, groupId))) {
    throw new AppError("validation_failed", "No such product group", {
      errors: [{ field: "groupId", code: "unknown_group", message: "No such product group" }],
    });
  }
};

export const createProductGroup = (context: AppContext, viewer: Viewer, name: string): Promise<string> =>
  insertProductGroup(context.database.db, viewer, name);

export const createProduct = async (context: AppContext, viewer: Viewer, input: CreateProduct): Promise<ProductRow> => {
  const { db } = context.database;
  await assertGroup(db, viewer, input.groupId);
  const organization = await findOrganization(db, viewer);
  const now = context.now();
  const id = await insertProduct(db, viewer, {
    name: input.name,
    sku: input.sku ?? null,
    groupId: input.groupId ?? null,
    priceMinor: input.priceMinor ?? 0,
    currency: input.currency ?? organization?.currency ?? "USD",
    createdAt: now,
    updatedAt: now,
  });
  const row = await findProduct(db, viewer, id);
  if (!row) throw notFound("The product");
  return row;
};

export const updateProduct = async (context: AppContext, viewer: Viewer, id: string, input: UpdateProduct): Promise<ProductRow> => {
  const { db } = context.database;
  await assertGroup(db, viewer, input.groupId);
  const updated = await updateProductRow(db, viewer, id, { ...input, updatedAt: context.now() });
  if (!updated) throw notFound("The product");
  const row = await findProduct(db, viewer, id);
  if (!row) throw notFound("The product");
  return row;
};
