import type { Company, CompanyCard, Deal, Order, OrderList, Payment, Pipeline, Problem, Product, TimelinePage } from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { buildOrganization, buildUser, signedIn, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

const setup = async () => {
  const org = await buildOrganization(test.database);
  const anna = await buildUser(test.database, org.organizationId, { name: "Anna" });
  const boris = await buildUser(test.database, org.organizationId, { name: "Boris" });
  const admin = await signedIn(test, org.admin);
  const as = { admin, anna: await signedIn(test, anna), boris: await signedIn(test, boris) };
  const pipeline = (await admin.get<{ items: Pipeline[] }>("/api/v1/pipelines")).body.items[0];
  const won = pipeline?.stages.find((s) => s.kind === "won");
  if (!pipeline || !won) throw new Error("no pipeline");
  return { as, won };
};

const wonDeal = async (client: TestClient, wonStageId: string, name = "Buyer") => {
  const company = (await client.post<Company>("/api/v1/companies", { name })).body;
  const deal = (await client.post<Deal>("/api/v1/deals", { companyId: company.id, title: "First deal", amountMinor: 100_000_00 })).body;
  return { company, deal, win: () => client.post<Deal>(`/api/v1/deals/${deal.id}/move`, { stageId: wonStageId }) };
};

describe("products", () => {
  it("the head keeps the catalog; sellers read it", async () => {
    const { as } = await setup();
    const group = await as.admin.post<{ id: string }>("/api/v1/product-groups", { name: "Оборудование" });
    const product = await as.admin.post<Product>("/api/v1/products", { name: "Станок ЧПУ", sku: "CNC-1", groupId: group.body.id, priceMinor: 2_500_000_00 });
    expect(product.status).toBe(201);
    expect(product.body).toMatchObject({ groupName: "Оборудование", currency: "RUB", active: true });
    const list = await as.anna.get<{ items: Product[] }>("/api/v1/products");
    expect(list.body.items.map((p) => p.name)).toEqual(["Станок ЧПУ"]);
    expect((await as.anna.post("/api/v1/products", { name: "Mine" })).status).toBe(403);
    const off = await as.admin.patch<Product>(`/api/v1/products/${product.body.id}`, { active: false });
    expect(off.body.active).toBe(false);
    expect((await as.anna.get<{ items: Product[] }>("/api/v1/products?active=true")).body.items).toEqual([]);
    const groups = await as.anna.get<{ items: { name: string; productCount: number }[] }>("/api/v1/product-groups");
    expect(groups.body.items).toEqual([{ id: group.body.id, name: "Оборудование", productCount: 1 }]);
  });
});

describe("orders and payments", () => {
  it("only a won deal produces orders; payments make revenue and the first one makes the client current", async () => {
    const { as, won } = await setup();
    const { company, deal, win } = await wonDeal(as.anna, won.id);
    const early = await as.anna.post<Problem>(`/api/v1/deals/${deal.id}/orders`, { amountMinor: 50_000_00, orderedOn: "2026-11-01" });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe("deal_not_won");

    await win();
    const first = await as.anna.post<Order>(`/api/v1/deals/${deal.id}/orders`, { amountMinor: 60_000_00, orderedOn: "2026-11-01" });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ number: "1", currency: "RUB", paidMinor: 0, dealTitle: "First deal" });
    const second = await as.anna.post<Order>(`/api/v1/deals/${deal.id}/orders`, { amountMinor: 40_000_00, orderedOn: "2026-11-15" });
    expect(second.body.number).toBe("2");
    const taken = await as.anna.post<Problem>(`/api/v1/deals/${deal.id}/orders`, { amountMinor: 1, orderedOn: "2026-11-15", number: "2" });
    expect(taken.status).toBe(400);
    expect(taken.body.errors?.[0]?.field).toBe("number");

    const paid = await as.anna.post<Payment>(`/api/v1/orders/${first.body.id}/payments`, { amountMinor: 60_000_00, paidOn: "2026-11-05" });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ amountMinor: 60_000_00, createdByName: "Anna" });
    const card = await as.anna.get<CompanyCard>(`/api/v1/companies/${company.id}`);
    expect(card.body.company.status).toBe("current");

    const tooMuch = await as.anna.post<Problem>(`/api/v1/orders/${first.body.id}/payments`, { amountMinor: -70_000_00, paidOn: "2026-11-20" });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.code).toBe("refund_exceeds_paid");
    const refund = await as.anna.post<Payment>(`/api/v1/orders/${first.body.id}/payments`, { amountMinor: -10_000_00, paidOn: "2026-11-20", note: "Брак" });
    expect(refund.status).toBe(201);
    const zero = await as.anna.post<Problem>(`/api/v1/orders/${first.body.id}/payments`, { amountMinor: 0, paidOn: "2026-11-20" });
    expect(zero.body.errors?.[0]?.field).toBe("amountMinor");

    const orders = await as.anna.get<OrderList>(`/api/v1/orders?companyId=${company.id}`);
    expect(orders.body).toMatchObject({ orderedMinor: 100_000_00, paidMinor: 50_000_00 });
    expect(orders.body.items.map((o) => [o.number, o.paidMinor])).toEqual([
      ["1", 50_000_00],
      ["2", 0],
    ]);

    const timeline = await as.anna.get<TimelinePage>(`/api/v1/companies/${company.id}/timeline`);
    const money = timeline.body.items.filter((e) => e.money).map((e) => [e.kind, e.money?.amountMinor]);
    expect(money).toEqual([
      ["payment_received", -10_000_00],
      ["payment_received", 60_000_00],
      ["order_created", 40_000_00],
      ["order_created", 60_000_00],
    ]);
    expect(timeline.body.items.some((e) => e.kind === "field_changed" && e.change?.to === "current")).toBe(true);
  });

  it("orders and payments follow the deal's visibility", async () => {
    const { as, won } = await setup();
    const { deal, win } = await wonDeal(as.anna, won.id, "Anna's buyer");
    await win();
    const order = await as.anna.post<Order>(`/api/v1/deals/${deal.id}/orders`, { amountMinor: 1000, orderedOn: "2026-11-01" });
    expect((await as.boris.get<OrderList>("/api/v1/orders")).body).toMatchObject({ items: [], orderedMinor: 0, paidMinor: 0 });
    expect((await as.boris.post(`/api/v1/orders/${order.body.id}/payments`, { amountMinor: 1000, paidOn: "2026-11-02" })).status).toBe(404);
    expect((await as.boris.post(`/api/v1/deals/${deal.id}/orders`, { amountMinor: 1000, orderedOn: "2026-11-02" })).status).toBe(404);
    expect((await as.admin.get<OrderList>("/api/v1/orders")).body.items).toHaveLength(1);
  });
});
