import type { Session } from "@conveyor/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sessionCookie } from "@conveyor/contracts";
import type { AppContext } from "../../../context";
import { notFound } from "../../../http/app-error";
import { findOrganization } from "../../../repositories/organization.repository";
import { findMember } from "../../../repositories/user.repository";
import { presentOrganization } from "../../../presenters/organization.presenter";
import { presentUser } from "../../../presenters/user.presenter";
import type { Viewer } from "../../../scope";
import type { SignedIn } from "../../../commands/open-session";

export const sessionView = async (context: AppContext, viewer: Viewer, csrfToken: string): Promise<Session> => {
  const { db } = context.database;
  const [member, organization] = await Promise.all([
    findMember(db, viewer, viewer.userId),
    findOrganization(db, viewer),
  ]);
  if (!member || !organization) throw notFound("The session");
  return { user: presentUser(member), organization: presentOrganization(organization), csrfToken };
};

/** HttpOnly, SameSite=Lax; Secure whenever the request came over HTTPS (directly or via a trusted proxy). */
export const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date): void => {
  reply.setCookie(sessionCookie, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    path: "/",
    expires: expiresAt,
  });
};

export const clearSessionCookie = (request: FastifyRequest, reply: FastifyReply): void => {
  reply.clearCookie(sessionCookie, { httpOnly: true, sameSite: "lax", secure: request.protocol === "https", path: "/" });
};

export const viewerFromSignIn = (signedIn: SignedIn): Viewer => ({
  organizationId: signedIn.organizationId,
  userId: signedIn.userId,
  role: signedIn.role,
  via: "session",
  sessionId: signedIn.sessionId,
});
