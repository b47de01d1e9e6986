import type { AppContext } from "../context";
import { insertApiToken, type ApiTokenRow } from "../repositories/api-token.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";
import { newApiToken, sha256 } from "../security/tokens";

/** A token for an integration, acting as the admin who created it. The secret is returned once. */
export const createApiToken = async (
  context: AppContext,
  viewer: Viewer,
  name: string,
): Promise<{ row: ApiTokenRow; token: string }> => {
  const { token, prefix } = newApiToken();
  const now = context.now();
  const row = await context.database.db.transaction(async (tx) => {
    const inserted = await insertApiToken(tx, viewer, { name, prefix, tokenHash: sha256(token), userId: viewer.userId }, now);
    await auditAs(tx, viewer, "api_token_created", now, { kind: "api_token", id: inserted.id }, { name, prefix });
    return inserted;
  });
  return { row, token };
};
