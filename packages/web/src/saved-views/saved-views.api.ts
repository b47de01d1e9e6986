import { useQuery } from "@tanstack/react-query";
import {
  savedViewListSchema,
  savedViewSchema,
  type CreateSavedView,
  type SavedViewEntity,
  type UpdateSavedView,
} from "@conveyor/contracts";
import { api } from "../app/api";

export const savedViewsKey = ["saved-views"];
export const savedViewListKey = (entity: SavedViewEntity) => [...savedViewsKey, entity];

export const listSavedViews = (entity: SavedViewEntity) =>
  api.get("/api/v1/saved-views", savedViewListSchema, { entity }).then((list) => list.items);

export const createSavedView = (body: CreateSavedView) => api.post("/api/v1/saved-views", savedViewSchema, body);

export const updateSavedView = (id: string, body: UpdateSavedView) =>
  api.patch(`/api/v1/saved-views/${encodeURIComponent(id)}`, savedViewSchema, body);

export const deleteSavedView = (id: string) => api.send("DELETE", `/api/v1/saved-views/${encodeURIComponent(id)}`);

/** The viewer's views of a list, then those shared with everyone (the server's order). */
export const useSavedViews = (entity: SavedViewEntity) =>
  useQuery({ queryKey: savedViewListKey(entity), queryFn: () => listSavedViews(entity) });
