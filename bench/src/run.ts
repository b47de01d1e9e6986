import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { benchApi } from "./api";
import { fmt } from "./stats";
import { benchStartup } from "./startup";

/*
 * `npm run bench`: the foundation's figures — start and restart time of the server on the
 * embedded database, and latency of the calls a person waits on, on the embedded database
 * and (with DATABASE_URL) on PostgreSQL. Results go to bench/results/foundation.md.
 * BENCH_KPI=1 runs the KPI benchmark (kpi.ts) after it in the same run: at size L it seeds 200k
 * clients per database (about 20 minutes embedded), too long for every `npm run bench`.
 */
const iterations = Number(process.env["BENCH_ITERATIONS"] ?? 300);
const sellers = 100;
const lines: string[] = [];
const out = (line = "") => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

out(`# Foundation benchmark`);
out();
out(`Machine: ${process.platform} ${process.arch}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`);
out(`Department: 1 admin, 1 head of sales, 10 team leads, ${sellers} sellers. Sequential requests over loopback HTTP.`);
out();

const startup = await benchStartup(3);
out(`## Server start on the embedded database (spawn → /api/health answers)`);
out();
out(`| what | ms |`);
out(`| --- | --- |`);
out(`| first start (creates the database, migrates, creates the admin) | ${fmt(startup.firstStartMs)} |`);
for (const [i, ms] of startup.restartMs.entries()) out(`| restart ${i + 1} on the same data | ${fmt(ms)} |`);
out(`| SIGTERM → exit (drain, close database), worst of ${startup.stopMs.length} | ${fmt(Math.max(...startup.stopMs))} |`);
out();

const targets: Array<[string, string | undefined]> = [["embedded PGlite", undefined]];
if (process.env["DATABASE_URL"]) targets.push(["PostgreSQL", process.env["DATABASE_URL"]]);
for (const [label, databaseUrl] of targets) {
  const results = await benchApi({ iterations, sellers, ...(databaseUrl && { databaseUrl }) });
  out(`## API latency on ${label} (ms)`);
  out();
  out(`| call | n | p50 | p95 | max |`);
  out(`| --- | --- | --- | --- | --- |`);
  for (const [call, s] of Object.entries(results)) out(`| ${call} | ${s.n} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.max)} |`);
  out();
}

writeFileSync(resolve(import.meta.dirname, "../results/foundation.md"), `${lines.join("\n")}\n`);

if (process.env["BENCH_KPI"] === "1") await import("./kpi");
