import {
  createUserSchema,
  idParamsSchema,
  listUsersQuerySchema,
  problemSchema,
  resetPasswordSchema,
  updateUserSchema,
  userPageSchema,
  userSchema,
  type Role,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createUser } from "../../../commands/create-user";
import { getUser } from "../../../commands/find-member";
import { resetUserPassword } from "../../../commands/reset-user-password";
import { setUserActive } from "../../../commands/set-user-active";
import { updateUser } from "../../../commands/update-user";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { decodeCursor, encodeCursor } from "../../../http/cursor";
import { presentUser } from "../../../presenters/user.presenter";
import { listMembers } from "../../../repositories/user.repository";

const tags = ["users"];
const readers: readonly Role[] = ["admin", "head_of_sales", "team_lead"];
const admins: readonly Role[] = ["admin"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export const usersRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      {
        schema: {
          tags,
          summary: "The organization's users, by name; search by name or email",
          querystring: listUsersQuerySchema,
          response: { 200: userPageSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: readers });
        const { q, status, role, limit, cursor } = request.query;
        const after = decodeCursor(cursor, (value) =>
          typeof value === "object" && value !== null && "name" in value && "id" in value &&
          typeof value.name === "string" && typeof value.id === "string"
            ? { name: value.name, id: value.id }
            : undefined,
        );
        const { rows, total } = await listMembers(context.database.db, viewer, { q, status, role }, { limit: limit + 1, after });
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        return {
          items: page.map(presentUser),
          nextCursor: rows.length > limit && last ? encodeCursor({ name: last.name.toLowerCase(), id: last.id }) : null,
          total,
        };
      },
    );

    app.post(
      "",
      {
        schema: {
          tags,
          summary: "Add a user with a temporary password (admin)",
          body: createUserSchema,
          response: { 201: userSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: admins });
        const member = await createUser(context, viewer, request.body);
        return reply.status(201).send(presentUser(member));
      },
    );

    app.get(
      "/:id",
      { schema: { tags, summary: "One user", params: idParamsSchema, response: { 200: userSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: readers });
        return presentUser(await getUser(context.database.db, viewer, request.params.id));
      },
    );

    app.patch(
      "/:id",
      {
        schema: {
          tags,
          summary: "Rename a user or change their role (admin)",
          params: idParamsSchema,
          body: updateUserSchema,
          response: { 200: userSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: admins });
        return presentUser(await updateUser(context, viewer, request.params.id, request.body));
      },
    );

    app.post(
      "/:id/deactivate",
      {
        schema: {
          tags,
          summary: "Deactivate a user: their sessions and API tokens end at once (admin)",
          params: idParamsSchema,
          response: { 200: userSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: admins });
        return presentUser(await setUserActive(context, viewer, request.params.id, false));
      },
    );

    app.post(
      "/:id/reactivate",
      {
        schema: { tags, summary: "Reactivate a user (admin)", params: idParamsSchema, response: { 200: userSchema, ...errors } },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: admins });
        return presentUser(await setUserActive(context, viewer, request.params.id, true));
      },
    );

    app.post(
      "/:id/reset-password",
      {
        schema: {
          tags,
          summary: "Set a new temporary password; the user must change it at next sign-in (admin)",
          params: idParamsSchema,
          body: resetPasswordSchema,
          response: { 200: userSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: admins });
        return presentUser(await resetUserPassword(context, viewer, request.params.id, request.body.temporaryPassword));
      },
    );
  };
