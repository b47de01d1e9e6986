import { problemSchema, twoFactorEnrollmentSchema, twoFactorSignInSchema, twoFactorSignedInSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { completeTwoFactorSignIn, startSignInEnrollment } from "../../../commands/two-factor-sign-in";
import type { AppContext } from "../../../context";
import { sessionView, setSessionCookie, viewerFromSignIn } from "../auth/session-view";
import { challengeToken, clearChallengeCookie } from "./challenge-cookie";

const tags = ["auth"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema };

/**
 * [anti-leak] The sign-in second step: /api/v1/auth/two-factor. POST /auth/sign-in answered 202 and set the
 * challenge cookie; a code (or a recovery code) here opens the session.
 */
export const twoFactorSignInRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "",
      {
        schema: {
          tags,
          summary: "The second step: a TOTP code or a recovery code; sets the session cookie",
          body: twoFactorSignInSchema,
          response: { 200: twoFactorSignedInSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { signedIn, recoveryCodes } = await completeTwoFactorSignIn(context, challengeToken(request), request.body, {
          ip: request.ip,
          userAgent: request.headers["user-agent"] ?? null,
        });
        clearChallengeCookie(request, reply);
        setSessionCookie(request, reply, signedIn.token, signedIn.expiresAt);
        const session = await sessionView(context, viewerFromSignIn(signedIn), signedIn.csrfToken);
        return recoveryCodes ? { ...session, recoveryCodes } : session;
      },
    );

    app.post(
      "/enroll",
      {
        schema: {
          tags,
          summary: "When your organization requires two-factor and you have none: your secret and otpauth:// URI",
          response: { 200: twoFactorEnrollmentSchema, ...errors },
        },
      },
      async (request) => startSignInEnrollment(context, challengeToken(request)),
    );
  };
