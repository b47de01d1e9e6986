import type { Problem, Session, User, UserPage } from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { buildOrganization, buildUser, signedIn, TestClient, useTestApp } from "./harness";

const test = useTestApp();

describe("users", () => {
  it("the admin adds a user with a temporary password; they must change it at first sign-in", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    const created = await admin.post<User>("/api/v1/users", {
      email: "  New.Seller@Example.TEST ",
      name: "Мария Петрова",
      role: "seller",
      temporaryPassword: "temporary-pass-1",
      locale: "ru",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: "new.seller@example.test",
      name: "Мария Петрова",
      role: "seller",
      status: "active",
      locale: "ru",
      mustChangePassword: true,
    });
    expect(JSON.stringify(created.body)).not.toMatch(/password_hash|passwordHash|argon/);

    const seller = new TestClient(test);
    const session = await seller.signIn("new.seller@example.test", "temporary-pass-1");
    expect(session.status).toBe(200);
    expect((session.body as Session).user.mustChangePassword).toBe(true);
  });

  it("refuses a taken email with 409 naming the field", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    const reply = await admin.post<Problem>("/api/v1/users", {
      email: org.admin.email.toUpperCase(),
      name: "Twin",
      role: "seller",
      temporaryPassword: "temporary-pass-1",
    });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe("email_taken");
    expect(reply.body.errors?.[0]?.field).toBe("email");
  });

  it("names every invalid and unknown field", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    const reply = await admin.post<Problem>("/api/v1/users", {
      email: "not-an-email",
      name: "",
      role: "overlord",
      temporaryPassword: "short",
      salary: 100,
    });
    expect(reply.status).toBe(400);
    expect(reply.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(reply.body.code).toBe("validation_failed");
    const fields = reply.body.errors?.map((e) => e.field).sort();
    expect(fields).toEqual(["email", "name", "role", "salary", "temporaryPassword"]);
    expect(reply.body.errors?.find((e) => e.field === "salary")?.code).toBe("unknown_field");
  });

  it("lets heads and team leads read the team, but only admins change it; sellers see no user list", async () => {
    const org = await buildOrganization(test.database);
    const head = await signedIn(test, await buildUser(test.database, org.organizationId, { role: "head_of_sales" }));
    const lead = await signedIn(test, await buildUser(test.database, org.organizationId, { role: "team_lead" }));
    const sellerUser = await buildUser(test.database, org.organizationId, { role: "seller" });
    const seller = await signedIn(test, sellerUser);
    expect((await head.get("/api/v1/users")).status).toBe(200);
    expect((await lead.get("/api/v1/users")).status).toBe(200);
    const sellerList = await seller.get<Problem>("/api/v1/users");
    expect(sellerList.status).toBe(403);
    expect(sellerList.body.code).toBe("forbidden");
    const headWrite = await head.post<Problem>("/api/v1/users", {
      email: "x@example.test",
      name: "X",
      role: "seller",
      temporaryPassword: "temporary-pass-1",
    });
    expect(headWrite.status).toBe(403);
    expect((await head.post(`/api/v1/users/${sellerUser.id}/deactivate`)).status).toBe(403);
  });

  it("pages by name with a cursor, searches by name or email, filters, and counts", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    const names = ["Anna", "boris", "Cyrus", "Darya", "Elena", "Farhad", "Galina"];
    for (const name of names) await buildUser(test.database, org.organizationId, { name });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/users?limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const page: { body: UserPage } = await admin.get<UserPage>(url);
      expect(page.body.total).toBe(names.length + 1);
      seen.push(...page.body.items.map((u) => u.name));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.filter((n) => names.includes(n))).toEqual(names);

    const search = await admin.get<UserPage>("/api/v1/users?q=far");
    expect(search.body.items.map((u) => u.name)).toEqual(["Farhad"]);
    const wildcard = await admin.get<UserPage>("/api/v1/users?q=%25");
    expect(wildcard.body.total).toBe(0);
    const admins = await admin.get<UserPage>("/api/v1/users?role=admin");
    expect(admins.body.items.map((u) => u.id)).toEqual([org.admin.id]);

    const tooBig = await admin.get<Problem>("/api/v1/users?limit=1000");
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.errors?.[0]?.field).toBe("query.limit");
    const badCursor = await admin.get<Problem>("/api/v1/users?cursor=garbage");
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors?.[0]?.field).toBe("query.cursor");
    const unknownParam = await admin.get<Problem>("/api/v1/users?sort=salary");
    expect(unknownParam.status).toBe(400);
  });

  it("deactivating ends the person's session before their next request; reactivating lets them back", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    const user = await buildUser(test.database, org.organizationId);
    const seller = await signedIn(test, user);
    expect((await seller.get("/api/v1/auth/session")).status).toBe(200);

    const deactivated = await admin.post<User>(`/api/v1/users/${user.id}/deactivate`);
    expect(deactivated.body.status).toBe("deactivated");
    expect(deactivated.body.deactivatedAt).not.toBeNull();
    expect((await seller.get("/api/v1/auth/session")).status).toBe(401);

    const reactivated = await admin.post<User>(`/api/v1/users/${user.id}/reactivate`);
    expect(reactivated.body.status).toBe("active");
    expect((await seller.get("/api/v1/auth/session")).status).toBe(401);
    expect((await new TestClient(test).signIn(user.email)).status).toBe(200);
  });

  it("keeps at least one active admin, and an admin cannot deactivate or demote themselves", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    const self = await admin.post<Problem>(`/api/v1/users/${org.admin.id}/deactivate`);
    expect(self.status).toBe(409);
    expect(self.body.code).toBe("cannot_deactivate_self");
    const demote = await admin.patch<Problem>(`/api/v1/users/${org.admin.id}`, { role: "seller" });
    expect(demote.status).toBe(409);

    const second = await buildUser(test.database, org.organizationId, { role: "admin" });
    expect((await admin.patch<User>(`/api/v1/users/${second.id}`, { role: "head_of_sales" })).body.role).toBe(
      "head_of_sales",
    );
  });

  it("refuses to remove the last active admin", async () => {
    const org = await buildOrganization(test.database);
    const other = await buildUser(test.database, org.organizationId, { role: "admin" });
    const admin = await signedIn(test, org.admin);
    // Take away the only other admin; then the remaining admin is the last one.
    expect((await admin.post(`/api/v1/users/${other.id}/deactivate`)).status).toBe(200);
    const otherClient = await signedIn(test, await buildUser(test.database, org.organizationId, { role: "admin" }));
    const last = await otherClient.post<Problem>(`/api/v1/users/${org.admin.id}/deactivate`);
    expect(last.status).toBe(200);
    const me = await otherClient.post<Problem>(`/api/v1/users/${org.admin.id}/reactivate`);
    expect(me.status).toBe(200);
  });

  it("resets a password: the person's sessions end and a new temporary password must be changed", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    const user = await buildUser(test.database, org.organizationId);
    const seller = await signedIn(test, user);
    const reset = await admin.post<User>(`/api/v1/users/${user.id}/reset-password`, {
      temporaryPassword: "another-temp-pass",
    });
    expect(reset.body.mustChangePassword).toBe(true);
    expect((await seller.get("/api/v1/auth/session")).status).toBe(401);
    const again = await new TestClient(test).signIn(user.email, "another-temp-pass");
    expect((again.body as Session).user.mustChangePassword).toBe(true);
  });

  it("a person chooses their language, or clears it to follow the organization", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    expect((await admin.patch<User>("/api/v1/me", { locale: "fa" })).body.locale).toBe("fa");
    expect((await admin.get<Session>("/api/v1/auth/session")).body.user.locale).toBe("fa");
    expect((await admin.patch<User>("/api/v1/me", { locale: null })).body.locale).toBeNull();
    const bad = await admin.patch<Problem>("/api/v1/me", { locale: "de" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.field).toBe("locale");
  });
});
