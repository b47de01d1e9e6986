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
  /**
   * The matrix attachments that grant this person visibility under the organization's structure
   * variant (M4.4, M5.8): a regional manager's regions, a product manager's products. Absent or
   * empty for everyone else.
   */
  readonly matrix?: MatrixScope;
};

export type MatrixScope = {
  readonly regions: readonly string[];
  readonly audiences: readonly string[];
  readonly productIds: readonly string[];
  readonly productGroupIds: readonly string[];
  /** Teams they direct besides their own (their members may be given tasks). */
  readonly teamIds: readonly string[];
};

export const hasMatrixScope = (viewer: Viewer): boolean => {
  const m = viewer.matrix;
  return !!m && m.regions.length + m.audiences.length + m.productIds.length + m.productGroupIds.length + m.teamIds.length > 0;
};
