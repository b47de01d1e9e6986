import { createOrderSchema, createPaymentSchema, idParamsSchema, listOrdersQuerySchema, orderListSchema, orderSchema, paymentSchema, problemSchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { recordOrder } from "../../../commands/record-order";
import { recordPayment } from "../../../commands/record-payment";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { presentOrder, presentPayment } from "../../../presenters/money.presenter";
import { listOrders } from "../../../repositories/order.repository";

const tags = ["orders"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

/** /api/v1/orders, /api/v1/orders/:id/payments and /api/v1/deals/:id/orders. */
export const ordersRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/orders",
      {
        schema: {
          tags,
          summary: "Orders with their payments, of deals the viewer may see, with totals ordered and received",
          querystring: listOrdersQuerySchema,
          response: { 200: orderListSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const rows = await listOrders(context.database.db, viewer, request.query);
        return {
          items: rows.map(presentOrder),
          orderedMinor: rows.reduce((s, o) => s + o.amountMinor, 0),
          paidMinor: rows.reduce((s, o) => s + o.paidMinor, 0),
        };
      },
    );

    app.post(
      "/deals/:id/orders",
      {
        schema: { tags, summary: "Add an order to a won deal", params: idParamsSchema, body: createOrderSchema, response: { 201: orderSchema, ...errors } },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.status(201).send(presentOrder(await recordOrder(context, viewer, request.params.id, request.body)));
      },
    );

    app.post(
      "/orders/:id/payments",
      {
        schema: {
          tags,
          summary: "Record money received on an order; a negative amount is a refund",
          params: idParamsSchema,
          body: createPaymentSchema,
          response: { 201: paymentSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request);
        return reply.status(201).send(presentPayment(await recordPayment(context, viewer, request.params.id, request.body)));
      },
    );
  };
