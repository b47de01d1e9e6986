import { describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";

/*
 * The deal board: the demo department's deals by stage; a new deal on a client, moved along
 * the pipeline from its card's menu, then lost with a reason; its page shows the time in
 * each stage, and a product line sets its amount and files its client under "By product".
 * Screens of the board in the three languages.
 */

/** The part of GET /pipelines/:id/board the step below changes. */
type BoardJson = {
  columns: { stage: { name: string }; deals: { id: string; title: string; amountMinor: number }[]; count: number; nextCursor: string | null }[];
};

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

    // On a phone the deal's page never grows sideways: the stage history scrolls inside its card.
    for (const locale of ["en", "fa"] as const) {
      await chooseLanguage(page, locale);
      await page.setViewportSize({ width: 375, height: 812 });
      await page.getByTestId("deal-stage-history").waitFor();
      // Polled: the shell settles into its phone layout a moment after the resize.
      const overflows = () =>
        page.evaluate(() => {
          const box = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect();
          const width = document.documentElement.clientWidth;
          const main = document.querySelector("main");
          return (
            [box("deal-page"), box("deal-stage-history")].some((r) => !r || r.left < -1 || r.right > width + 1) ||
            !main ||
            main.scrollWidth > main.clientWidth
          );
        });
      await expect.poll(overflows, { timeout: 5000 }).toBe(false);
      await page.setViewportSize({ width: 1280, height: 800 });
    }

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

  it("keeps a column of 2,000 deals light: only the cards in view are in the page", async () => {
    const context = await newContext(chrome.browser, server.baseUrl, "en-US");
    const page = await context.newPage();
    await adminSession(page, server);
    await chooseLanguage(page, "ru");
    // The board as the server sends it, with 2,000 deals loaded in the first column.
    const size = 2000;
    await page.route("**/api/v1/pipelines/*/board*", async (route) => {
      const response = await route.fetch();
      const board: BoardJson = await response.json();
      const column = board.columns.find((c) => c.stage.name === "Новая");
      const template = column?.deals[0];
      if (!column || !template) throw new Error("no deal to copy in the first column");
      column.deals = Array.from({ length: size }, (_, i) => ({
        ...template,
        id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
        title: `Bulk deal ${i + 1}`,
        amountMinor: (size - i) * 100_00,
      }));
      column.count = size;
      column.nextCursor = null;
      await route.fulfill({ response, json: board });
    });
    await page.goto("/deals");
    const column = page.getByTestId("board-column-Новая");
    await column.getByTestId("deal-card-Bulk deal 1").waitFor();
    const dom = () =>
      column.evaluate((element) => ({
        nodes: element.querySelectorAll("*").length,
        cards: element.querySelectorAll('[data-testid^="deal-card-"]').length,
      }));
    const top = await dom();
    expect(top.cards).toBeLessThan(20);
    // All 2,000 cards would be some 28,000 elements; a screenful is about a hundred.
    expect(top.nodes).toBeLessThan(400);
    expect(await column.getByTestId("board-column-summary").textContent()).toMatch(/^2\s?000 ·/);

    // Scrolled to the end: the last cards are there, and still only a screenful of them.
    await column.getByTestId("board-column-cards-Новая").evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await column.getByTestId(`deal-card-Bulk deal ${size}`).waitFor();
    expect((await dom()).cards).toBeLessThan(20);
    expect(await column.getByTestId("deal-card-Bulk deal 1").count()).toBe(0);
    await context.close();
  });
});
