import type { Activity, Company, CompanyCard, CompanyFacets, CompanyPage, Contact, Problem, Task, TaskPage, TimelinePage } from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { companyFacetDrift } from "../src/repositories/company-facet.repository";
import { buildTeam, shareCompany } from "../src/testing/factories";
import { buildOrganization, buildUser, signedIn, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

const addClient = async (client: TestClient, body: Record<string, unknown>): Promise<Company> => {
  const reply = await client.post<Company>("/api/v1/companies", body);
  if (reply.status !== 201) throw new Error(`create failed: ${reply.status} ${reply.raw}`);
  return reply.body;
};

/** A department: head, a team lead with two sellers, and a seller of another team. */
const department = async () => {
  const org = await buildOrganization(test.database);
  const head = await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Head" });
  const lead = await buildUser(test.database, org.organizationId, { role: "team_lead", name: "Lead" });
  const anna = await buildUser(test.database, org.organizationId, { name: "Anna" });
  const boris = await buildUser(test.database, org.organizationId, { name: "Boris" });
  const other = await buildUser(test.database, org.organizationId, { name: "Other" });
  await buildTeam(test.database, org.organizationId, { leadId: lead.id, memberIds: [anna.id, boris.id] });
  return {
    org,
    users: { head, lead, anna, boris, other },
    as: {
      admin: await signedIn(test, org.admin),
      head: await signedIn(test, head),
      lead: await signedIn(test, lead),
      anna: await signedIn(test, anna),
      boris: await signedIn(test, boris),
      other: await signedIn(test, other),
    },
  };
};

describe("clients", () => {
  it("a seller adds a client, owned by them, with a unique legal id and a timeline that starts", async () => {
    const d = await department();
    const acme = await addClient(d.as.anna, {
      name: "ООО «Ёлка»",
      legalId: "77 07 083893",
      region: "Москва",
      channel: "website",
      temperature: "warm",
      tags: ["vip", "vip"],
    });
    expect(acme).toMatchObject({ ownerId: d.users.anna.id, ownerName: "Anna", legalId: "7707083893", status: "new", tags: ["vip"] });

    const twin = await d.as.boris.post<Problem>("/api/v1/companies", { name: "Clone", legalId: "7707083893" });
    expect(twin.status).toBe(409);
    expect(twin.body.code).toBe("legal_id_taken");
    expect(twin.body.errors?.[0]?.field).toBe("legalId");

    const timeline = await d.as.anna.get<TimelinePage>(`/api/v1/companies/${acme.id}/timeline`);
    expect(timeline.body.items.map((e) => e.kind)).toEqual(["created"]);
  });

  it("a seller cannot give a client to someone else; a team lead can, within the team", async () => {
    const d = await department();
    const refused = await d.as.anna.post<Problem>("/api/v1/companies", { name: "X", ownerId: d.users.boris.id });
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.field).toBe("ownerId");
    const forBoris = await addClient(d.as.lead, { name: "For Boris", ownerId: d.users.boris.id });
    expect(forBoris.ownerId).toBe(d.users.boris.id);
    const outside = await d.as.lead.post<Problem>("/api/v1/companies", { name: "Y", ownerId: d.users.other.id });
    expect(outside.status).toBe(403);
  });

  it("names every invalid field", async () => {
    const d = await department();
    const reply = await d.as.anna.post<Problem>("/api/v1/companies", {
      name: "",
      temperature: "boiling",
      level: "L4",
      ownerId: "not-a-uuid",
      tags: "vip",
      color: "red",
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.map((e) => e.field).sort()).toEqual(["color", "level", "name", "ownerId", "tags", "temperature"]);
  });

  it("lists, searches (Cyrillic, Persian letter variants, phones, emails), filters, sorts and pages", async () => {
    const d = await department();
    const names = ["Альфа", "Бета", "Гамма", "Дельта", "شرکت کیان", "Omega"];
    const made: Company[] = [];
    for (const [i, name] of names.entries()) {
      made.push(await addClient(d.as.head, { name, region: i % 2 ? "Казань" : "Москва", channel: i < 3 ? "website" : "referral" }));
    }
    await d.as.head.post(`/api/v1/companies/${made[1]?.id}/contacts`, {
      name: "Пётр",
      phones: ["8 (495) 123-45-67"],
      emails: ["petr@beta.example"],
    });

    const search = async (q: string) =>
      (await d.as.head.get<CompanyPage>(`/api/v1/companies?q=${encodeURIComponent(q)}`)).body.items.map((c) => c.name);
    expect(await search("гам")).toEqual(["Гамма"]);
    expect(await search("ГАММА")).toEqual(["Гамма"]);
    expect(await search("شركت كيان")).toEqual(["شرکت کیان"]);
    expect(await search("+7 495 123 45 67")).toEqual(["Бета"]);
    expect(await search("petr@beta")).toEqual(["Бета"]);

    const moscow = await d.as.head.get<CompanyPage>("/api/v1/companies?region=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0&channel=website");
    expect(moscow.body.items.map((c) => c.name).sort()).toEqual(["Альфа", "Гамма"]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/companies?sort=name&order=desc&limit=4${cursor ? `&cursor=${cursor}` : ""}`;
      const page: { body: CompanyPage } = await d.as.head.get<CompanyPage>(url);
      expect(page.body.total).toBe(6);
      seen.push(...page.body.items.map((c) => c.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    // Pages stitched together are exactly the one-page listing (order follows the database collation).
    const whole = await d.as.head.get<CompanyPage>("/api/v1/companies?sort=name&order=desc&limit=100");
    expect(seen).toEqual(whole.body.items.map((c) => c.name));
    expect(new Set(seen).size).toBe(6);

    const byActivity = await d.as.head.get<CompanyPage>("/api/v1/companies?sort=lastActivityAt&order=desc&limit=2");
    expect(byActivity.body.nextCursor).not.toBeNull();
    const rest = await d.as.head.get<CompanyPage>(`/api/v1/companies?sort=lastActivityAt&order=desc&limit=10&cursor=${byActivity.body.nextCursor}`);
    expect(byActivity.body.items.length + rest.body.items.length).toBe(6);

    const facets = await d.as.head.get<CompanyFacets>("/api/v1/companies/facets");
    expect(facets.body.region).toEqual(expect.arrayContaining([{ value: "Москва", label: "Москва", count: 3 }]));
    expect(facets.body.channel.find((f) => f.value === "referral")?.count).toBe(3);
    expect(facets.body.owner).toEqual([{ value: d.users.head.id, label: "Head", count: 6 }]);
  });
});

describe("who sees which clients", () => {
  it("sellers their own and shared; team leads their team; heads everything — in lists, cards, counts, facets and search", async () => {
    const d = await department();
    const annas = await addClient(d.as.anna, { name: "Anna's client" });
    const boriss = await addClient(d.as.boris, { name: "Boris's client" });
    const others = await addClient(d.as.other, { name: "Other's client" });
    await shareCompany(test.database, d.org.organizationId, others.id, d.users.anna.id);

    const names = async (client: TestClient) =>
      (await client.get<CompanyPage>("/api/v1/companies")).body.items.map((c) => c.name).sort();
    expect(await names(d.as.anna)).toEqual(["Anna's client", "Other's client"]);
    expect(await names(d.as.boris)).toEqual(["Boris's client"]);
    expect(await names(d.as.lead)).toEqual(["Anna's client", "Boris's client"]);
    expect(await names(d.as.head)).toEqual(["Anna's client", "Boris's client", "Other's client"]);
    expect(await names(d.as.admin)).toEqual(["Anna's client", "Boris's client", "Other's client"]);

    for (const path of [`/api/v1/companies/${annas.id}`, `/api/v1/companies/${annas.id}/timeline`, `/api/v1/companies/${annas.id}/contacts`]) {
      const reply = await d.as.boris.get<Problem>(path);
      expect(reply.status).toBe(404);
      expect(reply.body.code).toBe("not_found");
    }
    expect((await d.as.boris.patch(`/api/v1/companies/${annas.id}`, { name: "Mine" })).status).toBe(404);
    expect((await d.as.boris.post(`/api/v1/companies/${annas.id}/activities`, { type: "call" })).status).toBe(404);
    expect((await d.as.boris.post(`/api/v1/companies/${annas.id}/contacts`, { name: "Spy" })).status).toBe(404);
    expect((await d.as.boris.get<CompanyPage>("/api/v1/companies?q=anna")).body.total).toBe(0);
    const borisFacets = await d.as.boris.get<CompanyFacets>("/api/v1/companies/facets");
    expect(borisFacets.body.owner.map((o) => o.value)).toEqual([d.users.boris.id]);
    expect((await d.as.lead.get(`/api/v1/companies/${boriss.id}`)).status).toBe(200);
    expect((await d.as.lead.get(`/api/v1/companies/${others.id}`)).status).toBe(404);
  });

  it("the views' counts follow every write, in each viewer's scope, and the rollup stays exact", async () => {
    const d = await department();
    const annas = await addClient(d.as.anna, { name: "A1", region: "Казань", channel: "website" });
    await addClient(d.as.anna, { name: "A2", region: "Казань" });
    await addClient(d.as.boris, { name: "B1", region: "Тегеран" });
    const others = await addClient(d.as.other, { name: "O1", region: "Казань" });
    await shareCompany(test.database, d.org.organizationId, others.id, d.users.anna.id);

    const count = (facets: CompanyFacets, field: "region" | "owner", value: string) =>
      facets[field].find((f) => f.value === value)?.count ?? 0;
    const anna = (await d.as.anna.get<CompanyFacets>("/api/v1/companies/facets")).body;
    expect(count(anna, "region", "Казань")).toBe(3);
    expect(anna.owner.map((o) => [o.label, o.count]).sort()).toEqual([["Anna", 2], ["Other", 1]]);
    const lead = (await d.as.lead.get<CompanyFacets>("/api/v1/companies/facets")).body;
    expect([count(lead, "region", "Казань"), count(lead, "region", "Тегеран")]).toEqual([2, 1]);

    await d.as.anna.patch(`/api/v1/companies/${annas.id}`, { region: "Тегеран", channel: null });
    await d.as.lead.patch(`/api/v1/companies/${annas.id}`, { ownerId: d.users.boris.id });
    const head = (await d.as.head.get<CompanyFacets>("/api/v1/companies/facets")).body;
    expect([count(head, "region", "Казань"), count(head, "region", "Тегеран")]).toEqual([2, 2]);
    expect(count(head, "owner", d.users.boris.id)).toBe(2);
    expect(head.channel.find((f) => f.value === "website")).toBeUndefined();
    expect(await companyFacetDrift(test.database.db, d.org.organizationId)).toEqual([]);
  });

  it("counts a big list exactly from the rollup, or up to a limit when filtered otherwise", async () => {
    const d = await department();
    await test.database.pool.query(
      `insert into companies (organization_id, name, region, owner_id, search_text)
       select $1, 'Bulk ' || i, case when i % 2 = 0 then 'Казань' end, $2, 'bulk ' || i from generate_series(1, 2100) as i`,
      [d.org.organizationId, d.users.anna.id],
    );
    const page = async (client: TestClient, query: string) => (await client.get<CompanyPage>(`/api/v1/companies?limit=5${query}`)).body;
    expect(await page(d.as.head, "")).toMatchObject({ total: 2100, totalExact: true });
    expect(await page(d.as.head, `&region=${encodeURIComponent("Казань")}`)).toMatchObject({ total: 1050, totalExact: true });
    expect(await page(d.as.head, "&region=")).toMatchObject({ total: 1050, totalExact: true });
    expect(await page(d.as.anna, "")).toMatchObject({ total: 2100, totalExact: true });
    expect(await page(d.as.boris, "")).toMatchObject({ total: 0, totalExact: true });
    // Any other filter: the list says "more than the rows shown" and the exact count comes apart.
    const searched = await page(d.as.head, "&q=bulk");
    expect(searched).toMatchObject({ total: 5, totalExact: false });
    const second = (await d.as.head.get<CompanyPage>(`/api/v1/companies?limit=5&q=bulk&cursor=${searched.nextCursor ?? ""}`)).body;
    expect(second).toMatchObject({ total: 5, totalExact: false });
    expect((await d.as.head.get<{ total: number }>("/api/v1/companies/count?q=bulk")).body.total).toBe(2100);
    expect((await d.as.head.get<{ total: number }>(`/api/v1/companies/count?q=bulk&region=${encodeURIComponent("Казань")}`)).body.total).toBe(1050);
    expect((await d.as.boris.get<{ total: number }>("/api/v1/companies/count?q=bulk")).body.total).toBe(0);
    expect(await page(d.as.head, "&q=bulk 1999")).toMatchObject({ total: 1, totalExact: true });
  });

  it("a seller who hands a client over sees the result once, then no longer sees the client", async () => {
    const d = await department();
    const client = await addClient(d.as.lead, { name: "Moving", ownerId: d.users.anna.id });
    const moved = await d.as.lead.patch<Company>(`/api/v1/companies/${client.id}`, { ownerId: d.users.boris.id });
    expect(moved.body.ownerName).toBe("Boris");
    expect((await d.as.anna.get(`/api/v1/companies/${client.id}`)).status).toBe(404);
    const timeline = await d.as.boris.get<TimelinePage>(`/api/v1/companies/${client.id}/timeline`);
    expect(timeline.body.items[0]).toMatchObject({
      kind: "owner_changed",
      change: { field: "ownerId", from: d.users.anna.id, to: d.users.boris.id, fromLabel: "Anna", toLabel: "Boris" },
    });
  });
});

describe("contacts", () => {
  it("stores phones as E.164 by the organization's country and names the invalid one", async () => {
    const d = await department();
    const client = await addClient(d.as.anna, { name: "Phones" });
    const added = await d.as.anna.post<Contact>(`/api/v1/companies/${client.id}/contacts`, {
      name: "Ирина",
      phones: ["8 (495) 123-45-67", "+7 912 345-67-89", "+74951234567"],
      emails: [" Irina@Example.TEST "],
      isDecisionMaker: true,
    });
    expect(added.status).toBe(201);
    expect(added.body.phones).toEqual(["+74951234567", "+79123456789"]);
    expect(added.body.emails).toEqual(["irina@example.test"]);

    const bad = await d.as.anna.post<Problem>(`/api/v1/companies/${client.id}/contacts`, {
      name: "Bad",
      phones: ["+7 495 123-45-67", "12345"],
      emails: ["not-an-email"],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field)).toEqual(["emails.0"]);
    const badPhone = await d.as.anna.post<Problem>(`/api/v1/companies/${client.id}/contacts`, { name: "Bad", phones: ["+7 495 123-45-67", "12345"] });
    expect(badPhone.body.errors).toEqual([expect.objectContaining({ field: "phones.1", code: "invalid_phone" })]);

    const card = await d.as.anna.get<CompanyCard>(`/api/v1/companies/${client.id}`);
    expect(card.body.contacts.map((c) => c.name)).toEqual(["Ирина"]);
    const renamed = await d.as.anna.patch<Contact>(`/api/v1/contacts/${added.body.id}`, { position: "CEO" });
    expect(renamed.body.position).toBe("CEO");
    expect((await d.as.boris.patch(`/api/v1/contacts/${added.body.id}`, { position: "Spy" })).status).toBe(404);
    expect((await d.as.boris.delete(`/api/v1/contacts/${added.body.id}`)).status).toBe(404);
    expect((await d.as.anna.delete(`/api/v1/contacts/${added.body.id}`)).status).toBe(204);
  });
});

describe("activities and the timeline", () => {
  it("fixes each activity's base (M5.1) when written and keeps the whole history newest first", async () => {
    const d = await department();
    const client = await addClient(d.as.anna, { name: "History" });
    const cold = await d.as.anna.post<Activity>(`/api/v1/companies/${client.id}/activities`, {
      type: "call",
      occurredAt: "2026-01-10T09:00:00+03:00",
      durationMinutes: 5,
      outcome: "Не дозвонился до ЛПР",
    });
    expect(cold.status).toBe(201);
    expect(cold.body.base).toBe("new");
    await d.as.anna.patch(`/api/v1/companies/${client.id}`, { status: "current", temperature: "hot" });
    const proposal = await d.as.anna.post<Activity>(`/api/v1/companies/${client.id}/activities`, {
      type: "proposal",
      amountMinor: 125_000_00,
      occurredAt: "2026-01-12T10:00:00+03:00",
    });
    expect(proposal.body).toMatchObject({ base: "current", amountMinor: 125_000_00, authorName: "Anna" });

    const noteWithAmount = await d.as.anna.post<Problem>(`/api/v1/companies/${client.id}/activities`, { type: "note", amountMinor: 5 });
    expect(noteWithAmount.status).toBe(400);
    expect(noteWithAmount.body.errors?.[0]?.field).toBe("amountMinor");

    const timeline = await d.as.anna.get<TimelinePage>(`/api/v1/companies/${client.id}/timeline?limit=3`);
    // Backdated activities sit at their own time; the field changes happened "now".
    expect(timeline.body.items.map((e) => [e.kind, e.change?.field ?? e.activity?.type ?? null])).toEqual([
      ["field_changed", "temperature"],
      ["field_changed", "status"],
      ["created", null],
    ]);
    const more = await d.as.anna.get<TimelinePage>(`/api/v1/companies/${client.id}/timeline?limit=3&cursor=${timeline.body.nextCursor}`);
    expect(more.body.items.map((e) => e.activity?.type)).toEqual(["proposal", "call"]);
    expect(more.body.nextCursor).toBeNull();
    const card = await d.as.anna.get<CompanyCard>(`/api/v1/companies/${client.id}`);
    expect(card.body.company.lastActivityAt).toBe(new Date("2026-01-12T07:00:00Z").toISOString());
  });
});

describe("tasks", () => {
  it("'today' is the organization's day; overdue and done are told apart; completing lands in the timeline", async () => {
    const d = await department();
    const client = await addClient(d.as.anna, { name: "Tasks" });
    const now = test.clock.now;
    const hours = (h: number) => new Date(now.getTime() + h * 3600_000).toISOString();
    const make = (title: string, dueAt: string) =>
      d.as.anna.post<Task>("/api/v1/tasks", { title, dueAt, companyId: client.id, plannedResult: "Договориться о встрече" });
    const overdue = await make("Overdue", hours(-30));
    await make("Next week", hours(24 * 7));
    expect(overdue.status).toBe(201);
    expect(overdue.body).toMatchObject({ state: "overdue", createdById: d.users.anna.id, assigneeName: "Anna", companyName: "Tasks" });

    const today = await d.as.anna.get<TaskPage>("/api/v1/tasks?assignee=me&view=today");
    expect(today.body.items.map((t) => t.title)).toEqual(["Overdue"]);
    const open = await d.as.anna.get<TaskPage>("/api/v1/tasks?assignee=me&view=open");
    expect(open.body.total).toBe(2);

    const done = await d.as.anna.patch<Task>(`/api/v1/tasks/${overdue.body.id}`, { done: true });
    expect(done.body.state).toBe("done");
    const timeline = await d.as.anna.get<TimelinePage>(`/api/v1/companies/${client.id}/timeline`);
    expect(timeline.body.items.map((e) => e.kind).slice(0, 3)).toEqual(["task_done", "task_created", "task_created"]);
    const card = await d.as.anna.get<CompanyCard>(`/api/v1/companies/${client.id}`);
    expect(card.body.openTasks.map((t) => t.title)).toEqual(["Next week"]);
  });

  it("a team lead sets tasks to their sellers (M4.4); a seller only to themselves", async () => {
    const d = await department();
    const set = await d.as.lead.post<Task>("/api/v1/tasks", { title: "Call the hot ones", dueAt: new Date().toISOString(), assigneeId: d.users.anna.id });
    expect(set.status).toBe(201);
    expect(set.body).toMatchObject({ assigneeId: d.users.anna.id, createdById: d.users.lead.id, createdByName: "Lead" });
    const annaSees = await d.as.anna.get<TaskPage>("/api/v1/tasks?assignee=me&view=open");
    expect(annaSees.body.items.map((t) => t.createdByName)).toEqual(["Lead"]);
    const refused = await d.as.anna.post<Problem>("/api/v1/tasks", { title: "For Boris", dueAt: new Date().toISOString(), assigneeId: d.users.boris.id });
    expect(refused.status).toBe(403);
    expect((await d.as.lead.post("/api/v1/tasks", { title: "x", dueAt: new Date().toISOString(), assigneeId: d.users.other.id })).status).toBe(403);
    expect((await d.as.boris.patch(`/api/v1/tasks/${set.body.id}`, { done: true })).status).toBe(404);
    expect((await d.as.boris.get<TaskPage>("/api/v1/tasks")).body.total).toBe(0);
  });

  it("people: a seller may pick only themselves, a team lead their team, a head everyone", async () => {
    const d = await department();
    const ids = async (client: TestClient) =>
      (await client.get<{ items: { id: string }[] }>("/api/v1/people")).body.items.map((p) => p.id).sort();
    expect(await ids(d.as.anna)).toEqual([d.users.anna.id]);
    expect(await ids(d.as.lead)).toEqual([d.users.lead.id, d.users.anna.id, d.users.boris.id].sort());
    expect((await ids(d.as.head)).length).toBe(6);
  });
});

describe("export", () => {
  it("heads and admins export the filtered list as XLSX or CSV in their language; others may not", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const d = await department();
    await addClient(d.as.anna, { name: "Экспорт Один", region: "Казань", channel: "website" });
    await addClient(d.as.boris, { name: "Экспорт Два", region: "Москва" });
    await addClient(d.as.other, { name: "Экспорт Три", region: "Казань" });

    const csv = await d.as.head.get<string>("/api/v1/companies/export?format=csv&locale=ru&region=%D0%9A%D0%B0%D0%B7%D0%B0%D0%BD%D1%8C");
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(String(csv.headers["content-disposition"])).toMatch(/attachment; filename="clients-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(csv.headers["x-export-rows"]).toBe("2");
    const lines = csv.raw.replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]).toContain("Название");
    expect(lines.slice(1).map((l) => l.split(",")[0]).sort()).toEqual(["Экспорт Один", "Экспорт Три"]);

    const xlsx = await test.app.inject({
      method: "GET",
      url: "/api/v1/companies/export?format=xlsx&locale=fa",
      headers: { cookie: `conveyor_session=${d.as.admin.cookie}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    // exceljs types its input as an ArrayBuffer.
    const bytes = new ArrayBuffer(xlsx.rawPayload.byteLength);
    new Uint8Array(bytes).set(xlsx.rawPayload);
    await workbook.xlsx.load(bytes);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe("نام");
    expect(sheet?.rowCount).toBe(4);

    for (const client of [d.as.anna, d.as.lead]) {
      const refused = await client.get<Problem>("/api/v1/companies/export?format=csv");
      expect(refused.status).toBe(403);
    }
  });
});
