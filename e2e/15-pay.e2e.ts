import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, signInAsMember, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";

/*
 * Pay (M1.6, M5.14): the admin, acting as the head of sales, applies the conveyor preset (a scheme per level),
 * opens the month's payroll of the demo department, then one seller's lines and what is behind one of them.
 * A seller signs in and sees only their own pay: no department table, and another seller's pay answers 404.
 * Screens in Russian (schemes), English (payroll, a seller's lines) and Persian (my pay, right to left).
 */

const server = inject("server");
const chrome = useBrowser();
const sellerPassword = "seller-pay-password";

type Person = { id: string; name: string; role: string };
const sellers = (page: Page) =>
  page.evaluate(async () => {
    const people: { items: Array<{ id: string; name: string; role: string }> } = await (await fetch("/api/v1/people")).json();
    return people.items.filter((p) => p.role === "seller");
  });

describe("pay", () => {
  let adminContext: BrowserContext;
  let admin: Page;
  let demoSellers: Person[] = [];

  beforeAll(async () => {
    adminContext = await newContext(chrome.browser, server.baseUrl, "ru-RU");
    admin = await adminContext.newPage();
    await adminSession(admin, server);
    await chooseLanguage(admin, "ru");
  });
  afterAll(async () => {
    await adminContext?.close();
  });

  it("the head applies the conveyor preset and opens the payroll preview", async () => {
    await admin.getByTestId("nav-pay").click();
    await admin.getByTestId("pay-page").waitFor();
    await admin.getByTestId("pay-tab-schemes").click();
    const preset = admin.locator('[data-testid="pay-preset"][data-preset="conveyor"]');
    await preset.getByTestId("pay-preset-apply").click();
    await expect.poll(() => admin.getByTestId("pay-scheme").count()).toBeGreaterThanOrEqual(3);
    await admin.evaluate(() => window.scrollTo(0, 0));
    await screenshot(admin, "pay-schemes-ru");

    await chooseLanguage(admin, "en");
    await admin.getByTestId("pay-tab-payroll").click();
    const table = admin.getByTestId("pay-department");
    await table.waitFor();
    demoSellers = await sellers(admin);
    expect(demoSellers.length).toBeGreaterThan(1);
    expect(await admin.getByTestId("pay-department-row").count()).toBeGreaterThanOrEqual(demoSellers.length);
    // Every seller of the demo works a level, so every one of them has a scheme now.
    const withScheme = admin.locator('[data-testid="pay-department-row"][data-has-scheme="true"]');
    await expect.poll(() => withScheme.count()).toBeGreaterThan(0);
    await screenshot(admin, "pay-payroll-en");

    // A seller's lines; the first line with sources opens to the payments, deals or counts behind it.
    await withScheme.first().getByTestId("pay-open-seller").click();
    await admin.getByTestId("seller-pay").waitFor();
    expect(await admin.locator('[data-testid="pay-line"][data-kind="base"]').count()).toBe(1);
    const expand = admin.getByTestId("pay-line-expand").first();
    if ((await expand.count()) > 0) {
      await expand.click();
      await admin.getByTestId("pay-line-sources").waitFor();
    }
    await screenshot(admin, "pay-seller-en");
  });

  it("a seller sees only their own pay", async () => {
    const me = demoSellers[0];
    const other = demoSellers[1];
    expect(me && other).toBeTruthy();
    const { context, page } = await signInAsMember(admin, chrome, server, { name: me?.name ?? "", password: sellerPassword, locale: "fa-IR" });
    try {
      await page.getByTestId("nav-pay").click();
      await page.getByTestId("pay-page").waitFor();
      expect(await page.getByTestId("pay-tab-payroll").count()).toBe(0);
      const mine = page.getByTestId("seller-pay");
      await mine.waitFor();
      expect(await mine.getAttribute("data-seller")).toBe(me?.id);
      const statuses = await page.evaluate(async (ids) => {
        const month = new Date().toISOString().slice(0, 7);
        const own = await fetch(`/api/v1/pay/payroll/${ids.me}?month=${month}`);
        const foreign = await fetch(`/api/v1/pay/payroll/${ids.other}?month=${month}`);
        const department: { sellers: Array<{ seller: { id: string } }> } = await (await fetch(`/api/v1/pay/payroll?month=${month}`)).json();
        return { own: own.status, foreign: foreign.status, department: department.sellers.map((s) => s.seller.id) };
      }, { me: me?.id ?? "", other: other?.id ?? "" });
      expect(statuses).toEqual({ own: 200, foreign: 404, department: [me?.id] });
      await chooseLanguage(page, "fa");
      await mine.waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
      await screenshot(page, "pay-mine-fa");
    } finally {
      await context.close();
    }
  });
});
