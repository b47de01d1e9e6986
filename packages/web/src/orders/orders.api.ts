import {
  orderListSchema,
  orderSchema,
  paymentSchema,
  type CreateOrder,
  type CreatePayment,
} from "@conveyor/contracts";
import type { QueryClient } from "@tanstack/react-query";
import { api } from "../app/api";
import { clientsKey } from "../clients/clients.api";
import { dealsKey } from "../deals/deals.api";

/** Orders of a deal and of a client sit below one key: a payment refreshes both. */
export const ordersKey = ["orders"];
export type OrderListQuery = { companyId?: string; dealId?: string };
export const orderListKey = (query: OrderListQuery) => [...ordersKey, query];

export const listOrders = (query: OrderListQuery) => api.get("/api/v1/orders", orderListSchema, query);

export const createOrder = (dealId: string, body: CreateOrder) =>
  api.post(`/api/v1/deals/${encodeURIComponent(dealId)}/orders`, orderSchema, body);

export const createPayment = (orderId: string, body: CreatePayment) =>
  api.post(`/api/v1/orders/${encodeURIComponent(orderId)}/payments`, paymentSchema, body);

/**
 * After an order or a payment: the orders, the deal, and the client's card and history all show it
 * (a first payment also makes a new client current).
 */
export const invalidateAfterMoney = (queryClient: QueryClient) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: ordersKey }),
    queryClient.invalidateQueries({ queryKey: dealsKey }),
    queryClient.invalidateQueries({ queryKey: clientsKey }),
  ]);
