import { useQuery } from "@tanstack/react-query";
import { sessionSchema, type Organization, type Session, type User } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { api, queryClient } from "../app/api";

export const sessionKey = ["session"];

/** The current session, or null when nobody is signed in in this browser. */
export const fetchSession = async (): Promise<Session | null> => {
  try {
    const session = await api.get("/api/v1/auth/session", sessionSchema);
    api.setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error, "unauthenticated")) {
      api.setCsrfToken(null);
      return null;
    }
    throw error;
  }
};

export const useSession = () =>
  useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 5 * 60_000 });

/** Every Session response carries a fresh CSRF token; this is the one place that keeps it. */
export const rememberSession = (session: Session) => {
  signedOutDeliberately = false;
  api.setCsrfToken(session.csrfToken);
  queryClient.setQueryData<Session | null>(sessionKey, session);
};

// Set when the person signs out on purpose: the sign-in page then should not offer to "return" to
// the page they left, as it would after an expired session.
let signedOutDeliberately = false;

export const wasSignedOutDeliberately = () => signedOutDeliberately;

/** Drops everything cached for the previous person, so the next one never sees it. */
export const forgetSession = (options: { deliberate?: boolean } = {}) => {
  signedOutDeliberately = options.deliberate ?? false;
  api.setCsrfToken(null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  queryClient.setQueryData<Session | null>(sessionKey, null);
};

export const updateSessionUser = (user: User) => {
  queryClient.setQueryData<Session | null>(sessionKey, (session) =>
    session && session.user.id === user.id ? { ...session, user } : session,
  );
};

export const updateSessionOrganization = (organization: Organization) => {
  queryClient.setQueryData<Session | null>(sessionKey, (session) => (session ? { ...session, organization } : session));
};

export const installSessionHandlers = () => {
  api.setHandlers({
    onUnauthenticated: () => forgetSession(),
    // The guard reads mustChangePassword from the refreshed session and shows only that screen.
    onPasswordChangeRequired: () => void queryClient.invalidateQueries({ queryKey: sessionKey }),
    // The refreshed session carries a current token, so the person's retry goes through.
    onCsrfFailed: () => void queryClient.invalidateQueries({ queryKey: sessionKey }),
  });
};
