import type { Company, CompanyFacets, CompanyPage, Deal, DealDetail, DealItemList, Order, Pipeline, Problem, Product, TimelinePage } from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { buildTeam } from "../src/testing/factories";
import { buildOrganization, buildUser, signedIn, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

/** A department: an admin who keeps the price list, a head of sales, a team lead over Anna, and Anna and Boris selling. */
const department = async () => {
  const org = await buildOrganization(test.database);
  const users = {
    head: await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Head" }),
    lead: await buildUser(test.database, org.organizationId, { role: "team_lead", name: "Lead" }),
    anna: await buildUser(test.database, org.organizationId, { name: "Anna" }),
    boris: await buildUser(test.database, org.organizationId, { name: "Boris" }),
  };
  await buildTeam(test.database, org.organizationId, { leadId: users.lead.id, memberIds: [users.anna.id] });
  const as = {
    admin: await signedIn(test, org.admin),
    head: await signedIn(test, users.head),
    lead: await signedIn(test, users.lead),
    anna: await signedIn(test, users.anna),
    boris: await signedIn(test, users.boris),
  };
  const product = async (body: { name: string; priceMinor: number; currency?: string }) => {
    const reply = await as.admin.post<Product>("/api/v1/products", body);
    if (reply.status !== 201) throw new Error(`product: ${reply.status} ${reply.raw}`);
    return reply.body;
  };
  const products = {
    lathe: await product({ name: "Станок ЧПУ", priceMinor: 1_500_00 }),
    setup: await product({ name: "Наладка", priceMinor: 250_00 }),
    dollars: await product({ name: "Imported tool", priceMinor: 99_00, currency: "USD" }),
  };
  return { org, users, as, products };
};

const dealOf = async (client: TestClient, name: string, title = "Поставка") => {
  const company = (await client.post<Company>("/api/v1/companies", { name })).body;
  const deal = (await client.post<Deal>("/api/v1/deals", { companyId: company.id, title, amountMinor: 100_00 })).body;
  return { company, deal };
};

const putItems = <T = DealItemList>(client: TestClient, dealId: string, items: unknown[]) =>
  client.request<T>("PUT", `/api/v1/deals/${dealId}/items`, { items });

const clientIds = async (client: TestClient, query: string) =>
  (await client.get<CompanyPage>(`/api/v1/companies?${query}`)).body.items.map((c) => c.name).sort();

describe("deal items", () => {
  it("replace the whole list, and the deal's amount becomes their sum", async () => {
    const { as, products } = await department();
    const { company, deal } = await dealOf(as.anna, "Завод");

    const saved = await putItems(as.anna, deal.id, [
      { productId: products.lathe.id, quantity: 2 },
      { productId: products.setup.id, quantity: 1.5, unitPriceMinor: 200_01 },
    ]);
    expect(saved.status).toBe(200);
    expect(saved.body.items.map((i) => [i.productName, i.quantity, i.unitPriceMinor, i.amountMinor, i.position])).toEqual([
      ["Станок ЧПУ", 2, 1_500_00, 3_000_00, 0],
      // 1.5 × 200.01 = 300.015, rounded half up to a whole kopeck.
      ["Наладка", 1.5, 200_01, 300_02, 1],
    ]);
    expect(saved.body).toMatchObject({ totalMinor: 3_300_02, currency: "RUB" });

    const detail = await as.anna.get<DealDetail>(`/api/v1/deals/${deal.id}`);
    expect(detail.body.deal.amountMinor).toBe(3_300_02);
    expect(detail.body.items.map((i) => i.productName)).toEqual(["Станок ЧПУ", "Наладка"]);
    expect((await as.anna.get<DealItemList>(`/api/v1/deals/${deal.id}/items`)).body.totalMinor).toBe(3_300_02);

    const replaced = await putItems(as.anna, deal.id, [{ productId: products.setup.id, quantity: 0.125 }]);
    expect(replaced.body.items.map((i) => [i.productName, i.amountMinor])).toEqual([["Наладка", 31_25]]);
    expect((await as.anna.get<DealDetail>(`/api/v1/deals/${deal.id}`)).body.deal.amountMinor).toBe(31_25);

    // While there are lines, the amount and currency come from them.
    const typed = await as.anna.patch<Problem>(`/api/v1/deals/${deal.id}`, { amountMinor: 5_00, currency: "USD" });
    expect(typed.status).toBe(409);
    expect(typed.body.code).toBe("deal_has_items");
    expect(typed.body.errors?.map((e) => e.field)).toEqual(["amountMinor", "currency"]);
    expect((await as.anna.patch<Deal>(`/api/v1/deals/${deal.id}`, { amountMinor: 31_25, title: "Поставка 2" })).status).toBe(200);

    const timeline = await as.anna.get<TimelinePage>(`/api/v1/companies/${company.id}/timeline`);
    const changes = timeline.body.items.filter((e) => e.kind === "field_changed" && e.change?.field === "products");
    expect(changes.map((e) => [e.change?.fromLabel, e.change?.toLabel])).toEqual([
      ["Станок ЧПУ × 2, Наладка × 1.5", "Наладка × 0.125"],
      [null, "Станок ЧПУ × 2, Наладка × 1.5"],
    ]);
    expect(changes[0]?.deal?.id).toBe(deal.id);

    // No lines: the amount stays as it was and can be typed again.
    const emptied = await putItems(as.anna, deal.id, []);
    expect(emptied.body).toMatchObject({ items: [], totalMinor: 0 });
    expect((await as.anna.get<DealDetail>(`/api/v1/deals/${deal.id}`)).body.deal.amountMinor).toBe(31_25);
    expect((await as.anna.patch<Deal>(`/api/v1/deals/${deal.id}`, { amountMinor: 77_00 })).body.amountMinor).toBe(77_00);
  });

  it("refuses products of another organization, off sale or in another currency, and bad quantities, naming the field", async () => {
    const { as, products } = await department();
    const other = await buildOrganization(test.database);
    const foreign = (await (await signedIn(test, other.admin)).post<Product>("/api/v1/products", { name: "Чужой", priceMinor: 1 })).body;
    const retired = (await as.admin.post<Product>("/api/v1/products", { name: "Снят", priceMinor: 10_00 })).body;
    const { deal } = await dealOf(as.anna, "Покупатель");
    await as.admin.patch(`/api/v1/products/${retired.id}`, { active: false });

    const refused = await putItems<Problem>(as.anna, deal.id, [
      { productId: products.lathe.id, quantity: 1 },
      { productId: foreign.id, quantity: 1 },
      { productId: "00000000-0000-4000-8000-000000000000", quantity: 1 },
      { productId: retired.id, quantity: 1 },
      { productId: products.dollars.id, quantity: 1 },
      { productId: products.setup.id, quantity: 1_000_000, unitPriceMinor: 1e15 },
    ]);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("deal_item_invalid");
    expect(refused.body.errors?.map((e) => [e.field, e.code])).toEqual([
      ["items.1.productId", "unknown_product"],
      ["items.2.productId", "unknown_product"],
      ["items.3.productId", "inactive_product"],
      ["items.4.productId", "currency_mismatch"],
      ["items.5.quantity", "amount_too_large"],
    ]);
    expect(JSON.stringify(refused.body)).not.toContain("Чужой");

    for (const quantity of [0, -1, 1.2345]) {
      const bad = await putItems<Problem>(as.anna, deal.id, [{ productId: products.lathe.id, quantity: 1 }, { productId: products.lathe.id, quantity }]);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe("validation_failed");
      expect(bad.body.errors?.map((e) => e.field)).toEqual(["items.1.quantity"]);
    }
    const extra = await putItems<Problem>(as.anna, deal.id, [{ productId: products.lathe.id, quantity: 1, discount: 5 }]);
    expect(extra.body.errors?.map((e) => e.field)).toEqual(["items.0.discount"]);
    expect((await as.anna.get<DealItemList>(`/api/v1/deals/${deal.id}/items`)).body.items).toEqual([]);
    expect((await as.anna.get<DealDetail>(`/api/v1/deals/${deal.id}`)).body.deal.amountMinor).toBe(100_00);

    // A line of a product taken off sale after it was added stays when the list is saved again.
    await as.admin.patch(`/api/v1/products/${retired.id}`, { active: true });
    expect((await putItems(as.anna, deal.id, [{ productId: retired.id, quantity: 1 }])).status).toBe(200);
    await as.admin.patch(`/api/v1/products/${retired.id}`, { active: false });
    const kept = await putItems(as.anna, deal.id, [
      { productId: retired.id, quantity: 3 },
      { productId: products.setup.id, quantity: 1 },
    ]);
    expect(kept.status).toBe(200);
    expect(kept.body.items.map((i) => [i.productName, i.productActive, i.amountMinor])).toEqual([
      ["Снят", false, 30_00],
      ["Наладка", true, 250_00],
    ]);
  });

  it("are read and written only by who may change the deal; others get 404", async () => {
    const { as, products } = await department();
    const { deal } = await dealOf(as.anna, "Клиент Анны");
    await putItems(as.anna, deal.id, [{ productId: products.lathe.id, quantity: 1 }]);

    for (const path of [`/api/v1/deals/${deal.id}/items`, `/api/v1/deals/${deal.id}`]) {
      const read = await as.boris.get<Problem>(path);
      expect(read.status).toBe(404);
      expect(read.body.code).toBe("not_found");
    }
    const write = await putItems<Problem>(as.boris, deal.id, [{ productId: products.setup.id, quantity: 9 }]);
    expect(write.status).toBe(404);

    // Anna's team lead and the head of sales may.
    expect((await putItems(as.lead, deal.id, [{ productId: products.setup.id, quantity: 2 }])).status).toBe(200);
    expect((await as.head.get<DealItemList>(`/api/v1/deals/${deal.id}/items`)).body.items.map((i) => [i.productName, i.quantity])).toEqual([["Наладка", 2]]);
    expect((await as.anna.get<DealDetail>(`/api/v1/deals/${deal.id}`)).body.deal.amountMinor).toBe(500_00);
  });
});

describe("clients by product", () => {
  it("company_products follows deal lines and orders; the filter and the facet count only clients in scope", async () => {
    const { as, products } = await department();
    const anna = await dealOf(as.anna, "Анна Один");
    const annaTwo = await dealOf(as.anna, "Анна Два");
    const boris = await dealOf(as.boris, "Борис Один");
    await dealOf(as.boris, "Борис Без Товаров");

    await putItems(as.anna, anna.deal.id, [{ productId: products.lathe.id, quantity: 1 }, { productId: products.setup.id, quantity: 1 }]);
    await putItems(as.anna, annaTwo.deal.id, [{ productId: products.lathe.id, quantity: 1 }]);
    await putItems(as.boris, boris.deal.id, [{ productId: products.lathe.id, quantity: 2 }]);

    expect(await clientIds(as.admin, `productId=${products.lathe.id}`)).toEqual(["Анна Два", "Анна Один", "Борис Один"]);
    expect(await clientIds(as.admin, `productId=${products.setup.id}`)).toEqual(["Анна Один"]);
    expect(await clientIds(as.anna, `productId=${products.lathe.id}`)).toEqual(["Анна Два", "Анна Один"]);
    expect(await clientIds(as.boris, `productId=${products.setup.id}`)).toEqual([]);

    const facet = async (client: TestClient) =>
      (await client.get<CompanyFacets>("/api/v1/companies/facets")).body.product.map((f) => [f.label, f.count, f.value]);
    expect(await facet(as.admin)).toEqual([
      ["Станок ЧПУ", 3, products.lathe.id],
      ["Наладка", 1, products.setup.id],
    ]);
    expect(await facet(as.boris)).toEqual([["Станок ЧПУ", 1, products.lathe.id]]);
    expect(await facet(as.lead)).toEqual([
      ["Станок ЧПУ", 2, products.lathe.id],
      ["Наладка", 1, products.setup.id],
    ]);

    // Lines removed: the client no longer has the product, unless an order of it remains.
    await putItems(as.anna, annaTwo.deal.id, []);
    expect(await clientIds(as.admin, `productId=${products.lathe.id}`)).toEqual(["Анна Один", "Борис Один"]);

    const pipeline = (await as.admin.get<{ items: Pipeline[] }>("/api/v1/pipelines")).body.items[0];
    const won = pipeline?.stages.find((s) => s.kind === "won");
    await as.anna.post(`/api/v1/deals/${annaTwo.deal.id}/move`, { stageId: won?.id });
    const order = await as.anna.post<Order>(`/api/v1/deals/${annaTwo.deal.id}/orders`, {
      amountMinor: 10_00,
      orderedOn: "2026-11-01",
      productId: products.dollars.id,
    });
    expect(order.status).toBe(201);
    expect(await clientIds(as.admin, `productId=${products.dollars.id}`)).toEqual(["Анна Два"]);
    await putItems(as.anna, annaTwo.deal.id, [{ productId: products.setup.id, quantity: 1 }]);
    await putItems(as.anna, annaTwo.deal.id, []);
    // The order's product stays after the lines are recomputed.
    expect(await clientIds(as.admin, `productId=${products.dollars.id}`)).toEqual(["Анна Два"]);
    expect(await clientIds(as.admin, `productId=${products.setup.id}`)).toEqual(["Анна Один"]);

    const csv = await as.head.get<string>(`/api/v1/companies/export?format=csv&productId=${products.lathe.id}`);
    expect(csv.headers["x-export-rows"]).toBe("2");
    expect(csv.raw).toContain("Борис Один");
    expect(csv.raw).not.toContain("Анна Два");
  });
});

describe("deal export", () => {
  it("heads and admins export the filtered deal list with its products; others may not", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const { as, users, products } = await department();
    const { deal } = await dealOf(as.anna, "Экспорт Клиент", "Экспорт Большая");
    await putItems(as.anna, deal.id, [{ productId: products.lathe.id, quantity: 2 }, { productId: products.setup.id, quantity: 1 }]);
    const pipeline = (await as.admin.get<{ items: Pipeline[] }>("/api/v1/pipelines")).body.items[0];
    const lost = pipeline?.stages.find((s) => s.kind === "lost");
    const small = await dealOf(as.anna, "Экспорт Второй", "Экспорт Малая");
    await as.anna.post(`/api/v1/deals/${small.deal.id}/move`, { stageId: lost?.id, lostReason: "Нет бюджета" });
    await dealOf(as.boris, "Экспорт Бориса", "Экспорт Бориса");

    const csv = await as.head.get<string>(`/api/v1/deals/export?format=csv&locale=ru&ownerId=${users.anna.id}`);
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(String(csv.headers["content-disposition"])).toMatch(/attachment; filename="deals-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(csv.headers["x-export-rows"]).toBe("2");
    const lines = csv.raw.replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]).toBe(
      "Сделка,Клиент,Воронка,Этап,Сумма,Валюта,Ответственный,Ожидаемое закрытие,Создана,Закрыта,Причина проигрыша,Товары",
    );
    const [big, lostRow] = lines.slice(1).map((line) => line.split(","));
    expect(big?.slice(0, 2)).toEqual(["Экспорт Большая", "Экспорт Клиент"]);
    expect(big?.[2]).toBe(pipeline?.name);
    expect(big?.slice(4, 7)).toEqual(["3250", "RUB", "Anna"]);
    expect(big?.[11]).toBe("Станок ЧПУ × 2; Наладка × 1");
    expect(lostRow?.[0]).toBe("Экспорт Малая");
    expect(lostRow?.[3]).toBe(lost?.name);
    expect(lostRow?.[10]).toBe("Нет бюджета");
    expect(lostRow?.[9]).not.toBe("");

    const searched = await as.admin.get<string>(`/api/v1/deals/export?format=csv&q=${encodeURIComponent("малая")}`);
    expect(searched.headers["x-export-rows"]).toBe("1");

    const xlsx = await test.app.inject({
      method: "GET",
      url: "/api/v1/deals/export?format=xlsx&locale=fa",
      headers: { cookie: `conveyor_session=${as.admin.cookie}` },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    const bytes = new ArrayBuffer(xlsx.rawPayload.byteLength);
    new Uint8Array(bytes).set(xlsx.rawPayload);
    await workbook.xlsx.load(bytes);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe("معامله");
    expect(sheet?.rowCount).toBe(4);

    for (const client of [as.anna, as.lead]) {
      const refused = await client.get<Problem>("/api/v1/deals/export?format=csv");
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe("forbidden");
    }
  });
});
