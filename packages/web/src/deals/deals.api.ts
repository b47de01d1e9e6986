import {
  boardSchema,
  dealDetailSchema,
  dealItemListSchema,
  dealPageSchema,
  dealSchema,
  pipelineListSchema,
  pipelineSchema,
  type CreateDeal,
  type ListDealsQuery,
  type MoveDeal,
  type ReplaceDealItems,
  type SavePipeline,
  type UpdateDeal,
} from "@conveyor/contracts";
import type { QueryParams } from "../api/client";
import { api } from "../app/api";

/** Everything about deals lives under this key; the board, lists and cards sit below it. */
export const dealsKey = ["deals"];
export const pipelinesKey = ["pipelines"];
export const boardKey = (pipelineId: string, ownerId: string | undefined) => [...dealsKey, "board", pipelineId, ownerId ?? ""];
export const dealListKey = (query: DealListQuery) => [...dealsKey, "list", query];
export const dealDetailKey = (id: string) => [...dealsKey, "detail", id];

/** GET /deals's params, plus `cf.<key>` custom field filters. */
export type DealListQuery = Partial<ListDealsQuery> & QueryParams;

/** How many deals a board column and a list page load at once: the DOM stays small with thousands of deals. */
export const dealPageSize = 50;

const dealPath = (id: string) => `/api/v1/deals/${encodeURIComponent(id)}`;
const pipelinePath = (id: string) => `/api/v1/pipelines/${encodeURIComponent(id)}`;

export const listPipelines = () => api.get("/api/v1/pipelines", pipelineListSchema).then((list) => list.items);

export const createPipeline = (body: SavePipeline) => api.post("/api/v1/pipelines", pipelineSchema, body);

export const savePipeline = (id: string, body: SavePipeline) => api.put(pipelinePath(id), pipelineSchema, body);

export const getBoard = (pipelineId: string, ownerId: string | undefined) =>
  api.get(`${pipelinePath(pipelineId)}/board`, boardSchema, { perStage: dealPageSize, ownerId });

export const listDeals = (query: DealListQuery) => api.get("/api/v1/deals", dealPageSchema, query);

export const getDeal = (id: string) => api.get(dealPath(id), dealDetailSchema);

export const createDeal = (body: CreateDeal) => api.post("/api/v1/deals", dealSchema, body);

export const updateDeal = (id: string, body: UpdateDeal) => api.patch(dealPath(id), dealSchema, body);

export const moveDeal = (id: string, body: MoveDeal) => api.post(`${dealPath(id)}/move`, dealSchema, body);

/** Replaces the deal's product lines; while it has lines, the deal's amount is their sum. */
export const replaceDealItems = (id: string, body: ReplaceDealItems) => api.put(`${dealPath(id)}/items`, dealItemListSchema, body);
