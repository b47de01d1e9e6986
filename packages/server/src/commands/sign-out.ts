import type { AppContext } from "../context";
import { revokeSession } from "../repositories/session.repository";
import type { Viewer } from "../scope";
import { appendAudit } from "../security/audit-log";

/** Ends the session the request came with; API tokens are revoked in settings instead. */
export const signOut = async (context: AppContext, viewer: Viewer, ip?: string): Promise<void> => {
  const { sessionId } = viewer;
  if (!sessionId) return;
  const now = context.now();
  await context.database.db.transaction(async (tx) => {
    await revokeSession(tx, viewer, sessionId, now);
    await appendAudit(tx, { organizationId: viewer.organizationId, actorId: viewer.userId, action: "sign_out", targetKind: "session", targetId: sessionId, ...(ip && { ip }), at: now });
  });
};
