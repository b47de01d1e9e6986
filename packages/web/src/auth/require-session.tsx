import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { Center } from "@mantine/core";
import type { Role } from "@conveyor/contracts";
import { AppLayout } from "../shell/app-layout";
import { ForbiddenPage } from "../not-found/forbidden-page";
import { FullPageLoader, LoadError } from "../ui/page-states";
import { CurrentSessionContext, useCurrentSession } from "./current-session";
import { ForcedChangePasswordPage } from "./forced-change-password-page";
import { useSession, wasSignedOutDeliberately } from "./session";

/**
 * The gate of every signed-in screen: no session → sign-in; a temporary password → only the
 * change-password screen; otherwise the app shell.
 */
export const RequireSession = () => {
  const { data: session, error, refetch } = useSession();
  const location = useLocation();

  if (session === undefined) {
    if (error) {
      return (
        <Center mih="100vh" p="md">
          <LoadError error={error} onRetry={() => void refetch()} />
        </Center>
      );
    }
    return <FullPageLoader />;
  }

  if (session === null) {
    const here = `${location.pathname}${location.search}`;
    const target = here === "/" || wasSignedOutDeliberately() ? "/sign-in" : `/sign-in?next=${encodeURIComponent(here)}`;
    return <Navigate to={target} replace />;
  }

  if (session.user.mustChangePassword) {
    if (location.pathname !== "/change-password") return <Navigate to="/change-password" replace />;
    return (
      <CurrentSessionContext value={session}>
        <ForcedChangePasswordPage />
      </CurrentSessionContext>
    );
  }

  return (
    <CurrentSessionContext value={session}>
      <AppLayout />
    </CurrentSessionContext>
  );
};

/** Hides a screen from roles the API would refuse anyway, with a clear page instead of a failed load. */
export const RequireRole = ({ allowed, children }: { allowed: (role: Role) => boolean; children: ReactNode }) => {
  const { user } = useCurrentSession();
  return allowed(user.role) ? children : <ForbiddenPage />;
};
