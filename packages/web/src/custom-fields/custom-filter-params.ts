import { customFilterPrefix } from "@conveyor/contracts";

/** Custom field filters of a list, by field key (`cf.<key>` in the URL and the API). */
export type CustomFilters = Readonly<Record<string, string>>;

const customKeyPattern = /^[a-z][a-z0-9_]{0,39}$/;

/** The `cf.<key>` params of a URL, by key; malformed keys and blank values are dropped. */
export const customFiltersFromSearch = (search: URLSearchParams): Record<string, string> | undefined => {
  const custom: Record<string, string> = {};
  for (const [name, raw] of search) {
    if (!name.startsWith(customFilterPrefix)) continue;
    const key = name.slice(customFilterPrefix.length);
    const value = raw.trim().slice(0, 200);
    if (customKeyPattern.test(key) && value) custom[key] = value;
  }
  return Object.keys(custom).length > 0 ? custom : undefined;
};

/** Custom filters as query params, keys in a fixed order so equal views share a URL. */
export const customFilterParams = (custom: CustomFilters | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(custom ?? {})
      .filter(([, value]) => value !== "")
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => [`${customFilterPrefix}${key}`, value]),
  );

/** The filters with one field's value set, or removed when `value` is null. */
export const withCustomFilter = (custom: CustomFilters | undefined, key: string, value: string | null): Record<string, string> => {
  const { [key]: _previous, ...others } = custom ?? {};
  return value ? { ...others, [key]: value } : others;
};
