import { changePasswordSchema, problemSchema, sessionSchema, signInChallengeSchema, signInSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { changePassword } from "../../../commands/change-password";
import { signIn } from "../../../commands/sign-in";
import { signOut } from "../../../commands/sign-out";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { setChallengeCookie } from "../sessions/challenge-cookie";
import { clearSessionCookie, sessionView, setSessionCookie, viewerFromSignIn } from "./session-view";

const tags = ["auth"];

export const authRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/sign-in",
      {
        schema: {
          tags,
          summary: "Sign in with email and password; sets the session cookie (202: a two-factor code is due, see /auth/two-factor)",
          body: signInSchema,
          response: { 200: sessionSchema, 202: signInChallengeSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema },
        },
      },
      async (request, reply) => {
        const result = await signIn(context, {
          email: request.body.email,
          password: request.body.password,
          ip: request.ip,
          userAgent: request.headers["user-agent"] ?? null,
        });
        if (result.kind === "two_factor") {
          setChallengeCookie(request, reply, result.challenge.token, result.challenge.expiresAt);
          return reply.status(202).send({ twoFactor: result.challenge.twoFactor });
        }
        const { signedIn } = result;
        const viewer = viewerFromSignIn(signedIn);
        setSessionCookie(request, reply, signedIn.token, signedIn.expiresAt);
        return sessionView(context, viewer, signedIn.csrfToken);
      },
    );

    app.get(
      "/session",
      {
        schema: {
          tags,
          summary: "The signed-in person, their organization and the CSRF token",
          response: { 200: sessionSchema, 401: problemSchema },
        },
      },
      async (request) => {
        const { viewer, csrfToken } = await authenticate(context, request, { allowPendingPasswordChange: true });
        return sessionView(context, viewer, csrfToken ?? "");
      },
    );

    app.post(
      "/sign-out",
      {
        schema: { tags, summary: "End this session", response: { 204: z.null(), 401: problemSchema } },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { allowPendingPasswordChange: true });
        await signOut(context, viewer, request.ip);
        clearSessionCookie(request, reply);
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/change-password",
      {
        schema: {
          tags,
          summary: "Change your password; ends your other sessions and opens a new one",
          body: changePasswordSchema,
          response: { 200: sessionSchema, 400: problemSchema, 401: problemSchema },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { allowPendingPasswordChange: true });
        const signedIn = await changePassword(context, {
          viewer,
          currentPassword: request.body.currentPassword,
          newPassword: request.body.newPassword,
          ip: request.ip,
          userAgent: request.headers["user-agent"] ?? null,
        });
        if (viewer.via === "session") setSessionCookie(request, reply, signedIn.token, signedIn.expiresAt);
        return sessionView(context, { ...viewer, sessionId: signedIn.sessionId }, signedIn.csrfToken);
      },
    );
  };
