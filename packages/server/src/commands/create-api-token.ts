import type { AppContext } from "../context";
import { insertApiToken, type ApiTokenRow } from "../repositories/api-token.repository";
import type { Viewer } from "../scope";
import { newApiToken, sha256 } from "../security/tokens";

/** A token for an integration, acting as the admin who created it. The secret is returned once. */
export const createApiToken = async (
  context: AppContext,
  viewer: Viewer,
  name: string,
): Promise<{ row: ApiTokenRow; token: string }> => {
  const { token, prefix } = newApiToken();
  const row = await insertApiToken(
    context.database.db,
    viewer,
    { name, prefix, tokenHash: sha256(token), userId: viewer.userId },
    context.now(),
  );
  return { row, token };
};
