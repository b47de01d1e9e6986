import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, expectDir, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";
import { lateToday, sellerWithQueue } from "./review-helpers";

/*
 * The review's evidence and settings (M2.5, M2 evidence): the admin, acting as the head of sales, reviews one client
 * of a demo seller and finishes the sitting, sets a team's cadence to weekly in the settings tab (the warning follows
 * the choice live, a wrong stale-days figure is refused under its field), saves it, then opens the review log and
 * finds the sitting just done at its top. Screens of the settings and of the log in Russian, English and Persian.
 */

const server = inject("server");
const chrome = useBrowser();
const run = Date.now().toString(36);


describe("review evidence and settings", () => {
  let context: BrowserContext;
  let admin: Page;
  let seller: { id: string; name: string } | null = null;

  beforeAll(async () => {
    context = await newContext(chrome.browser, server.baseUrl, "ru-RU");
    admin = await context.newPage();
    await adminSession(admin, server);
    await chooseLanguage(admin, "ru");
  });
  afterAll(async () => {
    await context?.close();
  });

  it("the head reviews a client and finishes the sitting", async () => {
    await admin.getByTestId("nav-review").click();
    await admin.getByTestId("review-page").waitFor();
    seller = await sellerWithQueue(admin, 1);
    expect(seller).not.toBeNull();
    await admin.getByTestId("review-seller-select").selectOption(seller?.id ?? "");
    await admin.locator('[data-testid="review-seller"][data-ready="true"]').waitFor();
    await admin.getByTestId("review-queue-item").first().click();
    await admin.getByTestId("review-close-form").waitFor();
    const outcome = admin.getByTestId("review-outcome");
    if ((await outcome.count()) > 0) await outcome.getByText("Да", { exact: true }).click();
    await admin.getByTestId("review-task-title").fill(`Журнал E2E ${run}`);
    await admin.getByTestId("review-task-due").fill(await lateToday(admin));
    await admin.getByTestId("review-close-submit").click();
    await expect.poll(() => admin.getByTestId("review-session").getAttribute("data-count")).toBe("1");
    await admin.getByTestId("review-finish").click();
    await admin.getByTestId("review-finished").waitFor();
  });

  it("the head sets a team's cadence in the settings: the warning follows, a wrong figure is refused under its field", async () => {
    await admin.getByTestId("review-tab-settings").click();
    const team = admin.getByTestId("review-settings-team").first();
    await team.waitFor();
    expect(await admin.getByTestId("review-settings").getAttribute("data-editable")).toBe("true");
    const teamName = (await team.getAttribute("data-team")) ?? "";

    // A stage's days out of range: the message under that field, nothing saved.
    const stage = team.getByTestId("review-settings-stage").first();
    await stage.fill("400");
    await team.getByTestId("review-settings-save").click();
    await expect.poll(() => stage.getAttribute("aria-invalid")).toBe("true");
    await stage.fill("");

    await team.getByTestId("review-settings-cadence").click();
    await admin.getByRole("option", { name: "раз в неделю" }).click();
    await team.getByTestId("review-settings-stale-default").fill("5");
    // The warning is live: shown exactly when weekly is slower than the team's deals allow.
    const fast = await admin.evaluate(async (name) => {
      const list: { items: Array<{ team: { name: string }; slowestAllowedCadence: string }> } = await (await fetch("/api/v1/review/settings")).json();
      return list.items.find((t) => t.team.name === name)?.slowestAllowedCadence === "every_two_days";
    }, teamName);
    expect(await team.getByTestId("review-settings-warning").count()).toBe(fast ? 1 : 0);
    await team.getByTestId("review-settings-save").click();
    await team.getByTestId("review-settings-saved").waitFor();
    await expect
      .poll(() =>
        admin.evaluate(async (name) => {
          const list: { items: Array<{ team: { name: string }; cadence: string; staleDaysDefault: number }> } = await (await fetch("/api/v1/review/settings")).json();
          const found = list.items.find((t) => t.team.name === name);
          return found ? `${found.cadence} ${found.staleDaysDefault}` : "";
        }, teamName),
      )
      .toBe("weekly 5");
    await admin.evaluate(() => window.scrollTo(0, 0));
    await screenshot(admin, "review-settings-ru");
    await chooseLanguage(admin, "en");
    await team.waitFor();
    await screenshot(admin, "review-settings-en");
    await chooseLanguage(admin, "fa");
    await expectDir(admin, "rtl");
    await team.waitFor();
    await screenshot(admin, "review-settings-fa");
  });

  it("the head opens the review log and finds the sitting just done", async () => {
    await admin.getByTestId("review-tab-log").click();
    await admin.locator('[data-testid="review-log"][data-ready="true"]').waitFor();
    const latest = admin.getByTestId("review-log-session").first();
    await latest.waitFor();
    expect(await latest.getAttribute("data-seller")).toBe(seller?.name);
    expect(await latest.getAttribute("data-count")).toBe("1");
    const row = admin.locator(`[data-testid="review-log-seller"][data-seller="${seller?.name ?? ""}"]`);
    expect(Number(await row.getAttribute("data-share"))).toBeGreaterThan(0);
    await admin.getByTestId("review-log-chart").waitFor();
    await expectDir(admin, "rtl");
    await screenshot(admin, "review-log-fa");
    await chooseLanguage(admin, "en");
    await admin.locator('[data-testid="review-log"][data-ready="true"]').waitFor();
    await screenshot(admin, "review-log-en");
    await chooseLanguage(admin, "ru");
    await admin.locator('[data-testid="review-log"][data-ready="true"]').waitFor();
    await screenshot(admin, "review-log-ru");
  });
});
