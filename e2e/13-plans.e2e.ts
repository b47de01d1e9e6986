import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, expectDir, signIn, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";

/*
 * Plans and working days (M2.3, M5.2, M5.9) as the head of sales keeps them: a seller's revenue plan typed into the
 * grid and saved, its % of plan to date shown as the server counts it; the department's plan split by last quarter's
 * share (an absent seller's share pro-rated), previewed and applied; the month copied to the next; a day of the
 * working-day calendar made a day off, the month's working days one fewer, and given back. A seller reads their own
 * plan and nobody else's. Screens in Russian, English and Persian (right to left).
 */

const server = inject("server");
const chrome = useBrowser();

type Plan = { id: string; scopeKind: string; scopeId: string; metric: string; target: number; fact: number | null; completionToDate: number | null };
type PlanList = { period: { key: string; start: string; end: string; workingDays: number }; items: Plan[] };
type Calendar = { year: number; coverage: string; months: Array<{ month: number; workingDays: number; days: Array<{ date: string; kind: string; overridden: boolean }> }> };
type User = { id: string; name: string; email: string; role: string; status: string };

const sellerPassword = "plans-seller-chooses-this";

/** A read (`GET`) or a write from inside the signed-in page, with the session's CSRF token; answers the status and body. */
const callApi = async <T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> =>
  page.evaluate(
    async ({ method, path, body }) => {
      const session: { csrfToken: string } = await (await fetch("/api/v1/auth/session")).json();
      const response = await fetch(path, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );

const read = async <T>(page: Page, path: string): Promise<T> => {
  const answer = await callApi<T>(page, "GET", path);
  expect(answer.status, path).toBe(200);
  return answer.body;
};

const textOf = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? "").trim();

const openSection = async (page: Page, section: "plans" | "calendar") => {
  await page.getByTestId("nav-results").click();
  await page.getByTestId(`kpi-nav-${section}`).click();
  await page.waitForURL(`**/results/${section}`);
  await page.getByTestId(section === "plans" ? "plans-grid" : "calendar-months").waitFor();
};

/** Screens are pictured from their top, whatever the journey scrolled to. */
const toTop = (page: Page, testId: string) =>
  page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.scrollIntoView({ block: "start" }), testId);

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe("plans and working days", () => {
  let adminContext: BrowserContext;
  let admin: Page;
  let seller: User;
  let absent: User;

  beforeAll(async () => {
    adminContext = await newContext(chrome.browser, server.baseUrl, "en-US");
    admin = await adminContext.newPage();
    await adminSession(admin, server);
    await chooseLanguage(admin, "en");
    const users = await read<{ items: User[] }>(admin, "/api/v1/users?limit=100");
    const named = (name: string) => users.items.filter((u) => u.name === name).length;
    const sellers = users.items.filter((u) => u.role === "seller" && u.status === "active" && named(u.name) === 1);
    const [first, second] = sellers;
    if (!first || !second) throw new Error("the demo has no two sellers");
    seller = first;
    absent = second;
  });
  afterAll(async () => {
    await adminContext?.close();
  });

  it("the head types a seller's revenue plan into the grid, saves it and sees the % of plan to date", async () => {
    await openSection(admin, "plans");
    // The demo department comes with plans: the department's revenue has its fact and % to date.
    const department = admin.getByTestId("plan-cell-department-department-revenue");
    expect(await department.getAttribute("data-planned")).toBe("true");
    await department.getByTestId("plan-completion").waitFor();

    const cell = admin.getByTestId(`plan-cell-seller-${seller.id}-revenue`);
    await cell.getByTestId("plan-input").fill("1234567");
    await admin.getByTestId("plans-save-bar").waitFor();
    expect(await textOf(admin, "plans-changes")).toBe("1 change not saved");
    const [response] = await Promise.all([
      admin.waitForResponse((r) => r.request().method() === "PUT" && new URL(r.url()).pathname === "/api/v1/plans"),
      admin.getByTestId("plans-save").click(),
    ]);
    expect(response.status()).toBe(200);
    await admin.getByTestId("plans-save-bar").waitFor({ state: "detached" });

    // Saved in minor units; the cell shows the server's % to date, red below 100.
    const list = await read<PlanList>(admin, "/api/v1/plans");
    const saved = list.items.find((p) => p.scopeKind === "seller" && p.scopeId === seller.id && p.metric === "revenue");
    expect(saved).toMatchObject({ target: 1_234_567_00 });
    if (saved?.completionToDate === null || saved?.completionToDate === undefined) throw new Error("no % of plan to date");
    const badge = cell.getByTestId("plan-completion");
    await badge.waitFor();
    expect(((await badge.textContent()) ?? "").replace(/\s/g, "")).toBe(`${Math.round(saved.completionToDate)}%`);
    expect(await badge.getAttribute("data-tone")).toBe(saved.completionToDate < 100 ? "behind" : "on_track");
    await toTop(admin, "plans-page");
    await screenshot(admin, "plans-grid-en");

    // A plan removed from its cell is gone from the server too.
    const meetings = admin.getByTestId(`plan-cell-seller-${seller.id}-meetings`);
    if ((await meetings.getAttribute("data-planned")) !== "true") {
      await meetings.getByTestId("plan-input").fill("12");
      await admin.getByTestId("plans-save").click();
      await admin.getByTestId("plans-save-bar").waitFor({ state: "detached" });
      await expect.poll(() => meetings.getAttribute("data-planned")).toBe("true");
    }
    await meetings.getByTestId("plan-remove").click();
    await admin.getByTestId("plan-remove-submit").click();
    await expect.poll(() => meetings.getAttribute("data-planned")).toBe("false");
    const after = await read<PlanList>(admin, "/api/v1/plans");
    expect(after.items.some((p) => p.scopeKind === "seller" && p.scopeId === seller.id && p.metric === "meetings")).toBe(false);
  });

  it("splits the department's revenue plan by last quarter's share, pro-rated for an absence, and applies it", async () => {
    const list = await read<PlanList>(admin, "/api/v1/plans");
    const total = list.items.find((p) => p.scopeKind === "department" && p.metric === "revenue")?.target;
    if (!total) throw new Error("the demo has no department revenue plan");
    // A week away in the middle of the month: fewer present working days, a smaller share.
    const startsOn = addDays(list.period.start, 14);
    expect((await callApi(admin, "POST", "/api/v1/absences", { userId: absent.id, kind: "vacation", startsOn, endsOn: addDays(startsOn, 6) })).status).toBe(201);

    await admin.getByTestId("plans-split-open").click();
    await admin.getByTestId("split-form").waitFor();
    await admin.getByTestId("split-method-last_quarter").click();
    const [response] = await Promise.all([
      admin.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/plans/split"),
      admin.getByTestId("split-preview-submit").click(),
    ]);
    const preview: { applied: boolean; items: Array<{ userId: string; target: number; presentWorkingDays: number }> } = await response.json();
    expect(preview.applied).toBe(false);
    expect(preview.items.reduce((sum, item) => sum + item.target, 0)).toBe(total);
    await admin.getByTestId("split-preview").waitFor();
    expect(await admin.locator('[data-testid^="split-line-"]').count()).toBe(preview.items.length);
    const away = admin.getByTestId(`split-line-${absent.id}`);
    await away.getByTestId("split-prorated").waitFor();
    const awayDays = preview.items.find((item) => item.userId === absent.id)?.presentWorkingDays;
    expect(awayDays).toBeLessThan(list.period.workingDays);
    expect(await away.getByTestId("split-present").textContent()).toBe(`${awayDays} of ${list.period.workingDays}`);
    await screenshot(admin, "plans-split-en");

    await admin.getByTestId("split-apply").click();
    await admin.getByTestId("split-form").waitFor({ state: "detached" });
    const applied = await read<PlanList>(admin, "/api/v1/plans");
    for (const item of preview.items) {
      expect(applied.items.find((p) => p.scopeKind === "seller" && p.scopeId === item.userId && p.metric === "revenue")?.target).toBe(item.target);
    }
  });

  it("copies this month's plans to the next, saying first how many", async () => {
    const list = await read<PlanList>(admin, "/api/v1/plans");
    await admin.getByTestId("plans-copy-open").click();
    const summary = admin.getByTestId("copy-summary");
    await summary.waitFor();
    const copied = Number(await summary.getAttribute("data-copied"));
    expect(copied + Number(await summary.getAttribute("data-kept"))).toBe(list.items.length);
    const [response] = await Promise.all([
      admin.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/plans/copy"),
      admin.getByTestId("copy-submit").click(),
    ]);
    expect(await response.json()).toEqual({ copied, kept: list.items.length - copied });
    await admin.getByTestId("copy-form").waitFor({ state: "detached" });

    await admin.getByTestId("plans-period-next").click();
    await expect.poll(() => admin.getByTestId("plans-period").getAttribute("data-period")).not.toBe(list.period.key);
    const next = await read<PlanList>(admin, `/api/v1/plans?period=${await admin.getByTestId("plans-period").getAttribute("data-period")}`);
    expect(next.items.length).toBe(list.items.length);
    await expect.poll(() => admin.getByTestId(`plan-cell-seller-${absent.id}-revenue`).getAttribute("data-planned")).toBe("true");
    await admin.getByTestId("plans-period-current").click();
    await expect.poll(() => admin.getByTestId("plans-period").getAttribute("data-period")).toBe(list.period.key);
  });

  it("the plans grid in Russian and in Persian, right to left", async () => {
    await chooseLanguage(admin, "ru");
    await admin.getByTestId("plans-grid").waitFor();
    expect(await textOf(admin, "plans-column-revenue")).toContain("% плана на дату");
    expect(await admin.getByTestId("plans-split-open").textContent()).toBe("Разбить план");
    await expectDir(admin, "ltr");
    await toTop(admin, "plans-page");
    await screenshot(admin, "plans-grid-ru");
    await chooseLanguage(admin, "fa");
    await admin.getByTestId("plans-grid").waitFor();
    await expectDir(admin, "rtl");
    expect(await textOf(admin, "plans-column-revenue")).toContain("عملکرد");
    await toTop(admin, "plans-page");
    await screenshot(admin, "plans-grid-fa");
    await chooseLanguage(admin, "en");
  });

  it("a day made a day off takes one working day from its month, and given back returns it", async () => {
    await openSection(admin, "calendar");
    const calendar = await read<Calendar>(admin, "/api/v1/calendar");
    // The warning says so whenever the year has no full official calendar.
    const coverage = await admin.getByTestId("calendar-coverage").getAttribute("data-coverage");
    expect(coverage).toBe(calendar.coverage);
    expect(await admin.getByTestId("calendar-warning").count()).toBe(calendar.coverage === "official" ? 0 : 1);

    const month = calendar.months.find((m) => m.days.some((d) => d.kind === "working" && !d.overridden));
    const day = month?.days.find((d) => d.kind === "working" && !d.overridden && new Date(`${d.date}T00:00:00Z`).getUTCDay() !== 6);
    if (!month || !day) throw new Error("no working day this year");
    const total = admin.getByTestId(`calendar-month-${month.month}-working`);
    expect(Number(await total.getAttribute("data-count"))).toBe(month.workingDays);

    const cell = admin.getByTestId(`calendar-day-${day.date}`);
    await cell.click();
    await admin.getByTestId("calendar-day-form").waitFor();
    await admin.getByTestId("calendar-day-kind-day_off").click();
    await admin.getByTestId("calendar-day-note").fill("День компании");
    await admin.getByTestId("calendar-day-save").click();
    await admin.getByTestId("calendar-day-form").waitFor({ state: "detached" });
    await expect.poll(() => total.getAttribute("data-count")).toBe(String(month.workingDays - 1));
    expect(await cell.getAttribute("data-overridden")).toBe("true");
    // A day off of the organization's own counts as a day of rest, whatever the country's calendar said.
    const changed = await read<Calendar>(admin, "/api/v1/calendar");
    const kind = changed.months.flatMap((m) => m.days).find((d) => d.date === day.date)?.kind;
    expect(["weekend", "holiday"]).toContain(kind);
    expect(await cell.getAttribute("data-kind")).toBe(kind);
    expect(await total.textContent()).toBe(`${month.workingDays - 1} working days`);

    await chooseLanguage(admin, "ru");
    await admin.getByTestId("calendar-months").waitFor();
    expect(await admin.getByTestId("calendar-page").getByRole("heading", { level: 1 }).textContent()).toBe("Производственный календарь");
    await cell.scrollIntoViewIfNeeded();
    await screenshot(admin, "work-calendar-ru");

    // Persian: right to left, and the week starts on Saturday, in the rightmost column.
    await chooseLanguage(admin, "fa");
    await admin.getByTestId("calendar-months").waitFor();
    await expectDir(admin, "rtl");
    const saturday = month.days.find((d) => new Date(`${d.date}T00:00:00Z`).getUTCDay() === 6 && month.days.some((e) => e.date === addDays(d.date, 1)));
    if (!saturday) throw new Error("no Saturday in the month");
    const [satBox, sunBox] = await Promise.all([
      admin.getByTestId(`calendar-day-${saturday.date}`).boundingBox(),
      admin.getByTestId(`calendar-day-${addDays(saturday.date, 1)}`).boundingBox(),
    ]);
    if (!satBox || !sunBox) throw new Error("the days are not on screen");
    expect(satBox.x).toBeGreaterThan(sunBox.x);
    expect(Math.abs(satBox.y - sunBox.y)).toBeLessThan(2);
    await screenshot(admin, "work-calendar-fa");
    await chooseLanguage(admin, "en");
    await admin.getByTestId("calendar-months").waitFor();

    await cell.click();
    await admin.getByTestId("calendar-day-reset").click();
    await admin.getByTestId("calendar-day-form").waitFor({ state: "detached" });
    await expect.poll(() => total.getAttribute("data-count")).toBe(String(month.workingDays));
    expect(await cell.getAttribute("data-overridden")).toBe("false");
    expect(await cell.getAttribute("data-tone")).toBe("working");
  });

  it("a seller sees their own plan, read-only, and nobody else's", async () => {
    const temporaryPassword = "plans-temporary-13";
    expect((await callApi(admin, "POST", `/api/v1/users/${seller.id}/reset-password`, { temporaryPassword })).status).toBeLessThan(300);
    const context = await newContext(chrome.browser, server.baseUrl, "ru-RU");
    const page = await context.newPage();
    await signIn(page, seller.email, temporaryPassword);
    await page.getByTestId("change-password-current").fill(temporaryPassword);
    await page.getByTestId("change-password-new").fill(sellerPassword);
    await page.getByTestId("change-password-confirm").fill(sellerPassword);
    await page.getByTestId("change-password-submit").click();
    await page.getByTestId("app-shell").waitFor();

    await openSection(page, "plans");
    const rows = page.locator('[data-testid^="plan-row-"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const ids = await rows.evaluateAll((elements) => elements.map((e) => e.getAttribute("data-testid")));
    expect(ids.filter((testId) => testId?.startsWith("plan-row-seller-"))).toEqual([`plan-row-seller-${seller.id}`]);
    expect(ids.some((testId) => testId === "plan-row-department-department")).toBe(false);
    expect(await page.getByTestId("plan-input").count()).toBe(0);
    expect(await page.getByTestId("plans-split-open").count()).toBe(0);
    const own = await read<PlanList>(page, "/api/v1/plans");
    const revenue = own.items.find((p) => p.metric === "revenue" && p.scopeKind === "seller");
    expect(own.items.every((p) => p.scopeKind !== "seller" || p.scopeId === seller.id)).toBe(true);
    expect(revenue).toBeDefined();
    await page.getByTestId(`plan-cell-seller-${seller.id}-revenue`).getByTestId("plan-target").waitFor();
    expect(await callApi(page, "PUT", "/api/v1/plans", { period: own.period.key, items: [{ scopeKind: "seller", scopeId: seller.id, metric: "revenue", target: 1 }] }).then((r) => r.status)).toBe(403);
    await context.close();
  });
});
