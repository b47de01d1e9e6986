import { problemSchema, updateMeSchema, userSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { getUser } from "../../../commands/find-member";
import { updateMe } from "../../../commands/update-me";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { presentUser } from "../../../presenters/user.presenter";

const tags = ["me"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

export const meRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get("", { schema: { tags, summary: "Yourself", response: { 200: userSchema, ...errors } } }, async (request) => {
      const { viewer } = await authenticate(context, request, { allowPendingPasswordChange: true });
      return presentUser(await getUser(context.database.db, viewer, viewer.userId));
    });

    app.patch(
      "",
      {
        schema: {
          tags,
          summary: "Change your name or language (null: follow the organization, then the browser)",
          body: updateMeSchema,
          response: { 200: userSchema, ...errors },
        },
      },
      async (request) => {
        // The language may be chosen even before the one-time password is changed.
        const { viewer } = await authenticate(context, request, { allowPendingPasswordChange: true });
        return presentUser(await updateMe(context, viewer, request.body));
      },
    );
  };
