import type { Browser, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, signIn, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";

/*
 * The conveyor (M1.4): the admin adds three sellers and puts them on L1, L2 and L3 on the
 * Department → People screen. The L1 seller adds a client and says "hot — hand over to L2"; the
 * L2 seller hears of it from the bell, finds it in their list, wins its first deal and records the
 * signed acceptance act, and the rule hands the client to L3. The admin sees L3, the L3 seller as
 * owner and both handovers in the timeline. Screens of the org chart, the rules with a preview,
 * the handover and level report, the advisors and the hand-over dialog, in Russian, English and
 * Persian (right to left).
 */

const server = inject("server");
const chrome = useBrowser();

const client = "ООО «Конвейер E2E»";
const deal = "Первая поставка E2E";
/** New sellers hold no clients, so the balance (least loaded first) picks them over the demo's. */
const sellers = {
  L1: { name: "Вера Ловцова", login: "vera", password: "vera-chooses-this" },
  L2: { name: "Глеб Сделкин", login: "gleb", password: "gleb-chooses-this" },
  L3: { name: "Дарья Фермерова", login: "darya", password: "darya-chooses-this" },
} as const;
type Level = keyof typeof sellers;

const levelLabels: Record<Level, string> = { L1: "L1 · Attraction", L2: "L2 · First deal", L3: "L3 · Account growth" };

/** A "YYYY-MM-DD" for today where the organization is: the act may not be signed in the future. */
const localDay = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);

/** Through the Users screen, as 02-team does; returns the email and the temporary password. */
const addSeller = async (admin: Page, { name, login }: { name: string; login: string }) => {
  await admin.getByTestId("users-add").click();
  const email = `${login}-${Date.now()}@conveyor-e2e.test`;
  await admin.getByTestId("add-user-email").fill(email);
  await admin.getByTestId("add-user-name").fill(name);
  await admin.getByTestId("temporary-password-generate").click();
  const temporaryPassword = await admin.getByTestId("temporary-password").inputValue();
  await admin.getByTestId("add-user-submit").click();
  await admin.getByTestId("user-created").waitFor();
  await admin.keyboard.press("Escape");
  await admin.getByTestId(`user-row-${email}`).waitFor();
  return { email, temporaryPassword };
};

/** On Department → People: the person's level, saved, and shown in their row. */
const putOnLevel = async (admin: Page, name: string, level: Level) => {
  await admin.getByTestId(`person-edit-${name}`).click();
  await admin.getByTestId("person-level").click();
  await admin.getByRole("option", { name: levelLabels[level] }).click();
  await admin.getByTestId("person-submit").click();
  await admin.getByTestId("person-form").waitFor({ state: "detached" });
  await admin.getByTestId(`people-row-${name}`).locator(`[data-level="${level}"]`).waitFor();
};

/** The seller's first sign-in: the temporary password must be changed before anything else. */
const firstSignIn = async (browser: Browser, locale: string, email: string, temporaryPassword: string, password: string) => {
  const context = await newContext(browser, server.baseUrl, locale);
  const page = await context.newPage();
  await signIn(page, email, temporaryPassword);
  await page.getByTestId("change-password-current").fill(temporaryPassword);
  await page.getByTestId("change-password-new").fill(password);
  await page.getByTestId("change-password-confirm").fill(password);
  await page.getByTestId("change-password-submit").click();
  await page.getByTestId("app-shell").waitFor();
  return { context, page };
};

const expectRtl = async (page: Page, locale: "ru" | "en" | "fa") =>
  expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === "fa" ? "rtl" : "ltr");

describe("the conveyor", () => {
  it("hands a client from L1 to L2 by the seller's word and to L3 by the signed act", async () => {
    const adminContext = await newContext(chrome.browser, server.baseUrl, "en-US");
    const admin = await adminContext.newPage();
    await adminSession(admin, server);
    await chooseLanguage(admin, "en");

    // Three new sellers, one per level.
    await admin.getByTestId("nav-users").click();
    const accounts = {
      L1: await addSeller(admin, sellers.L1),
      L2: await addSeller(admin, sellers.L2),
      L3: await addSeller(admin, sellers.L3),
    };
    await admin.getByTestId("nav-department").click();
    await admin.getByTestId("department-nav-people").click();
    await admin.getByTestId("people-table").waitFor();
    for (const level of ["L1", "L2", "L3"] as const) await putOnLevel(admin, sellers[level].name, level);

    // The L1 seller, in a Russian browser: a new client of their level, qualified as hot.
    const hunter = await firstSignIn(chrome.browser, "ru-RU", accounts.L1.email, accounts.L1.temporaryPassword, sellers.L1.password);
    await hunter.page.getByTestId("nav-clients").click();
    await hunter.page.getByTestId("clients-add").click();
    await hunter.page.getByTestId("add-client-name").fill(client);
    await hunter.page.getByTestId("add-client-level").click();
    await hunter.page.getByRole("option", { name: "L1 · Привлечение" }).click();
    await hunter.page.getByTestId("add-client-submit").click();
    await hunter.page.getByTestId("client-card").waitFor();
    const cardPath = new URL(hunter.page.url()).pathname;
    expect(await hunter.page.getByTestId("level-badge").getAttribute("data-level")).toBe("L1");

    const handOver = hunter.page.getByTestId("hand-over-button");
    expect(await handOver.textContent()).toContain("Клиент горячий — передать на L2");
    await handOver.click();
    await hunter.page.getByTestId("handover-modal").waitFor();
    // A seller does not choose: the balance proposes the least loaded L2 seller.
    await expect.poll(() => hunter.page.getByTestId("handover-suggested").textContent()).toContain(sellers.L2.name);
    await hunter.page.getByTestId("handover-comment").fill("Готовы купить в этом квартале");
    await screenshot(hunter.page, "handover-modal-ru");
    await hunter.page.getByTestId("handover-submit").click();
    await hunter.page.getByTestId("handover-modal").waitFor({ state: "detached" });
    await expect.poll(() => hunter.page.getByTestId("level-badge").getAttribute("data-level")).toBe("L2");
    await hunter.context.close();

    // The L2 seller hears of it from the bell and finds it in their list at L2.
    const closer = await firstSignIn(chrome.browser, "en-US", accounts.L2.email, accounts.L2.temporaryPassword, sellers.L2.password);
    await expect.poll(async () => Number(await closer.page.getByTestId("notifications-count").getAttribute("data-count"))).toBeGreaterThanOrEqual(1);
    await closer.page.getByTestId("notifications-bell").click();
    const notice = closer.page.locator('[data-testid="notification-item"][data-kind="handover_received"]', { hasText: client });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(sellers.L1.name);
    await closer.page.keyboard.press("Escape");

    await closer.page.getByTestId("nav-clients").click();
    await closer.page.getByTestId("clients-filter-level").click();
    await closer.page.getByRole("option", { name: /^L2 · First deal/ }).click();
    await closer.page.waitForURL(/level=L2/);
    await closer.page.getByTestId(`client-row-${client}`).getByRole("link").first().click();
    await closer.page.getByTestId("client-card").waitFor();
    expect(await closer.page.getByTestId("client-owner").textContent()).toContain(sellers.L2.name);

    // Its first deal, won, and the acceptance act signed today.
    await closer.page.getByTestId("client-deal-add").click();
    await closer.page.getByTestId("deal-title").fill(deal);
    await closer.page.getByTestId("deal-amount").fill("180000");
    await closer.page.getByTestId("deal-submit").click();
    await closer.page.getByTestId(`client-deal-${deal}`).getByRole("link").click();
    await closer.page.getByTestId("deal-page").waitFor();
    await closer.page.getByTestId("deal-page-move-Выиграна").click();
    await expect.poll(() => closer.page.getByTestId("deal-stage").textContent()).toContain("Выиграна");
    const timeZone = await closer.page.evaluate(async () => {
      const session: { organization: { timeZone: string } } = await (await fetch("/api/v1/auth/session")).json();
      return session.organization.timeZone;
    });
    await closer.page.getByTestId("deal-edit-acceptance").fill(localDay(new Date(), timeZone));
    // The act's save runs the rules in the same transaction: once it answers, the client has moved.
    const [saved] = await Promise.all([
      closer.page.waitForResponse((r) => r.request().method() === "PATCH" && new URL(r.url()).pathname.startsWith("/api/v1/deals/")),
      closer.page.getByTestId("deal-save").click(),
    ]);
    expect(saved.ok()).toBe(true);
    await closer.context.close();

    // The admin: the client is at L3 with the L3 seller, and the timeline tells both handovers.
    await admin.goto(cardPath);
    await admin.getByTestId("client-card").waitFor();
    expect(await admin.getByTestId("level-badge").getAttribute("data-level")).toBe("L3");
    expect(await admin.getByTestId("client-owner").textContent()).toContain(sellers.L3.name);
    expect(await admin.getByTestId("hand-over-button").count()).toBe(0);
    // The timeline loads after the card: polled.
    const reasons = () => admin.getByTestId("timeline-handover").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-reason")).sort());
    await expect.poll(reasons).toEqual(["acceptance_act", "manual"]);
    expect(await admin.getByTestId("timeline").textContent()).toContain("Готовы купить в этом квартале");

    // The screens: org chart and rules with a preview (en) ...
    await admin.goto("/department");
    await admin.getByTestId("org-chart-structure").waitFor();
    await screenshot(admin, "org-chart-en");
    await openRulePreview(admin);
    await screenshot(admin, "handover-rules-en");
    await admin.keyboard.press("Escape");

    // ... and the rest in Russian and Persian.
    for (const locale of ["ru", "fa"] as const) {
      await chooseLanguage(admin, locale);
      await expectRtl(admin, locale);
      await admin.goto("/department");
      await admin.getByTestId("org-chart-structure").waitFor();
      await screenshot(admin, `org-chart-${locale}`);

      await admin.getByTestId("department-nav-handovers").click();
      await admin.getByTestId("level-counts").waitFor();
      await admin.locator(`[data-testid="handover-row"][data-company="${client}"]`).first().waitFor();
      expect(await admin.locator(`[data-testid="handover-row"][data-company="${client}"]`).count()).toBe(2);
      await screenshot(admin, `handovers-${locale}`);

      await admin.getByTestId("department-nav-advisors").click();
      await admin.getByTestId("staffing-table").waitFor();
      await admin.getByTestId("restructure-verdict").waitFor();
      await screenshot(admin, `advisors-${locale}`);
      await expectRtl(admin, locale);
    }
    await openRulePreview(admin);
    await expectRtl(admin, "fa");
    await screenshot(admin, "handover-rules-fa");
    await admin.keyboard.press("Escape");
    await adminContext.close();
  });
});

/** The rules page with the switched-off "second order" rule opened and its preview run: whom it would move. */
const openRulePreview = async (admin: Page) => {
  await admin.goto("/department/rules");
  const row = admin.locator('[data-testid^="rule-row-"]:not([data-enabled])').first();
  await row.getByTestId("rule-actions").click();
  await admin.getByTestId("rule-edit").click();
  await admin.getByTestId("rule-preview-run").click();
  await admin.getByTestId("rule-preview").waitFor();
};
