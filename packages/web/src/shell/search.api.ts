import { searchResultsSchema } from "@conveyor/contracts";
import { api } from "../app/api";

export const searchKey = (q: string) => ["search", q];

export const searchEverything = (q: string, limit = 5) => api.get("/api/v1/search", searchResultsSchema, { q, limit });
