import { useQuery } from "@tanstack/react-query";
import { peopleSchema } from "@conveyor/contracts";
import { api } from "../app/api";

export const peopleKey = ["people"];

/** People the viewer may pick as an owner or assignee; the server decides who (M4.3 scope). */
export const listPeople = () => api.get("/api/v1/people", peopleSchema).then((page) => page.items);

export const usePeople = () => useQuery({ queryKey: peopleKey, queryFn: listPeople, staleTime: 5 * 60_000 });
