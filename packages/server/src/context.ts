import { defaultSignInThrottle, type SignInThrottleSettings } from "@conveyor/domain";
import type { Database } from "./db/database";
import type { ServerKeys } from "./security/secret-box";

export type SecuritySettings = {
  sessionTtlMs: number;
  sessionIdleTimeoutMs: number;
  signInThrottle: SignInThrottleSettings;
};

export const defaultSecurity: SecuritySettings = {
  sessionTtlMs: 30 * 24 * 3600_000,
  sessionIdleTimeoutMs: 7 * 24 * 3600_000,
  signInThrottle: defaultSignInThrottle,
};

/** What every route and use case may use: the database, the clock, the settings. */
export type AppContext = {
  database: Database;
  /** Rules never read the clock themselves; tests pass a fixed one. */
  now: () => Date;
  security: SecuritySettings;
  /** Keys derived from the installation's secret (security/secret-box.ts): TOTP secrets are sealed with them. */
  keys: ServerKeys;
  version: string;
};
