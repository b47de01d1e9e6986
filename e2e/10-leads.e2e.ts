import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, expectDir, signInAsMember, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";

/*
 * Leads (M5.5): a visitor sends the demo's hosted web form; the head (the admin) watches it arrive in the
 * live queue, waiting with its seller and its SLA running, and opens its card. The seller signs in, finds the
 * lead, opens its client and logs a call — the first touch — and the lead moves to Touched in the head's queue.
 * The head takes a lead by phone through "New lead" (the server's field errors shown inline), gives it to another
 * seller by hand, and reads speed to lead. Screens of the queue (Russian, Persian right to left), the lead's card
 * and the speed report (English) and the new lead form (Russian).
 */

const server = inject("server");
const chrome = useBrowser();

/** Unique per run: the journey finds its own lead among the demo's. */
const run = Date.now().toString(36);
const visitor = {
  name: "Алина Зорина",
  company: `ООО «Лид E2E ${run}»`,
  phone: `+7916${String(Date.now()).slice(-7)}`,
  email: `alina-${run}@lead-e2e.test`,
  message: "Нужен расчёт на 40 т в месяц, доставка в Казань",
};
const byPhone = { name: "Пётр Звонков", company: `ООО «Звонок E2E ${run}»`, phone: `+7495${String(Date.now() + 1).slice(-7)}` };
const sellerPassword = "seller-leads-password";

/** The demo's hosted web form: its public key from the sources the admin may read. */
const demoFormKey = (page: Page) =>
  page.evaluate(async () => {
    const response = await fetch("/api/v1/lead-sources");
    const list: { items: Array<{ kind: string; enabled: boolean; publicKey: string; name: string }> } = await response.json();
    return list.items.find((source) => source.kind === "form" && source.enabled)?.publicKey ?? null;
  });

const leadRow = (page: Page, client: string) => page.locator(`[data-testid="lead-row"][data-client="${client}"]`);

const openQueue = async (page: Page, queue: "unassigned" | "waiting" | "escalated" | "touched" | "all") => {
  await page.getByTestId(`leads-tab-${queue}`).click();
  await page.locator(`[data-testid="leads-queue"][data-queue="${queue}"][data-ready="true"]`).waitFor();
};

describe("leads", () => {
  let adminContext: BrowserContext;
  let admin: Page;
  /** Who the web form's lead went to, as the queue shows it. */
  let sellerName = "";

  beforeAll(async () => {
    adminContext = await newContext(chrome.browser, server.baseUrl, "en-US");
    admin = await adminContext.newPage();
    await adminSession(admin, server);
    await chooseLanguage(admin, "en");
  });
  afterAll(async () => {
    await adminContext?.close();
  });

  it("a visitor's web form arrives in the head's queue, waiting with its seller and its SLA", async () => {
    // The head watches the queue before the lead arrives: it comes in by the queue's own refresh.
    await admin.getByTestId("nav-leads").click();
    await admin.locator('[data-testid="leads-queue"][data-queue="waiting"][data-ready="true"]').waitFor();
    expect(await admin.getByTestId("leads-scope").getAttribute("data-scope")).toBe("department");
    const waitingBefore = Number(await admin.getByTestId("leads-count-waiting").getAttribute("data-count"));

    const key = await demoFormKey(admin);
    expect(key).toBeTruthy();
    const visitorContext = await newContext(chrome.browser, server.baseUrl, "ru-RU");
    const form = await visitorContext.newPage();
    const landing = encodeURIComponent("https://polymer-e2e.example/price");
    await form.goto(`/f/${key ?? ""}?utm_source=e2e&utm_medium=cpc&utm_campaign=leads-journey&page=${landing}&referrer=${encodeURIComponent("https://search.example/?q=polymer")}`);
    await form.locator('[name="name"]').fill(visitor.name);
    await form.locator('[name="companyName"]').fill(visitor.company);
    await form.locator('[name="phone"]').fill(visitor.phone);
    await form.locator('[name="email"]').fill(visitor.email);
    await form.locator('[name="message"]').fill(visitor.message);
    await form.locator("#cf-consent").check();
    await form.locator("#cf-submit").click();
    await form.locator("#cf-done:not([hidden])").waitFor();
    expect(await form.locator("#cf-done").textContent()).toContain("Спасибо");
    await visitorContext.close();

    const row = leadRow(admin, visitor.company);
    await row.waitFor();
    expect(await row.getAttribute("data-status")).toBe("waiting");
    sellerName = (await row.getAttribute("data-assignee")) ?? "";
    expect(sellerName).not.toBe("");
    expect(await row.getByTestId("lead-assignee").textContent()).toContain(sellerName);
    expect(await row.getByTestId("lead-sla").getAttribute("data-sla")).toMatch(/^(on_time|reminded)$/);
    await expect.poll(async () => Number(await admin.getByTestId("leads-count-waiting").getAttribute("data-count"))).toBeGreaterThan(waitingBefore);

    // Its card: everything it carried, its client and its deal.
    await row.getByTestId("lead-open").click();
    const card = admin.getByTestId("lead-card");
    await card.waitFor();
    expect(await admin.getByTestId("lead-card-client").textContent()).toContain(visitor.company);
    expect(await admin.getByTestId("lead-card-message").textContent()).toContain(visitor.message);
    expect(await admin.getByTestId("lead-card-utm").textContent()).toContain("utm_campaign=leads-journey");
    expect(await card.textContent()).toContain("https://polymer-e2e.example/price");
    expect(await admin.getByTestId("lead-card-assignee").textContent()).toContain(sellerName);
    await admin.getByTestId("lead-open-deal").waitFor();
    await admin.locator('[data-testid="lead-history-entry"][data-cause="distribution"]').waitFor();
    await screenshot(admin, "lead-drawer-en");
    await admin.keyboard.press("Escape");
    await card.waitFor({ state: "detached" });
  });

  it("the seller finds the lead, calls the client, and the lead moves to Touched in the head's queue", async () => {
    const seller = await signInAsMember(admin, chrome, server, { name: sellerName, password: sellerPassword, locale: "ru-RU" });
    await seller.page.getByTestId("nav-leads").click();
    const row = leadRow(seller.page, visitor.company);
    await row.waitFor();
    await row.getByTestId("lead-open").click();
    await seller.page.getByTestId("lead-card").waitFor();
    await seller.page.getByTestId("lead-open-client").click();
    await seller.page.getByTestId("client-card").waitFor();
    expect(await seller.page.getByTestId("client-name").textContent()).toContain(visitor.company);

    // The first touch: a logged call.
    const entriesBefore = await seller.page.getByTestId("timeline-entry").count();
    await seller.page.getByTestId("activity-type-call").click();
    await seller.page.getByTestId("activity-outcome").fill("Дозвонились, отправим расчёт");
    await seller.page.getByTestId("activity-submit").click();
    await seller.page.waitForFunction((before) => document.querySelectorAll('[data-testid="timeline-entry"]').length > before, entriesBefore);
    await seller.context.close();

    await admin.getByTestId("nav-leads").click();
    await openQueue(admin, "touched");
    const touched = leadRow(admin, visitor.company);
    await touched.waitFor();
    expect(await touched.getAttribute("data-status")).toBe("touched");
    expect(await touched.getByTestId("lead-sla").getAttribute("data-sla")).toBe("touched");
    // The waiting tab may first show its cached rows; the refetch on opening it drops the touched lead.
    await openQueue(admin, "waiting");
    await expect.poll(() => leadRow(admin, visitor.company).count()).toBe(0);
  });

  it("the head takes a lead by phone, is told what to fix, and gives the lead to another seller by hand", async () => {
    await chooseLanguage(admin, "ru");
    await openQueue(admin, "waiting");
    await screenshot(admin, "leads-queue-ru");

    await admin.getByTestId("leads-add").click();
    await admin.getByTestId("new-lead-name").fill(byPhone.name);
    await admin.getByTestId("new-lead-companyName").fill(byPhone.company);
    await admin.getByTestId("new-lead-phone").fill(byPhone.phone);
    await admin.getByTestId("new-lead-email").fill("не-почта");
    await admin.getByTestId("new-lead-region").fill("Москва");
    await admin.getByTestId("new-lead-productInterest").fill("Гранулы ПЭНД");
    await admin.getByTestId("new-lead-message").fill("Позвонил сам, просит перезвонить после обеда");
    await admin.getByTestId("new-lead-submit").click();
    // problem+json: the email is explained under its field, no banner.
    const emailField = admin.getByTestId("new-lead-email");
    await expect.poll(() => emailField.getAttribute("aria-invalid")).toBe("true");
    expect(await admin.getByTestId("new-lead-error").count()).toBe(0);
    await screenshot(admin, "new-lead-modal-ru");

    await emailField.fill(`zvonkov-${run}@lead-e2e.test`);
    await admin.getByTestId("new-lead-submit").click();
    await admin.getByTestId("new-lead-form").waitFor({ state: "detached" });
    const card = admin.locator('[data-testid="lead-card"]', { hasText: byPhone.company });
    await card.waitFor();
    const before = ((await admin.getByTestId("lead-card-assignee").textContent()) ?? "").trim();

    // "Assign to…": another seller; the lead's route becomes "by hand".
    await admin.getByTestId("lead-assign-select").click();
    const option = admin.locator('[role="option"]:not([data-combobox-disabled])').first();
    const label = (await option.textContent()) ?? "";
    const chosen = label.split(" · ")[0]?.trim() ?? "";
    expect(chosen).not.toBe("");
    expect(chosen).not.toBe(before);
    await option.click();
    await admin.getByTestId("lead-assign-submit").click();
    await expect.poll(async () => (await admin.getByTestId("lead-card-assignee").textContent())?.trim()).toBe(chosen);
    await admin.locator('[data-testid="lead-history-entry"][data-cause="manual"]').waitFor();
    expect(await admin.getByTestId("lead-card-route").textContent()).toContain("Вручную");
    await admin.keyboard.press("Escape");
    await admin.getByTestId("lead-card").waitFor({ state: "detached" });
    const row = leadRow(admin, byPhone.company);
    await expect.poll(() => row.getAttribute("data-route")).toBe("manual");
    expect(await row.getAttribute("data-assignee")).toBe(chosen);

    await chooseLanguage(admin, "fa");
    await openQueue(admin, "waiting");
    await row.waitFor();
    await expectDir(admin, "rtl");
    await screenshot(admin, "leads-queue-fa");
  });

  it("speed to lead shows a row per seller and per source", async () => {
    await chooseLanguage(admin, "en");
    await admin.getByTestId("leads-nav-speed").click();
    await admin.getByTestId("speed-sla").waitFor();
    await expectDir(admin, "ltr");
    const sellerRows = admin.getByTestId("speed-table-seller").getByTestId("speed-row");
    const sourceRows = admin.getByTestId("speed-table-source").getByTestId("speed-row");
    await sellerRows.first().waitFor();
    expect(await sellerRows.count()).toBeGreaterThanOrEqual(1);
    expect(await admin.locator(`[data-testid="speed-row"][data-name="${sellerName}"]`).count()).toBeGreaterThanOrEqual(1);
    await sourceRows.first().waitFor();
    expect(await sourceRows.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-name")))).toEqual(
      expect.arrayContaining(["Форма на сайте"]),
    );
    await screenshot(admin, "leads-speed-en");
  });
});
