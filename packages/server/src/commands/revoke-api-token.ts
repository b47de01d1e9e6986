import type { AppContext } from "../context";
import { notFound } from "../http/app-error";
import { revokeApiToken as revokeApiTokenRow } from "../repositories/api-token.repository";
import type { Viewer } from "../scope";

/** Revokes a token of the viewer's organization; another organization's id is a 404. */
export const revokeApiToken = async (context: AppContext, viewer: Viewer, id: string): Promise<void> => {
  const revoked = await revokeApiTokenRow(context.database.db, viewer, id, context.now());
  if (!revoked) throw notFound("The API token");
};
