import { describe, expect, inject, it } from "vitest";
import { chooseLanguage, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";

/*
 * The newcomer's journey: sign in with the printed one-time password, be made to choose a new
 * one, find the shell, switch to Russian and to Persian (right to left), sign out.
 */

const server = inject("server");
const newPassword = "my-own-strong-password";
const chrome = useBrowser();

describe("first sign-in of the administrator", () => {
  it("signs in with the one-time password, changes it, switches languages and signs out", async () => {
    const context = await newContext(chrome.browser, server.baseUrl, "en-US");
    const page = await context.newPage();
    await page.goto("/");
    await page.getByTestId("sign-in-email").waitFor();
    expect(new URL(page.url()).pathname).toBe("/sign-in");

    // The sign-in page in the three languages.
    for (const locale of ["ru", "fa", "en"] as const) {
      await chooseLanguage(page, locale);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === "fa" ? "rtl" : "ltr");
      await screenshot(page, `sign-in-${locale}`);
    }

    // A wrong password says so and keeps us here.
    await page.getByTestId("sign-in-email").fill(server.adminEmail);
    await page.getByTestId("sign-in-password").fill("definitely-wrong");
    await page.getByTestId("sign-in-submit").click();
    await page.getByTestId("sign-in-error").waitFor();

    await page.getByTestId("sign-in-password").fill(server.adminPassword);
    await page.getByTestId("sign-in-submit").click();

    // The one-time password must be changed before anything else.
    await page.getByTestId("change-password-new").waitFor();
    await page.getByTestId("change-password-current").fill(server.adminPassword);
    await page.getByTestId("change-password-new").fill(newPassword);
    await page.getByTestId("change-password-confirm").fill(newPassword);
    await page.getByTestId("change-password-submit").click();

    await page.getByTestId("app-shell").waitFor();
    await page.getByTestId("home-greeting").waitFor();
    await screenshot(page, "shell-en");

    await chooseLanguage(page, "ru");
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("ltr");
    await page.getByTestId("home-greeting").waitFor();
    await screenshot(page, "shell-ru");

    await chooseLanguage(page, "fa");
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    // Right to left: the navigation sits on the right of the screen.
    const nav = await page.locator("nav").first().boundingBox();
    expect(nav).not.toBeNull();
    expect((nav?.x ?? 0) + (nav?.width ?? 0) / 2).toBeGreaterThan(1280 / 2);
    await page.getByTestId("home-greeting").waitFor();
    await screenshot(page, "shell-fa");

    // The choice is the person's: it survives a reload and a new sign-in.
    await page.reload();
    await page.getByTestId("app-shell").waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fa");

    await page.getByTestId("user-menu").click();
    await page.getByTestId("sign-out").click();
    await page.getByTestId("sign-in-email").waitFor();
    expect(new URL(page.url()).pathname).toBe("/sign-in");

    // The old session is gone: the app sends us back to sign-in.
    await page.goto("/users");
    await page.getByTestId("sign-in-email").waitFor();

    // The new password works; the Persian choice comes back with the person.
    await page.getByTestId("sign-in-email").fill(server.adminEmail);
    await page.getByTestId("sign-in-password").fill(newPassword);
    await page.getByTestId("sign-in-submit").click();
    await page.getByTestId("app-shell").waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await context.close();
  });
});
