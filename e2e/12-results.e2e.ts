import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, expectDir, signInAsMember, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";

/*
 * Results (M5.1, M5.2, M2.3, M5.11, M5.15, M2.4): the head opens the dashboard of the demo department — plan lines paced
 * by working days, red below 100% of plan to date, the sellers' ranking — drills into the money received and sees the
 * payments, downloads the XLSX, chooses the widgets and the TV's refresh, watches the TV mode and leaves it, and reads
 * the funnel and the forecast. A seller signs in and sees only their personal view: their own row and rank.
 * Screens of the dashboard in Russian, English and Persian (right to left), the TV and the funnel (English) and the
 * forecast (Persian).
 */

const server = inject("server");
const chrome = useBrowser();
const sellerPassword = "seller-results-password";

type SellerRow = { userId: string; name: string; rank: number };
type DashboardBody = { period: { key: string }; plan: Array<{ plan: number | null }>; sellers: SellerRow[] };

/** A write (or a read whose body the journey does not need) from inside the signed-in page, with the session's CSRF token. */
const callApi = (page: Page, method: string, path: string, body?: unknown): Promise<number> =>
  page.evaluate(
    async ({ method, path, body }) => {
      const session: { csrfToken: string } = await (await fetch("/api/v1/auth/session")).json();
      const response = await fetch(path, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response.status;
    },
    { method, path, body },
  );

/** The viewer's default dashboard, as the API answers it. */
const dashboardOf = (page: Page): Promise<DashboardBody> =>
  page.evaluate(async () => {
    const dashboard: DashboardBody = await (await fetch("/api/v1/kpi/dashboard")).json();
    return dashboard;
  });

/** The ids of the organization's people with the seller role. */
const sellerIdsOf = (page: Page): Promise<string[]> =>
  page.evaluate(async () => {
    const list: { items: Array<{ id: string; role: string }> } = await (await fetch("/api/v1/users?limit=100")).json();
    return list.items.filter((user) => user.role === "seller").map((user) => user.id);
  });

/**
 * The demo department's plans for this month, unless it has some already: a revenue plan per seller (the first one
 * twice the others'), and the department's deals and calls, so that some lines are behind and some on track.
 */
const ensurePlans = async (page: Page) => {
  const dashboard = await dashboardOf(page);
  if (dashboard.plan.some((line) => line.plan !== null)) return;
  const items = dashboard.sellers.map((seller, index) => ({ scopeKind: "seller", scopeId: seller.userId, metric: "revenue", target: index === 0 ? 20_000_000_00 : 10_000_000_00 }));
  items.push({ scopeKind: "department", scopeId: "", metric: "deals_won", target: 100 }, { scopeKind: "department", scopeId: "", metric: "calls", target: 1000 });
  expect(await callApi(page, "PUT", "/api/v1/plans", { period: dashboard.period.key, items })).toBe(200);
};

const openDashboard = async (page: Page) => {
  await page.getByTestId("nav-results").click();
  await page.locator('[data-testid="kpi-dashboard"][data-ready="true"]').waitFor();
};

/** Every plan line is red below 100% of plan to date and green at or above it. */
const expectPaceColours = async (page: Page, line: string, value: string) => {
  const lines = page.getByTestId(line);
  const count = await lines.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const row = lines.nth(i);
    const toDate = Number(await row.getByTestId(value).getAttribute("data-value"));
    expect(await row.getAttribute("data-tone")).toBe(toDate < 100 ? "red" : "green");
  }
};

describe("results", () => {
  let adminContext: BrowserContext;
  let admin: Page;

  beforeAll(async () => {
    adminContext = await newContext(chrome.browser, server.baseUrl, "en-US");
    admin = await adminContext.newPage();
    await adminSession(admin, server);
    await chooseLanguage(admin, "en");
    await ensurePlans(admin);
  });
  afterAll(async () => {
    await adminContext?.close();
  });

  it("the head opens Results: plan lines with % of plan to date, working days, and the sellers' ranking", async () => {
    await openDashboard(admin);
    expect(await admin.getByTestId("kpi-dashboard").getAttribute("data-scope")).toBe("department");
    expect(await admin.getByTestId("kpi-scope-name").textContent()).toBe("Whole department");
    const days = admin.getByTestId("kpi-working-days");
    expect(Number(await days.getAttribute("data-total"))).toBeGreaterThan(15);
    expect(await days.textContent()).toMatch(/^\d+ of \d+ working days elapsed$/);
    await expectPaceColours(admin, "plan-line", "plan-completion-to-date");

    const sellers = admin.getByTestId("seller-row");
    expect(await sellers.count()).toBeGreaterThan(3);
    expect(await sellers.first().getAttribute("data-rank")).toBe("1");
    await admin.getByTestId("effectiveness").waitFor();
    await admin.getByTestId("revenue-chart").waitFor();
    await screenshot(admin, "results-dashboard-en");

    await chooseLanguage(admin, "ru");
    await admin.getByText("% плана на дату").first().waitFor();
    expect(await admin.getByTestId("kpi-scope-name").textContent()).toBe("Весь отдел");
    await screenshot(admin, "results-dashboard-ru");

    await chooseLanguage(admin, "fa");
    await expectDir(admin, "rtl");
    await admin.getByText("درصد برنامه تا امروز").first().waitFor();
    expect(await admin.getByTestId("kpi-scope-name").textContent()).toBe("کل واحد فروش");
    await screenshot(admin, "results-dashboard-fa");
    await chooseLanguage(admin, "en");
  });

  it("drills into the money received and sees the payments, each with its client", async () => {
    const revenue = Number(await admin.getByTestId("kpi-figure-revenue").getAttribute("data-value"));
    expect(revenue).toBeGreaterThan(0);
    await admin.getByTestId("kpi-drill-revenue").click();
    const list = admin.locator('[data-testid="drill-list"][data-metric="revenue"]');
    await list.waitFor();
    // The payments add up to the figure (the demo's month has fewer payments than one page).
    if ((await admin.getByTestId("drill-more").count()) === 0) {
      const amounts = await admin.getByTestId("drill-row").evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-amount"))));
      expect(amounts.reduce((a, b) => a + b, 0)).toBe(revenue);
    }
    expect(await admin.getByTestId("drill-client-link").first().getAttribute("href")).toMatch(/^\/clients\/[0-9a-f-]{36}$/);
    await admin.keyboard.press("Escape");
    await list.waitFor({ state: "detached" });

    // A count drills too: the deals won, each linking to its deal.
    await admin.getByTestId("kpi-drill-deals-won").click();
    await admin.locator('[data-testid="drill-list"][data-metric="deals_won"], [data-testid="drill-empty"]').first().waitFor();
    if ((await admin.getByTestId("drill-deal-link").count()) > 0) {
      expect(await admin.getByTestId("drill-deal-link").first().getAttribute("href")).toMatch(/^\/deals\/[0-9a-f-]{36}$/);
    }
    await admin.keyboard.press("Escape");
  });

  it("downloads the dashboard as XLSX for the same month and scope", async () => {
    const link = admin.getByTestId("kpi-export-dashboard");
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toContain("report=dashboard");
    expect(href).toMatch(/period=\d{4}-\d{2}/);
    const [download] = await Promise.all([admin.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^dashboard-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const head = await admin.evaluate(async (url) => {
      const response = await fetch(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { type: response.headers.get("content-type"), size: bytes.length, zip: String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0) };
    }, href);
    expect(head.type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(head.size).toBeGreaterThan(1000);
    // An XLSX is a zip archive.
    expect(head.zip).toBe("PK");
  });

  it("the head chooses the widgets and the TV's refresh, and everyone's dashboard follows", async () => {
    await admin.getByTestId("kpi-open-settings").click();
    const refresh = admin.getByTestId("kpi-settings-tv-refresh");
    const before = await refresh.inputValue();
    await admin.getByTestId("kpi-settings-widget-effectiveness").uncheck();
    await refresh.fill("45");
    await admin.getByTestId("kpi-settings-save").click();
    await admin.getByTestId("kpi-settings-form").waitFor({ state: "detached" });
    await admin.getByTestId("kpi-widget-effectiveness").waitFor({ state: "detached" });
    await admin.getByTestId("kpi-widget-sellers").waitFor();
    // The wall screen asks again at the new pace.
    await admin.getByTestId("kpi-open-tv").click();
    expect(await admin.getByTestId("tv-mode").getAttribute("data-refresh")).toBe("45");
    await admin.getByTestId("tv-exit").click();
    await admin.locator('[data-testid="kpi-dashboard"][data-ready="true"]').waitFor();

    // Back as it was: every widget, the refresh it had.
    await admin.getByTestId("kpi-open-settings").click();
    await admin.getByTestId("kpi-settings-widget-effectiveness").check();
    await admin.getByTestId("kpi-settings-tv-refresh").fill(before);
    await admin.getByTestId("kpi-settings-save").click();
    await admin.getByTestId("kpi-settings-form").waitFor({ state: "detached" });
    await admin.getByTestId("kpi-widget-effectiveness").waitFor();
  });

  it("TV mode covers the screen in large type, red below 100% to date, refreshes itself, and is left with one button", async () => {
    await admin.getByTestId("kpi-open-tv").click();
    const tv = admin.getByTestId("tv-mode");
    await tv.waitFor();
    await admin.getByTestId("tv-sellers").waitFor();
    expect(Number(await tv.getAttribute("data-refresh"))).toBeGreaterThanOrEqual(10);
    await expectPaceColours(admin, "tv-plan-line", "tv-completion-to-date");
    const big = await admin.getByTestId("tv-completion-to-date").first().evaluate((node) => parseFloat(getComputedStyle(node).fontSize));
    expect(big).toBeGreaterThanOrEqual(60);
    // It covers the app's frame: the navigation is underneath.
    const box = await tv.boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 1280, height: 800 });
    await screenshot(admin, "results-tv-en");

    await admin.getByTestId("tv-exit").click();
    await tv.waitFor({ state: "detached" });
    await admin.locator('[data-testid="kpi-dashboard"][data-ready="true"]').waitFor();
  });

  it("the funnel: stages, conversion against the norm, the weakest stage, lost reasons; the forecast by month and by week", async () => {
    await admin.getByTestId("kpi-nav-funnel").click();
    await admin.locator('[data-testid="kpi-funnel"][data-ready="true"]').waitFor();
    const stages = admin.getByTestId("funnel-stage");
    expect(await stages.count()).toBeGreaterThan(2);
    expect(await admin.getByTestId("funnel-overall").textContent()).toMatch(/%/);
    expect(await admin.getByTestId("kpi-export-funnel").getAttribute("href")).toContain("report=funnel");
    await screenshot(admin, "results-funnel-en");

    // The funnel of one channel's clients: fewer deals entered, and the download carries the channel.
    const enteredFirst = async () => Number(await stages.first().getAttribute("data-entered"));
    const allEntered = await enteredFirst();
    await admin.getByTestId("funnel-channel").click();
    await admin.getByRole("option", { name: "Сайт" }).click();
    await admin.waitForURL(/channel=/);
    await admin.locator('[data-testid="kpi-funnel"][data-ready="true"]').waitFor();
    await admin.getByTestId("funnel-pipeline-name").getByText("Сайт").waitFor();
    expect(await enteredFirst()).toBeLessThan(allEntered);
    expect(await admin.getByTestId("kpi-export-funnel").getAttribute("href")).toContain("channel=");

    await admin.getByTestId("kpi-nav-forecast").click();
    await admin.locator('[data-testid="kpi-forecast"][data-ready="true"]').waitFor();
    expect(await admin.getByTestId("forecast-bucket").count()).toBe(3);
    await admin.getByTestId("forecast-by").getByText("By week").click();
    await admin.locator('[data-testid="kpi-forecast"][data-by="week"][data-ready="true"]').waitFor();
    expect(await admin.getByTestId("forecast-bucket").count()).toBe(4);
    expect(await admin.getByTestId("kpi-export-forecast").getAttribute("href")).toContain("by=week");
    await admin.getByTestId("forecast-by").getByText("By month").click();
    await admin.locator('[data-testid="kpi-forecast"][data-by="month"][data-ready="true"]').waitFor();
    // Split by segment: a column per audience the open deals' clients belong to, each bucket's columns summing to its weighted money.
    await admin.getByTestId("forecast-split").click();
    await admin.getByRole("option", { name: "Segment (audience)" }).click();
    await admin.waitForURL(/split=segment/);
    await admin.locator('[data-testid="kpi-forecast"][data-ready="true"]').waitFor();
    await admin.getByTestId("forecast-group").getByText("Дистрибьюторы").waitFor();
    expect(await admin.getByTestId("kpi-export-forecast").getAttribute("href")).toContain("split=segment");

    await chooseLanguage(admin, "fa");
    await expectDir(admin, "rtl");
    await admin.getByText("پیش‌بینی دریافت‌ها").waitFor();
    await screenshot(admin, "results-forecast-fa");

    // The wall screen right to left.
    await admin.goto("/tv");
    await admin.getByTestId("tv-sellers").waitFor();
    await expectDir(admin, "rtl");
    expect(await admin.getByTestId("tv-exit").textContent()).toBe("خروج از حالت تلویزیون");
    await admin.getByTestId("tv-exit").click();
    await admin.locator('[data-testid="kpi-dashboard"][data-ready="true"]').waitFor();
    await chooseLanguage(admin, "en");
  });

  it("a seller sees only their personal view: their own row and their rank, no department", async () => {
    const department = await dashboardOf(admin);
    const sellerIds = new Set(await sellerIdsOf(admin));
    const chosen = department.sellers.find((row) => row.rank > 1 && sellerIds.has(row.userId));
    expect(chosen).toBeDefined();
    if (!chosen) return;

    const seller = await signInAsMember(admin, chrome, server, { name: chosen.name, password: sellerPassword, locale: "ru-RU" });
    await openDashboard(seller.page);
    expect(await seller.page.getByTestId("kpi-dashboard").getAttribute("data-scope")).toBe("seller");
    await seller.page.getByTestId("kpi-scope-personal").waitFor();
    expect(await seller.page.getByTestId("kpi-scope").count()).toBe(0);
    expect(await seller.page.getByTestId("kpi-open-settings").count()).toBe(0);
    const rows = seller.page.getByTestId("seller-row");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute("data-user")).toBe(chosen.userId);
    expect(await rows.first().getAttribute("data-rank")).toBe(String(chosen.rank));
    // Their place among all the department's sellers, though the others' rows stay hidden.
    await seller.page.getByTestId("kpi-widget-sellers-hint").waitFor();
    // The server refuses the department's figures to a seller, whatever the address says.
    expect(await callApi(seller.page, "GET", "/api/v1/kpi/dashboard?scope=department")).toBe(403);
    await seller.page.goto("/results?scope=department");
    await seller.page.getByRole("alert").waitFor();
    await seller.context.close();
  });
});
