import { useQuery } from "@tanstack/react-query";
import { listPipelines, pipelinesKey } from "./deals.api";

/** The organization's pipelines; they change rarely, so they stay cached for a while. */
export const usePipelines = () => useQuery({ queryKey: pipelinesKey, queryFn: listPipelines, staleTime: 5 * 60_000 });
