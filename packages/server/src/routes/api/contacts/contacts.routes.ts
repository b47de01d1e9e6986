import { contactSchema, idParamsSchema, problemSchema, updateContactSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { deleteContact, updateContact } from "../../../commands/manage-contacts";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { presentContact } from "../../../presenters/crm.presenter";

const tags = ["clients"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export const contactsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.patch(
      "/:id",
      {
        schema: { tags, summary: "Change a contact person", params: idParamsSchema, body: updateContactSchema, response: { 200: contactSchema, ...errors } },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return presentContact(await updateContact(context, viewer, request.params.id, request.body));
      },
    );

    app.delete(
      "/:id",
      { schema: { tags, summary: "Remove a contact person", params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        await deleteContact(context, viewer, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
