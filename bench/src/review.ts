import { mkdtempSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildApp, defaultSecurity, keysFromSecret, migrateDatabase, openDatabase, type Database } from "@conveyor/server";
import { buildOrganization, factoryPassword } from "@conveyor/server/testing";
import { at, count, measuredCommit, text, type Session } from "./bench-http";
import { seedLargeDepartment } from "./generator/large-department";
import { fmt, summarize, timeIt, type Summary } from "./stats";

/*
 * `npm run bench:review` (issue #6): the daily review's reads — a busy seller's queue, one client's review screen,
 * the department's review log (with each seller's active clients) and a seller's My day — p50/p95 over loopback
 * HTTP, on embedded PGlite and (with DATABASE_URL) on PostgreSQL. The department is the generator's (100 sellers
 * 6-2-2, the KPI history), plus four weeks of review sittings: the head reviews every seller each working day,
 * 8 clients a sitting, some deals moved since. BENCH_SIZE=S (default): 2k clients; M: 20k; L: 200k.
 * BENCH_REVIEW_TARGETS=embedded|postgres runs one of them; the figures go to bench/results/review-<size>.md.
 */
const sizes = { S: 2_000, M: 20_000, L: 200_000 } as const;
const sizeEnv = process.env["BENCH_SIZE"];
const size: keyof typeof sizes = sizeEnv === "M" || sizeEnv === "L" ? sizeEnv : "S";
const companies = Number(process.env["BENCH_COMPANIES"] ?? sizes[size]);
const iterations = Number(process.env["BENCH_ITERATIONS"] ?? 30);
const wanted = (process.env["BENCH_REVIEW_TARGETS"] ?? "embedded,postgres").split(",");
const organizationName = "Bench review";
const commit = measuredCommit();

type Row = { label: string; who: string; summary: Summary };
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const lines: string[] = [];
const out = (line = "") => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

/** Four weeks of sittings: every working day the head reviews each seller's 8 clients (a task as the next step). */
const seedReviews = async (database: Database, organizationId: string, headId: string, now: Date): Promise<number> => {
  const t0 = performance.now();
  await database.pool.query(
    `insert into review_sessions (organization_id, reviewer_id, seller_id, started_at, finished_at)
     select $1, $2, m.user_id, d.day + interval '10 hours' + (row_number() over (partition by d.day order by m.user_id)) * interval '2 minutes',
            d.day + interval '10 hours' + (row_number() over (partition by d.day order by m.user_id)) * interval '2 minutes' + interval '15 minutes'
     from memberships m
     cross join generate_series(date_trunc('day', $3::timestamptz) - interval '27 days', date_trunc('day', $3::timestamptz) - interval '1 day', interval '1 day') as d(day)
     where m.organization_id = $1 and m.role = 'seller' and extract(isodow from d.day) < 6`,
    [organizationId, headId, now.toISOString()],
  );
  await database.pool.query(
    `insert into review_items (organization_id, session_id, reviewer_id, seller_id, company_id, deal_id, deal_stage_id, reasons, next_task_id,
                               closed_as_lost, lost_reason, seconds_spent, reviewed_at)
     select s.organization_id, s.id, s.reviewer_id, s.seller_id, c.id, d.id,
            case when d.id is null then null when random() < 0.2 then (select ps.id from pipeline_stages ps where ps.pipeline_id = d.pipeline_id order by ps.position limit 1) else d.stage_id end,
            array['task_due'], t.id, t.id is null, case when t.id is null then 'bench' end,
            30 + floor(random() * 270)::int, s.started_at + (c.n * interval '1 minute')
     from review_sessions s
     cross join lateral (
       select x.id, row_number() over () as n from (select id from companies where organization_id = s.organization_id and owner_id = s.seller_id order by random() limit 8) x
     ) c
     left join lateral (select id, stage_id, pipeline_id from deals where organization_id = s.organization_id and company_id = c.id limit 1) d on true
     left join lateral (select id from tasks where organization_id = s.organization_id and company_id = c.id limit 1) t on true
     where s.organization_id = $1`,
    [organizationId],
  );
  await database.pool.query("analyze review_sessions, review_items");
  return (performance.now() - t0) / 1000;
};

const benchTarget = async (label: string, database: Database): Promise<void> => {
  const pool = database.pool;
  const one = async <T extends Record<string, unknown>>(sqlText: string, values: unknown[] = []): Promise<T | undefined> => (await pool.query<T>(sqlText, values)).rows[0];
  await migrateDatabase(pool);
  let organizationId = (await one<{ id: string }>(`select id from organizations where name = $1 limit 1`, [organizationName]))?.id;
  const steps: string[] = [];
  const now = new Date();
  if (!organizationId) {
    organizationId = (await buildOrganization(database, { name: organizationName, country: "RU" })).organizationId;
    const t0 = performance.now();
    await seedLargeDepartment(database, {
      organizationId,
      now,
      companies,
      dealsPerCompany: 5,
      activitiesPerCompany: 5,
      history: "kpi",
      onStep: (step, ms) => process.stdout.write(`  seeded ${step} in ${fmt(ms / 1000)} s\n`),
    });
    steps.push(`department ${fmt((performance.now() - t0) / 1000)} s`);
    const head = await one<{ user_id: string }>(`select user_id from memberships where organization_id = $1 and role = 'head_of_sales' limit 1`, [organizationId]);
    steps.push(`four weeks of review sittings ${fmt(await seedReviews(database, organizationId, text(head?.user_id), now))} s`);
  }
  const org = organizationId;

  const app = await buildApp({ context: { database, now: () => new Date(), security: defaultSecurity, keys: keysFromSecret("conveyor-bench-secret-0123456789abcdef"), version: "bench" } });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  try {
    const emailOf = async (where: string, values: unknown[] = []): Promise<string> =>
      text((await one<{ email: string }>(`select u.email from users u join memberships m on m.user_id = u.id where m.organization_id = $1 and ${where} order by u.email limit 1`, [org, ...values]))?.email);
    const signIn = async (email: string, who: string): Promise<Session> => {
      const response = await fetch(`${address}/api/v1/auth/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: factoryPassword }) });
      if (response.status !== 200) throw new Error(`sign-in of ${email}: ${response.status}`);
      const body: unknown = await response.json();
      return { cookie: response.headers.get("set-cookie")?.split(";")[0] ?? "", csrf: text(at(body, "csrfToken")), label: who };
    };
    const get = async (as: Session, path: string): Promise<unknown> => {
      const response = await fetch(`${address}${path}`, { headers: { cookie: as.cookie } });
      const raw = await response.text();
      if (response.status !== 200) throw new Error(`GET ${path} as ${as.label}: ${response.status} ${raw.slice(0, 300)}`);
      return JSON.parse(raw);
    };

    // The busiest seller: the most open deals.
    const busy = await one<{ user_id: string; email: string; deals: string }>(
      `select d.owner_id as user_id, u.email, count(*) as deals from deals d join pipeline_stages s on s.id = d.stage_id and s.kind = 'open' join users u on u.id = d.owner_id
       join memberships m on m.user_id = d.owner_id and m.organization_id = d.organization_id and m.role = 'seller'
       where d.organization_id = $1 group by d.owner_id, u.email order by count(*) desc, d.owner_id limit 1`,
      [org],
    );
    const sellerId = text(busy?.user_id);
    const head = await signIn(await emailOf(`m.role = 'head_of_sales'`), "head of sales");
    const seller = await signIn(text(busy?.email), "seller");

    const rows: Row[] = [];
    const timed = async (labelOf: string, who: string, fn: (i: number) => Promise<unknown>): Promise<Summary> => {
      for (let i = 0; i < 3; i++) await fn(-1 - i);
      const samples: number[] = [];
      for (let i = 0; i < iterations; i++) samples.push(await timeIt(() => fn(i)));
      const summary = summarize(samples);
      rows.push({ label: labelOf, who, summary });
      process.stdout.write(`  ${labelOf} (${who}): p50 ${fmt(summary.p50)} p95 ${fmt(summary.p95)} max ${fmt(summary.max)}\n`);
      return summary;
    };

    const queue = await get(head, `/api/v1/review/queue?sellerId=${sellerId}`);
    const queueItems = list(at(queue, "items"));
    const clientIds = queueItems.map((item) => text(at(item, "company", "id"))).filter((id) => id !== "");
    const log = await get(head, "/api/v1/review/log");
    const logSellers = list(at(log, "sellers"));
    const activeTotal = logSellers.reduce<number>((n, s) => n + count(at(s, "activeClients")), 0);

    await timed("GET /review/queue — the busiest seller", "head of sales", () => get(head, `/api/v1/review/queue?sellerId=${sellerId}`));
    await timed("GET /review/clients/:id — a client of the queue", "head of sales", (i) =>
      get(head, `/api/v1/review/clients/${clientIds[Math.abs(i) % Math.max(1, clientIds.length)] ?? ""}?sellerId=${sellerId}`),
    );
    await timed("GET /review/log — the department, four weeks", "head of sales", () => get(head, "/api/v1/review/log"));
    await timed("GET /review/log — one seller", "head of sales", () => get(head, `/api/v1/review/log?sellerId=${sellerId}`));
    await timed("GET /review/my-day", "seller", () => get(seller, "/api/v1/review/my-day"));

    const n = async (table: string) => Number((await one<{ n: string }>(`select count(*) as n from ${table} where organization_id = $1`, [org]))?.n ?? 0);
    const figures = {
      companies: await n("companies"),
      deals: await n("deals"),
      tasks: await n("tasks"),
      sessions: await n("review_sessions"),
      items: await n("review_items"),
      people: await n("memberships"),
    };
    out(`## ${label}`);
    out();
    out(
      `${figures.companies} clients, ${figures.deals} deals, ${figures.tasks} tasks, ${figures.people} members; ${figures.sessions} review sittings and ${figures.items} reviewed clients ` +
        `over four weeks. The busiest seller has ${Number(busy?.deals ?? 0)} open deals and ${queueItems.length} clients in the queue; the department log counts ${logSellers.length} sellers ` +
        `with ${activeTotal} active clients. ${steps.length > 0 ? `Seeded in this run (${steps.join(", ")}).` : "Seeded by an earlier run."} ` +
        `${iterations} calls each after 3 warm-ups, one at a time over loopback HTTP (ms); load average ${loadavg().map((l) => l.toFixed(1)).join(" / ")} (1 / 5 / 15 min) ` +
        `when measured, on a machine shared with other work.`,
    );
    out();
    out(`| call | as | n | p50 | p95 | max |`);
    out(`| --- | --- | --- | --- | --- | --- |`);
    for (const r of rows) out(`| ${r.label} | ${r.who} | ${r.summary.n} | ${fmt(r.summary.p50)} | ${fmt(r.summary.p95)} | ${fmt(r.summary.max)} |`);
    out();
  } finally {
    await app.close();
  }
};

if (wanted.includes("embedded")) {
  const dir = process.env["BENCH_DATA_DIR"] ?? mkdtempSync(join(tmpdir(), "cv-bench-review-"));
  process.stdout.write(`embedded data directory: ${dir}\n`);
  const database = await openDatabase({ mode: "embedded", dataDir: dir });
  try {
    await benchTarget("embedded PGlite", database);
  } finally {
    await database.close();
  }
}
const databaseUrl = process.env["DATABASE_URL"];
if (databaseUrl && wanted.includes("postgres")) {
  const database = await openDatabase({ mode: "postgres", url: databaseUrl });
  try {
    await benchTarget(`PostgreSQL ${(await database.pool.query<{ v: string }>("show server_version")).rows[0]?.v ?? ""}`.trim(), database);
  } finally {
    await database.close();
  }
}
if (lines.length > 0) {
  const file = process.env["BENCH_REVIEW_OUT"] ?? resolve(import.meta.dirname, `../results/review-${size}.md`);
  writeFileSync(file, `# Daily review benchmark (issue #6)\n\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${availableParallelism()} cores, commit ${commit}, size ${size}.\n\n${lines.join("\n")}\n`);
  process.stdout.write(`results: ${file}\n`);
}
