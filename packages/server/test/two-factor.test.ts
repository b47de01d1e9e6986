import { randomUUID } from "node:crypto";
import type { Problem, RecoveryCodes, Session, SignInChallenge, TwoFactorEnrollment, TwoFactorSignedIn, TwoFactorStatus } from "@conveyor/contracts";
import { signInChallengeCookie } from "@conveyor/contracts";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../src/db/schema";
import { base32Decode, base32Encode, hotp, totpCode } from "../src/security/totp";
import { buildOrganization, buildUser, signedIn, TestClient, testPassword, useTestApp, type BuiltUser, type Reply } from "./harness";

const test = useTestApp();

const fieldsOf = (reply: { body: unknown }) => ((reply.body as Problem).errors ?? []).map((e) => e.field);
const auditActions = async (organizationId: string, action: string) =>
  test.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, organizationId), eq(auditLog.action, action))).orderBy(asc(auditLog.seq));

/** The challenge cookie a 202 sign-in set. */
const challengeOf = (reply: Reply): string => {
  const raw = reply.headers["set-cookie"];
  const lines = Array.isArray(raw) ? raw.map(String) : [String(raw ?? "")];
  const line = lines.find((l) => l.startsWith(`${signInChallengeCookie}=`));
  const value = line?.split(";")[0]?.slice(signInChallengeCookie.length + 1);
  if (!value) throw new Error(`no challenge cookie in ${JSON.stringify(raw)}`);
  return value;
};

/** Password first; answers the client (no session yet) and the challenge token. */
const firstStep = async (user: BuiltUser) => {
  const client = new TestClient(test);
  const reply = await client.signIn(user.email);
  return { client, reply: reply as unknown as Reply<SignInChallenge>, challenge: reply.status === 202 ? challengeOf(reply) : "" };
};
const secondStep = <T = TwoFactorSignedIn>(client: TestClient, challenge: string, body: Record<string, string>) =>
  client.request<T>("POST", "/api/v1/auth/two-factor", body, { cookie: `${signInChallengeCookie}=${challenge}` });

describe("TOTP (RFC 6238)", () => {
  it("matches the RFC's test vectors and round-trips base32", () => {
    // RFC 6238 appendix B, SHA-1 key "12345678901234567890": the last 6 digits of the 8-digit values.
    const secret = base32Encode(Buffer.from("12345678901234567890"));
    expect(secret).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(totpCode(secret, new Date(59_000))).toBe("287082");
    expect(totpCode(secret, new Date(1_111_111_109_000))).toBe("081804");
    expect(totpCode(secret, new Date(2_000_000_000_000))).toBe("279037");
    expect(hotp(secret, 0)).toBe("755224");
    expect(base32Decode(secret).toString()).toBe("12345678901234567890");
  });
});

describe("two-factor sign-in", () => {
  let organizationId = "";
  let admin: BuiltUser;
  beforeAll(async () => {
    const org = await buildOrganization(test.database);
    organizationId = org.organizationId;
    admin = org.admin;
  });

  it("enrolls in the profile: secret and otpauth URI, a first code turns it on, recovery codes once", async () => {
    const client = await signedIn(test, admin);
    expect((await client.get<TwoFactorStatus>("/api/v1/me/two-factor")).body).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });
    const started = await client.post<TwoFactorEnrollment>("/api/v1/me/two-factor/enroll");
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.otpauthUri).toBe(
      `otpauth://totp/Conveyor%3A${encodeURIComponent(admin.email)}?secret=${started.body.secret}&issuer=Conveyor&algorithm=SHA1&digits=6&period=30`,
    );
    const wrong = await client.post<Problem>("/api/v1/me/two-factor/confirm", { code: "000000" === totpCode(started.body.secret, test.clock.now) ? "111111" : "000000" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe("two_factor_invalid");
    expect(fieldsOf(wrong)).toEqual(["code"]);
    const malformed = await client.post<Problem>("/api/v1/me/two-factor/confirm", { code: "12ab" });
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed)).toEqual(["code"]);

    const confirmed = await client.post<RecoveryCodes>("/api/v1/me/two-factor/confirm", { code: totpCode(started.body.secret, test.clock.now) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(confirmed.body.recoveryCodes[0]).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect((await client.get<TwoFactorStatus>("/api/v1/me/two-factor")).body).toEqual({ enabled: true, required: false, recoveryCodesLeft: 10 });
    expect(await auditActions(organizationId, "two_factor_enabled")).toHaveLength(1);
    // A second enrollment while it is on is refused.
    expect((await client.post("/api/v1/me/two-factor/enroll")).status).toBe(400);
    Object.assign(admin, { secret: started.body.secret, recoveryCodes: confirmed.body.recoveryCodes });
  });

  it("asks for a code after the password; a right code opens the session, a used or wrong one does not", async () => {
    const { secret } = admin as BuiltUser & { secret: string };
    test.clock.advance(60_000);
    const { client, reply, challenge } = await firstStep(admin);
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ twoFactor: "verify" });
    expect(client.cookie).toBeUndefined();
    expect((await client.get("/api/v1/auth/session")).status).toBe(401);

    const wrong = await secondStep<Problem>(client, challenge, { code: totpCode(secret, new Date(test.clock.now.getTime() - 10 * 60_000)) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe("two_factor_invalid");
    const code = totpCode(secret, test.clock.now);
    const ok = await secondStep(client, challenge, { code });
    expect(ok.status).toBe(200);
    expect(ok.body.user.email).toBe(admin.email);
    expect(ok.body.recoveryCodes).toBeUndefined();
    expect((await client.get<Session>("/api/v1/auth/session")).status).toBe(200);
    // The challenge is spent.
    expect((await secondStep(new TestClient(test), challenge, { code })).status).toBe(401);

    // The same code cannot be used twice, even with a new challenge.
    const again = await firstStep(admin);
    expect((await secondStep<Problem>(again.client, again.challenge, { code })).body.code).toBe("two_factor_invalid");
    test.clock.advance(30_000);
    expect((await secondStep(again.client, again.challenge, { code: totpCode(secret, test.clock.now) })).status).toBe(200);

    const signIns = await auditActions(organizationId, "sign_in");
    expect(signIns.at(-1)?.details).toMatchObject({ twoFactor: "totp" });
    expect((await auditActions(organizationId, "two_factor_failed")).length).toBeGreaterThanOrEqual(2);
  });

  it("takes a recovery code once; five wrong codes end the challenge", async () => {
    const { recoveryCodes } = admin as BuiltUser & { recoveryCodes: string[] };
    const first = await firstStep(admin);
    const used = recoveryCodes[0] ?? "";
    expect((await secondStep(first.client, first.challenge, { recoveryCode: used.toUpperCase() })).status).toBe(200);
    const second = await firstStep(admin);
    const reused = await secondStep<Problem>(second.client, second.challenge, { recoveryCode: used });
    expect(reused.status).toBe(401);
    expect(fieldsOf(reused)).toEqual(["recoveryCode"]);
    expect((await (await signedInWithRecovery(recoveryCodes[1] ?? "")).get<TwoFactorStatus>("/api/v1/me/two-factor")).body.recoveryCodesLeft).toBe(8);
    expect(await auditActions(organizationId, "recovery_code_used")).toHaveLength(2);

    const third = await firstStep(admin);
    for (let i = 0; i < 5; i += 1) {
      expect((await secondStep(third.client, third.challenge, { code: "000001" })).status).toBe(401);
    }
    const { secret } = admin as BuiltUser & { secret: string };
    test.clock.advance(30_000);
    const late = await secondStep<Problem>(third.client, third.challenge, { code: totpCode(secret, test.clock.now) });
    expect(late.status).toBe(401);
    expect(late.body.code).toBe("unauthenticated");
  });

  const signedInWithRecovery = async (code: string) => {
    const step = await firstStep(admin);
    const reply = await secondStep(step.client, step.challenge, { recoveryCode: code });
    expect(reply.status).toBe(200);
    return step.client;
  };

  it("turns off with the password; the sign-in is one step again", async () => {
    const client = await signedInWithRecovery((admin as BuiltUser & { recoveryCodes: string[] }).recoveryCodes[2] ?? "");
    const wrong = await client.post<Problem>("/api/v1/me/two-factor/disable", { password: "not it" });
    expect(wrong.status).toBe(400);
    expect(fieldsOf(wrong)).toEqual(["password"]);
    expect((await client.post("/api/v1/me/two-factor/disable", { password: testPassword })).status).toBe(204);
    expect((await new TestClient(test).signIn(admin.email)).status).toBe(200);
    expect(await auditActions(organizationId, "two_factor_disabled")).toHaveLength(1);
  });
});

describe("required two-factor for admins and heads", () => {
  it("forces enrollment at the next sign-in of an admin or head; sellers sign in as before", async () => {
    const org = await buildOrganization(test.database);
    const adminClient = await signedIn(test, org.admin);
    const head = await buildUser(test.database, org.organizationId, { role: "head_of_sales" });
    const seller = await buildUser(test.database, org.organizationId);
    expect((await adminClient.patch("/api/v1/organization/security", { requireTwoFactor: true })).status).toBe(200);
    // The admin's open session goes on; the requirement applies at the next sign-in.
    expect((await adminClient.get("/api/v1/auth/session")).status).toBe(200);

    expect((await new TestClient(test).signIn(seller.email)).status).toBe(200);

    const step = await firstStep(head);
    expect(step.reply.status).toBe(202);
    expect(step.reply.body).toEqual({ twoFactor: "enroll" });
    const headers = { cookie: `${signInChallengeCookie}=${step.challenge}` };
    // A code before any secret is refused; enrollment gives the secret.
    expect((await step.client.request("POST", "/api/v1/auth/two-factor", { code: "123456" }, headers)).status).toBe(400);
    const enrollment = await step.client.request<TwoFactorEnrollment>("POST", "/api/v1/auth/two-factor/enroll", undefined, headers);
    expect(enrollment.status).toBe(200);
    expect(enrollment.body.otpauthUri).toContain(encodeURIComponent(head.email));
    const done = await secondStep(step.client, step.challenge, { code: totpCode(enrollment.body.secret, test.clock.now) });
    expect(done.status).toBe(200);
    expect(done.body.recoveryCodes).toHaveLength(10);
    const status = await step.client.get<TwoFactorStatus>("/api/v1/me/two-factor");
    expect(status.body).toEqual({ enabled: true, required: true, recoveryCodesLeft: 10 });
    const refusedOff = await step.client.post<Problem>("/api/v1/me/two-factor/disable", { password: testPassword });
    expect(refusedOff.status).toBe(403);
    expect(refusedOff.body.code).toBe("two_factor_required");

    // Next time the head is asked for a code, not to enroll.
    test.clock.advance(30_000);
    const next = await firstStep(head);
    expect(next.reply.body).toEqual({ twoFactor: "verify" });
    // A verify challenge offers no new enrollment.
    expect((await next.client.request("POST", "/api/v1/auth/two-factor/enroll", undefined, { cookie: `${signInChallengeCookie}=${next.challenge}` })).status).toBe(403);
  });

  it("an admin clears a person's two-factor after a lost phone; their sessions end", async () => {
    const org = await buildOrganization(test.database);
    const adminClient = await signedIn(test, org.admin);
    const head = await buildUser(test.database, org.organizationId, { role: "head_of_sales" });
    const headClient = await signedIn(test, head);
    const started = await headClient.post<TwoFactorEnrollment>("/api/v1/me/two-factor/enroll");
    expect((await headClient.post("/api/v1/me/two-factor/confirm", { code: totpCode(started.body.secret, test.clock.now) })).status).toBe(200);
    expect((await headClient.delete(`/api/v1/organization/security/two-factor/${head.id}`)).status).toBe(403);
    expect((await adminClient.delete(`/api/v1/organization/security/two-factor/${head.id}`)).status).toBe(204);
    expect((await headClient.get("/api/v1/auth/session")).status).toBe(401);
    expect((await new TestClient(test).signIn(head.email)).status).toBe(200);
    expect(await auditActions(org.organizationId, "two_factor_disabled")).toMatchObject([{ actorId: org.admin.id, targetId: head.id, details: { resetByAdmin: true } }]);
    expect((await adminClient.delete(`/api/v1/organization/security/two-factor/${randomUUID()}`)).status).toBe(404);
  });

  it("refuses the second step without a challenge", async () => {
    const reply = await new TestClient(test).post<Problem>("/api/v1/auth/two-factor", { code: "123456" });
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe("unauthenticated");
  });
});
