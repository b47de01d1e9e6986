import {
  listCompaniesQuerySchema,
  listDealsQuerySchema,
  savedViewEntitySchema,
  savedViewParams,
  type CreateSavedView,
  type Role,
  type SavedViewEntity,
  type SavedViewQuery,
  type UpdateSavedView,
} from "@conveyor/contracts";
import type { AppContext } from "../context";
import { AppError, notFound } from "../http/app-error";
import {
  deleteOwnSavedView,
  findOwnSavedView,
  insertSavedView,
  updateOwnSavedView,
  type SavedViewPatch,
  type SavedViewRow,
} from "../repositories/saved-view.repository";
import type { Viewer } from "../scope";

/** Who may share a view with the whole organization: the administrator and the head of sales. */
const sharers: readonly Role[] = ["admin", "head_of_sales"];

const customFilterParam = /^cf\.[a-z][a-z0-9_]{0,39}$/;

/** The params a list understands: its page's URL params and its API filters, never paging. */
const knownParams = (entity: SavedViewEntity): ReadonlySet<string> => {
  const api = Object.keys(entity === "companies" ? listCompaniesQuerySchema.shape : listDealsQuerySchema.shape);
  return new Set([...savedViewParams[entity], ...api.filter((key) => key !== "cursor" && key !== "limit")]);
};

const assertQuery = (entity: SavedViewEntity, query: SavedViewQuery) => {
  const known = knownParams(entity);
  const unknown = Object.keys(query).filter((key) => !known.has(key) && !customFilterParam.test(key));
  if (unknown.length > 0) {
    throw new AppError("validation_failed", `Not a param of the ${entity} list: ${unknown.join(", ")}`, {
      errors: unknown.map((key) => ({ field: `query.${key}`, code: "unknown_param", message: "Not a param of this list" })),
    });
  }
};

const assertMayShare = (viewer: Viewer, shared: boolean | undefined) => {
  if (shared && !sharers.includes(viewer.role)) {
    throw new AppError("forbidden", "Only administrators and heads of sales share views", {
      errors: [{ field: "shared", code: "forbidden", message: "Only administrators and heads of sales share views" }],
    });
  }
};

const readBack = async (context: AppContext, viewer: Viewer, id: string): Promise<SavedViewRow> => {
  const row = await findOwnSavedView(context.database.db, viewer, id);
  if (!row) throw notFound("The saved view");
  return row;
};

/** Saves a list's query under a name; personal unless an admin or head of sales shares it. */
export const createSavedView = async (context: AppContext, viewer: Viewer, input: CreateSavedView): Promise<SavedViewRow> => {
  assertMayShare(viewer, input.shared);
  assertQuery(input.entity, input.query);
  const now = context.now();
  const id = await insertSavedView(context.database.db, viewer, {
    entity: input.entity,
    name: input.name,
    query: input.query,
    shared: input.shared ?? false,
    createdAt: now,
    updatedAt: now,
  });
  return readBack(context, viewer, id);
};

/** Only the owner changes a view; anyone else's answers 404, shared or not. */
export const updateSavedView = async (context: AppContext, viewer: Viewer, id: string, input: UpdateSavedView): Promise<SavedViewRow> => {
  const before = await findOwnSavedView(context.database.db, viewer, id);
  if (!before) throw notFound("The saved view");
  assertMayShare(viewer, input.shared);
  if (input.query !== undefined) assertQuery(savedViewEntitySchema.parse(before.entity), input.query);
  const patch: SavedViewPatch = { updatedAt: context.now() };
  if (input.name !== undefined) patch.name = input.name;
  if (input.query !== undefined) patch.query = input.query;
  if (input.shared !== undefined) patch.shared = input.shared;
  if (!(await updateOwnSavedView(context.database.db, viewer, id, patch))) throw notFound("The saved view");
  return readBack(context, viewer, id);
};

export const deleteSavedView = async (context: AppContext, viewer: Viewer, id: string): Promise<void> => {
  if (!(await deleteOwnSavedView(context.database.db, viewer, id))) throw notFound("The saved view");
};
