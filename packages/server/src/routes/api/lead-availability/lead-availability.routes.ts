import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../../context";

export const leadAvailabilityRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    void context;
    void app;
  };
