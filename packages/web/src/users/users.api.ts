import { userPageSchema, userSchema, type CreateUser, type ListUsersQuery, type UpdateUser } from "@conveyor/contracts";
import { api } from "../app/api";

export const usersKey = ["users"];

export type UserFilters = Pick<ListUsersQuery, "q" | "status" | "role">;

export const listUsers = (filters: UserFilters, page: { cursor?: string; limit?: number }) =>
  api.get("/api/v1/users", userPageSchema, { ...filters, ...page });

export const createUser = (body: CreateUser) => api.post("/api/v1/users", userSchema, body);

export const updateUser = (id: string, body: UpdateUser) =>
  api.patch(`/api/v1/users/${encodeURIComponent(id)}`, userSchema, body);

export const deactivateUser = (id: string) =>
  api.post(`/api/v1/users/${encodeURIComponent(id)}/deactivate`, userSchema);

export const reactivateUser = (id: string) =>
  api.post(`/api/v1/users/${encodeURIComponent(id)}/reactivate`, userSchema);

export const resetUserPassword = (id: string, temporaryPassword: string) =>
  api.post(`/api/v1/users/${encodeURIComponent(id)}/reset-password`, userSchema, { temporaryPassword });
