import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildApp, defaultSecurity, migrateDatabase, openDatabase } from "@conveyor/server";
import { buildOrganization, factoryPassword } from "@conveyor/server/testing";
import { seedDemoDepartment } from "./generator/demo-department";
import { fmt, summarize, timeIt } from "./stats";

/*
 * `npm run bench -- crm`: the client base on a grown demo department (generator in
 * bench/src/generator), embedded PGlite, or PostgreSQL with DATABASE_URL. Sequential
 * requests over loopback HTTP as the head of sales (who sees everything: the widest scope).
 */
const companies = Number(process.env["BENCH_COMPANIES"] ?? 10_000);
const iterations = Number(process.env["BENCH_ITERATIONS"] ?? 100);
const databaseUrl = process.env["DATABASE_URL"];

const dir = databaseUrl ? undefined : mkdtempSync(join(tmpdir(), "cv-bench-crm-"));
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
  const { organizationId, admin } = await buildOrganization(database, { name: "Bench CRM" });
  const t0 = performance.now();
  const summary = await seedDemoDepartment(database, { organizationId, now: new Date(), companies, sellersPerLevel: [60, 20, 20] });
  const seedMs = performance.now() - t0;
  const app = await buildApp({ context: { database, now: () => new Date(), security: defaultSecurity, version: "bench" } });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const signIn = await fetch(`${address}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: admin.email, password: factoryPassword }),
  });
  const cookie = signIn.headers.get("set-cookie")?.split(";")[0] ?? "";
  const getJson = async (path: string): Promise<unknown> => {
    const response = await fetch(`${address}${path}`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`${path} ${response.status}`);
    return response.json();
  };
  const first = await getJson("/api/v1/companies?limit=1");
  const firstId = typeof first === "object" && first !== null && "items" in first && Array.isArray(first.items) ? String(first.items[0]?.id) : "";
  const calls: Array<[string, string]> = [
    ["client list, first page (50, by name)", "/api/v1/companies?limit=50"],
    ["client list, filtered (status + region)", `/api/v1/companies?status=current&region=${encodeURIComponent("Москва")}&limit=50`],
    ["client list, by last activity", "/api/v1/companies?sort=lastActivityAt&order=desc&limit=50"],
    ["search by name fragment", `/api/v1/companies?q=${encodeURIComponent("сигма")}&limit=20`],
    ["search by phone digits", "/api/v1/companies?q=7912&limit=20"],
    ["segment facets (M5.4 views)", "/api/v1/companies/facets"],
    ["client card", `/api/v1/companies/${firstId}`],
    ["client timeline (50)", `/api/v1/companies/${firstId}/timeline?limit=50`],
    ["today's tasks of the org", "/api/v1/tasks?view=today&limit=50"],
  ];
  out(`## Client base on ${databaseUrl ? "PostgreSQL" : "embedded PGlite"} (ms)`);
  out();
  out(
    `${summary.companies} clients, ${summary.contacts} contacts, ${summary.activities} activities, ${summary.tasks} tasks, ` +
      `${summary.people} people; seeded in ${fmt(seedMs)} ms. Head of sales' view (no scope filter). ${iterations} requests each.`,
  );
  out();
  out(`| call | p50 | p95 | max |`);
  out(`| --- | --- | --- | --- |`);
  for (const [label, path] of calls) {
    for (let i = 0; i < 3; i++) await getJson(path);
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) samples.push(await timeIt(() => getJson(path)));
    const s = summarize(samples);
    out(`| ${label} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.max)} |`);
  }
  out();
  await app.close();
} finally {
  await database.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
const file = resolve(import.meta.dirname, `../results/crm-${databaseUrl ? "postgres" : "embedded"}.md`);
writeFileSync(file, `# Client base benchmark\n\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, 2 cores.\n\n${lines.join("\n")}\n`);
