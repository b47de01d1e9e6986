import { describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";

/*
 * Finding and being reminded: the admin finds a demo client by part of its name from the
 * header's search (Ctrl+K), opens it, sets a task due now with a reminder at the due time, sees
 * the bell light up and dismisses the reminder, then finds a deal and sets a task on it.
 * Screens of the search and the bell in English and Persian (right to left).
 */

const server = inject("server");
const chrome = useBrowser();

const localInput = (date: Date, timeZone: string) => {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
};

describe("search and reminders", () => {
  it("finds a demo client from the header, sets a task with a reminder, and dismisses it from the bell", async () => {
    const context = await newContext(chrome.browser, server.baseUrl, "en-US");
    const page = await context.newPage();
    await adminSession(page, server);
    await chooseLanguage(page, "en");

    // The alphabetically first demo client comes first among the hits for any part of its name.
    const { name, timeZone } = await page.evaluate(async () => {
      const list: { items: Array<{ name: string }> } = await (await fetch("/api/v1/companies?sort=name&order=asc&limit=1")).json();
      const session: { organization: { timeZone: string } } = await (await fetch("/api/v1/auth/session")).json();
      return { name: list.items[0]?.name ?? "", timeZone: session.organization.timeZone };
    });
    expect(name).not.toBe("");
    const part = (/«([^»]+)»/.exec(name)?.[1] ?? name).slice(0, 8);

    await page.keyboard.press("Control+k");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("global-search");
    await page.keyboard.type(part);
    await page.getByTestId(`search-hit-company-${name}`).first().waitFor();
    await screenshot(page, "search-en");
    await page.keyboard.press("Enter");
    await page.getByTestId("client-card").waitFor();
    expect(await page.getByTestId("client-name").textContent()).toContain(part);

    // "/" focuses the search too; Escape closes its dropdown.
    await page.locator("body").click({ position: { x: 5, y: 200 } });
    await page.keyboard.press("/");
    await page.keyboard.type(part);
    await page.getByTestId(`search-hit-company-${name}`).first().waitFor();
    await page.keyboard.press("Escape");
    await page.getByTestId("global-search-dropdown").waitFor({ state: "hidden" });
    await page.getByTestId("global-search").fill("");

    // A task due now, reminded at its due time: the bell shows it at once.
    const title = "Перезвонить по поиску E2E";
    await page.getByTestId("task-add").click();
    await page.getByTestId("task-title").fill(title);
    await page.getByTestId("task-due").fill(localInput(new Date(), timeZone));
    await page.getByTestId("task-remind").click();
    await page.getByRole("option", { name: "At the due time" }).click();
    await page.getByTestId("task-submit").click();
    await page.getByTestId(`task-row-${title}`).waitFor();
    await expect.poll(async () => Number(await page.getByTestId("reminders-count").getAttribute("data-count"))).toBeGreaterThanOrEqual(1);
    // It pops up once as a notification (attached: the screenshots hide toasts from then on).
    await page.locator(".mantine-Notification-root", { hasText: title }).first().waitFor({ state: "attached" });

    await page.getByTestId("reminders-bell").click();
    const reminder = page.getByTestId(`reminder-${title}`);
    await reminder.waitFor();
    expect(await reminder.textContent()).toContain(name);
    await screenshot(page, "reminders-en");

    await chooseLanguage(page, "fa");
    await page.getByTestId("reminders-bell").click();
    await reminder.waitFor();
    await screenshot(page, "reminders-fa");
    await reminder.getByTestId("reminder-dismiss").click();
    await reminder.waitFor({ state: "detached" });
    await page.keyboard.press("Escape");
    await page.getByTestId("reminders-dropdown").waitFor({ state: "hidden" });

    await page.getByTestId("global-search").fill(part);
    await page.getByTestId(`search-hit-company-${name}`).first().waitFor();
    await screenshot(page, "search-fa");
    await page.keyboard.press("Escape");

    // A deal found from the header, and a task set on it from the deal page.
    await chooseLanguage(page, "en");
    await page.getByTestId("global-search").fill("Пилотный");
    await page.locator('[data-testid^="search-hit-deal-"]').first().click();
    await page.getByTestId("deal-page").waitFor();
    await page.getByTestId("deal-task-add").click();
    await page.getByTestId("deal-task-title").fill("Согласовать пилот E2E");
    await page.getByTestId("deal-task-due").fill(localInput(new Date(Date.now() + 86_400_000), timeZone));
    await page.getByTestId("deal-task-submit").click();
    await page.getByTestId("deal-tasks").getByTestId("task-row-Согласовать пилот E2E").waitFor();
    await page.getByTestId("deal-tasks").scrollIntoViewIfNeeded();
    await screenshot(page, "deal-tasks-en");

    // Dismissed for good: a fresh look at the bell no longer lists it.
    await page.reload();
    await page.getByTestId("reminders-bell").click();
    await page.getByTestId("reminders-dropdown").waitFor();
    expect(await page.getByTestId(`reminder-${title}`).count()).toBe(0);
    await context.close();
  });
});
