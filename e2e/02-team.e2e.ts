import { describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, signIn, useBrowser } from "./sessions";
import { newContext } from "./browser";

/*
 * The admin builds the team: adds a seller in the browser; the seller signs in with the
 * temporary password in a Russian browser, must choose their own, and sees only what a
 * seller may; the admin deactivates them and their very next request is refused.
 */

const server = inject("server");
const chrome = useBrowser();

describe("the admin builds the team", () => {
  it("adds a seller, who signs in, changes the temporary password and is later deactivated", async () => {
    const adminContext = await newContext(chrome.browser, server.baseUrl, "en-US");
    const admin = await adminContext.newPage();
    await adminSession(admin, server);
    await chooseLanguage(admin, "en");

    await admin.getByTestId("nav-users").click();
    await admin.getByTestId("users-add").click();
    const email = `olga-${Date.now()}@example.test`;
    await admin.getByTestId("add-user-email").fill(email);
    await admin.getByTestId("add-user-name").fill("Ольга Смирнова");
    await admin.getByTestId("temporary-password-generate").click();
    const temporaryPassword = await admin.getByTestId("temporary-password").inputValue();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(10);
    await admin.getByTestId("add-user-submit").click();
    await admin.getByTestId("user-created").waitFor();
    await admin.keyboard.press("Escape");
    await admin.getByTestId(`user-row-${email}`).waitFor();

    // The seller, in a Russian browser: no choice of their own or the organization's yet.
    const sellerContext = await newContext(chrome.browser, server.baseUrl, "ru-RU");
    const seller = await sellerContext.newPage();
    await signIn(seller, email, temporaryPassword);
    await seller.getByTestId("change-password-new").waitFor();
    expect(await seller.evaluate(() => document.documentElement.lang)).toBe("ru");
    await seller.getByTestId("change-password-current").fill(temporaryPassword);
    await seller.getByTestId("change-password-new").fill("olga-chooses-this");
    await seller.getByTestId("change-password-confirm").fill("olga-chooses-this");
    await seller.getByTestId("change-password-submit").click();
    await seller.getByTestId("app-shell").waitFor();
    expect(await seller.getByTestId("home-greeting").textContent()).toContain("Ольга");
    expect(await seller.getByTestId("nav-users").count()).toBe(0);
    expect(await seller.getByTestId("nav-settings").count()).toBe(0);

    // Deactivated: the seller's next request sends them to the sign-in page.
    await admin.getByTestId(`user-actions-${email}`).click();
    await admin.getByTestId("user-action-deactivate").click();
    await admin.getByTestId("user-status-confirm").click();
    await admin.getByTestId(`user-row-${email}`).getByText(/deactivated/i).waitFor();
    await admin.getByTestId(`user-actions-${email}`).click();
    await admin.getByTestId("user-action-reactivate").waitFor();
    await admin.keyboard.press("Escape");

    await seller.goto("/profile");
    await seller.getByTestId("sign-in-email").waitFor();
    await signIn(seller, email, "olga-chooses-this");
    await seller.getByTestId("sign-in-error").waitFor();

    await sellerContext.close();
    await adminContext.close();
  });
});
