import type { Problem, Reveal, SearchResults } from "@conveyor/contracts";
import { maskEmail, maskPhone } from "@conveyor/domain";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, revealLog } from "../src/db/schema";
import { maskContactData } from "../src/security/masking";
import { buildOrganization, buildUser, signedIn, type BuiltUser, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

type Contact = { id: string; phones: string[]; emails: string[] };
type World = { organizationId: string; admin: TestClient; head: TestClient; seller: TestClient; sellerUser: BuiltUser; companyId: string; contactId: string; othersContactId: string; leadId: string };
const w = {} as World;

const phone = "+74951234567";
const email = "irina.petrova@zenit.example";

beforeAll(async () => {
  test.clock.now = new Date("2026-12-09T09:00:00Z");
  const org = await buildOrganization(test.database);
  w.organizationId = org.organizationId;
  const headUser = await buildUser(test.database, org.organizationId, { role: "head_of_sales" });
  w.sellerUser = await buildUser(test.database, org.organizationId, { name: "Masha Seller" });
  const other = await buildUser(test.database, org.organizationId, { name: "Other Seller" });
  w.admin = await signedIn(test, org.admin);
  w.head = await signedIn(test, headUser);
  w.seller = await signedIn(test, w.sellerUser);
  const company = await w.admin.post<{ id: string }>("/api/v1/companies", { name: "Zenit Masked", ownerId: w.sellerUser.id });
  w.companyId = company.body.id;
  const contact = await w.admin.post<Contact>(`/api/v1/companies/${w.companyId}/contacts`, { name: "Irina Petrova", phones: [phone], emails: [email] });
  w.contactId = contact.body.id;
  const others = await w.admin.post<{ id: string }>("/api/v1/companies", { name: "Not Hers", ownerId: other.id });
  w.othersContactId = (await w.admin.post<Contact>(`/api/v1/companies/${others.body.id}/contacts`, { name: "Hidden", phones: ["+74957654321"] })).body.id;
  const lead = await w.head.post<{ id: string }>("/api/v1/leads", { name: "Lead Person", phone: "+7 916 555-44-33", email: "lead.person@example.test", companyName: "Lead Co" });
  expect(lead.status).toBe(201);
  w.leadId = lead.body.id;
  expect((await w.head.post(`/api/v1/leads/${w.leadId}/assign`, { userId: w.sellerUser.id })).status).toBe(200);
  // Sellers lose "reveal"; two reveals a day.
  const saved = await w.admin.put("/api/v1/exports/settings", { revealRoles: ["head_of_sales", "team_lead"], revealDailyCap: 2 });
  expect(saved.status).toBe(200);
});

describe("masking for a seller without reveal", () => {
  it("masks the rules' shapes: phones keep the country and last two digits, emails the first letter and domain", () => {
    expect(maskPhone("+74951234567")).toBe("+7 *** ***-**-67");
    expect(maskPhone("+989121234567")).toBe("+98 *** ***-**-67");
    expect(maskEmail("irina@example.test")).toBe("i***@example.test");
    expect(maskContactData({ email: { id: "e", subject: "Hi", from: "Irina <irina@example.test>" } })).toEqual({ email: { id: "e", subject: "Hi", from: "Irina <i***@example.test>" } });
  });

  it("masks phones and emails on the client card, contacts, search, leads and the lead card", async () => {
    const expectMasked = (text: string) => {
      expect(text).not.toContain("4951234567");
      expect(text).not.toContain("irina.petrova@");
      expect(text).not.toContain("9165554433");
      expect(text).not.toContain("lead.person@");
    };
    const card = await w.seller.get<{ contacts: Contact[] }>(`/api/v1/companies/${w.companyId}`);
    expect(card.status).toBe(200);
    expect(card.headers["x-contacts-masked"]).toBe("1");
    expect(card.body.contacts[0]).toMatchObject({ phones: ["+7 *** ***-**-67"], emails: ["i***@zenit.example"] });
    const contacts = await w.seller.get<{ items: Contact[] }>(`/api/v1/companies/${w.companyId}/contacts`);
    expect(contacts.body.items[0]?.phones).toEqual(["+7 *** ***-**-67"]);
    const lead = await w.seller.get<{ phone: string | null; email: string | null }>(`/api/v1/leads/${w.leadId}`);
    expect(lead.body).toMatchObject({ phone: "+7 *** ***-**-33", email: "l***@example.test" });
    const search = await w.seller.get<SearchResults>(`/api/v1/search?q=${encodeURIComponent("Irina")}`);
    expect(search.body.contacts[0]?.phones).toEqual(["+7 *** ***-**-67"]);
    const leads = await w.seller.get<{ items: Array<{ phone: string | null; email: string | null }> }>("/api/v1/leads");
    expect(leads.body.items[0]).toMatchObject({ phone: "+7 *** ***-**-33", email: "l***@example.test" });
    const timeline = await w.seller.get(`/api/v1/companies/${w.companyId}/timeline`);
    for (const reply of [card, contacts, lead, search, leads, timeline]) expectMasked(reply.raw);
    // A head of sales keeps "reveal": the same card in full.
    const full = await w.head.get<{ contacts: Contact[] }>(`/api/v1/companies/${w.companyId}`);
    expect(full.body.contacts[0]).toMatchObject({ phones: [phone], emails: [email] });
    expect(full.headers["x-contacts-masked"]).toBeUndefined();
    // The person's own email (not client data) is not masked.
    const me = await w.seller.get("/api/v1/me");
    expect(me.raw).toContain(w.sellerUser.email);
  });

  it("a masked value sent back is refused, so it cannot overwrite the real one", async () => {
    const back = await w.seller.patch<Problem>(`/api/v1/contacts/${w.contactId}`, { emails: ["i***@zenit.example"] });
    expect(back.status).toBe(400);
    expect((await w.head.get<{ contacts: Contact[] }>(`/api/v1/companies/${w.companyId}`)).body.contacts[0]?.emails).toEqual([email]);
  });
});

describe("reveal", () => {
  it("returns the real value, logs each reveal and stops at the daily cap with 429 reveal_limit_reached", async () => {
    const first = await w.seller.post<Reveal>("/api/v1/reveals", { contactId: w.contactId, field: "phones" });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ values: [phone], remainingToday: 1 });
    const lead = await w.seller.post<Reveal>("/api/v1/reveals", { leadId: w.leadId, field: "emails" });
    expect(lead.body).toEqual({ values: ["lead.person@example.test"], remainingToday: 0 });
    const capped = await w.seller.post<Problem>("/api/v1/reveals", { contactId: w.contactId, field: "emails" });
    expect(capped.status).toBe(429);
    expect(capped.body.code).toBe("reveal_limit_reached");
    expect(Number(capped.headers["retry-after"])).toBeGreaterThan(0);
    const logged = await test.database.db.select().from(revealLog).where(eq(revealLog.organizationId, w.organizationId));
    expect(logged.map((r) => [r.targetKind, r.field]).sort()).toEqual([["contact", "phones"], ["lead", "emails"]]);
    const audits = await test.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, w.organizationId), eq(auditLog.action, "reveal")));
    expect(audits).toHaveLength(2);
    expect((await w.seller.get<{ revealsLeftToday: number; masked: boolean }>("/api/v1/exports/me")).body).toMatchObject({ masked: true, revealsLeftToday: 0 });
    // The next day of the organization, the cap starts again.
    test.clock.advance(24 * 3_600_000);
    expect((await w.seller.post<Reveal>("/api/v1/reveals", { contactId: w.contactId, field: "emails" })).body).toEqual({ values: [email], remainingToday: 1 });
  });

  it("only reveals what the viewer can see, and names the field at fault", async () => {
    const hidden = await w.seller.post<Problem>("/api/v1/reveals", { contactId: w.othersContactId, field: "phones" });
    expect(hidden.status).toBe(404);
    const neither = await w.seller.post<Problem>("/api/v1/reveals", { field: "phones" });
    expect(neither.status).toBe(400);
    expect(neither.body.errors?.[0]?.field).toBe("contactId");
    const badField = await w.seller.post<Problem>("/api/v1/reveals", { contactId: w.contactId, field: "address" });
    expect(badField.body.errors?.[0]?.field).toBe("field");
    // Roles that see contacts in full get the values without a count.
    expect((await w.head.post<Reveal>("/api/v1/reveals", { contactId: w.othersContactId, field: "phones" })).body.values).toEqual(["+74957654321"]);
  });
});
