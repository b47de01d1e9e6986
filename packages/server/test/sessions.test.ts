import type { Problem, SecuritySettings, SessionList } from "@conveyor/contracts";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../src/db/schema";
import { buildOrganization, buildUser, signedIn, TestClient, useTestApp } from "./harness";

const test = useTestApp();

const minute = 60_000;
const fieldsOf = (reply: { body: unknown }) => ((reply.body as Problem).errors ?? []).map((e) => e.field);
const auditActions = async (organizationId: string, action: string) =>
  test.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, organizationId), eq(auditLog.action, action))).orderBy(asc(auditLog.seq));

/** A client whose requests come from a chosen address. */
class ClientAt extends TestClient {
  constructor(address: string) {
    super(test);
    Object.defineProperty(this, "ip", { value: address });
  }
}

describe("your own sessions", () => {
  it("lists them with device, address and last seen; revokes one or all others; never another person's", async () => {
    const org = await buildOrganization(test.database);
    const seller = await buildUser(test.database, org.organizationId);
    const laptop = await signedIn(test, seller);
    const phone = new TestClient(test);
    await phone.request("POST", "/api/v1/auth/sign-in", { email: seller.email, password: "correct-horse-battery" }, { "user-agent": "PhoneBrowser/1.0" });
    const tablet = await signedIn(test, seller);
    const admin = await signedIn(test, org.admin);

    const list = await laptop.get<SessionList>("/api/v1/me/sessions");
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(3);
    expect(list.body.items.filter((s) => s.current)).toHaveLength(1);
    const phoneSession = list.body.items.find((s) => s.userAgent === "PhoneBrowser/1.0");
    expect(phoneSession).toMatchObject({ ip: phone.ip, current: false });
    expect(list.body.items.find((s) => s.current)?.ip).toBe(laptop.ip);

    // Another person's session id is a 404, and ends nothing.
    const adminSessions = await admin.get<SessionList>("/api/v1/me/sessions");
    expect(adminSessions.body.items).toHaveLength(1);
    const adminSessionId = adminSessions.body.items[0]?.id ?? "";
    expect((await laptop.delete(`/api/v1/me/sessions/${adminSessionId}`)).status).toBe(404);
    expect((await admin.get("/api/v1/auth/session")).status).toBe(200);

    expect((await laptop.delete(`/api/v1/me/sessions/${phoneSession?.id ?? ""}`)).status).toBe(204);
    expect((await phone.get("/api/v1/auth/session")).status).toBe(401);
    expect((await tablet.get("/api/v1/auth/session")).status).toBe(200);

    const others = await laptop.post<{ revoked: number }>("/api/v1/me/sessions/revoke-others");
    expect(others.body).toEqual({ revoked: 1 });
    expect((await tablet.get("/api/v1/auth/session")).status).toBe(401);
    expect((await laptop.get("/api/v1/auth/session")).status).toBe(200);
    expect((await laptop.get<SessionList>("/api/v1/me/sessions")).body.items).toHaveLength(1);
    expect(await auditActions(org.organizationId, "session_revoked")).toHaveLength(2);
  });
});

describe("timeouts", () => {
  it("ends a session idle past the organization's idle timeout, and any session past the absolute one", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    const defaults = await admin.get<SecuritySettings>("/api/v1/organization/security");
    expect(defaults.body).toMatchObject({ idleTimeoutMinutes: 7 * 24 * 60, absoluteTimeoutHours: 30 * 24, requireTwoFactor: false, ipAllowList: [], currentIp: admin.ip });

    const bad = await admin.patch<Problem>("/api/v1/organization/security", { idleTimeoutMinutes: 2 });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(["idleTimeoutMinutes"]);
    const longerThanAbsolute = await admin.patch<Problem>("/api/v1/organization/security", { idleTimeoutMinutes: 600, absoluteTimeoutHours: 2 });
    expect(fieldsOf(longerThanAbsolute)).toEqual(["idleTimeoutMinutes"]);
    const saved = await admin.patch<SecuritySettings>("/api/v1/organization/security", { idleTimeoutMinutes: 30, absoluteTimeoutHours: 2 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ idleTimeoutMinutes: 30, absoluteTimeoutHours: 2 });
    expect((await auditActions(org.organizationId, "settings_changed"))[0]?.details).toMatchObject({
      changed: { idleTimeoutMinutes: { from: 10080, to: 30 }, absoluteTimeoutHours: { from: 720, to: 2 } },
    });

    const seller = await buildUser(test.database, org.organizationId);
    const idle = await signedIn(test, seller);
    const busy = await signedIn(test, seller);
    test.clock.advance(20 * minute);
    expect((await busy.get("/api/v1/auth/session")).status).toBe(200);
    test.clock.advance(11 * minute);
    expect((await idle.get("/api/v1/auth/session")).status).toBe(401);
    expect((await busy.get("/api/v1/auth/session")).status).toBe(200);
    // Active every 20 minutes, the session still ends two hours after sign-in.
    for (let i = 0; i < 4; i += 1) {
      test.clock.advance(20 * minute);
      expect((await busy.get("/api/v1/auth/session")).status).toBe(200);
    }
    test.clock.advance(10 * minute);
    expect((await busy.get("/api/v1/auth/session")).status).toBe(401);
  });

  it("lets only admins read or change the settings", async () => {
    const org = await buildOrganization(test.database);
    const head = await signedIn(test, await buildUser(test.database, org.organizationId, { role: "head_of_sales" }));
    expect((await head.get("/api/v1/organization/security")).status).toBe(403);
    expect((await head.patch("/api/v1/organization/security", { requireTwoFactor: true })).status).toBe(403);
  });
});

describe("IP allow-list", () => {
  it("refuses a list that would lock the admin out or does not parse", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    const lockout = await admin.patch<Problem>("/api/v1/organization/security", { ipAllowList: ["192.0.2.0/24"] });
    expect(lockout.status).toBe(400);
    expect(fieldsOf(lockout)).toEqual(["ipAllowList"]);
    const garbage = await admin.patch<Problem>("/api/v1/organization/security", { ipAllowList: ["127.0.0.0/8", "10.0.0.0/33"] });
    expect(fieldsOf(garbage)).toEqual(["ipAllowList.1"]);
    expect((await admin.get<SecuritySettings>("/api/v1/organization/security")).body.ipAllowList).toEqual([]);
  });

  it("lets sign-ins, sessions and API tokens in only from the listed networks", async () => {
    const org = await buildOrganization(test.database);
    const admin = new ClientAt("10.1.2.3");
    expect((await admin.signIn(org.admin.email)).status).toBe(200);
    const token = await admin.post<{ token: string }>("/api/v1/api-tokens", { name: "Integration" });
    const seller = await buildUser(test.database, org.organizationId);
    const sellerAtHome = new ClientAt("198.51.100.7");
    expect((await sellerAtHome.signIn(seller.email)).status).toBe(200);

    const saved = await admin.patch<SecuritySettings>("/api/v1/organization/security", { ipAllowList: ["10.0.0.0/8", "2001:db8::/32"] });
    expect(saved.status).toBe(200);
    expect(saved.body.ipAllowList).toEqual(["10.0.0.0/8", "2001:db8::/32"]);

    // The session already open outside the list stops at its next request.
    const refused = await sellerAtHome.get<Problem>("/api/v1/auth/session");
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("ip_not_allowed");
    const signInOutside = await new ClientAt("198.51.100.7").signIn(seller.email);
    expect(signInOutside.status).toBe(403);
    expect((signInOutside.body as unknown as Problem).code).toBe("ip_not_allowed");
    expect(await auditActions(org.organizationId, "ip_denied")).toHaveLength(1);

    const atOffice = new ClientAt("10.20.30.40");
    expect((await atOffice.signIn(seller.email)).status).toBe(200);
    expect((await admin.get("/api/v1/auth/session")).status).toBe(200);

    const bearerOutside = new ClientAt("203.0.113.9");
    bearerOutside.bearer = token.body.token;
    expect((await bearerOutside.get("/api/v1/organization")).status).toBe(403);
    const bearerInside = new ClientAt("10.9.9.9");
    bearerInside.bearer = token.body.token;
    expect((await bearerInside.get("/api/v1/organization")).status).toBe(200);
  });
});

describe("offboarding", () => {
  it("deactivating a person ends their sessions and API tokens before their next request", async () => {
    const org = await buildOrganization(test.database);
    const admin = await signedIn(test, org.admin);
    const leaving = await buildUser(test.database, org.organizationId, { role: "admin" });
    const browser = await signedIn(test, leaving);
    const otherBrowser = await signedIn(test, leaving);
    const token = await browser.post<{ token: string }>("/api/v1/api-tokens", { name: "Their script" });
    expect(token.status).toBe(201);
    const script = new TestClient(test);
    script.bearer = token.body.token;
    expect((await script.get("/api/v1/organization")).status).toBe(200);

    expect((await admin.post(`/api/v1/users/${leaving.id}/deactivate`)).status).toBe(200);
    expect((await browser.get("/api/v1/auth/session")).status).toBe(401);
    expect((await otherBrowser.get("/api/v1/organization")).status).toBe(401);
    expect((await script.get("/api/v1/organization")).status).toBe(401);

    // Reactivated, the old session and token stay dead.
    expect((await admin.post(`/api/v1/users/${leaving.id}/reactivate`)).status).toBe(200);
    expect((await browser.get("/api/v1/auth/session")).status).toBe(401);
    expect((await script.get("/api/v1/organization")).status).toBe(401);
    const [entry] = await auditActions(org.organizationId, "user_deactivated");
    expect(entry).toMatchObject({ actorId: org.admin.id, targetKind: "user", targetId: leaving.id, details: { sessionsRevoked: true, apiTokensRevoked: true } });
  });
});
