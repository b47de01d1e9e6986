import { describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";

/*
 * A day with the client base: the demo department is there on first start; the admin opens
 * the current clients, finds one, adds a new client with a contact, logs a call, sets a task
 * and finds it in "Today". Screens of the list and the card in the three languages.
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

describe("the client base", () => {
  it("lists the demo department's clients, adds a client, logs a call and sets a task for today", async () => {
    const context = await newContext(chrome.browser, server.baseUrl, "en-US");
    const page = await context.newPage();
    await adminSession(page, server);
    await chooseLanguage(page, "en");

    await page.getByTestId("nav-clients").click();
    await page.getByTestId("clients-table").waitFor();
    const total = await page.getByTestId("clients-total").textContent();
    expect(Number((total ?? "").replace(/\D/g, ""))).toBeGreaterThanOrEqual(300);
    await screenshot(page, "clients-en");

    // One click to the current clients (M5.4).
    await page.getByTestId("view-current").click();
    await page.waitForURL(/status=current/);
    await page.getByTestId("clients-table").waitFor();

    // A new client, its contact, a call and a task.
    await page.getByTestId("clients-add").click();
    await page.getByTestId("add-client-name").fill("ООО «Проверка E2E»");
    await page.getByTestId("add-client-legal-id").fill("7707083893");
    await page.getByTestId("add-client-region").fill("Москва");
    await page.getByTestId("add-client-channel").fill("Сайт");
    await page.getByTestId("add-client-submit").click();
    await page.getByTestId("client-card").waitFor();
    expect(await page.getByTestId("client-name").textContent()).toContain("Проверка E2E");

    await page.getByTestId("contact-add").click();
    await page.getByTestId("contact-name").fill("Пётр Ильин");
    await page.getByTestId("contact-phone-0").fill("8 (495) 123-45-67");
    await page.getByTestId("contact-email-0").fill("petr@example.test");
    await page.getByTestId("contact-submit").click();
    await page.getByTestId("contact-row-Пётр Ильин").waitFor();
    expect(await page.getByTestId("contact-row-Пётр Ильин").textContent()).toContain("495");

    const entriesBefore = await page.getByTestId("timeline-entry").count();
    await page.getByTestId("activity-type-call").click();
    await page.getByTestId("activity-outcome").fill("Договорились о встрече");
    await page.getByTestId("activity-submit").click();
    await page.waitForFunction(
      (before) => document.querySelectorAll('[data-testid="timeline-entry"]').length > before,
      entriesBefore,
    );
    expect(await page.getByTestId("timeline").textContent()).toContain("Договорились о встрече");

    await page.getByTestId("task-add").click();
    await page.getByTestId("task-title").fill("Подготовить КП для Проверки");
    await page.getByTestId("task-due").fill(localInput(new Date(Date.now() + 3600_000), "Europe/Moscow"));
    await page.getByTestId("task-submit").click();
    await page.getByTestId("task-row-Подготовить КП для Проверки").waitFor();
    await screenshot(page, "client-card-en");

    for (const locale of ["ru", "fa"] as const) {
      await chooseLanguage(page, locale);
      await page.getByTestId("client-card").waitFor();
      await screenshot(page, `client-card-${locale}`);
    }

    await page.getByTestId("nav-today").click();
    await page.getByTestId("task-row-Подготовить КП для Проверки").waitFor();

    await page.getByTestId("nav-clients").click();
    await page.getByTestId("clients-table").waitFor();
    for (const locale of ["ru", "fa"] as const) {
      await chooseLanguage(page, locale);
      await page.getByTestId("clients-table").waitFor();
      await screenshot(page, `clients-${locale}`);
    }

    // Search finds the new client by its contact's phone, in any notation.
    await page.getByTestId("clients-search").fill("+7 495 123-45-67");
    await page.getByTestId("client-row-ООО «Проверка E2E»").waitFor();

    // The head's export: the list as filtered on screen, as a file.
    await page.getByTestId("clients-export").click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("clients-export-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/^clients-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const { readFileSync } = await import("node:fs");
    const csv = readFileSync(path, "utf8");
    expect(csv.trim().split("\n")).toHaveLength(2);
    expect(csv).toContain("Проверка E2E");
    await context.close();
  });
});
