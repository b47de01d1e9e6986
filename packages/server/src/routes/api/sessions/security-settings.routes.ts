import { idParamsSchema, problemSchema, securitySettingsSchema, updateSecuritySettingsSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { readSessionSettings, updateSessionSettings } from "../../../commands/manage-session-settings";
import { resetTwoFactorOf } from "../../../commands/manage-two-factor";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";

const tags = ["security"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** [anti-leak] Sign-in hardening: /api/v1/organization/security. Admins only. */
export const securitySettingsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      { schema: { tags, summary: "Session timeouts, required two-factor, the IP allow-list, and your current address", response: { 200: securitySettingsSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: ["admin"] });
        return readSessionSettings(context, viewer, request.ip);
      },
    );

    app.patch(
      "",
      {
        schema: {
          tags,
          summary: "Change them; an allow-list that excludes your current address is refused",
          body: updateSecuritySettingsSchema,
          response: { 200: securitySettingsSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: ["admin"] });
        return updateSessionSettings(context, viewer, request.body, request.ip);
      },
    );

    app.delete(
      "/two-factor/:id",
      {
        schema: {
          tags,
          summary: "Clear a person's two-factor (lost phone and recovery codes); their sessions end",
          params: idParamsSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: ["admin"] });
        await resetTwoFactorOf(context, viewer, request.params.id, request.ip);
        return reply.status(204).send(null);
      },
    );
  };
