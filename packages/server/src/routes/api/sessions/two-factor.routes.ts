import {
  confirmTwoFactorSchema,
  disableTwoFactorSchema,
  problemSchema,
  recoveryCodesSchema,
  twoFactorEnrollmentSchema,
  twoFactorStatusSchema,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { confirmMyEnrollment, disableMyTwoFactor, readTwoFactorStatus, startMyEnrollment } from "../../../commands/manage-two-factor";
import type { AppContext } from "../../../context";
import { AppError } from "../../../http/app-error";
import { authenticate } from "../../../http/authenticate";

const tags = ["two-factor"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

/** [anti-leak] Your two-factor sign-in (TOTP): /api/v1/me/two-factor. Sessions only: an API token cannot change it. */
export const twoFactorRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const sessionViewer = async (request: Parameters<typeof authenticate>[1]) => {
      const { viewer } = await authenticate(context, request);
      if (viewer.via !== "session") throw new AppError("forbidden", "Two-factor is changed from a signed-in browser");
      return viewer;
    };

    app.get("", { schema: { tags, summary: "Whether two-factor is on, required, and recovery codes left", response: { 200: twoFactorStatusSchema, ...errors } } }, async (request) => {
      const { viewer } = await authenticate(context, request);
      return readTwoFactorStatus(context, viewer);
    });

    app.post(
      "/enroll",
      { schema: { tags, summary: "Start enrollment: a new secret and its otpauth:// URI for the authenticator app", response: { 200: twoFactorEnrollmentSchema, ...errors } } },
      async (request) => startMyEnrollment(context, await sessionViewer(request)),
    );

    app.post(
      "/confirm",
      { schema: { tags, summary: "Confirm with the app's first code; answers the recovery codes, once", body: confirmTwoFactorSchema, response: { 200: recoveryCodesSchema, ...errors } } },
      async (request) => ({ recoveryCodes: await confirmMyEnrollment(context, await sessionViewer(request), request.body.code, request.ip) }),
    );

    app.post(
      "/disable",
      { schema: { tags, summary: "Turn two-factor off (your password); refused while your organization requires it", body: disableTwoFactorSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await disableMyTwoFactor(context, await sessionViewer(request), request.body.password, request.ip);
        return reply.status(204).send(null);
      },
    );
  };
