import { customFilterPrefix, dealStatusSchema, idSchema, type DealStatus } from "@conveyor/contracts";
import { customFilterParams, customFiltersFromSearch, type CustomFilters } from "../custom-fields/custom-filter-params";
import type { DealListQuery } from "./deals.api";

/** What narrows the deal list; kept in the URL, so a saved view of deals holds all of it. */
export type DealFilters = {
  q?: string;
  status?: DealStatus;
  /** One person's deals; the page's "Mine" switch wins over it. */
  ownerId?: string;
  /** Custom field values, by field key (`cf.<key>` in the URL and the API). */
  custom?: CustomFilters;
};

/** The list's own params; the page's (`view`, `pipeline`, `owner`) live beside them. */
const filterParams = ["q", "status", "ownerId"] as const;

const text = (value: string | null, max: number): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
};

const parsed = <T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } }, value: string | null) => {
  if (value === null) return undefined;
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
};

const withoutEmpty = (filters: DealFilters): DealFilters => {
  const result: DealFilters = {};
  const q = filters.q?.trim();
  if (q) result.q = q;
  if (filters.status) result.status = filters.status;
  if (filters.ownerId) result.ownerId = filters.ownerId;
  const custom = Object.entries(filters.custom ?? {}).filter(([, value]) => value !== "");
  if (custom.length > 0) result.custom = Object.fromEntries(custom);
  return result;
};

/**
 * The filters a URL's query string describes. Anything unknown or malformed is dropped, so a
 * hand-edited or stale bookmark still opens a working list.
 */
export const dealFiltersFromSearch = (search: URLSearchParams): DealFilters =>
  withoutEmpty({
    q: text(search.get("q"), 200),
    status: parsed(dealStatusSchema, search.get("status")),
    ownerId: parsed(idSchema, search.get("ownerId")),
    custom: customFiltersFromSearch(search),
  });

/**
 * The URL with the list's filters replaced by `filters`, in a fixed order so equal views share a
 * URL; the page's own params stay as they are.
 */
export const withDealFilters = (search: URLSearchParams, filters: DealFilters): URLSearchParams => {
  const next = new URLSearchParams();
  for (const [name, value] of search) {
    const isFilter = filterParams.some((param) => param === name) || name.startsWith(customFilterPrefix);
    if (!isFilter) next.append(name, value);
  }
  const f = withoutEmpty(filters);
  if (f.q) next.set("q", f.q);
  if (f.status) next.set("status", f.status);
  if (f.ownerId) next.set("ownerId", f.ownerId);
  for (const [name, value] of Object.entries(customFilterParams(f.custom))) next.set(name, value);
  return next;
};

/** What GET /deals is asked: the page's pipeline, "Mine" over the owner filter, and the filters. */
export const dealFiltersToQuery = (
  filters: DealFilters,
  page: { pipelineId: string | undefined; mineOwnerId: string | undefined },
): DealListQuery => {
  const f = withoutEmpty(filters);
  const query: DealListQuery = {};
  if (page.pipelineId) query.pipelineId = page.pipelineId;
  if (f.status) query.status = f.status;
  const ownerId = page.mineOwnerId ?? f.ownerId;
  if (ownerId) query.ownerId = ownerId;
  if (f.q) query.q = f.q;
  return { ...query, ...customFilterParams(f.custom) };
};

/** Whether anything narrows the list (the page's pipeline and "Mine" switch aside). */
export const hasDealFilters = (filters: DealFilters): boolean => Object.keys(withoutEmpty(filters)).length > 0;
