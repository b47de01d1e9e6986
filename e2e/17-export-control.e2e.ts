import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, signInAsMember, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";

/*
 * [anti-leak] Export control (M1.5): the admin lets sellers export with approval above 10 rows; a demo seller asks
 * for the export of their client list, which is larger; the head of sales approves it in the approvals list; the
 * seller downloads it once, watermarked with their name. Screens: the settings (English), the approvals (Russian,
 * English), the seller's requests (Persian, right to left).
 */

const server = inject("server");
const chrome = useBrowser();
const sellerPassword = "seller-export-password";
const headPassword = "head-export-password";

type Person = { id: string; name: string; role: string };

/** A demo seller with more than 10 clients, and the demo's head of sales, by the API the screens read. */
const demoPeople = (page: Page) =>
  page.evaluate(async () => {
    const people: { items: Person[] } = await (await fetch("/api/v1/people")).json();
    const head = people.items.find((p) => p.role === "head_of_sales") ?? null;
    for (const person of people.items.filter((p) => p.role === "seller")) {
      const page: { total: number } = await (await fetch(`/api/v1/companies?ownerId=${person.id}&limit=1`)).json();
      if (page.total > 10) return { seller: person, head };
    }
    return { seller: null, head };
  });

/** Puts the export settings back as the other journeys expect them. */
const restoreSettings = (page: Page) =>
  page.evaluate(async () => {
    const session: { csrfToken: string } = await (await fetch("/api/v1/auth/session")).json();
    await fetch("/api/v1/exports/settings", {
      method: "PUT",
      headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
      body: JSON.stringify({ exportRoles: ["admin", "head_of_sales"], approvalThreshold: 1000 }),
    });
  });

describe("export control", () => {
  let adminContext: BrowserContext;
  let admin: Page;
  const others: BrowserContext[] = [];

  beforeAll(async () => {
    adminContext = await newContext(chrome.browser, server.baseUrl, "en-US");
    admin = await adminContext.newPage();
    await adminSession(admin, server);
    await chooseLanguage(admin, "en");
  });
  afterAll(async () => {
    if (admin) await restoreSettings(admin);
    for (const context of others) await context.close();
    await adminContext?.close();
  });

  it("a seller asks for a large export, the head approves it, the seller downloads it once", async () => {
    // The admin lets sellers export, with approval above 10 rows.
    await admin.getByTestId("nav-exports").click();
    await admin.getByTestId("export-control-page").waitFor();
    await admin.getByTestId("export-tab-settings").click();
    await admin.getByTestId("export-settings").waitFor();
    await admin.getByTestId("export-setting-exportRoles-seller").check();
    await admin.getByTestId("export-setting-approvalThreshold").fill("10");
    await admin.getByTestId("export-settings-save").click();
    await expect.poll(() => admin.evaluate(async () => ((await (await fetch("/api/v1/exports/settings")).json()) as { approvalThreshold: number }).approvalThreshold)).toBe(10);
    await screenshot(admin, "export-control-settings-en");

    const { seller, head } = await demoPeople(admin);
    expect(seller).not.toBeNull();
    expect(head).not.toBeNull();

    // The seller, in Persian, exports their client list: too many rows, so the request dialog opens.
    const asSeller = await signInAsMember(admin, chrome, server, { name: seller?.name ?? "", password: sellerPassword, locale: "fa-IR" });
    others.push(asSeller.context);
    const sellerPage = asSeller.page;
    await chooseLanguage(sellerPage, "fa");
    await sellerPage.getByTestId("nav-clients").click();
    await sellerPage.getByTestId("clients-export").click();
    await sellerPage.getByTestId("clients-export-csv").click();
    await sellerPage.getByTestId("export-request-reason").waitFor();
    await sellerPage.getByTestId("export-request-reason").fill("تماس‌های هفته");
    await sellerPage.getByTestId("export-request-submit").click();
    await sellerPage.getByTestId("export-request-reason").waitFor({ state: "hidden" });

    // The head of sales sees it in the approvals list and approves.
    const asHead = await signInAsMember(admin, chrome, server, { name: head?.name ?? "", password: headPassword, locale: "ru-RU" });
    others.push(asHead.context);
    const headPage = asHead.page;
    await chooseLanguage(headPage, "ru");
    await headPage.getByTestId("nav-exports").click();
    const pending = headPage.locator('[data-testid="export-request-row"][data-status="pending"]', { hasText: seller?.name ?? "" });
    await pending.first().waitFor();
    await screenshot(headPage, "export-control-approvals-ru");
    await pending.first().getByTestId("export-approve").click();
    await headPage.locator('[data-testid="export-request-row"][data-status="approved"]', { hasText: seller?.name ?? "" }).first().waitFor();

    // The admin's approvals list, in English, shows the decision.
    await admin.getByTestId("nav-exports").click();
    await admin.getByTestId("export-tab-approvals").click();
    await admin.locator('[data-testid="export-request-row"][data-status="approved"]').first().waitFor();
    await screenshot(admin, "export-control-approvals-en");

    // The seller downloads the approved file once; it carries their name.
    await sellerPage.getByTestId("nav-exports").click();
    const approved = sellerPage.locator('[data-testid="export-request-row"][data-status="approved"]');
    await approved.first().waitFor();
    await screenshot(sellerPage, "export-control-mine-fa");
    expect(await sellerPage.evaluate(() => document.documentElement.dir)).toBe("rtl");
    const [download] = await Promise.all([sellerPage.waitForEvent("download"), approved.first().getByTestId("export-download").click()]);
    expect(download.suggestedFilename()).toMatch(/^clients-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const text = readFileSync(path, "utf8");
    expect(text).toContain(`· ${seller?.name ?? ""} <`);
    expect(text.split("\n").length).toBeGreaterThan(11);
    await sellerPage.locator('[data-testid="export-request-row"][data-status="downloaded"]').first().waitFor();
    expect(await sellerPage.getByTestId("export-download").count()).toBe(0);
  });
});
