import { taskPageSchema, taskSchema, type CreateTask, type ListTasksQuery, type UpdateTask } from "@conveyor/contracts";
import { api } from "../app/api";

export const tasksKey = ["tasks"];

export type TaskListQuery = Partial<Pick<ListTasksQuery, "assignee" | "companyId" | "dealId" | "view" | "limit" | "cursor">>;

export const listTasks = (query: TaskListQuery) => api.get("/api/v1/tasks", taskPageSchema, query);

export const createTask = (body: CreateTask) => api.post("/api/v1/tasks", taskSchema, body);

export const updateTask = (id: string, body: UpdateTask) =>
  api.patch(`/api/v1/tasks/${encodeURIComponent(id)}`, taskSchema, body);
