import { healthSchema, problemSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../../context";
import { AppError } from "../../../http/app-error";

export const healthRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/health",
      {
        schema: {
          tags: ["health"],
          summary: "Liveness and database reachability",
          response: { 200: healthSchema, 500: problemSchema },
        },
      },
      async () => {
        try {
          await context.database.pool.query("select 1");
        } catch {
          throw new AppError("internal", "The database does not answer");
        }
        return { status: "ok" as const, database: context.database.mode, version: context.version };
      },
    );
  };
