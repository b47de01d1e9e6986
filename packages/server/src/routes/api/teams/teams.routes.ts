import { teamListSchema, idParamsSchema, problemSchema, saveTeamSchema, teamSchema, updateTeamSchema, type Role } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createTeam, deleteTeam, presentTeam, updateTeam } from "../../../commands/manage-structure";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { listTeams } from "../../../repositories/structure.repository";

const tags = ["structure"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const heads: readonly Role[] = ["admin", "head_of_sales"];

/** Teams with their lead, level and members (team leads see their team's clients): /api/v1/teams. */
export const teamsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      { schema: { tags, summary: "The organization's teams and their members", response: { 200: teamListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return { items: (await listTeams(context.database.db, viewer.organizationId)).map(presentTeam) };
      },
    );

    app.post(
      "",
      { schema: { tags, summary: "Add a team (admins and heads of sales)", body: saveTeamSchema, response: { 201: teamSchema, ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return reply.status(201).send(await createTeam(context, viewer, request.body));
      },
    );

    app.patch(
      "/:id",
      { schema: { tags, summary: "Change a team's name, level, department, lead or members", params: idParamsSchema, body: updateTeamSchema, response: { 200: teamSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        return updateTeam(context, viewer, request.params.id, request.body);
      },
    );

    app.delete(
      "/:id",
      { schema: { tags, summary: "Delete a team (its people stay)", params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: heads });
        await deleteTeam(context, viewer, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
