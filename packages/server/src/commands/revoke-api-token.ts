import type { AppContext } from "../context";
import { notFound } from "../http/app-error";
import { revokeApiToken as revokeApiTokenRow } from "../repositories/api-token.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";

/** Revokes a token of the viewer's organization; another organization's id is a 404. */
export const revokeApiToken = async (context: AppContext, viewer: Viewer, id: string): Promise<void> => {
  const now = context.now();
  await context.database.db.transaction(async (tx) => {
    if (!(await revokeApiTokenRow(tx, viewer, id, now))) throw notFound("The API token");
    await auditAs(tx, viewer, "api_token_revoked", now, { kind: "api_token", id });
  });
};
