import type {
  ConveyorProfile,
  ConveyorSettings,
  Department,
  OrgChart,
  Problem,
  Product,
  RestructureAdvice,
  StaffingAdvice,
  Team,
} from "@conveyor/contracts";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships } from "../src/db/schema";
import { buildOrganization, buildUser, signedIn, type BuiltUser, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

const dayMs = 86_400_000;
const missingId = "00000000-0000-4000-8000-000000000000";

/** An organization with a head of sales, a team lead and `sellers` sellers named Seller 1, Seller 2, ... */
const organization = async (sellers = 3) => {
  const org = await buildOrganization(test.database);
  const head = await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Hanna Head" });
  const lead = await buildUser(test.database, org.organizationId, { role: "team_lead", name: "Tanya Lead" });
  const people: BuiltUser[] = [];
  for (let i = 1; i <= sellers; i += 1) people.push(await buildUser(test.database, org.organizationId, { name: `Seller ${i}` }));
  return {
    org,
    head,
    lead,
    sellers: people,
    as: { admin: await signedIn(test, org.admin), head: await signedIn(test, head), lead: await signedIn(test, lead) },
  };
};

/** M1.3's newcomers are people who joined in the last 90 days; these joined long before. */
const joinedLongAgo = async (organizationId: string, users: readonly BuiltUser[]) => {
  await test.database.db
    .update(memberships)
    .set({ createdAt: new Date(test.clock.now.getTime() - 200 * dayMs) })
    .where(and(eq(memberships.organizationId, organizationId), inArray(memberships.userId, users.map((u) => u.id))));
};

const fieldOf = (reply: { body: Problem }) => reply.body.errors?.[0]?.field;

const setLevel = async (admin: TestClient, user: BuiltUser, level: "L1" | "L2" | "L3" | null) => {
  const reply = await admin.patch<ConveyorProfile>(`/api/v1/conveyor/people/${user.id}`, { level });
  expect(reply.status).toBe(200);
};

describe("departments (M3.1)", () => {
  it("are created in every kind, renamed, and cannot be deleted while a team remains", async () => {
    const { as, head } = await organization(0);
    const general = await as.admin.post<Department>("/api/v1/departments", { name: "Sales" });
    expect(general.status).toBe(201);
    expect(general.body).toMatchObject({ name: "Sales", kind: "general", head: null, teamCount: 0 });
    for (const kind of ["new_business", "client", "development"] as const) {
      const created = await as.head.post<Department>("/api/v1/departments", { name: `Dept ${kind}`, kind, headUserId: head.id });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ kind, head: { id: head.id, name: "Hanna Head" } });
    }
    expect((await as.admin.post<Problem>("/api/v1/departments", { name: "Odd", kind: "sideways" })).status).toBe(400);

    const renamed = await as.admin.patch<Department>(`/api/v1/departments/${general.body.id}`, { name: "Новый бизнес", kind: "new_business", headUserId: head.id });
    expect(renamed.body).toMatchObject({ name: "Новый бизнес", kind: "new_business", head: { id: head.id } });
    const list = await as.admin.get<{ items: Department[] }>("/api/v1/departments");
    // Created in the same instant of the test clock, so their order is not the point here.
    expect(list.body.items.map((d) => d.kind).sort()).toEqual(["client", "development", "new_business", "new_business"]);

    const team = await as.admin.post<Team>("/api/v1/teams", { name: "Hunters", departmentId: general.body.id });
    const counts = (await as.admin.get<{ items: Department[] }>("/api/v1/departments")).body.items.map((d) => [d.id, d.teamCount]);
    expect(Object.fromEntries(counts)[general.body.id]).toBe(1);
    expect(counts.filter(([, n]) => n === 0)).toHaveLength(3);
    const inUse = await as.admin.delete<Problem>(`/api/v1/departments/${general.body.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.code).toBe("department_in_use");
    expect((await as.admin.get<{ items: Department[] }>("/api/v1/departments")).body.items).toHaveLength(4);

    await as.admin.patch(`/api/v1/teams/${team.body.id}`, { departmentId: null });
    expect((await as.admin.delete(`/api/v1/departments/${general.body.id}`)).status).toBe(204);
    expect((await as.admin.get<{ items: Department[] }>("/api/v1/departments")).body.items.map((d) => d.id)).not.toContain(general.body.id);
    expect((await as.admin.delete<Problem>(`/api/v1/departments/${general.body.id}`)).body.code).toBe("not_found");
    expect((await as.admin.patch(`/api/v1/departments/${general.body.id}`, { name: "Gone" })).status).toBe(404);
  });

  it("reject a head who is not in the organization, naming the field", async () => {
    const { as } = await organization(0);
    const stranger = await buildOrganization(test.database);
    for (const headUserId of [missingId, stranger.admin.id]) {
      const created = await as.admin.post<Problem>("/api/v1/departments", { name: "Headless", headUserId });
      expect(created.status).toBe(400);
      expect(fieldOf(created)).toBe("headUserId");
    }
    const department = await as.admin.post<Department>("/api/v1/departments", { name: "Sales" });
    const patched = await as.admin.patch<Problem>(`/api/v1/departments/${department.body.id}`, { headUserId: missingId });
    expect(patched.status).toBe(400);
    expect(fieldOf(patched)).toBe("headUserId");
  });
});

describe("teams", () => {
  it("carry a level, a department, a lead and members; a new member list replaces the old one", async () => {
    const { as, lead, sellers } = await organization(3);
    const [s1, s2, s3] = sellers;
    if (!s1 || !s2 || !s3) throw new Error("sellers");
    const department = await as.admin.post<Department>("/api/v1/departments", { name: "Sales" });
    const team = await as.admin.post<Team>("/api/v1/teams", {
      name: "L1 hunters",
      level: "L1",
      departmentId: department.body.id,
      leadUserId: lead.id,
      memberIds: [s2.id, s1.id, s1.id],
    });
    expect(team.status).toBe(201);
    expect(team.body).toMatchObject({
      name: "L1 hunters",
      level: "L1",
      departmentId: department.body.id,
      lead: { id: lead.id, name: "Tanya Lead" },
      members: [{ id: s1.id, name: "Seller 1" }, { id: s2.id, name: "Seller 2" }],
    });

    const replaced = await as.admin.patch<Team>(`/api/v1/teams/${team.body.id}`, { memberIds: [s3.id], level: "L2", departmentId: null });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ level: "L2", departmentId: null, lead: { id: lead.id }, members: [{ id: s3.id, name: "Seller 3" }] });
    const renamed = await as.head.patch<Team>(`/api/v1/teams/${team.body.id}`, { name: "Closers", leadUserId: null });
    expect(renamed.body).toMatchObject({ name: "Closers", lead: null, members: [{ id: s3.id }] });
    const profiles = await as.admin.get<{ items: ConveyorProfile[] }>("/api/v1/conveyor/people");
    expect(profiles.body.items.find((p) => p.userId === s3.id)?.teamIds).toEqual([team.body.id]);
    expect(profiles.body.items.find((p) => p.userId === s1.id)?.teamIds).toEqual([]);

    expect((await as.admin.delete(`/api/v1/teams/${team.body.id}`)).status).toBe(204);
    expect((await as.admin.get<{ items: Team[] }>("/api/v1/teams")).body.items).toEqual([]);
    // Its people stay in the organization.
    expect((await as.admin.get<{ items: ConveyorProfile[] }>("/api/v1/conveyor/people")).body.items.map((p) => p.userId)).toContain(s3.id);
    expect((await as.admin.patch(`/api/v1/teams/${team.body.id}`, { name: "Ghost" })).status).toBe(404);
    expect((await as.admin.delete(`/api/v1/teams/${team.body.id}`)).status).toBe(404);
  });

  it("reject an unknown lead, member or department with the field at fault", async () => {
    const { as, sellers } = await organization(1);
    const stranger = await buildOrganization(test.database);
    const cases = [
      [{ name: "T", leadUserId: missingId }, "leadUserId"],
      [{ name: "T", memberIds: [sellers[0]?.id, stranger.admin.id] }, "memberIds"],
      [{ name: "T", departmentId: missingId }, "departmentId"],
    ] as const;
    for (const [body, field] of cases) {
      const created = await as.admin.post<Problem>("/api/v1/teams", body);
      expect(created.status).toBe(400);
      expect(fieldOf(created)).toBe(field);
    }
    const team = await as.admin.post<Team>("/api/v1/teams", { name: "T" });
    for (const [body, field] of cases) {
      const patched = await as.admin.patch<Problem>(`/api/v1/teams/${team.body.id}`, body);
      expect(patched.status).toBe(400);
      expect(fieldOf(patched)).toBe(field);
    }
    expect((await as.admin.get<{ items: Team[] }>("/api/v1/teams")).body.items).toMatchObject([{ name: "T", lead: null, departmentId: null, members: [] }]);
  });
});

describe("people on the conveyor (M4.3, M4.4)", () => {
  it("a head sets level, job, cap and matrix attachments; ids in the matrix must exist", async () => {
    const { as, sellers } = await organization(1);
    const seller = sellers[0];
    if (!seller) throw new Error("seller");
    const group = await as.admin.post<{ id: string }>("/api/v1/product-groups", { name: "Оборудование" });
    const product = await as.admin.post<Product>("/api/v1/products", { name: "Станок ЧПУ", groupId: group.body.id });
    const team = await as.admin.post<Team>("/api/v1/teams", { name: "Tele-sales" });

    const saved = await as.head.patch<ConveyorProfile>(`/api/v1/conveyor/people/${seller.id}`, {
      level: "L2",
      salesRole: "product_manager",
      clientCap: 40,
      matrix: [
        { kind: "product", value: product.body.id },
        { kind: "product_group", value: group.body.id },
        { kind: "team", value: team.body.id },
        { kind: "region", value: "Сибирь" },
        { kind: "audience", value: "Розница" },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ userId: seller.id, name: "Seller 1", role: "seller", level: "L2", salesRole: "product_manager", clientCap: 40 });
    expect([...saved.body.matrix].sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: "audience", value: "Розница", label: "Розница" },
      { kind: "product", value: product.body.id, label: "Станок ЧПУ" },
      { kind: "product_group", value: group.body.id, label: "Оборудование" },
      { kind: "region", value: "Сибирь", label: "Сибирь" },
      { kind: "team", value: team.body.id, label: "Tele-sales" },
    ]);
    const listed = await as.admin.get<{ items: ConveyorProfile[] }>("/api/v1/conveyor/people");
    expect(listed.body.items.find((p) => p.userId === seller.id)).toEqual(saved.body);

    // Leaving fields out keeps them; null clears them.
    const cleared = await as.admin.patch<ConveyorProfile>(`/api/v1/conveyor/people/${seller.id}`, { clientCap: null, salesRole: null });
    expect(cleared.body).toMatchObject({ level: "L2", salesRole: null, clientCap: null });
    expect(cleared.body.matrix).toHaveLength(5);

    for (const [matrix, field] of [
      [[{ kind: "region", value: "Юг" }, { kind: "product", value: group.body.id }], "matrix.1.value"],
      [[{ kind: "product_group", value: product.body.id }], "matrix.0.value"],
      [[{ kind: "region", value: "Юг" }, { kind: "audience", value: "Опт" }, { kind: "team", value: missingId }], "matrix.2.value"],
    ] as const) {
      const bad = await as.admin.patch<Problem>(`/api/v1/conveyor/people/${seller.id}`, { matrix, level: "L3" });
      expect(bad.status).toBe(400);
      expect(fieldOf(bad)).toBe(field);
    }
    // A refused change changes nothing.
    const after = (await as.admin.get<{ items: ConveyorProfile[] }>("/api/v1/conveyor/people")).body.items.find((p) => p.userId === seller.id);
    expect(after).toMatchObject({ level: "L2" });
    expect(after?.matrix).toHaveLength(5);

    const emptied = await as.admin.patch<ConveyorProfile>(`/api/v1/conveyor/people/${seller.id}`, { matrix: [] });
    expect(emptied.body.matrix).toEqual([]);
    expect((await as.admin.patch<Problem>(`/api/v1/conveyor/people/${seller.id}`, { clientCap: 0 })).status).toBe(400);
    expect((await as.admin.patch<Problem>(`/api/v1/conveyor/people/${seller.id}`, { salesRole: "wizard" })).status).toBe(400);
    expect((await as.admin.patch<Problem>(`/api/v1/conveyor/people/${missingId}`, { level: "L1" })).status).toBe(404);
  });
});

describe("the org chart (M5.8)", () => {
  it("shows departments → teams → members, unassigned sellers, and matrix managers active per the structure variant", async () => {
    const { as, head, lead, sellers } = await organization(4);
    const [member, loner, productManager, regional] = sellers;
    if (!member || !loner || !productManager || !regional) throw new Error("sellers");
    const department = await as.admin.post<Department>("/api/v1/departments", { name: "New business", kind: "new_business", headUserId: head.id });
    const team = await as.admin.post<Team>("/api/v1/teams", { name: "Tele-sales", level: "L1", departmentId: department.body.id, leadUserId: lead.id, memberIds: [member.id] });
    const floating = await as.admin.post<Team>("/api/v1/teams", { name: "Floating" });
    await as.admin.patch(`/api/v1/conveyor/people/${member.id}`, { level: "L1", salesRole: "tele_sales" });
    await as.admin.patch(`/api/v1/conveyor/people/${productManager.id}`, {
      salesRole: "product_manager",
      matrix: [{ kind: "team", value: team.body.id }],
    });
    await as.admin.patch(`/api/v1/conveyor/people/${regional.id}`, { salesRole: "regional_manager", matrix: [{ kind: "region", value: "Сибирь" }] });

    const chartUnder = async (structureVariant: ConveyorSettings["structureVariant"]) => {
      expect((await as.admin.patch("/api/v1/conveyor/settings", { structureVariant })).status).toBe(200);
      const reply = await as.lead.get<OrgChart>("/api/v1/conveyor/org-chart");
      expect(reply.status).toBe(200);
      expect(reply.body.structureVariant).toBe(structureVariant);
      return reply.body;
    };

    const linear = await chartUnder("linear_functional");
    expect(linear.headsOfSales).toEqual([{ id: head.id, name: "Hanna Head" }]);
    expect(linear.departments).toEqual([
      {
        id: department.body.id,
        name: "New business",
        kind: "new_business",
        head: { id: head.id, name: "Hanna Head" },
        teams: [
          {
            id: team.body.id,
            name: "Tele-sales",
            level: "L1",
            lead: { id: lead.id, name: "Tanya Lead" },
            members: [{ id: member.id, name: "Seller 1", level: "L1", salesRole: "tele_sales", secondManagers: [] }],
          },
        ],
      },
      { id: null, name: null, kind: "general", head: null, teams: [{ id: floating.body.id, name: "Floating", level: null, lead: null, members: [] }] },
    ]);
    // The team lead is placed in the team; matrix managers are listed as such, not as unassigned.
    expect(linear.unassigned.map((p) => p.id)).toEqual([loner.id]);
    const managers = (chart: OrgChart) => Object.fromEntries(chart.matrixManagers.map((m) => [m.name, m.active]));
    expect(managers(linear)).toEqual({ "Seller 3": false, "Seller 4": false });
    expect(linear.matrixManagers.find((m) => m.id === productManager.id)).toMatchObject({
      salesRole: "product_manager",
      assignments: [{ kind: "team", value: team.body.id, label: "Tele-sales" }],
    });

    const geography = await chartUnder("matrix_geography");
    expect(managers(geography)).toEqual({ "Seller 3": true, "Seller 4": true });
    // M4.4: the tele-sales seller now has two managers, the team lead and the product manager.
    expect(geography.departments[0]?.teams[0]?.members[0]?.secondManagers).toEqual([
      { id: productManager.id, name: "Seller 3", salesRole: "product_manager" },
    ]);

    const customerType = await chartUnder("matrix_customer_type");
    expect(managers(customerType)).toEqual({ "Seller 3": true, "Seller 4": false });
    expect(customerType.departments[0]?.teams[0]?.members[0]?.secondManagers.map((m) => m.id)).toEqual([productManager.id]);

    const product = await chartUnder("matrix_product");
    expect(managers(product)).toEqual({ "Seller 3": true, "Seller 4": false });

    const back = await chartUnder("linear_functional");
    expect(back.departments[0]?.teams[0]?.members[0]?.secondManagers).toEqual([]);
  });
});

describe("who may read and change the structure", () => {
  it("sellers read the settings and the chart only; team leads read the advisors, people, rules and levels but change nothing", async () => {
    const { as, sellers } = await organization(1);
    const someone = sellers[0];
    if (!someone) throw new Error("seller");
    const seller = await signedIn(test, someone);
    const department = await as.admin.post<Department>("/api/v1/departments", { name: "Sales" });
    const team = await as.admin.post<Team>("/api/v1/teams", { name: "Team" });
    const rule = await as.admin.post<{ id: string }>("/api/v1/conveyor/rules", { name: "Hot", rule: { kind: "hot" } });

    for (const url of ["/api/v1/conveyor/settings", "/api/v1/conveyor/org-chart", "/api/v1/departments", "/api/v1/teams"]) {
      expect([url, (await seller.get(url)).status]).toEqual([url, 200]);
      expect([url, (await as.lead.get(url)).status]).toEqual([url, 200]);
    }
    for (const url of ["/api/v1/conveyor/people", "/api/v1/conveyor/staffing", "/api/v1/conveyor/restructure", "/api/v1/conveyor/rules", "/api/v1/conveyor/levels"]) {
      expect([url, (await seller.get(url)).status]).toEqual([url, 403]);
    }
    for (const url of ["/api/v1/conveyor/people", "/api/v1/conveyor/staffing", "/api/v1/conveyor/rules", "/api/v1/conveyor/levels"]) {
      expect([url, (await as.lead.get(url)).status]).toEqual([url, 200]);
    }
    expect((await as.lead.get("/api/v1/conveyor/restructure")).status).toBe(403);

    const writes: [string, (client: TestClient) => Promise<{ status: number }>][] = [
      ["PATCH settings", (c) => c.patch("/api/v1/conveyor/settings", { giverAccessDays: 1 })],
      ["PATCH person", (c) => c.patch(`/api/v1/conveyor/people/${someone.id}`, { level: "L3" })],
      ["POST department", (c) => c.post("/api/v1/departments", { name: "Mine" })],
      ["PATCH department", (c) => c.patch(`/api/v1/departments/${department.body.id}`, { name: "Mine" })],
      ["DELETE department", (c) => c.delete(`/api/v1/departments/${department.body.id}`)],
      ["POST team", (c) => c.post("/api/v1/teams", { name: "Mine" })],
      ["PATCH team", (c) => c.patch(`/api/v1/teams/${team.body.id}`, { name: "Mine" })],
      ["DELETE team", (c) => c.delete(`/api/v1/teams/${team.body.id}`)],
      ["POST rule", (c) => c.post("/api/v1/conveyor/rules", { name: "Mine", rule: { kind: "hot" } })],
      ["PATCH rule", (c) => c.patch(`/api/v1/conveyor/rules/${rule.body.id}`, { enabled: true })],
      ["DELETE rule", (c) => c.delete(`/api/v1/conveyor/rules/${rule.body.id}`)],
      ["preview", (c) => c.post("/api/v1/conveyor/rules/preview", { rule: { kind: "hot" } })],
      ["sweep", (c) => c.post("/api/v1/conveyor/sweep")],
    ];
    for (const [name, write] of writes) {
      expect([name, "seller", (await write(seller)).status]).toEqual([name, "seller", 403]);
      expect([name, "lead", (await write(as.lead)).status]).toEqual([name, "lead", 403]);
    }
    // Nothing changed; a head of sales may.
    expect((await as.admin.get<ConveyorSettings>("/api/v1/conveyor/settings")).body.giverAccessDays).toBe(14);
    expect((await as.admin.get<{ items: Department[] }>("/api/v1/departments")).body.items.map((d) => d.name)).toEqual(["Sales"]);
    expect((await as.head.patch<ConveyorSettings>("/api/v1/conveyor/settings", { giverAccessDays: 1 })).body.giverAccessDays).toBe(1);
    expect((await as.head.post("/api/v1/conveyor/sweep")).status).toBe(200);
  });
});

describe("the staffing advisor (M1.2, M1.3)", () => {
  it("recommends 4-1-1 for six sellers and 6-2-2 for ten, next to the actual split from their levels", async () => {
    const { org, as, lead, sellers } = await organization(6);
    const [s1, s2, s3, s4, s5, s6] = sellers;
    if (!s1 || !s2 || !s3 || !s4 || !s5 || !s6) throw new Error("sellers");
    for (const s of [s1, s2, s3]) await setLevel(as.admin, s, "L1");
    for (const s of [s4, s5]) await setLevel(as.admin, s, "L2");
    // s6 has no level yet; s4 has been with the company for months, s5 is a newcomer on L2.
    await joinedLongAgo(org.organizationId, [s4]);

    const six = await as.lead.get<StaffingAdvice>("/api/v1/conveyor/staffing");
    expect(six.status).toBe(200);
    expect(six.body).toEqual({
      departmentMode: "three_level",
      sellers: 6,
      actual: { L1: 3, L2: 2, L3: 0 },
      recommended: { L1: 4, L2: 1, L3: 1 },
      gap: { L1: -1, L2: 1, L3: -1 },
      balanced: false,
      withoutLevel: 1,
      newcomersOutsideL1: [{ id: s5.id, name: "Seller 5" }],
    });

    // Ten on the conveyor: the six sellers, three more, and the team lead whom a head put on L3.
    const more: BuiltUser[] = [];
    for (let i = 7; i <= 9; i += 1) more.push(await buildUser(test.database, org.organizationId, { name: `Seller ${i}` }));
    for (const s of more) await setLevel(as.admin, s, "L1");
    await setLevel(as.admin, lead, "L3");
    await setLevel(as.admin, s5, "L3");
    await joinedLongAgo(org.organizationId, [lead]);
    const ten = await as.admin.get<StaffingAdvice>("/api/v1/conveyor/staffing");
    expect(ten.body).toMatchObject({
      sellers: 10,
      actual: { L1: 6, L2: 1, L3: 2 },
      recommended: { L1: 6, L2: 2, L3: 2 },
      gap: { L1: 0, L2: -1, L3: 0 },
      balanced: false,
      withoutLevel: 1,
    });
    expect(ten.body.newcomersOutsideL1.map((p) => p.id)).toEqual([s5.id]);

    await setLevel(as.admin, s6, "L2");
    const balanced = await as.admin.get<StaffingAdvice>("/api/v1/conveyor/staffing");
    expect(balanced.body).toMatchObject({ actual: { L1: 6, L2: 2, L3: 2 }, gap: { L1: 0, L2: 0, L3: 0 }, balanced: true, withoutLevel: 0 });
    expect(balanced.body.newcomersOutsideL1.map((p) => p.name)).toEqual(["Seller 5", "Seller 6"]);
  });
});

describe("the restructure advisor (M1.5)", () => {
  it("reads the newcomers and leak triggers from the data, and the verdict follows the count of triggers met", async () => {
    const { org, as, sellers } = await organization(4);
    await joinedLongAgo(org.organizationId, sellers.slice(0, 3));
    const trigger = (advice: RestructureAdvice, key: string) => advice.triggers.find((t) => t.key === key);

    const quiet = await as.head.get<RestructureAdvice>("/api/v1/conveyor/restructure");
    expect(quiet.status).toBe(200);
    expect(quiet.body).toMatchObject({ departmentMode: "three_level", activeSellers: 4, metCount: 0, verdict: "not_yet" });
    expect(quiet.body.triggers.map((t) => t.key)).toEqual([
      "sales_growth",
      "strong_sellers",
      "client_base_growth",
      "theft_risk",
      "leak_risk",
      "newcomers",
      "large_deals",
    ]);
    // One newcomer in four is 25%: not above M1.5's 30%.
    expect(trigger(quiet.body, "newcomers")).toEqual({ key: "newcomers", met: false, figures: { newcomers: 1, activeSellers: 4, sharePct: 25, threshold: 30 } });
    expect(trigger(quiet.body, "leak_risk")).toMatchObject({ met: false, figures: { exports: 0, exportedRows: 0 } });

    // A fifth seller joins: two newcomers in five.
    await buildUser(test.database, org.organizationId, { name: "Seller 5" });
    await as.admin.post("/api/v1/companies", { name: "Export me 1" });
    await as.admin.post("/api/v1/companies", { name: "Export me 2" });
    for (let i = 0; i < 5; i += 1) {
      const csv = await as.admin.get<string>("/api/v1/companies/export?format=csv");
      expect(csv.headers["x-export-rows"]).toBe("2");
    }
    const twoMet = await as.admin.get<RestructureAdvice>("/api/v1/conveyor/restructure");
    expect(twoMet.body.activeSellers).toBe(5);
    expect(trigger(twoMet.body, "newcomers")).toEqual({ key: "newcomers", met: true, figures: { newcomers: 2, activeSellers: 5, sharePct: 40, threshold: 30 } });
    expect(trigger(twoMet.body, "leak_risk")).toEqual({
      key: "leak_risk",
      met: true,
      figures: { exports: 5, exportedRows: 10, activeSellers: 5, perSeller: 1, threshold: 1 },
    });
    expect(twoMet.body).toMatchObject({ metCount: 2, verdict: "measure_first" });

    // Three clients change hands: owner changes per seller reach 0.5, a third trigger.
    const owners = sellers.slice(0, 3);
    for (const [i, owner] of owners.entries()) {
      const company = await as.admin.post<{ id: string }>("/api/v1/companies", { name: `Moved ${i}` });
      expect((await as.admin.patch(`/api/v1/companies/${company.body.id}`, { ownerId: owner.id })).status).toBe(200);
    }
    const justified = await as.admin.get<RestructureAdvice>("/api/v1/conveyor/restructure");
    expect(trigger(justified.body, "theft_risk")).toMatchObject({ met: true, figures: { ownerChanges: 3, departures: 0, activeSellers: 5 } });
    expect(justified.body).toMatchObject({ metCount: 3, verdict: "justified" });
    expect(justified.body.triggers.filter((t) => t.met).map((t) => t.key)).toEqual(["theft_risk", "leak_risk", "newcomers"]);
  });
});

describe("conveyor settings", () => {
  it("are validated field by field", async () => {
    const { as } = await organization(0);
    const sweep = await as.admin.patch<Problem>("/api/v1/conveyor/settings", { sweepAt: "25:00" });
    expect(sweep.status).toBe(400);
    expect(fieldOf(sweep)).toBe("sweepAt");
    const cap = await as.admin.patch<Problem>("/api/v1/conveyor/settings", { receiverCap: 0 });
    expect(cap.status).toBe(400);
    expect(fieldOf(cap)).toBe("receiverCap");
    expect((await as.admin.patch("/api/v1/conveyor/settings", { structureVariant: "pyramid" })).status).toBe(400);
    expect((await as.admin.patch("/api/v1/conveyor/settings", { lastSweepOn: "2026-01-01" })).status).toBe(400);

    const before = await as.admin.get<ConveyorSettings>("/api/v1/conveyor/settings");
    expect(before.body).toMatchObject({ sweepAt: "02:00", receiverCap: null, departmentMode: "three_level", structureVariant: "linear_functional" });
    const saved = await as.admin.patch<ConveyorSettings>("/api/v1/conveyor/settings", {
      sweepAt: "23:59",
      receiverCap: 25,
      permanent: { monthlyMinimumMinor: 10_000_00, months: 6 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ sweepAt: "23:59", receiverCap: 25, permanent: { monthlyMinimumMinor: 10_000_00, months: 6, totalAmountMinor: null } });
    expect((await as.admin.get<ConveyorSettings>("/api/v1/conveyor/settings")).body).toEqual(saved.body);
  });
});
