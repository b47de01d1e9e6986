import { departmentListSchema, departmentSchema, idParamsSchema, problemSchema, saveDepartmentSchema, updateDepartmentSchema, type Role } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createDepartment, deleteDepartment, presentDepartment, updateDepartment } from "../../../commands/manage-structure";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { listDepartments } from "../../../repositories/structure.repository";

const tags = ["structure"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const heads: readonly Role[] = ["admin", "head_of_sales"];

/** Departments (M3.1: new business and the client department may be apart): /api/v1/departments. */
export const departmentsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      { schema: { tags, summary: "The organization's departments", response: { 200: departmentListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return { items: (await listDepartments(context.database.db, viewer.organizationId)).map(presentDepartment) };
      },
    );

    app.post(
      "",
      { schema: { tags, summary: "Add a department (admins and heads of sales)", body: saveDepartmentSchema, response: { 201: departmentSchema, ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return reply.status(201).send(await createDepartment(context, viewer, request.body));
      },
    );

    app.patch(
      "/:id",
      { schema: { tags, summary: "Rename a department, change its kind or head", params: idParamsSchema, body: updateDepartmentSchema, response: { 200: departmentSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return updateDepartment(context, viewer, request.params.id, request.body);
      },
    );

    app.delete(
      "/:id",
      { schema: { tags, summary: "Delete a department without teams (409 department_in_use otherwise)", params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        await deleteDepartment(context, viewer, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
