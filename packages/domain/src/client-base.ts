/** The client statuses of M5.4 as the rules read them. */
export type ClientStatus = "new" | "current" | "permanent";
export type ActivityBase = "new" | "current";

/**
 * M5.1: an activity works either the new-client base or the current base. It is decided when
 * the activity is written, from the client's status at that moment, and kept: a client who
 * later buys does not turn last month's cold calls into calls on the current base.
 */
export const activityBase = (clientStatus: ClientStatus): ActivityBase => {
  switch (clientStatus) {
    case "new":
      return "new";
    case "current":
    case "permanent":
      return "current";
  }
};
