import {
  companySorts,
  companyStatusSchema,
  idSchema,
  levelSchema,
  temperatureSchema,
  type CompanyStatus,
  type Level,
  type Temperature,
} from "@conveyor/contracts";
import type { QueryParams } from "../api/client";
import { customFilterParams, customFiltersFromSearch } from "../custom-fields/custom-filter-params";

export type CompanySort = (typeof companySorts)[number];
export type SortOrder = "asc" | "desc";

/** The "By X" views of M5.4: each groups the clients by one field and lets the reader pick a value. */
export const facetViews = ["by-channel", "by-manager", "by-region", "by-audience", "by-product"] as const;
export type FacetView = (typeof facetViews)[number];

/** The free-text filters, all fed by the facets. */
export const textFilterKeys = ["region", "industry", "audience", "channel"] as const;
export type TextFilterKey = (typeof textFilterKeys)[number];

export type ClientFilters = {
  q?: string;
  status?: CompanyStatus;
  temperature?: Temperature;
  level?: Level;
  ownerId?: string;
  region?: string;
  industry?: string;
  audience?: string;
  channel?: string;
  tag?: string;
  /** Clients with this product on a deal or an order. */
  productId?: string;
  /** Custom field values, by field key (`cf.<key>` in the URL and the API). */
  custom?: Readonly<Record<string, string>>;
  sort: CompanySort;
  order: SortOrder;
  /** Which grouping is open above the table; not sent to the API. */
  view?: FacetView;
};

export const defaultClientFilters: ClientFilters = { sort: "name", order: "asc" };

/** Names read A→Z; dates newest first. */
export const defaultOrder = (sort: CompanySort): SortOrder => (sort === "name" ? "asc" : "desc");

const text = (value: string | null, max: number): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
};

const parsed = <T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } }, value: string | null) => {
  if (value === null) return undefined;
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
};

const isSort = (value: string | null): value is CompanySort => companySorts.some((s) => s === value);
const isFacetView = (value: string | null): value is FacetView => facetViews.some((v) => v === value);

/**
 * The filters a URL's query string describes. Anything unknown or malformed is dropped, so a
 * hand-edited or stale bookmark still opens a working list.
 */
export const filtersFromSearch = (search: URLSearchParams): ClientFilters => {
  const sortParam = search.get("sort");
  const sort = isSort(sortParam) ? sortParam : defaultClientFilters.sort;
  const orderParam = search.get("order");
  const order: SortOrder = orderParam === "asc" || orderParam === "desc" ? orderParam : defaultOrder(sort);
  const viewParam = search.get("view");
  const filters: ClientFilters = {
    q: text(search.get("q"), 200),
    status: parsed(companyStatusSchema, search.get("status")),
    temperature: parsed(temperatureSchema, search.get("temperature")),
    level: parsed(levelSchema, search.get("level")),
    ownerId: parsed(idSchema, search.get("ownerId")),
    region: text(search.get("region"), 200),
    industry: text(search.get("industry"), 200),
    audience: text(search.get("audience"), 200),
    channel: text(search.get("channel"), 200),
    tag: text(search.get("tag"), 50),
    productId: parsed(idSchema, search.get("productId")),
    custom: customFiltersFromSearch(search),
    sort,
    order,
    view: isFacetView(viewParam) ? viewParam : undefined,
  };
  return withoutEmpty(filters);
};

const withoutEmpty = (filters: ClientFilters): ClientFilters => {
  const result: ClientFilters = { sort: filters.sort, order: filters.order };
  if (filters.q) result.q = filters.q;
  if (filters.status) result.status = filters.status;
  if (filters.temperature) result.temperature = filters.temperature;
  if (filters.level) result.level = filters.level;
  if (filters.ownerId) result.ownerId = filters.ownerId;
  for (const key of textFilterKeys) {
    const value = filters[key];
    if (value) result[key] = value;
  }
  if (filters.tag) result.tag = filters.tag;
  if (filters.productId) result.productId = filters.productId;
  const custom = Object.entries(filters.custom ?? {}).filter(([, value]) => value !== "");
  if (custom.length > 0) result.custom = Object.fromEntries(custom);
  if (filters.view) result.view = filters.view;
  return result;
};

/** The query string for the filters, defaults left out, in a fixed order so equal views share a URL. */
export const filtersToSearch = (filters: ClientFilters): URLSearchParams => {
  const f = withoutEmpty(filters);
  const search = new URLSearchParams();
  const put = (key: string, value: string | undefined) => {
    if (value) search.set(key, value);
  };
  put("view", f.view);
  put("q", f.q);
  put("status", f.status);
  put("temperature", f.temperature);
  put("level", f.level);
  put("ownerId", f.ownerId);
  for (const key of textFilterKeys) put(key, f[key]);
  put("tag", f.tag);
  put("productId", f.productId);
  for (const [name, value] of Object.entries(customFilterParams(f.custom))) put(name, value);
  if (f.sort !== defaultClientFilters.sort) put("sort", f.sort);
  if (f.order !== defaultOrder(f.sort)) put("order", f.order);
  return search;
};

/** What GET /companies is asked: the filters without the open view. */
export const filtersToQuery = (filters: ClientFilters): QueryParams => {
  const { view: _view, custom, ...query } = withoutEmpty(filters);
  return { ...query, ...customFilterParams(custom) };
};

/** Clicking a column header: the same column flips the order, another starts at its natural order. */
export const toggleSort = (filters: ClientFilters, sort: CompanySort): ClientFilters =>
  filters.sort === sort
    ? { ...filters, order: filters.order === "asc" ? "desc" : "asc" }
    : { ...filters, sort, order: defaultOrder(sort) };

/** Whether anything narrows the list (sorting and the open view do not). */
export const hasNarrowingFilters = (filters: ClientFilters): boolean => Object.keys(filtersToQuery(filters)).some((k) => k !== "sort" && k !== "order");

/** The field each "By X" view groups by. */
export const facetViewField = (view: FacetView): "channel" | "ownerId" | "region" | "audience" | "productId" => {
  switch (view) {
    case "by-channel":
      return "channel";
    case "by-manager":
      return "ownerId";
    case "by-region":
      return "region";
    case "by-audience":
      return "audience";
    case "by-product":
      return "productId";
  }
};
