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
    await expect.poll(() => admin.getByTestId("pay-scheme").count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
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
    await expect.poll(() => withScheme.count(), { timeout: 20_000 }).toBeGreaterThan(0);
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

  it("the head edits a scheme's curve and base and assigns it to a person; the payroll follows", async () => {
    await chooseLanguage(admin, "en");
    await admin.getByTestId("pay-tab-schemes").click();
    const ids = await admin.evaluate(async () => {
      const schemes: { items: Array<{ id: string; name: string; assignments: Array<{ targetKind: string; targetValue: string }> }> } = await (await fetch("/api/v1/pay/schemes")).json();
      const l2 = schemes.items.find((s) => s.assignments.some((a) => a.targetKind === "level" && a.targetValue === "L2"));
      const people: { items: Array<{ userId: string; level: string | null }> } = await (await fetch("/api/v1/conveyor/people")).json();
      return { l2: l2?.id ?? "", l2Name: l2?.name ?? "", people: people.items };
    });
    expect(ids.l2).not.toBe("");
    // An L1 seller who will be paid by the L2 scheme from now on (a person's scheme wins over the level's).
    const target = demoSellers.find((s) => ids.people.some((p) => p.userId === s.id && p.level === "L1")) ?? demoSellers[0];
    const card = admin.locator(`[data-testid="pay-scheme"][data-scheme="${ids.l2}"]`);
    await card.getByTestId("pay-scheme-edit").click();
    const editor = card.getByTestId("pay-version-editor");
    const curve = editor.getByTestId("pay-curve").first();
    // A threshold above the first point is refused, the message under the threshold field.
    await curve.getByTestId("pay-curve-threshold").fill("90");
    await editor.getByTestId("pay-version-save").click();
    await expect.poll(() => curve.getByText("The threshold must not be above the first point").count(), { timeout: 20_000 }).toBe(1);
    await curve.getByTestId("pay-curve-threshold").fill("50");
    await curve.getByTestId("pay-curve-point-completion").first().fill("50");
    await curve.getByTestId("pay-curve-point-coefficient").first().fill("0.5");
    await editor.getByTestId("pay-editor-base").fill("123456");
    await screenshot(admin, "pay-scheme-en");
    await editor.getByTestId("pay-version-save").click();
    await expect.poll(() => card.getByTestId("pay-scheme-summary").textContent(), { timeout: 20_000 }).toContain("50% → 0.5");

    await card.getByTestId("pay-scheme-assign").click();
    const assignments = card.getByTestId("pay-assignments-editor");
    await assignments.getByTestId("pay-assignment-add").click();
    await assignments.getByTestId("pay-assignment-value").last().click();
    await admin.getByRole("option", { name: target?.name ?? "" }).click();
    await assignments.getByTestId("pay-assignments-save").click();
    await expect.poll(() => card.getByTestId("pay-scheme-target").allTextContents(), { timeout: 20_000 }).toContain(`Person: ${target?.name ?? ""}`);

    await admin.getByTestId("pay-tab-payroll").click();
    const row = admin.locator(`[data-testid="pay-department-row"][data-seller="${target?.id ?? ""}"]`);
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain(ids.l2Name);
    // The new base, pro-rated by the working days the seller worked this month (the demo has absences), is on the row.
    const month = (await admin.getByTestId("pay-month-label").getAttribute("data-month")) ?? "";
    const base = await admin.evaluate(
      async ({ sellerId, month }) => {
        const payroll: { lines: Array<{ kind: string; amountMinor: number; figures: Record<string, number> }> } = await (
          await fetch(`/api/v1/pay/payroll/${sellerId}?month=${month}`)
        ).json();
        return payroll.lines.find((line) => line.kind === "base");
      },
      { sellerId: target?.id ?? "", month },
    );
    expect(base?.figures["baseSalaryMinor"]).toBe(123_456_00);
    await expect.poll(async () => (await row.textContent())?.replace(/\D/g, ""), { timeout: 20_000 }).toContain(String(base?.amountMinor));

    for (const locale of ["ru", "fa"] as const) {
      await chooseLanguage(admin, locale);
      await admin.getByTestId("pay-tab-schemes").click();
      // The editor opened for the Russian picture stays open across the language switch.
      if ((await card.getByTestId("pay-version-editor").count()) === 0) await card.getByTestId("pay-scheme-edit").click();
      await card.getByTestId("pay-version-editor").waitFor();
      if (locale === "fa") expect(await admin.evaluate(() => document.documentElement.dir)).toBe("rtl");
      await screenshot(admin, `pay-scheme-${locale}`);
    }
    await chooseLanguage(admin, "en");
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
