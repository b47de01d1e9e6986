import type { AppContext } from "../context";
import { revokeSession } from "../repositories/session.repository";
import type { Viewer } from "../scope";

/** Ends the session the request came with; API tokens are revoked in settings instead. */
export const signOut = async (context: AppContext, viewer: Viewer): Promise<void> => {
  if (viewer.sessionId) await revokeSession(context.database.db, viewer, viewer.sessionId, context.now());
};
