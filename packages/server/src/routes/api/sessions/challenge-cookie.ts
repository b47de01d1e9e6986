import { signInChallengeCookie } from "@conveyor/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";

const path = "/api/v1/auth";

/** The sign-in challenge's token: HttpOnly, SameSite=Lax, only sent to the auth routes, five minutes. */
export const setChallengeCookie = (request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date): void => {
  reply.setCookie(signInChallengeCookie, token, { httpOnly: true, sameSite: "lax", secure: request.protocol === "https", path, expires: expiresAt });
};

export const clearChallengeCookie = (request: FastifyRequest, reply: FastifyReply): void => {
  reply.clearCookie(signInChallengeCookie, { httpOnly: true, sameSite: "lax", secure: request.protocol === "https", path });
};

export const challengeToken = (request: FastifyRequest): string | undefined => request.cookies[signInChallengeCookie];
