import type { SessionList } from "@conveyor/contracts";
import { sessionExpiry } from "@conveyor/domain";
import type { AppContext } from "../context";
import { notFound } from "../http/app-error";
import { listOwnSessions, revokeOtherOwnSessions, revokeOwnSession } from "../repositories/session-list.repository";
import type { Viewer } from "../scope";
import { appendAudit } from "../security/audit-log";
import { presentSessionInfo } from "../presenters/security.presenter";
import { effectiveTimeouts } from "./manage-session-settings";

/** The viewer's live sessions: device (user agent), address, last seen; which one is this. */
export const listMySessions = async (context: AppContext, viewer: Viewer): Promise<SessionList> => {
  const { db } = context.database;
  const now = context.now();
  const [rows, timeouts] = await Promise.all([listOwnSessions(db, viewer, now), effectiveTimeouts(context, db, viewer)]);
  return {
    items: rows
      .filter((row) => sessionExpiry(row, timeouts, now) === null)
      .map((row) => presentSessionInfo(row, row.id === viewer.sessionId)),
  };
};

export const revokeMySession = async (context: AppContext, viewer: Viewer, sessionId: string, ip: string): Promise<void> => {
  const now = context.now();
  await context.database.db.transaction(async (tx) => {
    if (!(await revokeOwnSession(tx, viewer, sessionId, now))) throw notFound("The session");
    await appendAudit(tx, { organizationId: viewer.organizationId, actorId: viewer.userId, action: "session_revoked", targetKind: "session", targetId: sessionId, ip, at: now });
  });
};

/** Signs out everywhere else: every session of the viewer but this one (all of them for an API token). */
export const revokeMyOtherSessions = async (context: AppContext, viewer: Viewer, ip: string): Promise<number> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const revoked = await revokeOtherOwnSessions(tx, viewer, viewer.sessionId, now);
    if (revoked > 0) {
      await appendAudit(tx, { organizationId: viewer.organizationId, actorId: viewer.userId, action: "session_revoked", targetKind: "user", targetId: viewer.userId, details: { scope: "others", count: revoked }, ip, at: now });
    }
    return revoked;
  });
};
