import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { migrateDatabase, openDatabase, type Database } from "@conveyor/server";
import { buildOrganization, buildUser, factoryPassword } from "@conveyor/server/testing";
import { fmt } from "./stats";

/*
 * `npm run bench:leads`: lead intake with assignment (M5.5, issue #5 "Performance"), on embedded PGlite
 * and on PostgreSQL in one run. Each target gets a fresh database (a temporary data directory; a throwaway
 * PostgreSQL database, dropped afterwards), an organization of 20 sellers (5 with a cap, 3 with double
 * weight, two routing rules) and a webhook source. The real server process (`npm start`'s entry point) then
 * takes signed deliveries over loopback HTTP from concurrent senders for a bounded time, each lead with a new
 * phone and email. Afterwards the database is checked: every 201 receipt is there once with the assignee it
 * answered, every lead has an assignee, nobody is past their cap.
 *
 * BENCH_SECONDS (15), BENCH_PG_SENDERS (16), BENCH_EMBEDDED_SENDERS (4), BENCH_TARGETS (embedded,postgres), BENCH_PROFILE_DIR; the PostgreSQL server is
 * DATABASE_URL (only used to create and drop the throwaway database) or the machine's local one.
 */
const seconds = Number(process.env["BENCH_SECONDS"] ?? 15);
const warmupSeconds = 2;
const pgSenders = Number(process.env["BENCH_PG_SENDERS"] ?? 16);
const embeddedSenders = Number(process.env["BENCH_EMBEDDED_SENDERS"] ?? 4);
const adminUrl = process.env["DATABASE_URL"] || "postgres://postgres@127.0.0.1:5432/postgres";
const sellerCount = 20;
const cappedSellers = 5;
const cap = 40;
const goals = { postgres: 1000, embedded: 300, p99Ms: 50 };

const repoRoot = resolve(import.meta.dirname, "../..");
const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8", cwd: repoRoot }).trim();
const commit = `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--", "packages/server", "packages/domain", "packages/contracts") ? " with local changes" : ""}`;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === "string" ? value : "");

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });

// ---------------------------------------------------------------- the server process

type Server = { address: string; child: ChildProcess; stop: () => Promise<void> };

const startServer = async (env: { DATA_DIR?: string; DATABASE_URL?: string }): Promise<Server> => {
  const port = await freePort();
  let output = "";
  // BENCH_PROFILE_DIR: the server writes a CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env["BENCH_PROFILE_DIR"] ? ["--cpu-prof", "--cpu-prof-dir", process.env["BENCH_PROFILE_DIR"]] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", join(repoRoot, "packages/server/src/cli/start.ts")], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: "", ...env, PORT: String(port), HOST: "127.0.0.1", SERVE_WEB: "false", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.on("exit", () => done()));
  const address = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start: ${output}`);
    if (Date.now() - t0 > 120_000) throw new Error(`server not ready: ${output}`);
    try {
      if ((await fetch(`${address}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    address,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
};

// ---------------------------------------------------------------- the department

type Department = { organizationId: string; adminEmail: string; sellerIds: string[] };

/** The organization, its head of sales and sellers, written directly; the rest goes through the API. */
const seedDepartment = async (database: Database): Promise<Department> => {
  await migrateDatabase(database.pool);
  const { organizationId, admin } = await buildOrganization(database, { name: "Bench Leads" });
  await buildUser(database, organizationId, { role: "head_of_sales", name: "Head of sales" });
  const sellerIds: string[] = [];
  for (let i = 0; i < sellerCount; i++) sellerIds.push((await buildUser(database, organizationId, { name: `Seller ${String(i).padStart(2, "0")}` })).id);
  // Sellers take leads only in working time on a working day. So that the figures do not depend on the hour
  // the bench runs, the organization works around the clock (00:00–23:59 UTC) under the weekend of a country
  // whose days off today is not (Russia: Saturday and Sunday; Iran: Friday).
  const weekday = new Date().getUTCDay();
  const country = weekday === 0 || weekday === 6 ? "IR" : "RU";
  await database.pool.query(`update organizations set work_start = '00:00', work_end = '23:59', time_zone = 'UTC', country = $2 where id = $1`, [
    organizationId,
    country,
  ]);
  return { organizationId, adminEmail: admin.email, sellerIds };
};

type Api = { call: (method: string, path: string, body?: unknown) => Promise<unknown> };

const signIn = async (address: string, email: string): Promise<Api> => {
  const response = await fetch(`${address}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: factoryPassword }),
  });
  const body: unknown = await response.json();
  if (response.status !== 200 || !isRecord(body)) throw new Error(`sign-in: ${response.status}`);
  const cookie = response.headers.get("set-cookie")?.split(";")[0] ?? "";
  const csrf = text(body["csrfToken"]);
  return {
    call: async (method, path, payload) => {
      const reply = await fetch(`${address}${path}`, {
        method,
        headers: { cookie, "x-csrf-token": csrf, ...(payload !== undefined && { "content-type": "application/json" }) },
        ...(payload !== undefined && { body: JSON.stringify(payload) }),
      });
      const raw = await reply.text();
      if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${raw.slice(0, 300)}`);
      return raw === "" ? null : JSON.parse(raw);
    },
  };
};

type Source = { publicKey: string; secret: string };

/** Caps, weights, two routing rules and the webhook source, as an admin sets them up. */
const shapeDepartment = async (api: Api, department: Department): Promise<Source> => {
  const ids = department.sellerIds;
  for (const [i, userId] of ids.entries()) {
    if (i < cappedSellers) await api.call("PATCH", `/api/v1/lead-availability/${userId}`, { leadCap: cap });
    else if (i < cappedSellers + 3) await api.call("PATCH", `/api/v1/lead-availability/${userId}`, { weight: 2 });
  }
  // A capped seller in each rule, so rules meet caps too.
  await api.call("POST", "/api/v1/routing-rules", { name: "Kazan", conditions: { regions: ["Казань"] }, targetUserIds: [ids[0], ids[10], ids[11]] });
  await api.call("POST", "/api/v1/routing-rules", { name: "Hot leads", conditions: { temperatures: ["hot"] }, targetUserIds: [ids[1], ids[12], ids[13], ids[14]] });
  const created = await api.call("POST", "/api/v1/lead-sources", { name: "Website hook", kind: "webhook", channel: "website" });
  if (!isRecord(created)) throw new Error("no source");
  return { publicKey: text(created["publicKey"]), secret: text(created["secret"]) };
};

// ---------------------------------------------------------------- the load

type Receipt = { id: string; assigneeId: string | null; route: string };
type Load = {
  senders: number;
  seconds: number;
  sent: number;
  created: number;
  assigned: number;
  other: Record<string, number>;
  latenciesMs: number[];
  receipts: Receipt[];
  routes: Record<string, number>;
};

/** A new lead each call: its own phone (+7 916 …) and email, a region or temperature some rules match. */
const leadBody = (n: number, tag: string): string =>
  JSON.stringify({
    name: `Лид ${n}`,
    companyName: `ООО «Бенч ${tag} ${n}»`,
    phone: `+7916${String(n).padStart(7, "0")}`,
    email: `lead${n}.${tag}@example.test`,
    message: "Нужна консультация",
    ...(n % 7 === 0 && { region: "Казань" }),
    ...(n % 10 === 3 && { temperature: "hot" }),
    utm: { source: "bench", campaign: tag },
  });

const post = (agent: Agent, address: URL, source: Source, body: string): Promise<{ status: number; raw: string }> =>
  new Promise((done, fail) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `sha256=${createHmac("sha256", source.secret).update(`${timestamp}.${body}`).digest("hex")}`;
    const req = httpRequest(
      {
        agent,
        host: address.hostname,
        port: address.port,
        path: "/api/v1/leads",
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-conveyor-source": source.publicKey,
          "x-conveyor-timestamp": timestamp,
          "x-conveyor-signature": signature,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => done({ status: res.statusCode ?? 0, raw: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", fail);
      },
    );
    req.on("error", fail);
    req.end(body);
  });

const runLoad = async (address: string, source: Source, senders: number, forSeconds: number, first: number, tag: string): Promise<Load & { next: number }> => {
  const agent = new Agent({ keepAlive: true, maxSockets: senders });
  const url = new URL(address);
  const load: Load = { senders, seconds: 0, sent: 0, created: 0, assigned: 0, other: {}, latenciesMs: [], receipts: [], routes: {} };
  let next = first;
  const t0 = performance.now();
  const until = t0 + forSeconds * 1000;
  const sender = async () => {
    while (performance.now() < until) {
      const n = next++;
      const s0 = performance.now();
      let status: string;
      try {
        const reply = await post(agent, url, source, leadBody(n, tag));
        load.latenciesMs.push(performance.now() - s0);
        status = String(reply.status);
        if (reply.status === 201) {
          const body: unknown = JSON.parse(reply.raw);
          if (!isRecord(body)) throw new Error("no receipt");
          const receipt = { id: text(body["id"]), assigneeId: typeof body["assigneeId"] === "string" ? body["assigneeId"] : null, route: text(body["route"]) };
          load.receipts.push(receipt);
          load.created += 1;
          if (receipt.assigneeId) load.assigned += 1;
          load.routes[receipt.route] = (load.routes[receipt.route] ?? 0) + 1;
          continue;
        }
        if (load.other[status] === undefined) process.stdout.write(`  first ${status}: ${reply.raw.slice(0, 300)}\n`);
      } catch (error) {
        status = error instanceof Error ? error.message : "error";
      }
      load.other[status] = (load.other[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  load.seconds = (performance.now() - t0) / 1000;
  load.sent = next - first;
  agent.destroy();
  return { ...load, next };
};

// ---------------------------------------------------------------- the checks

type Checks = {
  leads: number;
  receiptsFound: number;
  receiptsMissing: number;
  assigneeMismatch: number;
  unassigned: number;
  leadsWithoutReceipt: number;
  duplicateEmails: number;
  companies: number;
  deals: number;
  overCap: string[];
  maxWaitingOfCapped: number;
};

const check = async (pool: Database["pool"], organizationId: string, receipts: Receipt[]): Promise<Checks> => {
  const rows = (await pool.query<{ id: string; assignee_id: string | null }>(`select id, assignee_id from leads where organization_id = $1`, [organizationId])).rows;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const receiptIds = new Set(receipts.map((r) => r.id));
  let found = 0;
  let mismatch = 0;
  for (const r of receipts) {
    const row = byId.get(r.id);
    if (!row) continue;
    found += 1;
    if (row.assignee_id !== r.assigneeId) mismatch += 1;
  }
  const one = async (sqlText: string): Promise<number> => Number((await pool.query<{ n: string }>(sqlText, [organizationId])).rows[0]?.n ?? 0);
  const caps = (
    await pool.query<{ user_id: string; cap: number; waiting: number }>(
      `select m.user_id, m.lead_cap as cap,
              (select count(*)::int from leads l where l.organization_id = m.organization_id and l.assignee_id = m.user_id and l.status = 'waiting') as waiting
         from memberships m where m.organization_id = $1 and m.lead_cap is not null`,
      [organizationId],
    )
  ).rows;
  return {
    leads: rows.length,
    receiptsFound: found,
    receiptsMissing: receipts.length - found,
    assigneeMismatch: mismatch,
    unassigned: rows.filter((r) => r.assignee_id === null).length,
    leadsWithoutReceipt: rows.filter((r) => !receiptIds.has(r.id)).length,
    duplicateEmails: await one(`select count(*) as n from (select email from leads where organization_id = $1 group by email having count(*) > 1) d`),
    companies: await one(`select count(*) as n from companies where organization_id = $1`),
    deals: await one(`select count(*) as n from deals where organization_id = $1`),
    overCap: caps.filter((c) => c.waiting > c.cap).map((c) => `${c.user_id}: ${c.waiting}/${c.cap}`),
    maxWaitingOfCapped: Math.max(0, ...caps.map((c) => c.waiting)),
  };
};

// ---------------------------------------------------------------- one target

type Result = {
  target: "embedded" | "postgres";
  label: string;
  senders: number;
  seconds: number;
  sent: number;
  created: number;
  createdPerSecond: number;
  assignedPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  otherStatuses: Record<string, number>;
  routes: Record<string, number>;
  checks: Checks;
  ok: boolean;
};

const benchTarget = async (target: "embedded" | "postgres"): Promise<Result> => {
  const label = target === "embedded" ? "embedded PGlite" : "PostgreSQL";
  const senders = target === "embedded" ? embeddedSenders : pgSenders;
  const tag = Date.now().toString(36);
  process.stdout.write(`${label}: seeding\n`);
  let dataDir: string | undefined;
  let throwaway: string | undefined;
  let admin: Database | undefined;
  let server: Server | undefined;
  let database: Database | undefined;
  try {
    let department: Department;
    let serverEnv: { DATA_DIR?: string; DATABASE_URL?: string };
    if (target === "embedded") {
      dataDir = mkdtempSync(join(tmpdir(), "cv-bench-leads-"));
      const seeding = await openDatabase({ mode: "embedded", dataDir });
      try {
        department = await seedDepartment(seeding);
      } finally {
        await seeding.close();
      }
      serverEnv = { DATA_DIR: dataDir };
    } else {
      admin = await openDatabase({ mode: "postgres", url: adminUrl, maxConnections: 1 });
      throwaway = `conveyor_bench_leads_${tag}`;
      await admin.pool.query(`create database ${throwaway}`);
      const url = new URL(adminUrl);
      url.pathname = `/${throwaway}`;
      database = await openDatabase({ mode: "postgres", url: url.toString(), maxConnections: 2 });
      department = await seedDepartment(database);
      serverEnv = { DATABASE_URL: url.toString() };
    }
    server = await startServer(serverEnv);
    const api = await signIn(server.address, department.adminEmail);
    const source = await shapeDepartment(api, department);

    process.stdout.write(`${label}: ${warmupSeconds} s warm-up, then ${seconds} s with ${senders} senders\n`);
    const warm = await runLoad(server.address, source, senders, warmupSeconds, 0, tag);
    const load = await runLoad(server.address, source, senders, seconds, warm.next, tag);
    await server.stop();

    let checks: Checks;
    const receipts = [...warm.receipts, ...load.receipts];
    if (target === "embedded") {
      const reopened = await openDatabase({ mode: "embedded", dataDir: dataDir ?? "" });
      try {
        checks = await check(reopened.pool, department.organizationId, receipts);
      } finally {
        await reopened.close();
      }
    } else if (database) {
      checks = await check(database.pool, department.organizationId, receipts);
    } else {
      throw new Error("no database");
    }
    const sorted = [...load.latenciesMs].sort((a, b) => a - b);
    const failures = Object.values(warm.other).reduce((a, b) => a + b, 0) + Object.values(load.other).reduce((a, b) => a + b, 0);
    const ok =
      checks.receiptsMissing === 0 &&
      checks.assigneeMismatch === 0 &&
      checks.unassigned === 0 &&
      checks.leadsWithoutReceipt === 0 &&
      checks.duplicateEmails === 0 &&
      checks.overCap.length === 0 &&
      checks.leads === receipts.length &&
      failures === 0;
    return {
      target,
      label,
      senders,
      seconds: load.seconds,
      sent: load.sent,
      created: load.created,
      createdPerSecond: load.created / load.seconds,
      assignedPerSecond: load.assigned / load.seconds,
      latencyMs: { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99), max: sorted.at(-1) ?? 0 },
      otherStatuses: load.other,
      routes: load.routes,
      checks,
      ok,
    };
  } finally {
    await server?.stop();
    await database?.close();
    if (admin && throwaway) {
      await admin.pool.query(`drop database if exists ${throwaway} with (force)`);
      await admin.close();
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
};

// ---------------------------------------------------------------- the run

const startedAt = new Date();
const load1 = loadavg()[0] ?? 0;
const results: Result[] = [];
// BENCH_TARGETS=postgres (or embedded) measures one alone, for profiling; the figures come from a run of both.
const targets = (["embedded", "postgres"] as const).filter((t) => (process.env["BENCH_TARGETS"] ?? "embedded,postgres").split(",").includes(t));
for (const target of targets) results.push(await benchTarget(target));

const lines: string[] = [];
const out = (line = "") => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
const date = startedAt.toISOString().slice(0, 10);
out(`# Lead intake benchmark`);
out();
out(
  `${date}, Node ${process.version}, ${availableParallelism()} cores (1-minute load average ${load1.toFixed(2)} at the start), commit ${commit}. ` +
    `The server process (\`npm start\`'s entry point, LOG_LEVEL=warn) on a fresh database; ${sellerCount} sellers (${cappedSellers} capped at ${cap} waiting leads, 3 of double weight), ` +
    `a head of sales, rules "Kazan" (1 lead in 7) and "hot" (1 in 10) to 3 and 4 sellers; a webhook source. ` +
    `Signed deliveries (HMAC) over loopback HTTP with keep-alive, each a new client with its own phone and email; ${warmupSeconds} s warm-up, then ${seconds} s measured. ` +
    `Latency: request sent → 201 received (the answer comes after the lead, client, contact, deal and assignment are committed).`,
);
out();
out(`| database | senders | leads/s committed | leads/s assigned | p50 ms | p95 ms | p99 ms | max ms | goal | met |`);
out(`| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
for (const r of results) {
  const goal = r.target === "postgres" ? goals.postgres : goals.embedded;
  const met = r.createdPerSecond >= goal && r.latencyMs.p99 <= goals.p99Ms;
  out(
    `| ${r.label} | ${r.senders} | ${r.createdPerSecond.toFixed(0)} | ${r.assignedPerSecond.toFixed(0)} | ${fmt(r.latencyMs.p50)} | ${fmt(r.latencyMs.p95)} | ${fmt(r.latencyMs.p99)} | ${fmt(r.latencyMs.max)} | ≥ ${goal}/s, p99 ≤ ${goals.p99Ms} ms | ${met ? "yes" : "no"} |`,
  );
}
out();
out(`## Checked in the database after the run`);
out();
out(`| database | leads | 201 receipts found | missing | assignee differs | without assignee | without a 201 | duplicate emails | clients / deals | most waiting of a capped seller | over cap | other answers |`);
out(`| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
for (const r of results) {
  const c = r.checks;
  const other = Object.entries(r.otherStatuses).map(([k, v]) => `${k}: ${v}`).join(", ") || "none";
  out(
    `| ${r.label} | ${c.leads} | ${c.receiptsFound} | ${c.receiptsMissing} | ${c.assigneeMismatch} | ${c.unassigned} | ${c.leadsWithoutReceipt} | ${c.duplicateEmails} | ${c.companies} / ${c.deals} | ${c.maxWaitingOfCapped} (cap ${cap}) | ${c.overCap.length} | ${other} |`,
  );
}
out();
for (const r of results) {
  const routes = Object.entries(r.routes).map(([k, v]) => `${k} ${v}`).join(", ");
  out(`${r.label}: ${r.sent} sent in ${r.seconds.toFixed(1)} s, ${r.created} created; routes ${routes}. Checks ${r.ok ? "passed" : "FAILED"}.`);
}
out();

const dir = resolve(import.meta.dirname, "../results");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, `leads-${date}.md`), `${lines.join("\n")}\n`);
writeFileSync(
  join(dir, `leads-${date}.json`),
  `${JSON.stringify({ date, node: process.version, cores: availableParallelism(), loadAverage: load1, commit, seconds, goals, results }, null, 2)}\n`,
);
if (results.some((r) => !r.ok)) process.exitCode = 1;
