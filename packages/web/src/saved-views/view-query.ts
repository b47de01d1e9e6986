import type { SavedView } from "@conveyor/contracts";

/** A list's URL query as the map a view saves; the first value of a repeated param wins. */
export const queryOfSearch = (search: URLSearchParams): Record<string, string> => {
  const query: Record<string, string> = {};
  for (const [key, value] of search) if (!(key in query) && value !== "") query[key] = value;
  return query;
};

/** Whether two queries ask for the same list, whatever the params' order. */
export const sameQuery = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
};

/** The saved view the list now shows, if any: the viewer's own before a shared one. */
export const activeView = (views: readonly SavedView[], current: Readonly<Record<string, string>>): SavedView | undefined =>
  views.find((view) => view.mine && sameQuery(view.query, current)) ?? views.find((view) => sameQuery(view.query, current));
