import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { launchBrowser, newContext } from "./browser";
import type { E2eServer } from "./global-setup";

export const signIn = async (page: Page, email: string, password: string) => {
  await page.goto("/sign-in");
  await page.getByTestId("sign-in-email").fill(email);
  await page.getByTestId("sign-in-password").fill(password);
  await page.getByTestId("sign-in-submit").click();
};

/** The admin's password after the first journey, or the printed one if this file runs alone. */
export const adminSession = async (page: Page, server: E2eServer) => {
  for (const password of ["my-own-strong-password", server.adminPassword]) {
    await signIn(page, server.adminEmail, password);
    const outcome = await Promise.race([
      page.getByTestId("app-shell").waitFor().then(() => "shell"),
      page.getByTestId("change-password-new").waitFor().then(() => "change"),
      page.getByTestId("sign-in-error").waitFor().then(() => "error"),
    ]);
    if (outcome === "shell") return;
    if (outcome === "change") {
      await page.getByTestId("change-password-current").fill(password);
      await page.getByTestId("change-password-new").fill("my-own-strong-password");
      await page.getByTestId("change-password-confirm").fill("my-own-strong-password");
      await page.getByTestId("change-password-submit").click();
      await page.getByTestId("app-shell").waitFor();
      return;
    }
  }
  throw new Error("the admin could not sign in");
};


/** One Chromium for the file's journeys, closed after them; read `.browser` inside a test. */
export const useBrowser = (): { browser: Browser } => {
  const holder = {} as { browser: Browser };
  beforeAll(async () => {
    holder.browser = await launchBrowser();
  });
  afterAll(async () => {
    await holder.browser?.close();
  });
  return holder;
};

/** Clicks the language switch and waits until the page speaks that language. */
export const chooseLanguage = async (page: Page, locale: "ru" | "en" | "fa"): Promise<void> => {
  await page.getByTestId(`language-option-${locale}`).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
};

/**
 * The admin gives a member a temporary password on the Users screen; the member signs in, in a browser context of
 * their own in `locale`, and chooses `password` at first sign-in.
 */
export const signInAsMember = async (
  admin: Page,
  chrome: { browser: Browser },
  server: E2eServer,
  member: { name: string; password: string; locale: string },
): Promise<{ context: BrowserContext; page: Page }> => {
  await admin.getByTestId("nav-users").click();
  await admin.getByTestId("users-search").fill(member.name);
  const row = admin.locator('[data-testid^="user-row-"]', { hasText: member.name });
  await row.waitFor();
  const email = ((await row.getAttribute("data-testid")) ?? "").replace(/^user-row-/, "");
  await admin.getByTestId(`user-actions-${email}`).click();
  await admin.getByTestId("user-action-reset").click();
  await admin.getByTestId("reset-password-submit").click();
  const temporary = await admin.getByTestId("issued-password").inputValue();
  await admin.keyboard.press("Escape");

  const context = await newContext(chrome.browser, server.baseUrl, member.locale);
  const page = await context.newPage();
  await signIn(page, email, temporary);
  await page.getByTestId("change-password-current").fill(temporary);
  await page.getByTestId("change-password-new").fill(member.password);
  await page.getByTestId("change-password-confirm").fill(member.password);
  await page.getByTestId("change-password-submit").click();
  await page.getByTestId("app-shell").waitFor();
  return { context, page };
};

/** The page's writing direction: right to left in Persian, left to right otherwise. */
export const expectDir = async (page: Page, dir: "ltr" | "rtl") => expect(await page.evaluate(() => document.documentElement.dir)).toBe(dir);
