import { useQuery } from "@tanstack/react-query";
import {
  conveyorProfileSchema,
  conveyorSettingsSchema,
  departmentSchema,
  orgChartSchema,
  restructureAdviceSchema,
  staffingAdviceSchema,
  sweepResultSchema,
  teamSchema,
  type SaveDepartment,
  type SaveTeam,
  type UpdateConveyorProfile,
  type UpdateConveyorSettings,
  type UpdateDepartment,
  type UpdateTeam,
} from "@conveyor/contracts";
import { api } from "../app/api";
import { itemsOf } from "./items-parser";

/** Everything of the conveyor shares this prefix, so one invalidation refreshes the whole department area. */
export const conveyorKey = ["conveyor"];
export const conveyorSettingsKey = [...conveyorKey, "settings"];
export const orgChartKey = [...conveyorKey, "org-chart"];
export const staffingKey = [...conveyorKey, "staffing"];
export const restructureKey = [...conveyorKey, "restructure"];
export const conveyorPeopleKey = [...conveyorKey, "people"];
export const departmentsKey = [...conveyorKey, "departments"];
export const teamsKey = [...conveyorKey, "teams"];

const id = (value: string) => encodeURIComponent(value);

export const getConveyorSettings = () => api.get("/api/v1/conveyor/settings", conveyorSettingsSchema);
export const updateConveyorSettings = (body: UpdateConveyorSettings) =>
  api.patch("/api/v1/conveyor/settings", conveyorSettingsSchema, body);

export const getOrgChart = () => api.get("/api/v1/conveyor/org-chart", orgChartSchema);
export const getStaffing = () => api.get("/api/v1/conveyor/staffing", staffingAdviceSchema);
export const getRestructure = () => api.get("/api/v1/conveyor/restructure", restructureAdviceSchema);

export const listConveyorPeople = () =>
  api.get("/api/v1/conveyor/people", itemsOf(conveyorProfileSchema)).then((list) => list.items);
export const updateConveyorProfile = (userId: string, body: UpdateConveyorProfile) =>
  api.patch(`/api/v1/conveyor/people/${id(userId)}`, conveyorProfileSchema, body);

export const listDepartments = () => api.get("/api/v1/departments", itemsOf(departmentSchema)).then((list) => list.items);
export const createDepartment = (body: SaveDepartment) => api.post("/api/v1/departments", departmentSchema, body);
export const updateDepartment = (departmentId: string, body: UpdateDepartment) =>
  api.patch(`/api/v1/departments/${id(departmentId)}`, departmentSchema, body);
export const deleteDepartment = (departmentId: string) => api.send("DELETE", `/api/v1/departments/${id(departmentId)}`);

export const listTeams = () => api.get("/api/v1/teams", itemsOf(teamSchema)).then((list) => list.items);
export const createTeam = (body: SaveTeam) => api.post("/api/v1/teams", teamSchema, body);
export const updateTeam = (teamId: string, body: UpdateTeam) => api.patch(`/api/v1/teams/${id(teamId)}`, teamSchema, body);
export const deleteTeam = (teamId: string) => api.send("DELETE", `/api/v1/teams/${id(teamId)}`);

/** Runs the nightly sweep now (heads): handovers due, permanent clients, expired giver access. */
export const runSweep = () => api.post("/api/v1/conveyor/sweep", sweepResultSchema);

export const useConveyorSettings = () => useQuery({ queryKey: conveyorSettingsKey, queryFn: getConveyorSettings });
export const useOrgChart = () => useQuery({ queryKey: orgChartKey, queryFn: getOrgChart });
export const useStaffing = () => useQuery({ queryKey: staffingKey, queryFn: getStaffing });
export const useRestructure = (enabled = true) => useQuery({ queryKey: restructureKey, queryFn: getRestructure, enabled });
export const useConveyorPeople = () => useQuery({ queryKey: conveyorPeopleKey, queryFn: listConveyorPeople });
export const useDepartments = () => useQuery({ queryKey: departmentsKey, queryFn: listDepartments });
export const useTeams = () => useQuery({ queryKey: teamsKey, queryFn: listTeams });
