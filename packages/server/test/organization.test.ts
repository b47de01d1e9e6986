import type { ApiToken, Organization, Problem, UserPage } from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { buildOrganization, buildUser, signedIn, TestClient, useTestApp } from "./harness";

const test = useTestApp();

describe("organization settings", () => {
  it("the admin sets name, country, time zone, currency, default language and working hours", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    const reply = await admin.patch<Organization>("/api/v1/organization", {
      name: "شرکت پارس",
      country: "IR",
      timeZone: "Asia/Tehran",
      currency: "IRR",
      defaultLocale: "fa",
      workingHours: { start: "08:00", end: "16:30" },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      name: "شرکت پارس",
      country: "IR",
      timeZone: "Asia/Tehran",
      currency: "IRR",
      defaultLocale: "fa",
      workingHours: { start: "08:00", end: "16:30" },
    });
    expect((await admin.get<Organization>("/api/v1/organization")).body.name).toBe("شرکت پارس");
  });

  it("names each wrong field", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    const reply = await admin.patch<Problem>("/api/v1/organization", {
      country: "DE",
      timeZone: "Mars/Olympus",
      currency: "rubles",
      workingHours: { start: "18:00", end: "09:00" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.map((e) => e.field).sort()).toEqual(["country", "currency", "timeZone", "workingHours.end"]);
    expect((await admin.get<Organization>("/api/v1/organization")).body.country).toBe("RU");
  });

  it("only an admin changes settings; everyone reads them", async () => {
    const org = await buildOrganization(test.database);
    const head = await signedIn(test, await buildUser(test.database, org.organizationId, { role: "head_of_sales" }));
    expect((await head.get("/api/v1/organization")).status).toBe(200);
    const reply = await head.patch<Problem>("/api/v1/organization", { name: "Mine now" });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("forbidden");
  });
});

describe("API tokens", () => {
  it("are shown once, work as a Bearer token without CSRF, and stop working when revoked", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    const created = await admin.post<{ apiToken: ApiToken; token: string }>("/api/v1/api-tokens", { name: "Website form" });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^cvr_/);
    expect(created.body.token.startsWith(created.body.apiToken.prefix)).toBe(true);

    const list = await admin.get<{ items: ApiToken[] }>("/api/v1/api-tokens");
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);

    const integration = new TestClient(test);
    integration.bearer = created.body.token;
    const users = await integration.get<UserPage>("/api/v1/users");
    expect(users.status).toBe(200);
    expect(users.body.total).toBe(1);
    const write = await integration.patch("/api/v1/organization", { name: "Via token" });
    expect(write.status).toBe(200);
    const used = await admin.get<{ items: ApiToken[] }>("/api/v1/api-tokens");
    expect(used.body.items[0]?.lastUsedAt).not.toBeNull();

    expect((await admin.delete(`/api/v1/api-tokens/${created.body.apiToken.id}`)).status).toBe(204);
    const refused = await integration.get<Problem>("/api/v1/users");
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe("unauthenticated");
  });

  it("stop working when their creator is deactivated", async () => {
    const org = await buildOrganization(test.database);
    const other = await buildUser(test.database, org.organizationId, { role: "admin" });
    const otherClient = await signedIn(test, other);
    const created = await otherClient.post<{ token: string }>("/api/v1/api-tokens", { name: "Theirs" });
    const admin = await signedIn(test, org.admin);
    await admin.post(`/api/v1/users/${other.id}/deactivate`);
    const integration = new TestClient(test);
    integration.bearer = created.body.token;
    expect((await integration.get("/api/v1/organization")).status).toBe(401);
  });

  it("refuse a malformed or unknown token", async () => {
    const client = new TestClient(test);
    const malformed = await client.request<Problem>("GET", "/api/v1/organization", undefined, { authorization: "Basic abc" });
    expect(malformed.status).toBe(401);
    client.bearer = "cvr_not-a-real-token";
    expect((await client.get("/api/v1/organization")).status).toBe(401);
  });
});
