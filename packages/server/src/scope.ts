import type { Role } from "@conveyor/contracts";

/**
 * Who is asking. Every scoped repository function takes one, and every query it runs
 * filters on `organizationId`; later issues add owner and team scope here.
 */
export type Viewer = {
  readonly organizationId: string;
  readonly userId: string;
  readonly role: Role;
  readonly via: "session" | "api_token";
  readonly sessionId: string | null;
};
