import { describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";

/*
 * The deal board: the demo department's deals by stage; a new deal on a client, moved along
 * the pipeline from its card's menu, then lost with a reason; its page shows the time in
 * each stage, and a product line sets its amount and files its client under "By product".
 * Screens of the board in the three languages.
 */

const server = inject("server");
const chrome = useBrowser();

describe("deals", () => {
  it("opens a deal, moves it through the board and loses it with a reason", async () => {
    const context = await newContext(chrome.browser, server.baseUrl, "en-US");
    const page = await context.newPage();
    await adminSession(page, server);
    await chooseLanguage(page, "ru");

    await page.getByTestId("nav-deals").click();
    await page.getByTestId("deals-board").waitFor();
    await page.getByTestId("board-column-Новая").waitFor();
    await screenshot(page, "deals-ru");

    await page.getByTestId("deal-add").click();
    await page.getByTestId("deal-client").fill("Проверка");
    await page.getByRole("option", { name: /Проверка E2E/ }).first().click();
    await page.getByTestId("deal-title").fill("Пилот E2E");
    await page.getByTestId("deal-amount").fill("250000");
    await page.getByTestId("deal-submit").click();
    await page.getByTestId("deal-card-Пилот E2E").waitFor();
    expect(await page.getByTestId("board-column-Новая").textContent()).toContain("Пилот E2E");

    await page.getByTestId("deal-move-Пилот E2E").click();
    await page.getByTestId("deal-move-to-Переговоры").click();
    await page.getByTestId("board-column-Переговоры").getByTestId("deal-card-Пилот E2E").waitFor();

    await page.getByTestId("deal-move-Пилот E2E").click();
    await page.getByTestId("deal-move-to-Проиграна").click();
    await page.getByTestId("lost-reason").fill("Выбрали конкурента");
    await page.getByTestId("lost-reason-submit").click();
    await page.getByTestId("board-column-Проиграна").getByTestId("deal-card-Пилот E2E").waitFor();

    for (const locale of ["en", "fa"] as const) {
      await chooseLanguage(page, locale);
      await page.getByTestId("deals-board").waitFor();
      await screenshot(page, `deals-${locale}`);
    }

    await page.getByTestId("deals-view-list").click();
    await page.getByTestId("deals-table").waitFor();
    await page.getByTestId("deals-search").fill("Пилот E2E");
    await page.getByTestId("deal-row-Пилот E2E").getByRole("link").first().click();
    await page.getByTestId("deal-page").waitFor();
    const history = await page.getByTestId("deal-stage-history").textContent();
    for (const stage of ["Новая", "Переговоры", "Проиграна"]) expect(history).toContain(stage);
    expect(await page.getByTestId("deal-page").textContent()).toContain("Выбрали конкурента");

    // A product on the deal: its amount becomes the lines' total, and the client shows up "By product".
    const dealUrl = page.url();
    await page.goto("/settings/products");
    await page.getByTestId("product-add").click();
    await page.getByTestId("product-name").fill("Станок E2E");
    await page.getByTestId("product-price").fill("120000");
    await page.getByTestId("product-submit").click();
    await page.getByTestId("product-row-Станок E2E").waitFor();
    await page.goto(dealUrl);
    await page.getByTestId("deal-items-add").click();
    await page.getByTestId("deal-item-product-0").click();
    await page.getByRole("option", { name: "Станок E2E" }).click();
    await page.getByTestId("deal-item-quantity-0").fill("2");
    await page.getByTestId("deal-items-save").click();
    await expect.poll(async () => (await page.getByTestId("deal-edit-amount").inputValue()).replace(/\D/g, "")).toBe("240000");
    expect(await page.getByTestId("deal-edit-amount").isDisabled()).toBe(true);
    await screenshot(page, "deal-products-fa");

    await page.goto("/clients");
    await page.getByTestId("view-by-product").click();
    await page.getByTestId("facets-by-product").getByRole("button", { name: /Станок E2E/ }).click();
    await page.waitForURL(/productId=/);
    await page.getByTestId("client-row-ООО «Проверка E2E»").waitFor();
    expect(await page.getByTestId("clients-table").locator("tbody tr").count()).toBe(1);
    await context.close();
  });
});
