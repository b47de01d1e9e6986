import type {
  Company,
  CompanyCount,
  CompanyFacets,
  CompanyPage,
  ConveyorSettings,
  Deal,
  DealPage,
  Handover,
  HandoverPage,
  LevelReport,
  NotificationList,
  Pipeline,
  Problem,
  Product,
  Task,
  Team,
} from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { buildTeam } from "../src/testing/factories";
import { buildOrganization, buildUser, signedIn, type BuiltUser, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

const dayMs = 86_400_000;

/*
 * The matrix and the scope rules (M4.4, M5.8): a matrix attachment widens what a seller sees only
 * under a structure variant that counts it; handovers, the level report and notices follow scope.
 */

const setVariant = async (admin: TestClient, structureVariant: ConveyorSettings["structureVariant"]) => {
  const reply = await admin.patch<ConveyorSettings>("/api/v1/conveyor/settings", { structureVariant });
  expect(reply.body.structureVariant).toBe(structureVariant);
};

const attach = async (admin: TestClient, user: BuiltUser, body: object) => {
  const reply = await admin.patch(`/api/v1/conveyor/people/${user.id}`, body);
  expect(reply.status).toBe(200);
};

const namesOf = async (client: TestClient, query = "") =>
  (await client.get<CompanyPage>(`/api/v1/companies?limit=100${query}`)).body.items.map((c) => c.name).sort();

describe("matrix by geography (M5.8)", () => {
  it("a regional manager sees the region's clients of others only while the structure is a geography matrix", async () => {
    const org = await buildOrganization(test.database);
    const olga = await buildUser(test.database, org.organizationId, { name: "Olga Owner" });
    const roman = await buildUser(test.database, org.organizationId, { name: "Roman Regional" });
    const as = { admin: await signedIn(test, org.admin), olga: await signedIn(test, olga), roman: await signedIn(test, roman) };
    await attach(as.admin, roman, { salesRole: "regional_manager", matrix: [{ kind: "region", value: "Сибирь" }] });

    const siberian = (await as.olga.post<Company>("/api/v1/companies", { name: "Сибирский завод", region: "Сибирь" })).body;
    await as.olga.post(`/api/v1/companies/${siberian.id}/contacts`, { name: "Иван Кедров", emails: ["kedrov@taiga.test"] });
    const deal = (await as.olga.post<Deal>("/api/v1/deals", { companyId: siberian.id, title: "Поставка в Томск", amountMinor: 100_00 })).body;
    await as.olga.post("/api/v1/companies", { name: "Московский офис", region: "Москва" });
    await as.roman.post("/api/v1/companies", { name: "Уральский клиент", region: "Урал" });

    /** Everything Roman can learn about the Siberian client, through every read path. */
    const romanSees = async () => {
      const search = await as.roman.get<{ companies: { id: string }[]; contacts: { id: string }[]; deals: { id: string }[] }>(
        `/api/v1/search?q=${encodeURIComponent("Томск")}`,
      );
      const byContact = await as.roman.get<{ contacts: { companyId: string }[] }>("/api/v1/search?q=kedrov");
      const facets = await as.roman.get<CompanyFacets>("/api/v1/companies/facets");
      return {
        card: (await as.roman.get(`/api/v1/companies/${siberian.id}`)).status,
        timeline: (await as.roman.get(`/api/v1/companies/${siberian.id}/timeline`)).status,
        list: await namesOf(as.roman),
        count: (await as.roman.get<CompanyCount>("/api/v1/companies/count")).body.total,
        countInRegion: (await as.roman.get<CompanyCount>(`/api/v1/companies/count?region=${encodeURIComponent("Сибирь")}`)).body.total,
        searchDeals: search.body.deals.map((d) => d.id),
        searchContacts: byContact.body.contacts.map((c) => c.companyId),
        searchCompanies: (await as.roman.get<{ companies: { id: string }[] }>(`/api/v1/search?q=${encodeURIComponent("Сибирский")}`)).body.companies.map(
          (c) => c.id,
        ),
        regions: facets.body.region.map((f) => [f.value, f.count]),
        deals: (await as.roman.get<DealPage>("/api/v1/deals")).body.items.map((d) => d.id),
        deal: (await as.roman.get(`/api/v1/deals/${deal.id}`)).status,
      };
    };
    const blind = {
      card: 404,
      timeline: 404,
      list: ["Уральский клиент"],
      count: 1,
      countInRegion: 0,
      searchDeals: [],
      searchContacts: [],
      searchCompanies: [],
      regions: [["Урал", 1]],
      deals: [],
      deal: 404,
    };

    expect(await romanSees()).toEqual(blind);

    await setVariant(as.admin, "matrix_geography");
    const seen = await romanSees();
    expect(seen).toEqual({
      card: 200,
      timeline: 200,
      list: ["Сибирский завод", "Уральский клиент"],
      count: 2,
      countInRegion: 1,
      searchDeals: [deal.id],
      searchContacts: [siberian.id],
      searchCompanies: [siberian.id],
      regions: expect.arrayContaining([["Сибирь", 1], ["Урал", 1]]),
      deals: [deal.id],
      deal: 200,
    });
    expect(seen.regions).toHaveLength(2);
    // Seeing is not owning: the client stays Olga's.
    expect((await as.roman.get<{ company: Company }>(`/api/v1/companies/${siberian.id}`)).body.company.ownerId).toBe(olga.id);

    // Other variants do not count a region attachment.
    await setVariant(as.admin, "matrix_product");
    expect(await romanSees()).toEqual(blind);
    await setVariant(as.admin, "matrix_geography");
    expect((await romanSees()).card).toBe(200);
    await setVariant(as.admin, "linear_functional");
    expect(await romanSees()).toEqual(blind);
  });
});

describe("matrix by product (M4.4, M5.8)", () => {
  it("a product manager sees the clients who have a product of their group on a deal or an order", async () => {
    const org = await buildOrganization(test.database);
    const olga = await buildUser(test.database, org.organizationId, { name: "Olga Owner" });
    const petr = await buildUser(test.database, org.organizationId, { name: "Petr Product" });
    const pavel = await buildUser(test.database, org.organizationId, { name: "Pavel Product" });
    const as = {
      admin: await signedIn(test, org.admin),
      olga: await signedIn(test, olga),
      petr: await signedIn(test, petr),
      pavel: await signedIn(test, pavel),
    };
    const group = (await as.admin.post<{ id: string }>("/api/v1/product-groups", { name: "Оборудование" })).body;
    const product = async (name: string, groupId?: string) =>
      (await as.admin.post<Product>("/api/v1/products", { name, priceMinor: 100_00, ...(groupId ? { groupId } : {}) })).body;
    const lathe = await product("Станок", group.id);
    const press = await product("Пресс", group.id);
    const service = await product("Сервис");
    const pipeline = (await as.admin.get<{ items: Pipeline[] }>("/api/v1/pipelines")).body.items[0];
    const won = pipeline?.stages.find((s) => s.kind === "won");
    if (!won) throw new Error("no won stage");

    const clientWithItem = async (name: string, productId: string) => {
      const company = (await as.olga.post<Company>("/api/v1/companies", { name })).body;
      const deal = (await as.olga.post<Deal>("/api/v1/deals", { companyId: company.id, title: `Deal of ${name}` })).body;
      expect((await as.olga.request("PUT", `/api/v1/deals/${deal.id}/items`, { items: [{ productId, quantity: 1 }] })).status).toBe(200);
      return company;
    };
    await clientWithItem("Токарный цех", lathe.id);
    await clientWithItem("Сервисный клиент", service.id);
    const ordered = (await as.olga.post<Company>("/api/v1/companies", { name: "Кузница" })).body;
    const orderDeal = (await as.olga.post<Deal>("/api/v1/deals", { companyId: ordered.id, title: "Пресс", amountMinor: 500_00 })).body;
    await as.olga.post(`/api/v1/deals/${orderDeal.id}/move`, { stageId: won.id });
    const order = await as.olga.post(`/api/v1/deals/${orderDeal.id}/orders`, { amountMinor: 500_00, orderedOn: "2026-11-02", productId: press.id });
    expect(order.status).toBe(201);
    await as.olga.post("/api/v1/companies", { name: "Без продуктов" });

    await attach(as.admin, petr, { salesRole: "product_manager", matrix: [{ kind: "product_group", value: group.id }] });
    await attach(as.admin, pavel, { salesRole: "product_manager", matrix: [{ kind: "product", value: service.id }] });

    expect(await namesOf(as.petr)).toEqual([]);
    await setVariant(as.admin, "matrix_product");
    expect(await namesOf(as.petr)).toEqual(["Кузница", "Токарный цех"]);
    expect((await as.petr.get<CompanyCount>("/api/v1/companies/count")).body.total).toBe(2);
    expect((await as.petr.get<{ product: { value: string }[] }>("/api/v1/companies/facets")).body.product.map((f) => f.value).sort()).toEqual(
      [lathe.id, press.id].sort(),
    );
    expect((await as.petr.get(`/api/v1/deals/${orderDeal.id}`)).status).toBe(200);
    expect(await namesOf(as.pavel)).toEqual(["Сервисный клиент"]);

    await setVariant(as.admin, "matrix_geography");
    expect(await namesOf(as.petr)).toEqual([]);
    expect(await namesOf(as.pavel)).toEqual([]);
    expect((await as.petr.get(`/api/v1/companies/${ordered.id}`)).status).toBe(404);
  });
});

describe("a matrix manager sets tasks to the team they direct (M4.4)", () => {
  it("a manager attached to a team assigns a task to its member, who sees who set it; nobody else may", async () => {
    const org = await buildOrganization(test.database);
    const lead = await buildUser(test.database, org.organizationId, { role: "team_lead", name: "Tanya Lead" });
    const mira = await buildUser(test.database, org.organizationId, { name: "Mira Member" });
    const olga = await buildUser(test.database, org.organizationId, { name: "Olga Outside" });
    const petr = await buildUser(test.database, org.organizationId, { name: "Petr Product" });
    const sam = await buildUser(test.database, org.organizationId, { name: "Sam Seller" });
    const as = { admin: await signedIn(test, org.admin), mira: await signedIn(test, mira), petr: await signedIn(test, petr), sam: await signedIn(test, sam) };
    const team = (await as.admin.post<Team>("/api/v1/teams", { name: "Tele-sales", leadUserId: lead.id, memberIds: [mira.id] })).body;
    await attach(as.admin, petr, { salesRole: "product_manager", matrix: [{ kind: "team", value: team.id }] });
    await setVariant(as.admin, "matrix_product");

    const task = (assigneeId: string, title = "Call the new price list through") => ({
      title,
      dueAt: new Date(test.clock.now.getTime() + dayMs).toISOString(),
      assigneeId,
    });
    const set = await as.petr.post<Task>("/api/v1/tasks", task(mira.id));
    expect(set.status).toBe(201);
    expect(set.body).toMatchObject({ assigneeId: mira.id, assigneeName: "Mira Member", createdById: petr.id, createdByName: "Petr Product" });
    const mine = await as.mira.get<{ items: Task[] }>("/api/v1/tasks?assignee=me");
    expect(mine.body.items.find((t) => t.id === set.body.id)).toMatchObject({ createdById: petr.id, createdByName: "Petr Product" });
    const people = await as.petr.get<{ items: { id: string }[] }>("/api/v1/people");
    expect(people.body.items.map((p) => p.id).sort()).toEqual([mira.id, petr.id].sort());

    const refused = async (client: TestClient, assigneeId: string) => {
      const reply = await client.post<Problem>("/api/v1/tasks", task(assigneeId, "Not yours to set"));
      expect(reply.status).toBe(403);
      expect(reply.body.errors?.[0]?.field).toBe("assigneeId");
    };
    await refused(as.sam, mira.id);
    await refused(as.petr, olga.id);
    // Under the linear structure the product manager directs nobody.
    await setVariant(as.admin, "linear_functional");
    await refused(as.petr, mira.id);
    const titles = (await as.mira.get<{ items: Task[] }>("/api/v1/tasks?assignee=me")).body.items.map((t) => t.title);
    expect(titles).toEqual(["Call the new price list through"]);
  });
});

/**
 * A three-level department: Tanya leads a team of Lena (L1) and Lev (L2); Oleg (L1), Luka (L2) and
 * Fedor (L3) are in no team. Three handovers: Lena → Luka, Oleg → Luka, Oleg → Lev.
 */
const conveyor = async () => {
  const org = await buildOrganization(test.database);
  const build = (name: string, role: "seller" | "team_lead" | "head_of_sales" = "seller") => buildUser(test.database, org.organizationId, { name, role });
  const people = {
    head: await build("Hanna Head", "head_of_sales"),
    tanya: await build("Tanya Lead", "team_lead"),
    lena: await build("Lena L1"),
    lev: await build("Lev L2"),
    oleg: await build("Oleg L1"),
    luka: await build("Luka L2"),
    fedor: await build("Fedor L3"),
  };
  await buildTeam(test.database, org.organizationId, { leadId: people.tanya.id, memberIds: [people.lena.id, people.lev.id] });
  const admin = await signedIn(test, org.admin);
  for (const [user, level] of [
    [people.lena, "L1"],
    [people.oleg, "L1"],
    [people.lev, "L2"],
    [people.luka, "L2"],
    [people.fedor, "L3"],
  ] as const) {
    await attach(admin, user, { level });
  }
  const as = {
    admin,
    head: await signedIn(test, people.head),
    tanya: await signedIn(test, people.tanya),
    lena: await signedIn(test, people.lena),
    lev: await signedIn(test, people.lev),
    oleg: await signedIn(test, people.oleg),
    luka: await signedIn(test, people.luka),
    fedor: await signedIn(test, people.fedor),
  };
  const client = async (owner: TestClient, name: string, level: "L1" | "L3" = "L1") => (await owner.post<Company>("/api/v1/companies", { name, level })).body;
  const lena1 = await client(as.lena, "Lena 1");
  const lena2 = await client(as.lena, "Lena 2");
  const oleg1 = await client(as.oleg, "Oleg 1");
  const oleg2 = await client(as.oleg, "Oleg 2");
  await client(as.fedor, "Fedor 1", "L3");
  const handOver = async (company: Company, to: BuiltUser) => {
    const reply = await admin.post<Handover>(`/api/v1/companies/${company.id}/handover`, { toUserId: to.id });
    expect(reply.status).toBe(201);
    return reply.body;
  };
  const handovers = {
    lenaToLuka: await handOver(lena1, people.luka),
    olegToLuka: await handOver(oleg1, people.luka),
    olegToLev: await handOver(oleg2, people.lev),
  };
  expect(handovers.olegToLev).toMatchObject({ from: { id: people.oleg.id }, to: { id: people.lev.id }, actor: { id: org.admin.id } });
  return { org, people, as, handovers, clients: { lena1, lena2, oleg1, oleg2 } };
};

const handoverIds = async (client: TestClient, query = "") => {
  const page = await client.get<HandoverPage>(`/api/v1/conveyor/handovers${query}`);
  expect(page.status).toBe(200);
  expect(page.body.total).toBe(page.body.items.length);
  return page.body.items.map((h) => h.id).sort();
};

describe("who sees which handovers", () => {
  it("a seller sees those they gave or received, a team lead their team's, a head all of them", async () => {
    const { as, people, handovers: h } = await conveyor();
    const sorted = (...ids: string[]) => [...ids].sort();
    expect(await handoverIds(as.lena)).toEqual([h.lenaToLuka.id]);
    expect(await handoverIds(as.oleg)).toEqual(sorted(h.olegToLuka.id, h.olegToLev.id));
    expect(await handoverIds(as.luka)).toEqual(sorted(h.lenaToLuka.id, h.olegToLuka.id));
    expect(await handoverIds(as.lev)).toEqual([h.olegToLev.id]);
    expect(await handoverIds(as.fedor)).toEqual([]);
    expect(await handoverIds(as.tanya)).toEqual(sorted(h.lenaToLuka.id, h.olegToLev.id));
    expect(await handoverIds(as.head)).toEqual(sorted(h.lenaToLuka.id, h.olegToLuka.id, h.olegToLev.id));
    expect(await handoverIds(as.admin)).toEqual(sorted(h.lenaToLuka.id, h.olegToLuka.id, h.olegToLev.id));
    // A filter narrows the scope, never widens it.
    expect(await handoverIds(as.lena, `?userId=${people.oleg.id}`)).toEqual([]);
    expect(await handoverIds(as.tanya, `?userId=${people.oleg.id}`)).toEqual([h.olegToLev.id]);
    expect(await handoverIds(as.head, `?userId=${people.luka.id}`)).toEqual(sorted(h.lenaToLuka.id, h.olegToLuka.id));
    expect(await handoverIds(as.fedor, `?companyId=${h.olegToLuka.company.id}`)).toEqual([]);
  });

  it("a team lead's level report counts only their team's clients and handovers", async () => {
    const { as, clients } = await conveyor();
    await as.admin.patch("/api/v1/conveyor/settings", { stuckAfterDays: 1 });
    test.clock.advance(2 * dayMs);
    const all = (await as.head.get<LevelReport>("/api/v1/conveyor/levels")).body;
    // Lena 2 on L1; Lena 1 and Oleg 1 with Luka and Oleg 2 with Lev on L2; Fedor 1 on L3.
    expect(all.atLevel).toEqual({ L1: 1, L2: 3, L3: 1 });
    expect(all.timeAtLevel[0]).toMatchObject({ level: "L1", handedOver: 3 });
    expect(all.stuckTotal).toBe(4);

    const team = await as.tanya.get<LevelReport>("/api/v1/conveyor/levels");
    expect(team.status).toBe(200);
    // Lena's client on L1 and the one Lev received on L2.
    expect(team.body.atLevel).toEqual({ L1: 1, L2: 1, L3: 0 });
    expect(team.body.timeAtLevel[0]).toMatchObject({ level: "L1", handedOver: 2 });
    expect(team.body.stuck.map((s) => s.companyId).sort()).toEqual([clients.lena2.id, clients.oleg2.id].sort());
    expect(team.body.stuckTotal).toBe(2);
    expect((await as.lena.get("/api/v1/conveyor/levels")).status).toBe(403);
  });
});

describe("notifications are private", () => {
  it("nobody else, not even an admin or a team lead, can read or mark another person's notice", async () => {
    const { as, handovers: h } = await conveyor();
    const luka = await as.luka.get<NotificationList>("/api/v1/me/notifications");
    expect(luka.body.unread).toBe(2);
    expect(luka.body.items.map((n) => [n.kind, n.handover?.id]).sort()).toEqual(
      [
        ["handover_received", h.lenaToLuka.id],
        ["handover_received", h.olegToLuka.id],
      ].sort(),
    );
    const lena = await as.lena.get<NotificationList>("/api/v1/me/notifications");
    expect(lena.body.items.map((n) => [n.kind, n.handover?.id])).toEqual([["handover_given", h.lenaToLuka.id]]);
    expect((await as.admin.get<NotificationList>("/api/v1/me/notifications")).body).toEqual({ items: [], unread: 0 });

    const noteId = luka.body.items[0]?.id ?? "";
    for (const other of [as.lena, as.admin, as.head, as.tanya, as.lev]) {
      const reply = await other.post<Problem>(`/api/v1/me/notifications/${noteId}/read`);
      expect(reply.status).toBe(404);
      expect(reply.body.code).toBe("not_found");
      expect((await other.post("/api/v1/me/notifications/read-all")).status).toBe(204);
    }
    expect((await as.luka.get<NotificationList>("/api/v1/me/notifications")).body.unread).toBe(2);
    expect((await as.luka.post(`/api/v1/me/notifications/${noteId}/read`)).status).toBe(204);
    expect((await as.luka.get<NotificationList>("/api/v1/me/notifications")).body.unread).toBe(1);
    expect((await as.lena.get<NotificationList>("/api/v1/me/notifications")).body.unread).toBe(0);
  });
});
