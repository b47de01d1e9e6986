import { timingSafeEqual } from "node:crypto";
import { csrfHeader, roleSchema, sessionCookie, type Role } from "@conveyor/contracts";
import { ipAllowed } from "@conveyor/domain";
import type { FastifyRequest } from "fastify";
import type { AppContext } from "../context";
import { findApiTokenByHash, findSessionByTokenHash, type Credential } from "../repositories/authentication.repository";
import { touchApiToken } from "../repositories/api-token.repository";
import { loadMatrixScope } from "../repositories/matrix.repository";
import { touchSession } from "../repositories/session.repository";
import type { Viewer } from "../scope";
import { rememberViewer } from "../security/masking";
import { apiTokenPrefix, sha256 } from "../security/tokens";
import { AppError } from "./app-error";

export type AuthenticateOptions = {
  /** Roles allowed; omitted means every signed-in role. */
  roles?: readonly Role[];
  /** The change-password and session routes stay open while a password change is pending. */
  allowPendingPasswordChange?: boolean;
};

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);
// lastSeenAt is written at most once a minute per session, not on every request.
const touchIntervalMs = 60_000;

const sameSecret = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const bearerToken = (request: FastifyRequest): string | undefined => {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]?.startsWith(apiTokenPrefix)) throw new AppError("unauthenticated", "Malformed Authorization header");
  return match[1];
};

export type Authenticated = { viewer: Viewer; csrfToken: string | null };

/**
 * Step one of every protected route: who is asking (an API token or the session cookie),
 * whether a cookie-authenticated write carries the CSRF token, and whether the role may.
 */
export const authenticate = async (
  context: AppContext,
  request: FastifyRequest,
  options: AuthenticateOptions = {},
): Promise<Authenticated> => {
  const { db } = context.database;
  const now = context.now();
  const token = bearerToken(request);
  let credential: Credential | undefined;
  let via: Viewer["via"];
  if (token) {
    via = "api_token";
    credential = await findApiTokenByHash(db, sha256(token));
  } else {
    via = "session";
    const cookie = request.cookies[sessionCookie];
    if (cookie) {
      credential = await findSessionByTokenHash(db, sha256(cookie), now, context.security.sessionIdleTimeoutMs);
    }
  }
  if (!credential || credential.status !== "active") {
    throw new AppError("unauthenticated", "Sign in to continue");
  }
  // [anti-leak] The organization's IP allow-list holds for every request, session or API token.
  if (!ipAllowed(request.ip, credential.ipAllowList)) {
    throw new AppError("ip_not_allowed", "Your organization does not allow access from this address");
  }

  if (via === "session" && !safeMethods.has(request.method)) {
    const sent = request.headers[csrfHeader];
    if (typeof sent !== "string" || !credential.csrfToken || !sameSecret(sent, credential.csrfToken)) {
      throw new AppError("csrf_failed", `Send the session's CSRF token in the ${csrfHeader} header`);
    }
  }

  const role = roleSchema.parse(credential.role);
  // Heads and admins see everything already; only sellers and team leads widen by the matrix (M4.4).
  const matrix = role === "seller" || role === "team_lead" ? await loadMatrixScope(db, credential.organizationId, credential.userId) : undefined;
  const viewer: Viewer = {
    organizationId: credential.organizationId,
    userId: credential.userId,
    role,
    via,
    sessionId: via === "session" ? credential.id : null,
    ...(matrix ? { matrix } : {}),
  };

  if (!credential.lastSeenAt || now.getTime() - credential.lastSeenAt.getTime() > touchIntervalMs) {
    if (via === "session") await touchSession(db, viewer, credential.id, now);
    else await touchApiToken(db, viewer, credential.id, now);
  }

  if (credential.mustChangePassword && !options.allowPendingPasswordChange) {
    throw new AppError("password_change_required", "Change your one-time password before you continue");
  }
  if (options.roles && !options.roles.includes(viewer.role)) {
    throw new AppError("forbidden", "Your role does not allow this");
  }
  // [anti-leak] the response hooks (masking, the bulk-read guard) need to know who asked.
  rememberViewer(request, viewer);
  return { viewer, csrfToken: credential.csrfToken };
};
