import { problemSchema, searchQuerySchema, searchResultsSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { searchEverything } from "../../../commands/search-everything";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { presentSearchResults } from "../../../presenters/search.presenter";

const tags = ["search"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

export const searchRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      {
        schema: {
          tags,
          summary:
            "Clients, contacts and deals the viewer may see, by name, phone (any notation), email or legal id; " +
            "fewer than 2 characters find nothing",
          querystring: searchQuerySchema,
          response: { 200: searchResultsSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return presentSearchResults(await searchEverything(context.database.db, viewer, request.query));
      },
    );
  };
