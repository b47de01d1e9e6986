import { problemSchema, revealRequestSchema, revealSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { revealContact } from "../../../commands/reveal-contact";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";

const tags = ["export control"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 429: problemSchema };

/** [anti-leak] /api/v1/reveals: the real phones or emails behind a mask, logged and capped per day (429 `reveal_limit_reached`). */
export const revealsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "",
      {
        schema: {
          tags,
          summary: "Reveal a visible contact's or lead's phones or emails (logged; capped per person per day)",
          body: revealRequestSchema,
          response: { 200: revealSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return revealContact(context, viewer, request.body, request.ip);
      },
    );
  };
