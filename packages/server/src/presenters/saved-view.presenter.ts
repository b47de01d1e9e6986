import { savedViewEntitySchema, type SavedView } from "@conveyor/contracts";
import type { SavedViewRow } from "../repositories/saved-view.repository";

export const presentSavedView = (row: SavedViewRow, viewerId: string): SavedView => ({
  id: row.id,
  entity: savedViewEntitySchema.parse(row.entity),
  name: row.name,
  query: row.query,
  shared: row.shared,
  ownerId: row.ownerId,
  ownerName: row.ownerName,
  mine: row.ownerId === viewerId,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
