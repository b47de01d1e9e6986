import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, expectDir, signInAsMember, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";
import { lateToday, sellerWithQueue } from "./review-helpers";

/*
 * The daily review (M2.1): the admin, acting as the head of sales, opens the review, picks a demo seller with
 * clients in the queue and goes through three of them: the first close without a date is refused with the field
 * named inline, then each gets a next task with a date (the next client opens by itself), and the sitting is
 * finished. The seller signs in and finds those tasks on Today's My day, highlighted as set at the review.
 * Screens of the workspace (Russian, English) and of My day (Persian, right to left).
 */

const server = inject("server");
const chrome = useBrowser();
const run = Date.now().toString(36);
const sellerPassword = "seller-review-password";
const taskTitles = [1, 2, 3].map((n) => `Разбор E2E ${run} · ${n}`);


const openClientName = async (page: Page) => {
  const panel = page.getByTestId("review-panel");
  await panel.waitFor();
  await page.getByTestId("review-close-form").waitFor();
  return (await panel.getAttribute("data-client")) ?? "";
};

describe("daily review", () => {
  let adminContext: BrowserContext;
  let admin: Page;
  let seller: { id: string; name: string } | null = null;
  const reviewed: string[] = [];

  beforeAll(async () => {
    adminContext = await newContext(chrome.browser, server.baseUrl, "ru-RU");
    admin = await adminContext.newPage();
    await adminSession(admin, server);
    await chooseLanguage(admin, "ru");
  });
  afterAll(async () => {
    await adminContext?.close();
  });

  it("the head reviews three of a seller's clients, each closed with a next task with a date, and finishes", async () => {
    await admin.getByTestId("nav-review").click();
    await admin.getByTestId("review-page").waitFor();
    seller = await sellerWithQueue(admin, 3);
    expect(seller).not.toBeNull();
    await admin.getByTestId("review-seller-select").selectOption(seller?.id ?? "");
    await admin.locator('[data-testid="review-seller"][data-ready="true"]').waitFor();
    expect(Number(await admin.getByTestId("review-queue").getAttribute("data-count"))).toBeGreaterThanOrEqual(3);
    await admin.getByTestId("review-cadence").waitFor();
    expect(await admin.getByTestId("review-reason").count()).toBeGreaterThan(0);

    // A large department reviews only high-ticket clients (M2.6): deals from a billion leave nobody; cleared, all come back.
    const everyone = await admin.getByTestId("review-queue").getAttribute("data-count");
    await admin.getByTestId("review-filter-min-deal").fill("1000000000");
    await expect.poll(() => admin.getByTestId("review-queue").getAttribute("data-count")).toBe("0");
    await admin.getByTestId("review-filter-min-deal").fill("");
    await expect.poll(() => admin.getByTestId("review-queue").getAttribute("data-count")).toBe(everyone);

    // The keyboard: j moves the cursor to the first client, ↓ to the second, k back, Enter opens it.
    // The seller's select keeps the focus, and keys typed into a field are the field's.
    await admin.evaluate(() => {
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    });
    await admin.keyboard.press("j");
    await admin.keyboard.press("ArrowDown");
    await admin.keyboard.press("k");
    const first = admin.locator('[data-testid="review-queue-item"][data-cursor="true"]');
    const firstName = (await first.getAttribute("data-client")) ?? "";
    expect(firstName).toBe(await admin.getByTestId("review-queue-item").first().getAttribute("data-client"));
    await admin.keyboard.press("Enter");
    expect(await openClientName(admin)).toBe(firstName);
    await screenshot(admin, "review-workspace-ru");

    // Closing without a date: the server's field error under the date, the client stays open.
    await admin.getByTestId("review-task-title").fill(taskTitles[0] ?? "");
    await admin.getByTestId("review-task-title").press("Control+Enter");
    const due = admin.getByTestId("review-task-due");
    await expect.poll(() => due.getAttribute("aria-invalid")).toBe("true");
    expect(await admin.getByTestId("review-panel").getAttribute("data-client")).toBe(firstName);

    const when = await lateToday(admin);
    for (const [index, title] of taskTitles.entries()) {
      // The next client opens by itself: never one already closed.
      await expect.poll(async () => reviewed.includes(await openClientName(admin))).toBe(false);
      const name = await openClientName(admin);
      if (index > 0) await admin.getByTestId("review-task-title").fill(title);
      const outcome = admin.getByTestId("review-outcome");
      if ((await outcome.count()) > 0) await outcome.getByText("Да", { exact: true }).click();
      await admin.getByTestId("review-risks").fill("Конкурент предложил скидку");
      await due.fill(when);
      await admin.getByTestId("review-task-result").fill("Согласовали встречу");
      await admin.getByTestId("review-close-submit").click();
      reviewed.push(name);
      await expect.poll(() => admin.getByTestId("review-session").getAttribute("data-count")).toBe(String(index + 1));
      // The closed client leaves the queue and the next one opens by itself.
      await expect.poll(() => admin.locator(`[data-testid="review-queue-item"][data-client="${name}"]`).count()).toBe(0);
    }
    await expect.poll(async () => reviewed.includes(await openClientName(admin))).toBe(false);

    await chooseLanguage(admin, "en");
    await admin.getByTestId("review-close-form").waitFor();
    await admin.evaluate(() => window.scrollTo(0, 0));
    await screenshot(admin, "review-workspace-en");

    await admin.getByTestId("review-finish").click();
    const finished = admin.getByTestId("review-finished");
    await finished.waitFor();
    expect(await finished.getAttribute("data-count")).toBe("3");
  });

  it("the seller finds the three tasks on My day, highlighted as set at the review", async () => {
    const { context, page } = await signInAsMember(admin, chrome, server, { name: seller?.name ?? "", password: sellerPassword, locale: "fa-IR" });
    try {
      await page.getByTestId("nav-today").click();
      const myDay = page.getByTestId("my-day");
      await myDay.waitFor();
      for (const title of taskTitles) {
        const task = page.locator(`[data-testid="my-day-task"][data-title="${title}"]`);
        await task.waitFor();
        expect(await task.getAttribute("data-from-review")).toBe("true");
        expect(await task.getByTestId("my-day-from-review").count()).toBe(1);
      }
      expect(Number(await myDay.getAttribute("data-corrections"))).toBeGreaterThanOrEqual(3);
      await chooseLanguage(page, "fa");
      await myDay.waitFor();
      await expectDir(page, "rtl");
      await screenshot(page, "my-day-fa");
      // The seller has no review workspace.
      expect(await page.getByTestId("nav-review").count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
