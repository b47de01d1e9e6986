import type { Company, CompanyCard, CompanyPage, CustomField, Deal, DealDetail, DealPage, Problem, TimelinePage } from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { buildOrganization, buildUser, signedIn, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

/** An organization with a head of sales, a team lead and two sellers. */
const organization = async () => {
  const org = await buildOrganization(test.database);
  const head = await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Head" });
  const lead = await buildUser(test.database, org.organizationId, { role: "team_lead", name: "Lead" });
  const anna = await buildUser(test.database, org.organizationId, { name: "Anna" });
  const boris = await buildUser(test.database, org.organizationId, { name: "Boris" });
  return {
    users: { head, lead, anna, boris },
    as: {
      admin: await signedIn(test, org.admin),
      head: await signedIn(test, head),
      lead: await signedIn(test, lead),
      anna: await signedIn(test, anna),
      boris: await signedIn(test, boris),
    },
  };
};

const addField = async (client: TestClient, body: Record<string, unknown>): Promise<CustomField> => {
  const reply = await client.post<CustomField>("/api/v1/custom-fields", body);
  if (reply.status !== 201) throw new Error(`create field failed: ${reply.status} ${reply.raw}`);
  return reply.body;
};

const addClient = async (client: TestClient, body: Record<string, unknown>): Promise<Company> => {
  const reply = await client.post<Company>("/api/v1/companies", body);
  if (reply.status !== 201) throw new Error(`create client failed: ${reply.status} ${reply.raw}`);
  return reply.body;
};

const fields = async (client: TestClient, query: string) =>
  (await client.get<{ items: CustomField[] }>(`/api/v1/custom-fields?${query}`)).body.items;

describe("custom field definitions", () => {
  it("admins and heads of sales add and change fields; everyone reads them; others get 403", async () => {
    const o = await organization();
    const segment = await addField(o.as.admin, { entity: "company", label: "Segment", type: "select", options: ["SMB", "Enterprise"] });
    expect(segment).toMatchObject({ entity: "company", key: "segment", label: "Segment", type: "select", options: ["SMB", "Enterprise"], archived: false, position: 0 });
    const budget = await addField(o.as.head, { entity: "company", label: "Бюджет, ₽", type: "number" });
    expect(budget).toMatchObject({ key: "byudzhet", type: "number", options: [], position: 1 });
    const persian = await addField(o.as.head, { entity: "deal", label: "منطقه", type: "text" });
    expect(persian.key).toBe("mntghh");
    expect((await addField(o.as.admin, { entity: "company", label: "🚀", type: "date" })).key).toBe("field_1");
    // Same label again: a key of its own.
    expect((await addField(o.as.admin, { entity: "company", label: "segment", type: "text" })).key).toBe("segment_2");

    for (const client of [o.as.lead, o.as.anna]) {
      const refused = await client.post<Problem>("/api/v1/custom-fields", { entity: "company", label: "Mine", type: "text" });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe("forbidden");
      const change = await client.patch<Problem>(`/api/v1/custom-fields/${segment.id}`, { label: "Hijacked" });
      expect(change.status).toBe(403);
      expect(change.body.code).toBe("forbidden");
    }
    expect((await fields(o.as.anna, "entity=company")).map((f) => f.key)).toEqual(["segment", "byudzhet", "field_1", "segment_2"]);
    expect((await fields(o.as.anna, "entity=deal")).map((f) => f.key)).toEqual(["mntghh"]);
  });

  it("renames, reorders, changes options and archives; key and type never change", async () => {
    const o = await organization();
    const a = await addField(o.as.admin, { entity: "company", label: "Alpha", type: "select", options: ["x", "y"] });
    const b = await addField(o.as.admin, { entity: "company", label: "Beta", type: "text" });
    const c = await addField(o.as.admin, { entity: "company", label: "Gamma", type: "number" });

    const renamed = await o.as.head.patch<CustomField>(`/api/v1/custom-fields/${a.id}`, { label: "Альфа", options: ["x", "y", "z"] });
    expect(renamed.body).toMatchObject({ key: "alpha", label: "Альфа", options: ["x", "y", "z"] });

    const moved = await o.as.admin.patch<CustomField>(`/api/v1/custom-fields/${c.id}`, { position: 0 });
    expect(moved.body.position).toBe(0);
    expect((await fields(o.as.admin, "entity=company")).map((f) => [f.key, f.position])).toEqual([
      ["gamma", 0],
      ["alpha", 1],
      ["beta", 2],
    ]);

    const archived = await o.as.admin.patch<CustomField>(`/api/v1/custom-fields/${b.id}`, { archived: true });
    expect(archived.body.archived).toBe(true);
    expect((await fields(o.as.anna, "entity=company")).map((f) => f.key)).toEqual(["gamma", "alpha"]);
    expect((await fields(o.as.anna, "entity=company&includeArchived=true")).map((f) => f.key)).toEqual(["gamma", "alpha", "beta"]);
    const restored = await o.as.admin.patch<CustomField>(`/api/v1/custom-fields/${b.id}`, { archived: false });
    expect(restored.body.archived).toBe(false);

    const immutable = await o.as.admin.patch<Problem>(`/api/v1/custom-fields/${a.id}`, { key: "other", type: "text" });
    expect(immutable.status).toBe(400);
    expect(immutable.body.errors?.map((e) => e.field).sort()).toEqual(["key", "type"]);
    const optionsOnText = await o.as.admin.patch<Problem>(`/api/v1/custom-fields/${b.id}`, { options: ["a"] });
    expect(optionsOnText.status).toBe(400);
    expect(optionsOnText.body.errors?.[0]?.field).toBe("options");
    const noOptions = await o.as.admin.post<Problem>("/api/v1/custom-fields", { entity: "deal", label: "Kind", type: "select" });
    expect(noOptions.status).toBe(400);
    expect(noOptions.body.errors?.[0]?.field).toBe("options");
    const missing = await o.as.admin.patch<Problem>("/api/v1/custom-fields/00000000-0000-4000-8000-000000000000", { label: "X" });
    expect(missing.status).toBe(404);
  });
});

describe("custom values", () => {
  const setUp = async () => {
    const o = await organization();
    const segment = await addField(o.as.admin, { entity: "company", label: "Segment", type: "select", options: ["SMB", "Enterprise"] });
    const budget = await addField(o.as.admin, { entity: "company", label: "Budget", type: "number" });
    const renewal = await addField(o.as.admin, { entity: "company", label: "Renewal", type: "date" });
    const note = await addField(o.as.admin, { entity: "company", label: "Note", type: "text" });
    const probability = await addField(o.as.admin, { entity: "deal", label: "Probability", type: "number" });
    const source = await addField(o.as.admin, { entity: "deal", label: "Source", type: "select", options: ["Tender", "Referral"] });
    return { o, segment, budget, renewal, note, probability, source };
  };

  it("round-trip on clients: set on create, changed and removed on update, each change in the timeline", async () => {
    const { o } = await setUp();
    const client = await addClient(o.as.anna, { name: "Acme", custom: { segment: "SMB", budget: 1500.5, renewal: "2026-03-31", note: "  call in spring " } });
    expect(client.custom).toEqual({ segment: "SMB", budget: 1500.5, renewal: "2026-03-31", note: "call in spring" });

    const updated = await o.as.anna.patch<Company>(`/api/v1/companies/${client.id}`, { custom: { segment: "Enterprise", note: null, budget: null } });
    expect(updated.status).toBe(200);
    expect(updated.body.custom).toEqual({ segment: "Enterprise", renewal: "2026-03-31" });
    const card = await o.as.anna.get<CompanyCard>(`/api/v1/companies/${client.id}`);
    expect(card.body.company.custom).toEqual({ segment: "Enterprise", renewal: "2026-03-31" });

    const timeline = await o.as.anna.get<TimelinePage>(`/api/v1/companies/${client.id}/timeline`);
    const changes = timeline.body.items.filter((e) => e.kind === "field_changed").map((e) => [e.change?.field, e.change?.from, e.change?.to]);
    expect(changes).toEqual(
      expect.arrayContaining([
        ["custom.segment", "SMB", "Enterprise"],
        ["custom.note", "call in spring", null],
        ["custom.budget", "1500.5", null],
      ]),
    );
    // Other fields' changes leave the values alone.
    const renamed = await o.as.anna.patch<Company>(`/api/v1/companies/${client.id}`, { name: "Acme Ltd" });
    expect(renamed.body.custom).toEqual({ segment: "Enterprise", renewal: "2026-03-31" });
  });

  it("round-trip on deals", async () => {
    const { o } = await setUp();
    const client = await addClient(o.as.anna, { name: "Deal client" });
    const created = await o.as.anna.post<Deal>("/api/v1/deals", { companyId: client.id, title: "Pilot", custom: { probability: 40, source: "Tender" } });
    expect(created.status).toBe(201);
    expect(created.body.custom).toEqual({ probability: 40, source: "Tender" });
    const updated = await o.as.anna.patch<Deal>(`/api/v1/deals/${created.body.id}`, { custom: { probability: 75, source: null } });
    expect(updated.body.custom).toEqual({ probability: 75 });
    const detail = await o.as.anna.get<DealDetail>(`/api/v1/deals/${created.body.id}`);
    expect(detail.body.deal.custom).toEqual({ probability: 75 });
    // A client field is not a deal field.
    const wrongEntity = await o.as.anna.patch<Problem>(`/api/v1/deals/${created.body.id}`, { custom: { segment: "SMB" } });
    expect(wrongEntity.status).toBe(422);
    expect(wrongEntity.body.code).toBe("custom_field_unknown");
    expect(wrongEntity.body.errors).toEqual([expect.objectContaining({ field: "custom.segment", code: "custom_field_unknown" })]);
  });

  it("names the field at fault: unknown keys, wrong types, options and dates", async () => {
    const { o, note } = await setUp();
    const unknown = await o.as.anna.post<Problem>("/api/v1/companies", { name: "X", custom: { colour: "red" } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe("custom_field_unknown");
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: "custom.colour", code: "custom_field_unknown" })]);

    const invalid = await o.as.anna.post<Problem>("/api/v1/companies", {
      name: "X",
      custom: { segment: "Startup", budget: "1500", renewal: "2026-02-30", note: "fine" },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe("custom_field_invalid");
    expect(invalid.body.errors?.map((e) => [e.field, e.code]).sort()).toEqual([
      ["custom.budget", "custom_field_invalid"],
      ["custom.renewal", "custom_field_invalid"],
      ["custom.segment", "custom_field_invalid"],
    ]);
    // Nothing was written.
    expect((await o.as.anna.get<CompanyPage>("/api/v1/companies?q=X")).body.total).toBe(0);

    const client = await addClient(o.as.anna, { name: "Has note", custom: { note: "kept" } });
    const badUpdate = await o.as.anna.patch<Problem>(`/api/v1/companies/${client.id}`, { name: "Renamed", custom: { budget: true } });
    expect(badUpdate.status).toBe(400);
    expect(badUpdate.body.errors?.[0]?.field).toBe("custom.budget");

    // An archived field takes no new values; what it held stays on the client.
    await o.as.admin.patch(`/api/v1/custom-fields/${note.id}`, { archived: true });
    const archived = await o.as.anna.patch<Problem>(`/api/v1/companies/${client.id}`, { custom: { note: "new" } });
    expect(archived.status).toBe(422);
    expect(archived.body.errors?.[0]).toMatchObject({ field: "custom.note", code: "custom_field_unknown" });
    const card = await o.as.anna.get<CompanyCard>(`/api/v1/companies/${client.id}`);
    expect(card.body.company).toMatchObject({ name: "Has note", custom: { note: "kept" } });
  });

  it("a removed option stays on the clients that have it, but cannot be chosen again", async () => {
    const { o, segment } = await setUp();
    const client = await addClient(o.as.anna, { name: "Old segment", custom: { segment: "SMB" } });
    const changed = await o.as.admin.patch<CustomField>(`/api/v1/custom-fields/${segment.id}`, { options: ["Enterprise", "Mid-market"] });
    expect(changed.body.options).toEqual(["Enterprise", "Mid-market"]);
    const card = await o.as.anna.get<CompanyCard>(`/api/v1/companies/${client.id}`);
    expect(card.body.company.custom).toEqual({ segment: "SMB" });
    // Saving the form as it is (the same value) is fine; choosing the removed option anew is not.
    expect((await o.as.anna.patch(`/api/v1/companies/${client.id}`, { name: "Old segment 2", custom: { segment: "SMB" } })).status).toBe(200);
    const other = await addClient(o.as.anna, { name: "New one" });
    const refused = await o.as.anna.patch<Problem>(`/api/v1/companies/${other.id}`, { custom: { segment: "SMB" } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.[0]).toMatchObject({ field: "custom.segment", code: "custom_field_invalid" });
  });
});

describe("filtering and exporting by custom fields", () => {
  it("cf.<key> filters the list within the viewer's scope, typed by the field", async () => {
    const o = await organization();
    await addField(o.as.admin, { entity: "company", label: "Segment", type: "select", options: ["SMB", "Enterprise"] });
    await addField(o.as.admin, { entity: "company", label: "Seats", type: "number" });
    await addClient(o.as.anna, { name: "Anna SMB", custom: { segment: "SMB", seats: 10 } });
    await addClient(o.as.anna, { name: "Anna Ent", custom: { segment: "Enterprise", seats: 10 } });
    await addClient(o.as.boris, { name: "Boris SMB", custom: { segment: "SMB", seats: 12 } });
    await addClient(o.as.boris, { name: "Boris none" });

    const names = async (client: TestClient, query: string) => {
      const reply = await client.get<CompanyPage>(`/api/v1/companies?${query}`);
      expect(reply.status).toBe(200);
      return reply.body.items.map((c) => c.name).sort();
    };
    expect(await names(o.as.anna, "cf.segment=SMB")).toEqual(["Anna SMB"]);
    expect(await names(o.as.boris, "cf.segment=SMB")).toEqual(["Boris SMB"]);
    expect(await names(o.as.head, "cf.segment=SMB")).toEqual(["Anna SMB", "Boris SMB"]);
    expect(await names(o.as.head, "cf.seats=10")).toEqual(["Anna Ent", "Anna SMB"]);
    expect(await names(o.as.head, "cf.segment=SMB&cf.seats=12")).toEqual(["Boris SMB"]);
    expect(await names(o.as.head, `cf.segment=SMB&ownerId=${o.users.anna.id}`)).toEqual(["Anna SMB"]);
    expect((await o.as.head.get<CompanyPage>("/api/v1/companies?cf.segment=Enterprise")).body.total).toBe(1);

    const unknown = await o.as.head.get<Problem>("/api/v1/companies?cf.colour=red");
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.[0]).toMatchObject({ field: "query.cf.colour", code: "custom_field_unknown" });
    const notNumber = await o.as.head.get<Problem>("/api/v1/companies?cf.seats=many");
    expect(notNumber.status).toBe(422);
    expect(notNumber.body.errors?.[0]).toMatchObject({ field: "query.cf.seats", code: "custom_field_invalid" });
    const strange = await o.as.head.get<Problem>("/api/v1/companies?colour=red&cf.Bad-Key=x");
    expect(strange.status).toBe(400);
    expect(strange.body.errors?.map((e) => e.field).sort()).toEqual(["query.cf.Bad-Key", "query.colour"]);
  });

  it("cf.<key> filters the deal list and its export within the viewer's scope", async () => {
    const o = await organization();
    await addField(o.as.admin, { entity: "company", label: "Segment", type: "select", options: ["SMB", "Enterprise"] });
    await addField(o.as.admin, { entity: "deal", label: "Source", type: "select", options: ["Tender", "Referral"] });
    await addField(o.as.admin, { entity: "deal", label: "Seats", type: "number" });
    const addDeal = async (client: TestClient, companyName: string, title: string, custom?: Record<string, string | number>) => {
      const company = await addClient(client, { name: companyName });
      const reply = await client.post<Deal>("/api/v1/deals", { companyId: company.id, title, amountMinor: 1000, ...(custom ? { custom } : {}) });
      if (reply.status !== 201) throw new Error(`create deal failed: ${reply.status} ${reply.raw}`);
    };
    await addDeal(o.as.anna, "Anna Co 1", "Anna tender", { source: "Tender", seats: 10 });
    await addDeal(o.as.anna, "Anna Co 2", "Anna referral", { source: "Referral", seats: 10 });
    await addDeal(o.as.boris, "Boris Co 1", "Boris tender", { source: "Tender", seats: 12 });
    await addDeal(o.as.boris, "Boris Co 2", "Boris none");

    const titles = async (client: TestClient, query: string) => {
      const reply = await client.get<DealPage>(`/api/v1/deals?${query}`);
      expect(reply.status).toBe(200);
      return reply.body.items.map((d) => d.title).sort();
    };
    // A seller sees only their own deals, filtered or not.
    expect(await titles(o.as.anna, "cf.source=Tender")).toEqual(["Anna tender"]);
    expect(await titles(o.as.boris, "cf.source=Tender")).toEqual(["Boris tender"]);
    expect(await titles(o.as.anna, "cf.seats=12")).toEqual([]);
    expect(await titles(o.as.head, "cf.source=Tender")).toEqual(["Anna tender", "Boris tender"]);
    expect(await titles(o.as.head, "cf.seats=10")).toEqual(["Anna referral", "Anna tender"]);
    expect(await titles(o.as.head, "cf.source=Tender&cf.seats=12")).toEqual(["Boris tender"]);
    expect(await titles(o.as.head, `cf.source=Tender&ownerId=${o.users.anna.id}&status=open&q=tender`)).toEqual(["Anna tender"]);
    expect((await o.as.head.get<DealPage>("/api/v1/deals?cf.source=Referral")).body.total).toBe(1);

    // Typed by the deal's fields: a client field is unknown here, and a number must be one.
    const clientField = await o.as.head.get<Problem>("/api/v1/deals?cf.segment=SMB");
    expect(clientField.status).toBe(422);
    expect(clientField.body.errors?.[0]).toMatchObject({ field: "query.cf.segment", code: "custom_field_unknown" });
    const notNumber = await o.as.head.get<Problem>("/api/v1/deals?cf.seats=many");
    expect(notNumber.status).toBe(422);
    expect(notNumber.body.errors?.[0]).toMatchObject({ field: "query.cf.seats", code: "custom_field_invalid" });
    const strange = await o.as.head.get<Problem>("/api/v1/deals?colour=red&cf.Bad-Key=x");
    expect(strange.status).toBe(400);
    expect(strange.body.errors?.map((e) => e.field).sort()).toEqual(["query.cf.Bad-Key", "query.colour"]);

    const csv = await o.as.head.get<string>("/api/v1/deals/export?format=csv&locale=en&cf.source=Tender");
    expect(csv.status).toBe(200);
    expect(csv.headers["x-export-rows"]).toBe("2");
    const rows = csv.raw.replace(/^\uFEFF/, "").trim().split("\n").slice(1).map((line) => line.split(",")[0]).sort();
    expect(rows).toEqual(["Anna tender", "Boris tender"]);
    const unknown = await o.as.head.get<Problem>("/api/v1/deals/export?format=csv&cf.colour=red");
    expect(unknown.status).toBe(422);
  });

  it("the export has a column per active custom field and takes the same filters", async () => {
    const o = await organization();
    await addField(o.as.admin, { entity: "company", label: "Сегмент", type: "select", options: ["SMB", "Enterprise"] });
    await addField(o.as.admin, { entity: "company", label: "Seats", type: "number" });
    const old = await addField(o.as.admin, { entity: "company", label: "Old field", type: "text" });
    await o.as.admin.patch(`/api/v1/custom-fields/${old.id}`, { archived: true });
    await addClient(o.as.anna, { name: "Export SMB", custom: { segment: "SMB", seats: 7 } });
    await addClient(o.as.boris, { name: "Export Ent", custom: { segment: "Enterprise" } });

    const csv = await o.as.head.get<string>("/api/v1/companies/export?format=csv&locale=en&cf.segment=SMB");
    expect(csv.status).toBe(200);
    expect(csv.headers["x-export-rows"]).toBe("1");
    const lines = csv.raw.replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]?.endsWith("Last activity,Сегмент,Seats")).toBe(true);
    expect(lines[0]).not.toContain("Old field");
    expect(lines[1]?.startsWith("Export SMB,")).toBe(true);
    expect(lines[1]?.endsWith(",SMB,7")).toBe(true);

    const all = await o.as.admin.get<string>("/api/v1/companies/export?format=csv");
    expect(all.headers["x-export-rows"]).toBe("2");
    const row = all.raw.split("\n").find((l) => l.startsWith("Export Ent,"));
    // No seats: an empty cell (the CSV writer drops trailing empty cells).
    expect(row?.trim()).toMatch(/,Enterprise,?$/);
  });
});
