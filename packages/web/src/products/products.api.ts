import { useQuery } from "@tanstack/react-query";
import {
  productGroupListSchema,
  productGroupSchema,
  productListSchema,
  productSchema,
  type CreateProduct,
  type UpdateProduct,
} from "@conveyor/contracts";
import { api } from "../app/api";

export const productsKey = ["products"];
/** `undefined`: on sale or not, for the price list; `true`: only what can be ordered now. */
export const productListKey = (active: boolean | undefined) => [...productsKey, "list", active ?? "all"];
export const productGroupsKey = [...productsKey, "groups"];

export const listProductGroups = () => api.get("/api/v1/product-groups", productGroupListSchema).then((list) => list.items);

export const createProductGroup = (name: string) => api.post("/api/v1/product-groups", productGroupSchema, { name });

export const listProducts = (active: boolean | undefined) =>
  api.get("/api/v1/products", productListSchema, { active: active === undefined ? undefined : String(active) }).then((list) => list.items);

export const createProduct = (body: CreateProduct) => api.post("/api/v1/products", productSchema, body);

export const updateProduct = (id: string, body: UpdateProduct) =>
  api.patch(`/api/v1/products/${encodeURIComponent(id)}`, productSchema, body);

export const useProducts = (active?: boolean) =>
  useQuery({ queryKey: productListKey(active), queryFn: () => listProducts(active) });

export const useProductGroups = () => useQuery({ queryKey: productGroupsKey, queryFn: listProductGroups });
