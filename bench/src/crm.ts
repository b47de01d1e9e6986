import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildApp, defaultSecurity, keysFromSecret, migrateDatabase, openDatabase } from "@conveyor/server";
import { buildOrganization, factoryPassword } from "@conveyor/server/testing";
import { seedDemoDepartment } from "./generator/demo-department";
import { seedLargeDepartment } from "./generator/large-department";
import { fmt, summarize, timeIt } from "./stats";

/*
 * `npm run bench -- crm`: the client base on a grown demo department (generator in
 * bench/src/generator), embedded PGlite, or PostgreSQL with DATABASE_URL. Sequential
 * requests over loopback HTTP as the head of sales (who sees everything: the widest scope).
 */
const companies = Number(process.env["BENCH_COMPANIES"] ?? 10_000);
const iterations = Number(process.env["BENCH_ITERATIONS"] ?? 100);
/** Rows of the import file measured after the reads (0 = no import). */
const importRows = Number(process.env["BENCH_IMPORT_ROWS"] ?? 0);
/** Past this size the history is generated inside the database (generator/large-department.ts). */
const large = process.env["BENCH_LARGE"] ? process.env["BENCH_LARGE"] === "1" : companies > 20_000;
const databaseUrl = process.env["DATABASE_URL"];

/** A data directory seeded by an earlier run to measure again (kept afterwards); else a new one. */
const keptDir = process.env["BENCH_DATA_DIR"];
const dir = databaseUrl ? undefined : (keptDir ?? mkdtempSync(join(tmpdir(), "cv-bench-crm-")));
const database = databaseUrl
  ? await openDatabase({ mode: "postgres", url: databaseUrl })
  : await openDatabase({ mode: "embedded", dataDir: dir ?? "" });
const lines: string[] = [];
const out = (line = "") => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
try {
  await migrateDatabase(database.pool);
  const earlier = (
    await database.pool.query<{ organization_id: string; email: string }>(
      `select o.id as organization_id, u.email from organizations o
       join memberships m on m.organization_id = o.id and m.role = 'admin' join users u on u.id = m.user_id
       where o.name = 'Bench CRM' limit 1`,
    )
  ).rows[0];
  const { organizationId, admin } = earlier
    ? { organizationId: earlier.organization_id, admin: { email: earlier.email } }
    : await buildOrganization(database, { name: "Bench CRM" });
  const t0 = performance.now();
  const steps: string[] = [];
  const counted = async () => {
    const n = async (table: string) =>
      Number((await database.pool.query<{ n: string }>(`select count(*) as n from ${table} where organization_id = $1`, [organizationId])).rows[0]?.n ?? 0);
    return {
      companies: await n("companies"),
      contacts: await n("contacts"),
      deals: await n("deals"),
      activities: await n("activities"),
      tasks: await n("tasks"),
      people: (await n("memberships")) - 1,
    };
  };
  const summary = earlier
    ? await counted()
    : large
      ? await seedLargeDepartment(database, {
          organizationId,
          now: new Date(),
          companies,
          dealsPerCompany: Number(process.env["BENCH_DEALS_PER_CLIENT"] ?? 5),
          activitiesPerCompany: Number(process.env["BENCH_ACTIVITIES_PER_CLIENT"] ?? 25),
          onStep: (step, ms) => {
            steps.push(`${step} ${fmt(ms / 1000)} s`);
            process.stdout.write(`  seeded ${step} in ${fmt(ms / 1000)} s\n`);
          },
        })
      : await seedDemoDepartment(database, { organizationId, now: new Date(), companies, sellersPerLevel: [60, 20, 20] });
  const seedMs = performance.now() - t0;
  const app = await buildApp({ context: { database, now: () => new Date(), security: defaultSecurity, keys: keysFromSecret("conveyor-bench-secret-0123456789abcdef"), version: "bench" } });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const sessionOf = async (email: string) => {
    const signIn = await fetch(`${address}/api/v1/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: factoryPassword }),
    });
    const body: unknown = await signIn.json();
    const csrf = typeof body === "object" && body !== null && "csrfToken" in body ? String(body.csrfToken) : "";
    return { cookie: signIn.headers.get("set-cookie")?.split(";")[0] ?? "", csrf };
  };
  const head = await sessionOf(admin.email);
  const sellerRow = await database.pool.query<{ email: string }>(
    `select u.email from users u join memberships m on m.user_id = u.id
     where m.organization_id = $1 and m.role = 'seller' order by u.email limit 1`,
    [organizationId],
  );
  const seller = await sessionOf(sellerRow.rows[0]?.email ?? "");
  const getJson = async (path: string, as = head): Promise<unknown> => {
    const response = await fetch(`${address}${path}`, { headers: { cookie: as.cookie } });
    if (response.status !== 200) throw new Error(`${path} ${response.status} ${await response.text()}`);
    return response.json();
  };
  const idOf = (page: unknown): string =>
    typeof page === "object" && page !== null && "items" in page && Array.isArray(page.items) ? String(page.items[0]?.id) : "";
  const firstId = idOf(await getJson("/api/v1/companies?limit=1"));
  const pipelineId = idOf(await getJson("/api/v1/pipelines"));
  const calls: Array<[string, string, "head" | "seller"]> = [
    ["client list, first page (50, by name)", "/api/v1/companies?limit=50", "head"],
    ["client list, filtered (status + region)", `/api/v1/companies?status=current&region=${encodeURIComponent("Москва")}&limit=50`, "head"],
    ["  its exact count (asked apart)", `/api/v1/companies/count?status=current&region=${encodeURIComponent("Москва")}`, "head"],
    ["client list, by last activity", "/api/v1/companies?sort=lastActivityAt&order=desc&limit=50", "head"],
    ["search by a common word (1 name in 18 has it)", `/api/v1/companies?q=${encodeURIComponent("сигма")}&limit=20`, "head"],
    ["  its exact count (asked apart)", `/api/v1/companies/count?q=${encodeURIComponent("сигма")}`, "head"],
    ["search by a client's name", `/api/v1/companies?q=${encodeURIComponent("вектор строй 12")}&limit=20`, "head"],
    ["global search box (clients, contacts, deals)", `/api/v1/search?q=${encodeURIComponent("вектор строй 12")}`, "head"],
    ["search by phone digits", "/api/v1/companies?q=7912&limit=20", "head"],
    ["segment facets (M5.4 views)", "/api/v1/companies/facets", "head"],
    ["client card", `/api/v1/companies/${firstId}`, "head"],
    ["client timeline (50)", `/api/v1/companies/${firstId}/timeline?limit=50`, "head"],
    ["today's tasks of the org", "/api/v1/tasks?view=today&limit=50", "head"],
    ["deal list, first page", "/api/v1/deals?limit=50", "head"],
    ["deal board of the default pipeline", `/api/v1/pipelines/${pipelineId}/board`, "head"],
    ["seller: own client list", "/api/v1/companies?limit=50", "seller"],
    ["seller: filtered (status + region)", `/api/v1/companies?status=new&region=${encodeURIComponent("Москва")}&limit=50`, "seller"],
    ["seller: search by name fragment", `/api/v1/companies?q=${encodeURIComponent("сигма")}&limit=20`, "seller"],
    ["seller: segment facets", "/api/v1/companies/facets", "seller"],
  ];
  out(`## Client base on ${databaseUrl ? "PostgreSQL" : "embedded PGlite"} (ms)`);
  out();
  out(
    `${summary.companies} clients, ${summary.contacts} contacts, ${summary.deals} deals, ${summary.activities} activities, ${summary.tasks} tasks, ` +
      `${summary.people} people; ${earlier ? "seeded by an earlier run" : `seeded in ${fmt(seedMs / 1000)} s`}${steps.length > 0 ? ` (${steps.join(", ")})` : ""}. ` +
      `The head of sales sees everything (the widest scope); a seller sees about 1/60 of the L1 base. ${iterations} requests each, one at a time.`,
  );
  out();
  out(`| call | p50 | p95 | max |`);
  out(`| --- | --- | --- | --- |`);
  for (const [label, path, who] of calls) {
    const as = who === "head" ? head : seller;
    for (let i = 0; i < 3; i++) await getJson(path, as);
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) samples.push(await timeIt(() => getJson(path, as)));
    const s = summarize(samples);
    out(`| ${label} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.max)} |`);
  }
  out();
  if (importRows > 0) {
    // A file like a CRM's export: every row a new client with a contact; one in 50 rows invalid.
    const header = "Название;ИНН;Регион;Отрасль;Контакт;Телефон;Email";
    // New legal ids, phones and emails on every run, so a kept database still gets new clients.
    const run = Date.now().toString(36);
    const operator = 900 + (Math.floor(Date.now() / 1000) % 99);
    const body = Array.from({ length: importRows }, (_, i) =>
      [
        `ООО «Импорт ${run} ${i}»`,
        String(3_000_000_000 + (operator - 900) * 1_000_000 + i),
        "Казань",
        "IT",
        `Контакт ${i}`,
        i % 50 === 0 ? "12" : `+7 (${operator}) ${String(1_000_000 + i).slice(-7)}`,
        `import${i}.${run}@example.ru`,
      ].join(";"),
    );
    const file = Buffer.from([header, ...body].join("\n"));
    const t1 = performance.now();
    const uploaded = await fetch(`${address}/api/v1/imports?entity=companies&fileName=bench.csv`, {
      method: "POST",
      headers: { cookie: head.cookie, "x-csrf-token": head.csrf, "content-type": "text/csv" },
      body: file,
    });
    const job: unknown = await uploaded.json();
    const jobId = typeof job === "object" && job !== null && "id" in job ? String(job.id) : "";
    const mapping = typeof job === "object" && job !== null && "mapping" in job ? job.mapping : [];
    const uploadMs = performance.now() - t1;
    await fetch(`${address}/api/v1/imports/${jobId}/start`, {
      method: "POST",
      headers: { cookie: head.cookie, "x-csrf-token": head.csrf, "content-type": "application/json" },
      body: JSON.stringify({ mapping, onDuplicate: "skip" }),
    });
    await app.imports.idle();
    const totalMs = performance.now() - t1;
    const result = await getJson(`/api/v1/imports/${jobId}`);
    out(`## Import of ${importRows} client rows (CSV, ${fmt(file.byteLength / 1024 / 1024)} MB)`);
    out();
    out(`Upload and read ${fmt(uploadMs / 1000)} s; whole import ${fmt(totalMs / 1000)} s (${fmt(importRows / (totalMs / 1000))} rows/s). Result: ${JSON.stringify(result, ["createdCount", "skippedCount", "errorCount"])}.`);
    out();
  }
  await app.close();
} finally {
  await database.close();
  if (dir && !keptDir) rmSync(dir, { recursive: true, force: true });
}
const file = resolve(import.meta.dirname, `../results/crm-${large ? "large-" : ""}${databaseUrl ? "postgres" : "embedded"}.md`);
writeFileSync(file, `# Client base benchmark\n\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, 2 cores.\n\n${lines.join("\n")}\n`);
