import type { Role } from "@conveyor/contracts";
import type { Tx } from "../db/database";
import { insertSession } from "../repositories/session.repository";
import { newSecret, sha256 } from "../security/tokens";

export type SignedIn = {
  /** The cookie's value; only its hash is stored. */
  token: string;
  sessionId: string;
  csrfToken: string;
  organizationId: string;
  userId: string;
  role: Role;
  expiresAt: Date;
};

export type OpenSessionOptions = {
  organizationId: string;
  userId: string;
  role: Role;
  ip: string;
  userAgent: string | null;
  ttlMs: number;
  now: Date;
};

/** A new server-side session with a fresh random token and CSRF token, inside the caller's transaction. */
export const openSession = async (tx: Tx, options: OpenSessionOptions): Promise<SignedIn> => {
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(options.now.getTime() + options.ttlMs);
  const sessionId = await insertSession(
    tx,
    {
      organizationId: options.organizationId,
      userId: options.userId,
      tokenHash: sha256(token),
      csrfToken,
      ip: options.ip,
      userAgent: options.userAgent?.slice(0, 400) ?? null,
      expiresAt,
    },
    options.now,
  );
  return {
    token,
    sessionId,
    csrfToken,
    organizationId: options.organizationId,
    userId: options.userId,
    role: options.role,
    expiresAt,
  };
};
