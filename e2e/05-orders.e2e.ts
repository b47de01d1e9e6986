import { describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";

/*
 * From a won deal to money: the deal of the previous journey is won after all, produces an
 * order, the order is paid, and the client becomes a current client with revenue on its card.
 */

const server = inject("server");
const chrome = useBrowser();

describe("orders and payments", () => {
  it("wins the deal, records an order and its payment, and the client turns current", async () => {
    const context = await newContext(chrome.browser, server.baseUrl, "en-US");
    const page = await context.newPage();
    await adminSession(page, server);
    await chooseLanguage(page, "ru");

    await page.goto("/deals?view=list");
    await page.getByTestId("deals-table").waitFor();
    await page.getByTestId("deals-search").fill("Пилот E2E");
    await page.getByTestId("deal-row-Пилот E2E").getByRole("link").first().click();
    await page.getByTestId("deal-page").waitFor();
    await page.getByTestId("deal-orders-not-won").waitFor();

    await page.getByTestId("deal-page-move-Выиграна").click();
    await page.getByTestId("order-add").click();
    await page.getByTestId("order-amount").fill("250000");
    await page.getByTestId("order-submit").click();
    const orderRow = page.locator('[data-testid^="order-row-"]').first();
    await orderRow.waitFor();
    const testId = (await orderRow.getAttribute("data-testid")) ?? "";
    const number = testId.replace("order-row-", "");

    await page.getByTestId(`payment-add-${number}`).click();
    await page.getByTestId("payment-amount").fill("250000");
    await page.getByTestId("payment-submit").click();
    await page.getByTestId(`order-payments-${number}`).getByTestId("payment-row").first().waitFor();
    await screenshot(page, "deal-ru");

    await page.getByRole("link", { name: /Проверка E2E/ }).first().click();
    await page.getByTestId("client-card").waitFor();
    await page.getByTestId("client-orders").waitFor();
    const paid = await page.getByTestId("client-orders-paid").textContent();
    expect((paid ?? "").replace(/\D/g, "")).toContain("250000");
    // The first money made the new client a current one.
    expect(await page.getByTestId("client-card").textContent()).toMatch(/Текущий/i);
    await context.close();
  });
});
