/**
 * Where to go after signing in. Only paths inside this app: `//evil.example` or `https://…` in the
 * query string must not turn the sign-in page into an open redirect.
 */
export const safeNext = (next: string | null | undefined): string => {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next.startsWith("/sign-in")) return "/";
  return next;
};
