import { QueryClient } from "@tanstack/react-query";
import { createApiClient, isApiError } from "../api/client";

/** The one API client of the app; `session.ts` wires its sign-out and forced-password handlers. */
export const api = createApiClient({
  // Called through a wrapper: an unbound `window.fetch` throws "Illegal invocation".
  fetch: (input, init) => fetch(input, init),
});

// A 4xx will answer the same the second time; only outages and 5xx are worth retrying.
const shouldRetry = (failureCount: number, error: unknown) => {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
};

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});
