import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { adminSession, chooseLanguage, useBrowser } from "./sessions";
import { newContext, screenshot } from "./browser";

/*
 * Lead distribution (M5.5) as the head of sales sets it up: a routing rule written in its modal (told first what
 * is missing) and tried on an imagined lead; a web form built, published and sent by a visitor, its lead arriving
 * in the queue; a seller marked absent and passed by for it; a seller's clients moved to another, counted, and
 * moved back by Undo; an intake setting saved and still there after a reload. Screens of the rules and of the
 * redistribution (English), the sources (Russian) and the availability (Persian, right to left).
 */

const server = inject("server");
const chrome = useBrowser();

/** Unique per run: the journey finds its own rule, form and lead among the demo's. */
const run = Date.now().toString(36);
const rule = { name: `Тверь E2E ${run}`, region: `Тверь-${run}` };
const form = {
  name: `Лендинг E2E ${run}`,
  channel: "Лендинг",
  titleEn: "Ask for a price",
  titleRu: "Запросите цену",
  thankYouRu: `Спасибо! Заявка ${run} принята.`,
};
const visitor = { name: "Олег Формин", company: `ООО «Форма E2E ${run}»`, phone: `+7912${String(Date.now()).slice(-7)}` };

type Person = { id: string; name: string };
type Standing = { user: Person; role: string; active: boolean; paused: boolean; absentToday: boolean };

/** A read of the API with the admin's session cookie: what the screens wrote, as the server keeps it. */
const read = async <T>(context: BrowserContext, path: string): Promise<T> => {
  const response = await context.request.get(path);
  expect(response.status(), path).toBe(200);
  const body: T = await response.json();
  return body;
};

const clientsOf = async (context: BrowserContext, person: Person) =>
  (await read<{ total: number }>(context, `/api/v1/companies/count?ownerId=${person.id}`)).total;

const textOf = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? "").trim();

/** A Mantine select or multi-select: typed into, the option of that exact name picked, and left (a multi-select stays open). */
const pick = async (page: Page, testId: string, name: string) => {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).fill(name);
  await page.getByRole("option", { name, exact: true }).click();
  await page.getByTestId(testId).press("Tab");
  await page.getByRole("listbox").waitFor({ state: "hidden" });
};

const openSection = async (page: Page, section: "rules" | "sources" | "availability" | "redistribute" | "settings") => {
  await page.getByTestId(`lead-routing-nav-${section}`).click();
  await page.waitForURL(`**/lead-routing/${section}`);
};

/** The tester: a lead from that region, and its answer once the server has given it. */
const tryRegion = async (page: Page, region: string) => {
  await page.getByTestId("route-trial-region").fill(region);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/routing-rules/try"),
    page.getByTestId("route-trial-submit").click(),
  ]);
  expect(response.ok()).toBe(true);
  const answer = page.getByTestId("route-trial-answer");
  await answer.waitFor();
  return answer;
};

describe("lead routing", () => {
  let adminContext: BrowserContext;
  let admin: Page;
  /** The seller the rule sends its leads to; later marked absent. */
  let receiver: Person;
  /** A seller with clients, redistributed to `heir` and back. */
  let leaving: Person;
  let heir: Person;

  beforeAll(async () => {
    adminContext = await newContext(chrome.browser, server.baseUrl, "en-US");
    admin = await adminContext.newPage();
    await adminSession(admin, server);
    await chooseLanguage(admin, "en");

    const { items } = await read<{ items: Standing[] }>(adminContext, "/api/v1/lead-availability");
    // The demo's names are drawn at random and may repeat: the journey picks people by name, so only unique ones.
    const named = (name: string) => items.filter((person) => person.user.name === name).length;
    const sellers = items
      .filter((person) => person.role === "seller" && person.active && !person.paused && !person.absentToday && named(person.user.name) === 1)
      .map((person) => person.user);
    expect(sellers.length).toBeGreaterThanOrEqual(3);
    const [first, ...others] = sellers;
    if (!first) throw new Error("no seller");
    receiver = first;
    // The one with the fewest clients (but some) leaves: a preview small enough to read.
    const counted = await Promise.all(others.map(async (person) => ({ person, clients: await clientsOf(adminContext, person) })));
    const withClients = counted.filter((entry) => entry.clients > 0).sort((a, b) => a.clients - b.clients);
    const chosen = withClients[0]?.person;
    const other = others.find((person) => person.id !== chosen?.id);
    if (!chosen || !other) throw new Error("the demo has no seller with clients to redistribute");
    leaving = chosen;
    heir = other;
  });
  afterAll(async () => {
    await adminContext?.close();
  });

  it("a routing rule is written in its modal, told what is missing first, and the tester sends a lead by it", async () => {
    await admin.getByTestId("nav-lead-routing").click();
    await admin.getByTestId("lead-routing-area").waitFor();
    await openSection(admin, "rules");
    await admin.getByTestId("routing-rules-list").waitFor();
    const rulesBefore = await admin.locator('[data-testid^="routing-rule-"][draggable]').count();

    await admin.getByTestId("routing-rule-add").click();
    const modal = admin.getByTestId("routing-rule-form");
    await modal.waitFor();
    // Nothing typed: the name and the receivers are asked for under their fields.
    await admin.getByTestId("routing-rule-submit").click();
    await expect.poll(() => admin.getByTestId("routing-rule-name").getAttribute("aria-invalid")).toBe("true");
    expect(await modal.textContent()).toContain("Give the rule a name.");
    expect(await modal.textContent()).toContain("Pick a team or at least one seller.");

    await admin.getByTestId("routing-rule-name").fill(rule.name);
    await admin.getByTestId("routing-rule-regions").fill(rule.region);
    await admin.getByTestId("routing-rule-regions").press("Enter");
    await admin.getByTestId("routing-rule-target").getByText("Chosen sellers").click();
    await pick(admin, "routing-rule-sellers", receiver.name);
    // The sentence reads the rule back before it is saved.
    await expect.poll(() => textOf(admin, "routing-rule-preview")).toBe(`Leads in region ${rule.region} → seller ${receiver.name}`);
    expect(await admin.getByTestId("routing-rule-name").getAttribute("aria-invalid")).toBeNull();
    await admin.getByTestId("routing-rule-submit").click();
    await modal.waitFor({ state: "detached" });

    const row = admin.getByTestId(`routing-rule-${rule.name}`);
    await row.waitFor();
    expect(await row.getAttribute("data-enabled")).toBe("true");
    expect(await row.getByTestId("routing-rule-words").textContent()).toBe(`Leads in region ${rule.region} → seller ${receiver.name}`);
    expect(await admin.locator('[data-testid^="routing-rule-"][draggable]').count()).toBe(rulesBefore + 1);

    // The server keeps the rule as written: its region, its seller, switched on.
    const saved = await read<{ items: Array<{ name: string; enabled: boolean; conditions: { regions?: string[] }; targetTeam: Person | null; targetUsers: Person[] }> }>(
      adminContext,
      "/api/v1/routing-rules",
    );
    const stored = saved.items.find((item) => item.name === rule.name);
    expect(stored).toMatchObject({ enabled: true, conditions: { regions: [rule.region] }, targetTeam: null, targetUsers: [{ id: receiver.id, name: receiver.name }] });
    await row.scrollIntoViewIfNeeded();
    await screenshot(admin, "lead-routing-rules-en");

    // A lead from that region goes by the rule: to its seller, or past them with the reason said (outside hours).
    const answer = await tryRegion(admin, rule.region);
    expect(await textOf(admin, "route-trial-rule")).toBe(rule.name);
    expect(await answer.textContent()).toContain(receiver.name);
    // A lead from elsewhere matches no rule at all.
    await tryRegion(admin, `Нигде-${run}`);
    expect(await admin.getByTestId("route-trial-rule").count()).toBe(0);
    expect(await textOf(admin, "route-trial-route")).not.toBe("Routing rule");
  });

  it("a web form is built and published; a visitor sends it and the lead arrives in the queue", async () => {
    await openSection(admin, "sources");
    await admin.getByTestId("lead-sources-table").waitFor();
    await admin.getByTestId("source-add").click();
    await admin.getByTestId("source-add-form").click();
    const modal = admin.getByTestId("source-form");
    await modal.waitFor();
    await admin.getByTestId("source-name").fill(form.name);
    await admin.getByTestId("source-channel").fill(form.channel);

    // The builder: the company asked as well, and required; the texts in English and Russian.
    const companyChip = admin.getByTestId("form-field-toggle-companyName");
    await admin.locator(`label[for="${(await companyChip.getAttribute("id")) ?? ""}"]`).click();
    await admin.getByTestId("form-field-companyName").waitFor();
    await admin.getByTestId("form-field-required-companyName").check();
    await admin.getByTestId("form-title-en").fill(form.titleEn);
    await admin.getByTestId("form-texts-tab-ru").click();
    await admin.getByTestId("form-title-ru").fill(form.titleRu);
    await admin.getByTestId("form-thank-you-ru").fill(form.thankYouRu);
    await admin.getByTestId("source-submit").click();
    await modal.waitFor({ state: "detached" });

    // Created, it shows where it lives: the hosted page and the snippet for a site.
    const publish = admin.getByTestId("form-publish");
    await publish.waitFor();
    const hostedUrl = await textOf(admin, "form-hosted-link");
    expect(hostedUrl).toMatch(new RegExp(`^${server.baseUrl}/f/[^/?]+$`));
    const publicKey = decodeURIComponent(hostedUrl.split("/f/")[1] ?? "");
    const snippet = await textOf(admin, "form-embed-snippet");
    expect(snippet).toContain(`src="${server.baseUrl}/embed/form.js"`);
    expect(snippet).toContain(`data-key="${publicKey}"`);
    await admin.keyboard.press("Escape");
    await publish.waitFor({ state: "detached" });

    const sources = await read<{ items: Array<{ name: string; kind: string; channel: string | null; enabled: boolean; publicKey: string; form: { title: Record<string, string>; fields: Array<{ key: string; required: boolean }> } | null }> }>(
      adminContext,
      "/api/v1/lead-sources",
    );
    const source = sources.items.find((item) => item.name === form.name);
    expect(source).toMatchObject({ kind: "form", channel: form.channel, enabled: true, publicKey, form: { title: { en: form.titleEn, ru: form.titleRu } } });
    expect(source?.form?.fields.map((field) => `${field.key}${field.required ? "*" : ""}`)).toEqual(["name*", "phone*", "email", "message", "companyName*"]);

    // A visitor in a Russian browser opens the published page and sends it.
    const visitorContext = await newContext(chrome.browser, server.baseUrl, "ru-RU");
    const page = await visitorContext.newPage();
    await page.goto(hostedUrl);
    expect(await page.locator("h1").textContent()).toBe(form.titleRu);
    await page.locator('[name="name"]').fill(visitor.name);
    await page.locator('[name="phone"]').fill(visitor.phone);
    await page.locator('[name="companyName"]').fill(visitor.company);
    await page.locator("#cf-submit").click();
    await page.locator("#cf-done:not([hidden])").waitFor();
    expect(await page.locator("#cf-done").textContent()).toBe(form.thankYouRu);
    await visitorContext.close();

    // The source counts it today ...
    await admin.reload();
    const sourceRow = admin.getByTestId(`lead-source-${form.name}`);
    await sourceRow.waitFor();
    await expect.poll(async () => (await sourceRow.getByTestId("lead-source-today").textContent())?.trim()).toBe("1");
    await chooseLanguage(admin, "ru");
    expect(await admin.getByTestId("lead-sources-page").textContent()).toContain("Источники лидов");
    expect(await sourceRow.textContent()).toContain("Веб-форма");
    await screenshot(admin, "lead-routing-sources-ru");
    await chooseLanguage(admin, "en");

    // ... and the head finds the lead in the queue, from this form.
    await admin.getByTestId("nav-leads").click();
    await admin.getByTestId("leads-tab-all").click();
    await admin.locator('[data-testid="leads-queue"][data-queue="all"][data-ready="true"]').waitFor();
    const lead = admin.locator(`[data-testid="lead-row"][data-client="${visitor.company}"]`);
    await lead.waitFor();
    expect(await lead.textContent()).toContain(form.name);
    expect(await lead.textContent()).toContain(visitor.name);
    expect(await lead.getAttribute("data-status")).toMatch(/^(waiting|unassigned)$/);
  });

  it("a seller marked absent shows as absent and the tester passes them by", async () => {
    await admin.getByTestId("nav-lead-routing").click();
    await openSection(admin, "availability");
    const row = admin.getByTestId(`availability-${receiver.name}`);
    await row.waitFor();
    expect(await row.getByTestId("availability-absent").count()).toBe(0);

    await admin.getByTestId("absence-add").click();
    const modal = admin.getByTestId("absence-form");
    await modal.waitFor();
    await pick(admin, "absence-person", receiver.name);
    await admin.getByTestId("absence-note").fill(`E2E ${run}: отпуск`);
    await admin.getByTestId("absence-submit").click();
    await modal.waitFor({ state: "detached" });

    const absence = admin.getByTestId(`absence-${receiver.name}`);
    await absence.waitFor();
    expect(await absence.textContent()).toContain("Vacation");
    expect(await absence.textContent()).toContain("Now");
    expect(await absence.textContent()).toContain("1 day");
    await row.getByTestId("availability-absent").waitFor();
    expect(await row.getByTestId("availability-absent").textContent()).toBe("Absent");
    const standings = await read<{ items: Standing[] }>(adminContext, "/api/v1/lead-availability");
    expect(standings.items.find((person) => person.user.id === receiver.id)?.absentToday).toBe(true);

    // The rule still matches, but its seller is passed by for the absence.
    await openSection(admin, "rules");
    const answer = await tryRegion(admin, rule.region);
    expect(await textOf(admin, "route-trial-rule")).toBe(rule.name);
    const skipped = admin.getByTestId("route-trial-skipped").locator("tbody tr", { hasText: receiver.name });
    expect(await skipped.textContent()).toContain("On vacation, sick leave or a day off today");
    expect(await answer.textContent()).not.toContain(`It would go to ${receiver.name}`);

    // In Persian, right to left.
    await openSection(admin, "availability");
    await row.getByTestId("availability-absent").waitFor();
    await chooseLanguage(admin, "fa");
    expect(await admin.evaluate(() => document.documentElement.dir)).toBe("rtl");
    expect(await admin.getByTestId("availability-page").textContent()).toContain("دسترس‌پذیری");
    expect(await row.getByTestId("availability-absent").textContent()).toBe("غایب");
    await screenshot(admin, "lead-routing-availability-fa");
    await chooseLanguage(admin, "en");
    expect(await admin.evaluate(() => document.documentElement.dir)).toBe("ltr");
  });

  it("a seller's clients are previewed, moved to another seller, and moved back by Undo", async () => {
    const leavingBefore = await clientsOf(adminContext, leaving);
    const heirBefore = await clientsOf(adminContext, heir);
    expect(leavingBefore).toBeGreaterThan(0);

    await openSection(admin, "redistribute");
    await pick(admin, "redistribution-from", leaving.name);
    await admin.getByTestId("redistribution-note").fill(`E2E ${run}`);
    await admin.getByTestId("redistribution-next").click();
    await pick(admin, "redistribution-sellers", heir.name);
    await admin.getByTestId("redistribution-preview-button").click();

    // The preview: every client of the leaving seller to the one receiver, nothing written yet.
    const preview = admin.getByTestId("redistribution-preview");
    await preview.waitFor();
    const receiverRow = admin.getByTestId(`redistribution-receiver-${heir.name}`);
    const cells = async () => (await receiverRow.locator("td").allTextContents()).map((cell) => cell.trim());
    const [, clientsCell, dealsCell, tasksCell] = await cells();
    expect(clientsCell).toBe(leavingBefore.toLocaleString("en-US"));
    expect(await preview.locator("tfoot th").nth(1).textContent()).toBe(leavingBefore.toLocaleString("en-US"));
    expect(await admin.getByTestId("redistribution-unplaced").count()).toBe(0);
    expect(await clientsOf(adminContext, leaving)).toBe(leavingBefore);
    await screenshot(admin, "lead-routing-redistribute-en");

    await admin.getByTestId("redistribution-apply").click();
    const done = admin.getByTestId("redistribution-done");
    await done.waitFor();
    expect(await done.textContent()).toContain(`The clients of ${leaving.name} are redistributed`);
    expect(await done.textContent()).toContain(`clients: ${clientsCell}, open deals: ${dealsCell}, open tasks: ${tasksCell}`);
    expect(await clientsOf(adminContext, leaving)).toBe(0);
    expect(await clientsOf(adminContext, heir)).toBe(heirBefore + leavingBefore);
    const recent = admin.getByTestId(`redistribution-${leaving.name}`).first();
    await expect.poll(() => recent.textContent()).toContain(`${clientsCell} / ${dealsCell} / ${tasksCell}`);

    await admin.getByTestId("redistribution-undo").click();
    const undone = admin.getByTestId("redistribution-undone");
    await undone.waitFor();
    expect(await undone.textContent()).toContain(`Back with the seller — clients: ${clientsCell}, deals: ${dealsCell}, tasks: ${tasksCell}`);
    expect(await clientsOf(adminContext, leaving)).toBe(leavingBefore);
    expect(await clientsOf(adminContext, heir)).toBe(heirBefore);
    await expect.poll(() => recent.textContent()).toContain("Undone");
  });

  it("an intake setting is saved and kept after a reload", async () => {
    await openSection(admin, "settings");
    const remind = admin.getByTestId("lead-settings-remindAfterMinutes");
    await remind.waitFor();
    const before = Number(await remind.inputValue());
    const after = before > 1 ? before - 1 : before + 1;
    expect(await admin.getByTestId("lead-settings-submit").isDisabled()).toBe(true);

    await remind.fill(String(after));
    await expect.poll(() => textOf(admin, "lead-settings-sla-sentence")).toContain(`A seller is reminded after ${after} min`);
    await admin.getByTestId("lead-settings-submit").click();
    await expect.poll(() => admin.getByTestId("lead-settings-submit").isDisabled()).toBe(true);
    expect((await read<{ remindAfterMinutes: number }>(adminContext, "/api/v1/lead-settings")).remindAfterMinutes).toBe(after);

    await admin.reload();
    await remind.waitFor();
    expect(await remind.inputValue()).toBe(String(after));
    expect(await textOf(admin, "lead-settings-sla-sentence")).toContain(`A seller is reminded after ${after} min`);
  });
});
