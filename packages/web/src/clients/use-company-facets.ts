import { useQuery } from "@tanstack/react-query";
import { clientFacetsKey, getCompanyFacets } from "./clients.api";
import { emptyFacets } from "./company-facets";

export const useCompanyFacets = () => {
  const query = useQuery({ queryKey: clientFacetsKey, queryFn: getCompanyFacets });
  return { ...query, facets: query.data ?? emptyFacets };
};
