import type { Company, Contact, Deal, Problem, SearchResults } from "@conveyor/contracts";
import { normalizeSearchText } from "@conveyor/domain";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { normalizedSql } from "../src/repositories/search.repository";
import { buildTeam, shareCompany } from "../src/testing/factories";
import { buildOrganization, buildUser, signedIn, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

const addClient = async (client: TestClient, body: Record<string, unknown>): Promise<Company> => {
  const reply = await client.post<Company>("/api/v1/companies", body);
  if (reply.status !== 201) throw new Error(`client: ${reply.status} ${reply.raw}`);
  return reply.body;
};

const addContact = async (client: TestClient, companyId: string, body: Record<string, unknown>): Promise<Contact> => {
  const reply = await client.post<Contact>(`/api/v1/companies/${companyId}/contacts`, body);
  if (reply.status !== 201) throw new Error(`contact: ${reply.status} ${reply.raw}`);
  return reply.body;
};

const addDeal = async (client: TestClient, body: Record<string, unknown>): Promise<Deal> => {
  const reply = await client.post<Deal>("/api/v1/deals", body);
  if (reply.status !== 201) throw new Error(`deal: ${reply.status} ${reply.raw}`);
  return reply.body;
};

const search = async (client: TestClient, q: string, limit?: number): Promise<SearchResults> => {
  const reply = await client.get<SearchResults>(`/api/v1/search?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ""}`);
  if (reply.status !== 200) throw new Error(`search: ${reply.status} ${reply.raw}`);
  return reply.body;
};

/** Names per group, for compact assertions. */
const found = async (client: TestClient, q: string) => {
  const results = await search(client, q);
  return {
    companies: results.companies.map((c) => c.name),
    contacts: results.contacts.map((c) => c.name),
    deals: results.deals.map((d) => d.title),
  };
};

/** A department: head, a team lead with Anna and Boris, and Other in no team. */
const department = async (country: "RU" | "IR" = "RU") => {
  const org = await buildOrganization(test.database, { country });
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
      head: await signedIn(test, head),
      lead: await signedIn(test, lead),
      anna: await signedIn(test, anna),
      boris: await signedIn(test, boris),
      other: await signedIn(test, other),
    },
  };
};

describe("global search", () => {
  it("finds clients, contacts and deals in Cyrillic, by phone in another notation, by email and by legal id", async () => {
    const { as } = await department();
    const gamma = await addClient(as.anna, { name: "ООО «Гамма»", legalId: "7707083893" });
    const delta = await addClient(as.anna, { name: "Дельта" });
    await addClient(as.anna, { name: "Омега Гамма-Сервис" });
    await addClient(as.anna, { name: "Гаммаприбор" });
    await addContact(as.anna, delta.id, { name: "Пётр Ильин", phones: ["+7 495 123-45-67"], emails: ["petr.ilin@delta.example"] });
    await addContact(as.anna, delta.id, { name: "Ирина", phones: ["+7 912 000-11-22"] });
    const deal = await addDeal(as.anna, { companyId: gamma.id, title: "Поставка ёлок, 2026", amountMinor: 150_000_00 });

    // The client whose name starts with the query comes first.
    expect((await found(as.anna, "гамм")).companies).toEqual(["Гаммаприбор", "Омега Гамма-Сервис", "ООО «Гамма»"]);
    expect((await found(as.anna, "ГАММА СЕРВИС")).companies).toEqual(["Омега Гамма-Сервис"]);
    expect(await found(as.anna, "петр")).toEqual({ companies: ["Дельта"], contacts: ["Пётр Ильин"], deals: [] });

    for (const phone of ["8 (495) 123-45-67", "+7 495 1234567", "4951234567", "123-45-67"]) {
      expect({ phone, ...(await found(as.anna, phone)) }).toEqual({ phone, companies: ["Дельта"], contacts: ["Пётр Ильин"], deals: [] });
    }
    expect(await found(as.anna, "petr.ilin@delta")).toEqual({ companies: ["Дельта"], contacts: ["Пётр Ильин"], deals: [] });
    expect((await found(as.anna, "77 07 083893")).companies).toEqual(["ООО «Гамма»"]);

    const byTitle = await search(as.anna, "елок 2026");
    expect(byTitle.deals).toEqual([
      {
        id: deal.id,
        title: "Поставка ёлок, 2026",
        companyId: gamma.id,
        companyName: "ООО «Гамма»",
        stageName: "Новая",
        status: "open",
        amountMinor: 150_000_00,
        currency: "RUB",
      },
    ]);
    const contact = (await search(as.anna, "ирина")).contacts[0];
    expect(contact).toMatchObject({ name: "Ирина", companyId: delta.id, companyName: "Дельта", phones: ["+79120001122"] });
    expect((await search(as.anna, "7707083893")).companies).toEqual([{ id: gamma.id, name: "ООО «Гамма»", legalId: "7707083893", level: null, permanent: false }]);
  });

  it("matches Persian typed with Arabic ي/ك and the other way round, and Persian digits", async () => {
    const { as } = await department("IR");
    const kian = await addClient(as.anna, { name: "شرکت کیان" });
    const arabic = await addClient(as.anna, { name: "شركة نيك" });
    await addContact(as.anna, kian.id, { name: "علي كريمي", phones: ["0912 123 4567"], emails: ["ali@kian.example"] });
    await addDeal(as.anna, { companyId: arabic.id, title: "قرارداد یک ساله" });
    await addDeal(as.anna, { companyId: kian.id, title: "پیش\u200cفاکتور ۱۴۰۵" });

    expect((await found(as.anna, "شركت كيان")).companies).toEqual(["شرکت کیان"]);
    expect((await found(as.anna, "نیک")).companies).toEqual(["شركة نيك"]);
    expect(await found(as.anna, "علی کریمی")).toEqual({ companies: ["شرکت کیان"], contacts: ["علي كريمي"], deals: [] });
    expect((await found(as.anna, "قرارداد يك")).deals).toEqual(["قرارداد یک ساله"]);
    // The title's ZWNJ and Persian digits do not stand in the way of a query typed without them.
    expect((await found(as.anna, "پیشفاکتور 1405")).deals).toEqual(["پیش\u200cفاکتور ۱۴۰۵"]);
    expect((await found(as.anna, "فاكتور ١٤٠٥")).deals).toEqual(["پیش\u200cفاکتور ۱۴۰۵"]);
    // A phone in Persian digits and national notation finds the contact stored as +989121234567.
    expect((await found(as.anna, "۰۹۱۲ ۱۲۳ ۴۵۶۷")).contacts).toEqual(["علي كريمي"]);
    expect((await found(as.anna, "ali@kian")).contacts).toEqual(["علي كريمي"]);
  });

  it("a short query finds nothing, a long one is refused naming q, and each group stops at the limit", async () => {
    const { as } = await department();
    for (let i = 1; i <= 7; i += 1) {
      const client = await addClient(as.anna, { name: `Сигма ${i}` });
      await addContact(as.anna, client.id, { name: `Сигма контакт ${i}` });
      await addDeal(as.anna, { companyId: client.id, title: `Сигма сделка ${i}` });
    }
    const empty = { companies: [], contacts: [], deals: [] };
    expect(await search(as.anna, "с")).toEqual(empty);
    expect(await search(as.anna, "  с  ")).toEqual(empty);
    expect(await search(as.anna, "")).toEqual(empty);
    expect(await search(as.anna, "--")).toEqual(empty);

    const results = await search(as.anna, "сигма");
    expect([results.companies.length, results.contacts.length, results.deals.length]).toEqual([5, 5, 5]);
    const two = await search(as.anna, "сигма", 2);
    expect([two.companies.length, two.contacts.length, two.deals.length]).toEqual([2, 2, 2]);

    const long = await as.anna.get<Problem>(`/api/v1/search?q=${"я".repeat(201)}`);
    expect(long.status).toBe(400);
    expect(long.body.code).toBe("validation_failed");
    expect(long.body.errors?.map((e) => e.field)).toEqual(["query.q"]);
    const tooMany = await as.anna.get<Problem>("/api/v1/search?q=%D1%81%D0%B8%D0%B3%D0%BC%D0%B0&limit=21");
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors?.map((e) => e.field)).toEqual(["query.limit"]);
    expect((await as.anna.get<Problem>("/api/v1/search")).status).toBe(400);
  });

  it("a seller never finds another seller's client, contact or deal; a team lead finds the team's; the head everyone's", async () => {
    const { org, users, as } = await department();
    const annas = await addClient(as.anna, { name: "Тайна Анны" });
    await addContact(as.anna, annas.id, { name: "Тайна контакт", phones: ["+7 495 765-43-21"], emails: ["secret@anna.example"] });
    await addDeal(as.anna, { companyId: annas.id, title: "Тайна сделка" });
    const others = await addClient(as.other, { name: "Тайна Другого" });
    await addDeal(as.other, { companyId: others.id, title: "Тайна другого сделка" });
    const shared = await addClient(as.other, { name: "Тайна общая" });
    await shareCompany(test.database, org.organizationId, shared.id, users.boris.id);

    const nothing = { companies: [], contacts: [], deals: [] };
    for (const q of ["тайна анны", "тайна контакт", "+7 495 765-43-21", "secret@anna", "тайна сделка"]) {
      expect({ q, ...(await found(as.boris, q)) }).toEqual({ q, ...nothing });
    }
    expect(await found(as.boris, "тайна")).toEqual({ companies: ["Тайна общая"], contacts: [], deals: [] });
    expect(await found(as.anna, "тайна")).toEqual({ companies: ["Тайна Анны"], contacts: ["Тайна контакт"], deals: ["Тайна сделка"] });
    expect((await found(as.lead, "тайна")).companies).toEqual(["Тайна Анны"]);
    expect((await found(as.lead, "тайна")).deals).toEqual(["Тайна сделка"]);
    const head = await found(as.head, "тайна");
    expect(head.companies.sort()).toEqual(["Тайна Анны", "Тайна Другого", "Тайна общая"]);
    expect(head.deals.sort()).toEqual(["Тайна другого сделка", "Тайна сделка"]);

    // A deal a seller owns on a client they do not see is still theirs to find.
    const annasDealOnOthers = await addDeal(as.head, { companyId: others.id, title: "Тайна поручение", ownerId: users.anna.id });
    expect((await search(as.anna, "поручение")).deals.map((d) => d.id)).toEqual([annasDealOnOthers.id]);
    expect((await search(as.boris, "поручение")).deals).toEqual([]);
  });

  it("another organization's clients, contacts and deals are never found", async () => {
    const mine = await department();
    const theirs = await department();
    const client = await addClient(theirs.as.head, { name: "Чужая Гамма", legalId: "7707083893" });
    await addContact(theirs.as.head, client.id, { name: "Чужой контакт", phones: ["+7 495 111-22-33"], emails: ["alien@gamma.example"] });
    await addDeal(theirs.as.head, { companyId: client.id, title: "Чужая сделка" });
    for (const q of ["чужая", "чужой", "7707083893", "+7 495 111-22-33", "alien@gamma"]) {
      expect({ q, ...(await found(mine.as.head, q)) }).toEqual({ q, companies: [], contacts: [], deals: [] });
    }
    expect((await found(theirs.as.head, "чуж")).deals).toEqual(["Чужая сделка"]);
  });

  it("folds text in SQL exactly as the domain does", async () => {
    const samples = ["Ёлка, «Гамма»-Сервис!", "شركة  كيان", "مُحَمَّد", "نیم\u200cفاصله", "۱۲۳ ٤٥٦", "a/b\\c (d); e?", "ـتطويل"];
    for (const sample of samples) {
      const { rows } = await test.database.db.execute<{ folded: string }>(sql`select ${normalizedSql(sql`${sample}::text`)} as folded`);
      expect({ sample, folded: rows[0]?.folded.trim() }).toEqual({ sample, folded: normalizeSearchText(sample) });
    }
  });
});
