import {
  createProductGroupSchema,
  createProductSchema,
  idParamsSchema,
  problemSchema,
  productGroupListSchema,
  productGroupSchema,
  productListSchema,
  productSchema,
  updateProductSchema,
  type Role,
} from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createProduct, createProductGroup, updateProduct } from "../../../commands/manage-products";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";
import { presentProduct } from "../../../presenters/money.presenter";
import { listProductGroups, listProducts } from "../../../repositories/product.repository";

const tags = ["products"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const editors: readonly Role[] = ["admin", "head_of_sales"];

/** The catalog: /api/v1/products and /api/v1/product-groups. */
export const productsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/products",
      {
        schema: {
          tags,
          summary: "The product catalog",
          querystring: z.strictObject({ active: z.enum(["true", "false"]).optional() }),
          response: { 200: productListSchema, ...errors },
        },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        const active = request.query.active === undefined ? undefined : request.query.active === "true";
        return { items: (await listProducts(context.database.db, viewer, active)).map(presentProduct) };
      },
    );

    app.post(
      "/products",
      { schema: { tags, summary: "Add a product (admin, head of sales)", body: createProductSchema, response: { 201: productSchema, ...errors } } },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: editors });
        return reply.status(201).send(presentProduct(await createProduct(context, viewer, request.body)));
      },
    );

    app.patch(
      "/products/:id",
      {
        schema: { tags, summary: "Change a product (admin, head of sales)", params: idParamsSchema, body: updateProductSchema, response: { 200: productSchema, ...errors } },
      },
      async (request) => {
        const { viewer } = await authenticate(context, request, { roles: editors });
        return presentProduct(await updateProduct(context, viewer, request.params.id, request.body));
      },
    );

    app.get(
      "/product-groups",
      { schema: { tags, summary: "Product groups", response: { 200: productGroupListSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return { items: await listProductGroups(context.database.db, viewer) };
      },
    );

    app.post(
      "/product-groups",
      {
        schema: { tags, summary: "Add a product group (admin, head of sales)", body: createProductGroupSchema, response: { 201: productGroupSchema, ...errors } },
      },
      async (request, reply) => {
        const { viewer } = await authenticate(context, request, { roles: editors });
        const id = await createProductGroup(context, viewer, request.body.name);
        return reply.status(201).send({ id, name: request.body.name, productCount: 0 });
      },
    );
  };
