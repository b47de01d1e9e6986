import { createContext, use } from "react";
import type { Session } from "@conveyor/contracts";

export const CurrentSessionContext = createContext<Session | null>(null);

/** The signed-in session, for screens that only render behind RequireSession. */
export const useCurrentSession = (): Session => {
  const session = use(CurrentSessionContext);
  if (!session) throw new Error("useCurrentSession must be used behind RequireSession");
  return session;
};
