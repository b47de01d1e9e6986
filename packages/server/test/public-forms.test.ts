import type { LeadPage, LeadSource, Problem, PublicForm } from "@conveyor/contracts";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization, buildUser, signedIn, type BuiltUser, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

/** Tuesday 11:00 in Moscow: a working day, inside the organization's hours. */
const tuesdayMorning = new Date("2026-12-08T08:00:00Z");

type World = { organizationId: string; headClient: TestClient; sellers: BuiltUser[] };

const buildWorld = async (): Promise<World> => {
  test.clock.now = tuesdayMorning;
  const org = await buildOrganization(test.database);
  const head = await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Head Helen" });
  const sellers = [await buildUser(test.database, org.organizationId, { name: "Seller One" }), await buildUser(test.database, org.organizationId, { name: "Seller Two" })];
  return { organizationId: org.organizationId, headClient: await signedIn(test, head), sellers };
};

const formSource = async (world: World, form: Record<string, unknown> = {}): Promise<LeadSource> => {
  const created = await world.headClient.post<LeadSource>("/api/v1/lead-sources", {
    name: "Site form",
    kind: "form",
    channel: "website",
    form: {
      title: { ru: "Заявка", en: "Request", fa: "درخواست" },
      fields: [
        { key: "name", required: true },
        { key: "phone", type: "tel", required: true },
        { key: "email", type: "email" },
        { key: "message", type: "textarea" },
        { key: "budget", label: { en: "Budget", ru: "Бюджет", fa: "بودجه" } },
      ],
      consentText: { en: "I agree to be contacted", ru: "Я согласен на обработку данных", fa: "با تماس موافقم" },
      thankYou: { en: "Thanks, we call you back", ru: "Спасибо, перезвоним", fa: "سپاس، تماس می‌گیریم" },
      ...form,
    },
  });
  expect(created.status, created.raw).toBe(201);
  return created.body;
};

let ipCounter = 0;
/** A fresh visitor address per call unless one is given, so the rate limit counts only where a test means it. */
const nextIp = () => {
  ipCounter += 1;
  return `10.20.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
};

const postJson = (key: string, body: unknown, options: { ip?: string; headers?: Record<string, string> } = {}) =>
  test.app.inject({
    method: "POST",
    url: `/api/public/forms/${key}`,
    payload: JSON.stringify(body),
    remoteAddress: options.ip ?? nextIp(),
    headers: { "content-type": "application/json", ...options.headers },
  });

const postForm = (key: string, fields: Record<string, string>, options: { ip?: string; headers?: Record<string, string> } = {}) =>
  test.app.inject({
    method: "POST",
    url: `/api/public/forms/${key}`,
    payload: new URLSearchParams(fields).toString(),
    remoteAddress: options.ip ?? nextIp(),
    headers: { "content-type": "application/x-www-form-urlencoded", ...options.headers },
  });

const leadsOf = async (world: World, sourceId: string) =>
  (await world.headClient.get<LeadPage>(`/api/v1/leads?sourceId=${sourceId}&limit=100`)).body.items;

const storedLeads = async (organizationId: string): Promise<number> => {
  const result = await test.database.db.execute(sql`select count(*)::int as n from leads where organization_id = ${organizationId}`);
  return Number(result.rows[0]?.["n"] ?? 0);
};

const valid = { name: "Ivan Petrov", phone: "+7 495 123-45-67", email: "ivan@romashka.example", consent: "on" };

describe("public web forms (M5.5)", () => {
  let world: World;
  let source: LeadSource;
  beforeAll(async () => {
    world = await buildWorld();
    source = await formSource(world);
  });

  it("answers a form's definition by its public key to anyone, from any origin", async () => {
    const reply = await test.app.inject({ method: "GET", url: `/api/public/forms/${source.publicKey}`, headers: { origin: "https://shop.example" } });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers["access-control-allow-origin"]).toBe("*");
    const body = reply.json<PublicForm>();
    expect(body.publicKey).toBe(source.publicKey);
    expect(body.title.en).toBe("Request");
    expect(body.fields.map((f) => f.key)).toEqual(["name", "phone", "email", "message", "budget"]);
    expect(body.consentText.ru).toBe("Я согласен на обработку данных");
    expect(JSON.stringify(body)).not.toContain(world.organizationId);
    const unknown = await test.app.inject({ method: "GET", url: "/api/public/forms/no-such-key" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<Problem>().code).toBe("not_found");
  });

  it("answers the CORS preflight without credentials", async () => {
    const reply = await test.app.inject({
      method: "OPTIONS",
      url: `/api/public/forms/${source.publicKey}`,
      headers: { origin: "https://shop.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(reply.statusCode).toBe(204);
    expect(reply.headers["access-control-allow-origin"]).toBe("*");
    expect(String(reply.headers["access-control-allow-methods"])).toContain("POST");
    expect(String(reply.headers["access-control-allow-headers"])).toContain("content-type");
    expect(reply.headers["access-control-allow-credentials"]).toBeUndefined();
  });

  it("a JSON submission becomes a lead in front of a seller, with its UTM parameters and page", async () => {
    const reply = await postJson(
      source.publicKey,
      {
        ...valid,
        message: "Need 20 units",
        budget: "1M",
        submission_id: "sub-json-1",
        lang: "en",
        page: "https://shop.example/pricing?utm_source=yandex",
        utm_source: "yandex",
        utm_medium: "cpc",
        utm_campaign: "winter",
        utm_term: "crm",
        utm_content: "banner",
      },
      { headers: { origin: "https://shop.example" } },
    );
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.headers["access-control-allow-origin"]).toBe("*");
    expect(reply.json()).toEqual({ received: true, thankYou: "Thanks, we call you back" });
    const [lead, ...others] = await leadsOf(world, source.id);
    expect(others).toHaveLength(0);
    expect(lead).toMatchObject({
      name: "Ivan Petrov",
      phone: "+74951234567",
      email: "ivan@romashka.example",
      message: "Need 20 units",
      channel: "website",
      status: "waiting",
      route: "round_robin",
      utm: { source: "yandex", medium: "cpc", campaign: "winter", term: "crm", content: "banner" },
      pageUrl: "https://shop.example/pricing?utm_source=yandex",
      source: { id: source.id, kind: "form" },
    });
    expect(world.sellers.map((s) => s.id)).toContain(lead?.assignee?.id);
  });

  it("the same submission id twice makes one lead", async () => {
    const body = { ...valid, name: "Double Clicker", phone: "+7 495 765-43-21", email: "double@example.test", submission_id: "sub-double" };
    const before = (await leadsOf(world, source.id)).length;
    const first = await postJson(source.publicKey, body);
    const second = await postJson(source.publicKey, body);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ received: true });
    const after = await leadsOf(world, source.id);
    expect(after).toHaveLength(before + 1);
    expect(after.filter((l) => l.name === "Double Clicker")).toHaveLength(1);
  });

  it("a plain HTML form post is answered with a thank-you page in the form's language, keeping the Referer as the page", async () => {
    const reply = await postForm(
      source.publicKey,
      { name: "Али Резаи", phone: "+98 912 345 6789", consent: "on", lang: "fa", submission_id: "sub-html-1", utm_source: "instagram" },
      { headers: { referer: "https://shop.example/fa/landing" } },
    );
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.headers["content-type"]).toContain("text/html");
    expect(reply.body).toContain('<html lang="fa" dir="rtl">');
    expect(reply.body).toContain("سپاس، تماس می‌گیریم");
    const lead = (await leadsOf(world, source.id)).find((l) => l.name === "Али Резаи");
    expect(lead).toMatchObject({ phone: "+989123456789", utm: { source: "instagram" }, pageUrl: "https://shop.example/fa/landing" });
  });

  it("a filled honeypot is answered as a success and stores nothing", async () => {
    const before = await storedLeads(world.organizationId);
    const json = await postJson(source.publicKey, { ...valid, name: "Bot", website: "http://spam.example", submission_id: "sub-bot-1" });
    expect(json.statusCode).toBe(201);
    expect(json.json()).toMatchObject({ received: true });
    const html = await postForm(source.publicKey, { ...valid, name: "Bot 2", website: "spam" });
    expect(html.statusCode).toBe(201);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(await storedLeads(world.organizationId)).toBe(before);
  });

  it("a missing required field, a bad email or a missing consent is a 400 naming the field, and nothing is stored", async () => {
    const before = await storedLeads(world.organizationId);
    const noPhone = await postJson(source.publicKey, { name: "No Phone", consent: "on" });
    expect(noPhone.statusCode).toBe(400);
    const problem = noPhone.json<Problem>();
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors).toEqual([expect.objectContaining({ field: "phone", code: "required" })]);
    const badEmail = await postJson(source.publicKey, { ...valid, email: "not-an-email" });
    expect(badEmail.json<Problem>().errors?.[0]).toMatchObject({ field: "email", code: "invalid_email" });
    const badPhone = await postJson(source.publicKey, { ...valid, phone: "12" });
    expect(badPhone.json<Problem>().errors?.[0]).toMatchObject({ field: "phone", code: "invalid_phone" });
    const noConsent = await postJson(source.publicKey, { name: valid.name, phone: valid.phone });
    expect(noConsent.json<Problem>().errors?.[0]).toMatchObject({ field: "consent", code: "consent_required" });
    const tooLong = await postJson(source.publicKey, { ...valid, name: "x".repeat(201) });
    expect(tooLong.json<Problem>().errors?.[0]).toMatchObject({ field: "name", code: "too_long" });
    // Without JavaScript the form comes back with what was typed and the error beside the field, in its language.
    const html = await postForm(source.publicKey, { name: "<b>Typed</b>", consent: "on", lang: "ru", submission_id: "sub-html-bad" });
    expect(html.statusCode).toBe(400);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.body).toContain("Заполните это поле");
    expect(html.body).toContain('value="&lt;b&gt;Typed&lt;/b&gt;"');
    expect(html.body).toContain('value="sub-html-bad"');
    expect(await storedLeads(world.organizationId)).toBe(before);
  });

  it("the hosted page renders the form in Persian right to left, escapes its texts and may be framed by any site", async () => {
    const tricky = await formSource(world, {
      title: { en: "Hi <script>alert(1)</script>", fa: "فرم <script>alert(1)</script>" },
      fields: [{ key: "name", required: true }, { key: "phone", type: "tel" }],
    });
    const reply = await test.app.inject({ method: "GET", url: `/f/${tricky.publicKey}?lang=fa&utm_source=google&page=${encodeURIComponent("https://shop.example/a?b=1")}` });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers["content-type"]).toContain("text/html");
    const html = reply.body;
    expect(html).toContain('<html lang="fa" dir="rtl">');
    expect(html).toContain("فرم &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("نام");
    expect(html).toContain("با تماس موافقم");
    expect(html).toContain('name="website"');
    expect(html).toContain('name="utm_source" value="google"');
    expect(html).toContain('name="page" value="https://shop.example/a?b=1"');
    expect(html).toMatch(/name="submission_id" value="[0-9a-f-]{36}"/);
    expect(html).toContain(`action="/api/public/forms/${tricky.publicKey}"`);
    const csp = String(reply.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors *");
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(reply.headers["x-frame-options"]).toBeUndefined();
    expect(reply.headers["cache-control"]).toBe("no-store");
    // The app's own pages still refuse to be framed.
    const api = await test.app.inject({ method: "GET", url: "/api/health" });
    expect(String(api.headers["content-security-policy"])).toContain("frame-ancestors 'none'");
    // The browser's language picks among the form's, and English reads left to right.
    const english = await test.app.inject({ method: "GET", url: `/f/${source.publicKey}`, headers: { "accept-language": "en-US,en;q=0.9" } });
    expect(english.body).toContain('<html lang="en" dir="ltr">');
    expect(english.body).toContain("I agree to be contacted");
    expect((await test.app.inject({ method: "GET", url: "/f/no-such-key" })).statusCode).toBe(404);
  });

  it("the embed snippet inserts an iframe of the hosted page and caches", async () => {
    const reply = await test.app.inject({ method: "GET", url: `/embed/form.js?key=${source.publicKey}` });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers["content-type"]).toContain("application/javascript");
    expect(String(reply.headers["cache-control"])).toContain("max-age=");
    expect(reply.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(reply.body).toContain('createElement("iframe")');
    expect(reply.body).toContain('"/f/"');
    expect(reply.body).toContain("utm_campaign");
    expect(reply.body).toContain('"page"');
  });

  it("an address over the organization's limit gets a 429 with Retry-After", async () => {
    const other = await buildWorld();
    const limited = await formSource(other);
    const settings = await other.headClient.patch("/api/v1/lead-settings", { formRateLimit: 2, formRateWindowSeconds: 60 });
    expect(settings.status, settings.raw).toBe(200);
    const ip = nextIp();
    const send = (i: number) => postJson(limited.publicKey, { ...valid, name: `Flood ${i}`, email: `flood${i}@example.test`, phone: `+7 495 000-00-0${i}` }, { ip });
    expect((await send(1)).statusCode).toBe(201);
    expect((await send(2)).statusCode).toBe(201);
    const refused = await send(3);
    expect(refused.statusCode).toBe(429);
    expect(refused.json<Problem>().code).toBe("rate_limited");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(60);
    // Another address is not held back, and the first is let in again once its window has passed.
    expect((await postJson(limited.publicKey, { ...valid, name: "Other visitor", email: "other@example.test", phone: "+7 495 000-00-09" })).statusCode).toBe(201);
    test.clock.advance(61_000);
    expect((await send(4)).statusCode).toBe(201);
    expect(await storedLeads(other.organizationId)).toBe(4);
  });

  it("a switched-off form is not shown and takes nothing", async () => {
    const off = await formSource(world);
    const patched = await world.headClient.patch(`/api/v1/lead-sources/${off.id}`, { enabled: false });
    expect(patched.status, patched.raw).toBe(200);
    expect((await test.app.inject({ method: "GET", url: `/api/public/forms/${off.publicKey}` })).statusCode).toBe(404);
    expect((await test.app.inject({ method: "GET", url: `/f/${off.publicKey}` })).statusCode).toBe(404);
    const before = await storedLeads(world.organizationId);
    const post = await postJson(off.publicKey, { ...valid, name: "Too Late" });
    expect(post.statusCode).toBe(409);
    expect(post.json<Problem>().code).toBe("lead_source_disabled");
    expect(await storedLeads(world.organizationId)).toBe(before);
  });

  it("the submission API is in the OpenAPI document; the page and snippet are not", async () => {
    const reply = await test.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(reply.statusCode).toBe(200);
    const paths = Object.keys(reply.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toContain("/api/public/forms/{key}");
    expect(paths.some((p) => p.startsWith("/f/") || p.startsWith("/embed/"))).toBe(false);
  });

  it("a form that names its sites is framed and posted to only from them", async () => {
    const strict = await formSource(world, { allowedOrigins: ["https://good.example"] });
    const page = await test.app.inject({ method: "GET", url: `/f/${strict.publicKey}` });
    expect(String(page.headers["content-security-policy"])).toContain("frame-ancestors https://good.example");
    const foreign = await postJson(strict.publicKey, { ...valid, name: "Foreign" }, { headers: { origin: "https://evil.example" } });
    expect(foreign.statusCode).toBe(403);
    const good = await postJson(strict.publicKey, { ...valid, name: "Good Site", email: "good@example.test", phone: "+7 495 222-33-44" }, { headers: { origin: "https://good.example" } });
    expect(good.statusCode, good.body).toBe(201);
  });

  it("a webhook's key is not a form", async () => {
    const hook = await world.headClient.post<LeadSource>("/api/v1/lead-sources", { name: "Hook", kind: "webhook" });
    expect((await test.app.inject({ method: "GET", url: `/api/public/forms/${hook.body.publicKey}` })).statusCode).toBe(404);
    expect((await postJson(hook.body.publicKey, valid)).statusCode).toBe(404);
  });
});
