import { describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";

/*
 * The organization's own fields and saved views: the admin adds a "Segment" choice field for
 * clients, sets it on the client of the earlier journeys, filters the list by it, saves that
 * as a view for everyone, and opens it again from the Views menu.
 */

const server = inject("server");
const chrome = useBrowser();

const client = "ООО «Проверка E2E»";

describe("custom fields and saved views", () => {
  it("adds a Segment field, sets it on a client, filters by it, saves the view and reopens it", async () => {
    const context = await newContext(chrome.browser, server.baseUrl, "en-US");
    const page = await context.newPage();
    await adminSession(page, server);
    await chooseLanguage(page, "en");

    await page.getByTestId("nav-settings").click();
    await page.getByTestId("settings-custom-fields-link").click();
    await page.getByTestId("custom-fields-page").waitFor();
    await page.getByTestId("custom-field-add").click();
    await page.getByTestId("custom-field-label").fill("Segment");
    await page.getByTestId("custom-field-type").click();
    await page.getByRole("option", { name: "Choice from a list" }).click();
    await page.getByTestId("custom-field-options").fill("SMB");
    await page.keyboard.press("Enter");
    await page.getByTestId("custom-field-options").fill("Enterprise");
    await page.keyboard.press("Enter");
    await page.getByTestId("custom-field-submit").click();
    await page.getByTestId("custom-field-row-Segment").waitFor();
    expect(await page.getByTestId("custom-field-row-Segment").textContent()).toContain("SMB · Enterprise");
    await screenshot(page, "custom-fields-en");

    // The value on a client, through its edit dialog.
    await page.getByTestId("nav-clients").click();
    await page.getByTestId("clients-table").waitFor();
    await page.getByTestId("clients-search").fill("Проверка E2E");
    await page.getByTestId(`client-row-${client}`).getByRole("link").first().click();
    await page.getByTestId("client-card").waitFor();
    await page.getByTestId("client-edit").click();
    await page.getByTestId("edit-client-custom-segment").click();
    await page.getByRole("option", { name: "Enterprise" }).click();
    await page.getByTestId("edit-client-submit").click();
    await expect.poll(() => page.getByTestId("client-custom-fact-segment").textContent()).toContain("Enterprise");
    await screenshot(page, "client-card-custom-en");

    // The list filtered by it: only that client, and the filter is in the URL.
    await page.getByTestId("nav-clients").click();
    await page.getByTestId("clients-table").waitFor();
    await page.getByTestId("clients-filter-cf-segment").click();
    await page.getByRole("option", { name: "Enterprise" }).click();
    await page.waitForURL(/cf\.segment=Enterprise/);
    await expect.poll(() => page.getByTestId("clients-table").locator("tbody tr").count()).toBe(1);
    await page.getByTestId(`client-row-${client}`).waitFor();

    // Saved for everyone, under a name.
    await page.getByTestId("companies-views").click();
    await page.getByTestId("saved-view-save").click();
    await page.getByTestId("saved-view-name").fill("Enterprise clients");
    await page.getByTestId("saved-view-shared").check();
    await page.getByTestId("saved-view-submit").click();
    await expect.poll(() => page.getByTestId("companies-views").textContent()).toContain("Enterprise clients");

    // Back to the whole base, then the view again from the menu.
    await page.goto("/clients");
    await page.getByTestId("clients-table").waitFor();
    await expect.poll(() => page.getByTestId("clients-table").locator("tbody tr").count()).toBeGreaterThan(1);
    await page.getByTestId("companies-views").click();
    await page.getByTestId("saved-view-Enterprise clients").click();
    await page.waitForURL(/cf\.segment=Enterprise/);
    await expect.poll(() => page.getByTestId("clients-table").locator("tbody tr").count()).toBe(1);
    await page.getByTestId(`client-row-${client}`).waitFor();
    await page.getByTestId("companies-views").click();
    await page.getByTestId("companies-views-menu").waitFor();
    await screenshot(page, "clients-saved-view-en");
    await page.keyboard.press("Escape");

    for (const locale of ["ru", "fa"] as const) {
      await chooseLanguage(page, locale);
      await page.getByTestId("clients-table").waitFor();
      await screenshot(page, `clients-saved-view-${locale}`);
    }
    await page.goto("/settings/custom-fields");
    await page.getByTestId("custom-field-row-Segment").waitFor();
    await screenshot(page, "custom-fields-fa");
    await context.close();
  });

  it("asks for a deal field when adding a deal, filters the deal list by it in the URL, and saves that view", async () => {
    const context = await newContext(chrome.browser, server.baseUrl, "en-US");
    const page = await context.newPage();
    await adminSession(page, server);
    await chooseLanguage(page, "en");

    await page.goto("/settings/custom-fields");
    await page.getByTestId("custom-fields-tab-deal").click();
    await page.getByTestId("custom-field-add").click();
    await page.getByTestId("custom-field-label").fill("Source");
    await page.getByTestId("custom-field-type").click();
    await page.getByRole("option", { name: "Choice from a list" }).click();
    await page.getByTestId("custom-field-options").fill("Tender");
    await page.keyboard.press("Enter");
    await page.getByTestId("custom-field-options").fill("Referral");
    await page.keyboard.press("Enter");
    await page.getByTestId("custom-field-submit").click();
    await page.getByTestId("custom-field-row-Source").waitFor();

    // The "Add deal" dialog has the field, as the deal's page does.
    await page.goto("/deals?view=list");
    await page.getByTestId("deals-table").waitFor();
    await page.getByTestId("deal-add").click();
    await page.getByTestId("deal-client").fill("Проверка");
    await page.getByRole("option", { name: /Проверка E2E/ }).first().click();
    await page.getByTestId("deal-title").fill("Тендер E2E");
    await page.getByTestId("deal-amount").fill("90000");
    await page.getByTestId("deal-custom-source").click();
    await page.getByRole("option", { name: "Tender" }).click();
    await screenshot(page, "deal-add-custom-en");
    await page.getByTestId("deal-submit").click();
    await page.getByTestId("deal-form").waitFor({ state: "detached" });

    // Filtered by it and searched: both in the URL, so a reload keeps them.
    const rows = () => page.getByTestId("deals-table").locator("tbody tr").count();
    await page.getByTestId("deals-filter-cf-source").click();
    await page.getByRole("option", { name: "Tender" }).click();
    await page.waitForURL(/cf\.source=Tender/);
    await expect.poll(rows).toBe(1);
    await page.getByTestId("deals-search").fill("Тендер");
    await page.waitForURL(/q=/);
    await page.reload();
    await page.getByTestId("deal-row-Тендер E2E").waitFor();
    expect(await page.getByTestId("deals-search").inputValue()).toBe("Тендер");
    await page.getByTestId("deal-row-Тендер E2E").getByRole("link").first().click();
    await expect.poll(() => page.getByTestId("deal-edit-custom-source").inputValue()).toBe("Tender");
    await page.goBack();

    // Saved as a view of deals, and opened again from the menu.
    await page.getByTestId("deals-views").click();
    await page.getByTestId("saved-view-save").click();
    await page.getByTestId("saved-view-name").fill("Tenders");
    await page.getByTestId("saved-view-submit").click();
    await expect.poll(() => page.getByTestId("deals-views").textContent()).toContain("Tenders");
    await page.goto("/deals?view=list");
    await expect.poll(rows).toBeGreaterThan(1);
    await page.getByTestId("deals-views").click();
    await page.getByTestId("saved-view-Tenders").click();
    await page.waitForURL(/cf\.source=Tender/);
    await expect.poll(rows).toBe(1);
    expect(await page.getByTestId("deals-search").inputValue()).toBe("Тендер");
    await context.close();
  });
});
