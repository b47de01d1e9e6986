import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";

/*
 * Moving in from a spreadsheet: the admin imports three clients from a CSV (one with a phone that
 * is not a phone), matches an unknown column by hand, reads the report, opens an imported client,
 * then imports the same file again — in Persian — and nothing new is created.
 */

const server = inject("server");
const chrome = useBrowser();

const csv = [
  "Name,City,Sector,Phone,Email",
  "ООО «Импорт Альфа E2E»,Москва,Логистика,+7 912 555-81-01,alfa@import-e2e.test",
  "ООО «Импорт Бета E2E»,Казань,Ритейл,+7 912 555-81-02,beta@import-e2e.test",
  "ООО «Импорт Гамма E2E»,Самара,Ритейл,12345,gamma@import-e2e.test",
].join("\n");

const count = async (page: Page, name: "created" | "updated" | "skipped" | "errors") =>
  Number(await page.getByTestId(`import-count-${name}`).getAttribute("data-value"));

/** From the client list's Import button to the mapping step, with "Sector" matched to the industry by hand. */
const uploadAndMap = async (page: Page, labels: { name: string; skip: string; industry: string; shot?: string }) => {
  await page.getByTestId("nav-clients").click();
  await page.getByTestId("clients-import").click();
  await page.getByTestId("import-new-page").waitFor();
  expect(await page.getByTestId("import-entity-companies").isChecked()).toBe(true);
  await page.getByTestId("import-file-input").setInputFiles({ name: "clients-e2e.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId("import-file-name").waitFor();
  if (labels.shot) await screenshot(page, labels.shot);
  await page.getByTestId("import-upload").click();
  await page.getByTestId("import-mapping").waitFor();

  // The headers we know are matched already; the unknown one is not imported until chosen.
  expect(await page.getByTestId("import-target-0").inputValue()).toBe(labels.name);
  expect(await page.getByTestId("import-target-2").inputValue()).toBe(labels.skip);
  await page.getByTestId("import-target-2").click();
  await page.getByRole("option", { name: labels.industry, exact: true }).click();
  expect(await page.getByTestId("import-target-2").inputValue()).toBe(labels.industry);
};

const startAndWait = async (page: Page) => {
  await page.getByTestId("import-start").click();
  await page.getByTestId("import-result").waitFor();
};

describe("importing clients from a file", () => {
  it("imports a CSV, reports the bad row, and the same file twice creates nothing new", async () => {
    const context = await newContext(chrome.browser, server.baseUrl, "en-US");
    const page = await context.newPage();
    await adminSession(page, server);
    await chooseLanguage(page, "en");

    await uploadAndMap(page, { name: "Client name", skip: "Do not import", industry: "Industry", shot: "import-file-en" });
    expect(await page.getByTestId("import-same-file").count()).toBe(0);
    expect(await page.getByTestId("import-column-0").textContent()).toContain("Импорт Альфа E2E");
    await screenshot(page, "import-mapping-en");
    await startAndWait(page);

    expect({ created: await count(page, "created"), errors: await count(page, "errors"), skipped: await count(page, "skipped") }).toEqual({
      created: 2,
      errors: 1,
      skipped: 0,
    });
    const errorRow = page.getByTestId("import-rows-error").getByTestId("import-row-4");
    expect(await errorRow.textContent()).toContain("Not a phone number.");
    expect(await errorRow.textContent()).toContain("Phone");
    await screenshot(page, "import-result-en");

    // The failed rows as a file, ready to fix and import again.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("import-download-errors").click()]);
    const report = readFileSync(await download.path(), "utf8");
    expect(report).toContain("invalid_phone");
    expect(report).toContain("Импорт Гамма E2E");

    // Every row's outcome; a created one opens its client card.
    await page.getByTestId("import-tab-all").click();
    await page.getByTestId("import-rows-all").waitFor();
    await page.getByTestId("import-open-client-2").click();
    await page.getByTestId("client-card").waitFor();
    expect(await page.getByTestId("client-name").textContent()).toContain("Импорт Альфа E2E");

    // The same file again, in Persian: recognized, and the duplicates are skipped.
    await chooseLanguage(page, "fa");
    await uploadAndMap(page, { name: "نام مشتری", skip: "درون‌ریزی نشود", industry: "صنعت" });
    await page.getByTestId("import-same-file").waitFor();
    await screenshot(page, "import-mapping-fa");
    await startAndWait(page);
    expect({ created: await count(page, "created"), errors: await count(page, "errors"), skipped: await count(page, "skipped") }).toEqual({
      created: 0,
      errors: 1,
      skipped: 2,
    });
    await screenshot(page, "import-result-fa");

    // Both runs are in the history, and one reopens its result.
    await page.getByTestId("imports-history-link").click();
    await page.getByTestId("imports-table").waitFor();
    await screenshot(page, "imports-history-fa");
    expect(await page.getByTestId("imports-table").getByRole("link", { name: "clients-e2e.csv" }).count()).toBeGreaterThanOrEqual(2);
    await page.getByTestId("imports-table").getByRole("link", { name: "clients-e2e.csv" }).first().click();
    await page.getByTestId("import-result").waitFor();

    // Nothing was created twice: one client by the name.
    await chooseLanguage(page, "en");
    await page.getByTestId("nav-clients").click();
    await page.getByTestId("clients-search").fill("Импорт Альфа E2E");
    await page.getByTestId("client-row-ООО «Импорт Альфа E2E»").waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="client-row-"]').length === 1);
    await context.close();
  });
});
