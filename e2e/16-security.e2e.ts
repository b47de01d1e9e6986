import { createHmac } from "node:crypto";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { newContext, screenshot } from "./browser";
import { adminSession, chooseLanguage, expectDir, signIn, signInAsMember, useBrowser } from "./sessions";

/*
 * [anti-leak] A second administrator turns on two-factor sign-in in the profile (the key from the screen, a code
 * computed like an authenticator app, recovery codes shown once), signs out, signs in again with the password and
 * a fresh code, and searches the audit log for the sign-ins and the two-factor change; the chain checks intact.
 * Screens: the audit log (Russian, English, Persian right to left), the profile's security (English, Persian),
 * the sign-in code step (Russian).
 */

const server = inject("server");
const chrome = useBrowser();
const run = Date.now().toString(36);
const securityAdmin = { name: `Security Admin ${run}`, email: `security-${run}@example.test`, password: "security-admin-password", locale: "en-US" };

// RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits), as the authenticator app computes it from the base32 key.
const base32 = (text: string): Buffer => {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/\s/g, "").toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
};
const stepNow = () => Math.floor(Date.now() / 30_000);
const totp = (secret: string, step: number): string => {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac("sha1", base32(secret)).update(counter).digest();
  const offset = (digest[digest.length - 1] ?? 0) & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
};
/** A code of a time step not used yet (the server takes each step once). */
const freshCode = async (secret: string, usedStep: number): Promise<{ code: string; step: number }> => {
  while (stepNow() <= usedStep) await new Promise((resolve) => setTimeout(resolve, 500));
  const step = stepNow();
  return { code: totp(secret, step), step };
};

describe("security", () => {
  let adminContext: BrowserContext;
  let admin: Page;
  let memberContext: BrowserContext | undefined;
  let page: Page;
  let secret = "";
  let usedStep = 0;

  beforeAll(async () => {
    adminContext = await newContext(chrome.browser, server.baseUrl, "en-US");
    admin = await adminContext.newPage();
    await adminSession(admin, server);
    // A second administrator, so the main admin of the other journeys keeps a one-step sign-in.
    const created = await admin.evaluate(async (person) => {
      const session: { csrfToken: string } = await (await fetch("/api/v1/auth/session")).json();
      const reply = await fetch("/api/v1/users", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
        body: JSON.stringify({ email: person.email, name: person.name, role: "admin", temporaryPassword: "temporary-security-1", locale: "en" }),
      });
      return reply.status;
    }, securityAdmin);
    expect(created).toBe(201);
    ({ context: memberContext, page } = await signInAsMember(admin, chrome, server, securityAdmin));
  });
  afterAll(async () => {
    await memberContext?.close();
    await adminContext?.close();
  });

  it("turns on two-factor in the profile with a code from the key, and gets recovery codes once", async () => {
    await page.goto("/profile");
    await page.getByTestId("two-factor-section").waitFor();
    expect(await page.getByTestId("two-factor-status").getAttribute("data-enabled")).toBe("no");
    await page.getByTestId("two-factor-enable").click();
    secret = (await page.getByTestId("two-factor-secret").getAttribute("data-secret")) ?? "";
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.getByTestId("two-factor-uri").getAttribute("href")).toMatch(/^otpauth:\/\/totp\/Conveyor/);

    await page.getByTestId("two-factor-confirm-code").fill("000000" === totp(secret, stepNow()) ? "111111" : "000000");
    await page.getByTestId("two-factor-confirm").click();
    await page.locator('[data-testid="two-factor-confirm-code"][aria-invalid="true"]').waitFor();
    await page.getByText("The code is wrong or was already used.").waitFor();

    const first = await freshCode(secret, 0);
    await page.getByTestId("two-factor-confirm-code").fill(first.code);
    await page.getByTestId("two-factor-confirm").click();
    await page.getByTestId("two-factor-recovery").waitFor();
    usedStep = first.step;
    expect(await page.getByTestId("recovery-codes").locator("code").count()).toBe(10);
    await page.getByTestId("two-factor-recovery-done").click();
    await expect.poll(() => page.getByTestId("two-factor-status").getAttribute("data-enabled")).toBe("yes");
    await page.getByTestId("sessions-table").waitFor();
    expect(await page.locator('[data-testid="session-row"][data-current="yes"]').count()).toBe(1);
    await screenshot(page, "security-profile-en");
    await chooseLanguage(page, "fa");
    await expectDir(page, "rtl");
    await screenshot(page, "security-profile-fa");
  });

  it("signs in again with the password and a fresh code from the app", async () => {
    await page.getByTestId("user-menu").click();
    await page.getByTestId("sign-out").click();
    await page.getByTestId("sign-in-email").waitFor();
    await chooseLanguage(page, "ru");
    await signIn(page, securityAdmin.email, securityAdmin.password);
    await page.locator('[data-testid="two-factor-step"][data-kind="verify"]').waitFor();
    await screenshot(page, "security-sign-in-code-ru");
    const next = await freshCode(secret, usedStep);
    await page.getByTestId("two-factor-code").fill(next.code);
    await page.getByTestId("two-factor-submit").click();
    await page.getByTestId("app-shell").waitFor();
    usedStep = next.step;
    // The person chose Persian in the profile; the audit is read in Russian first.
    await chooseLanguage(page, "ru");
  });

  it("searches the audit log for the two-factor change and the sign-ins, and the chain checks intact", async () => {
    await page.getByTestId("nav-audit").click();
    await page.getByTestId("audit-table").waitFor();
    await page.getByTestId("audit-action").click();
    await page.getByRole("option", { name: "Двухфакторный вход включён" }).click();
    await page.getByTestId("audit-search").click();
    await expect.poll(() => page.getByTestId("audit-total").getAttribute("data-total")).toBe("1");
    expect(await page.locator('[data-testid="audit-row"][data-action="two_factor_enabled"]').count()).toBe(1);
    await page.getByTestId("audit-action").click();
    await page.getByRole("option", { name: "Вход", exact: true }).click();
    await page.getByTestId("audit-search").click();
    await page.locator('[data-testid="audit-row"][data-action="sign_in"]').first().waitFor();
    await expect.poll(async () => page.locator('[data-testid="audit-row"]:not([data-action="sign_in"])').count()).toBe(0);
    await page.getByTestId("audit-verify").click();
    expect(await page.getByTestId("audit-verify-result").getAttribute("data-broken")).toBe("no");
    await screenshot(page, "security-audit-ru");
    await chooseLanguage(page, "en");
    await screenshot(page, "security-audit-en");
    await chooseLanguage(page, "fa");
    await expectDir(page, "rtl");
    await screenshot(page, "security-audit-fa");
  });

  it("an admin resets the person's two-factor from the people screen, after a confirmation; it is audited", async () => {
    await admin.goto("/users");
    await admin.getByTestId("users-search").fill(securityAdmin.name);
    await admin.getByTestId(`user-actions-${securityAdmin.email}`).click();
    await admin.getByTestId("user-action-reset-two-factor").click();
    await admin.getByTestId("reset-two-factor-confirm").waitFor();
    await screenshot(admin, "security-reset-two-factor-en");
    await admin.getByTestId("reset-two-factor-confirm").click();
    await admin.getByTestId("reset-two-factor-confirm").waitFor({ state: "detached" });
    // Their sessions ended: the next page asks for the password, and one step is enough again.
    await page.reload();
    await page.getByTestId("sign-in-email").waitFor();
    await signIn(page, securityAdmin.email, securityAdmin.password);
    await page.getByTestId("app-shell").waitFor();
    await admin.goto("/audit");
    await admin.getByTestId("audit-zone").waitFor();
    await admin.getByTestId("audit-action").click();
    await admin.getByRole("option", { name: "Two-factor turned off" }).click();
    await admin.getByTestId("audit-search").click();
    await admin.locator('[data-testid="audit-row"][data-action="two_factor_disabled"]').first().waitFor();
  });
});
