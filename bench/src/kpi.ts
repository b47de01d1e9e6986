import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildApp, defaultSecurity, keysFromSecret, migrateDatabase, openDatabase, type Database } from "@conveyor/server";
import { buildOrganization, factoryPassword } from "@conveyor/server/testing";
import { at, count, longPost as longPostTo, measuredCommit, text, type Session } from "./bench-http";
import { seedLargeDepartment } from "./generator/large-department";
import { fmt, summarize, timeIt, type Summary } from "./stats";

/*
 * `npm run bench:kpi` (issue #7): the KPI dashboard read from its rollups against the same figures
 * computed by a plain GROUP BY over the raw tables, in one run, on embedded PGlite and (with
 * DATABASE_URL) on PostgreSQL. Size L (default): 100 sellers, 200k clients, 1M deals, 5M
 * activities; BENCH_SIZE=S: 2k clients, for a quick check. Each database is seeded once with the
 * generator's KPI history (the triggers are off while seeding), its rollups rebuilt through
 * POST /kpi/check?rebuild=true and its sellers given plans; BENCH_DATA_DIR keeps the embedded data
 * directory and DATABASE_URL's database keeps its organization, so a second run only measures.
 * BENCH_KPI_TARGETS=embedded|postgres runs one of them; BENCH_SEED_ONLY=1 seeds and measures nothing.
 */
const size = process.env["BENCH_SIZE"] === "S" ? "S" : "L";
const companies = Number(process.env["BENCH_COMPANIES"] ?? (size === "L" ? 200_000 : 2_000));
const iterations = Number(process.env["BENCH_ITERATIONS"] ?? (size === "L" ? 50 : 20));
const plainIterations = Number(process.env["BENCH_PLAIN_ITERATIONS"] ?? 10);
const seedOnly = process.env["BENCH_SEED_ONLY"] === "1";
const wanted = (process.env["BENCH_KPI_TARGETS"] ?? "embedded,postgres").split(",");
const organizationName = "Bench KPI";

const commit = measuredCommit();

// ---------------------------------------------------------------- small helpers

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const num = (value: unknown): number => Number(value ?? 0);

type Row = { label: string; who: string; summary: Summary };
type SeedInfo = { seconds: number; steps: string[] };

const lines: string[] = [];
const out = (line = "") => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

const readSeed = (file: string): SeedInfo | undefined => {
  if (!existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  return { seconds: count(at(parsed, "seconds")), steps: list(at(parsed, "steps")).map(text) };
};

/** The plain queries' figures and the dashboard's, side by side: they must be equal. */
type Figures = { revenue: number; calls: number; meetings: number; won: number; lost: number; open: Record<string, number>; funnel: Record<string, number> };

// ---------------------------------------------------------------- one target

const benchTarget = async (label: string, database: Database, seedFile: string): Promise<void> => {
  const pool = database.pool;
  const one = async <T extends Record<string, unknown>>(sqlText: string, values: unknown[] = []): Promise<T | undefined> => (await pool.query<T>(sqlText, values)).rows[0];

  await migrateDatabase(pool);
  let organizationId = (await one<{ id: string }>(`select id from organizations where name = $1 limit 1`, [organizationName]))?.id;
  const steps: string[] = [];
  if (!organizationId) {
    organizationId = (await buildOrganization(database, { name: organizationName, country: "RU" })).organizationId;
    const t0 = performance.now();
    await seedLargeDepartment(database, {
      organizationId,
      now: new Date(),
      companies,
      dealsPerCompany: 5,
      activitiesPerCompany: 25,
      history: "kpi",
      onStep: (step, ms) => {
        steps.push(`${step} ${fmt(ms / 1000)} s`);
        process.stdout.write(`  seeded ${step} in ${fmt(ms / 1000)} s\n`);
      },
    });
    writeFileSync(seedFile, JSON.stringify({ seconds: (performance.now() - t0) / 1000, steps }));
  }
  const org = organizationId;

  const app = await buildApp({ context: { database, now: () => new Date(), security: defaultSecurity, keys: keysFromSecret("conveyor-bench-secret-0123456789abcdef"), version: "bench" } });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  try {
    const emailOf = async (where: string): Promise<string> =>
      text(
        (await one<{ email: string }>(`select u.email from users u join memberships m on m.user_id = u.id where m.organization_id = $1 and ${where} order by u.email limit 1`, [org]))
          ?.email,
      );
    const signIn = async (email: string, who: string): Promise<Session> => {
      const response = await fetch(`${address}/api/v1/auth/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: factoryPassword }),
      });
      if (response.status !== 200) throw new Error(`sign-in of ${email}: ${response.status}`);
      const body: unknown = await response.json();
      return { cookie: response.headers.get("set-cookie")?.split(";")[0] ?? "", csrf: text(at(body, "csrfToken")), label: who };
    };
    const call = async (as: Session, method: string, path: string, body?: unknown): Promise<unknown> => {
      const headers: Record<string, string> = { cookie: as.cookie };
      if (method !== "GET") headers["x-csrf-token"] = as.csrf;
      if (body !== undefined) headers["content-type"] = "application/json";
      const response = await fetch(`${address}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
      const raw = await response.text();
      if (response.status >= 300) throw new Error(`${method} ${path} as ${as.label}: ${response.status} ${raw.slice(0, 300)}`);
      return raw === "" ? null : JSON.parse(raw);
    };
    const longPost = (as: Session, path: string): Promise<unknown> => longPostTo(address, as, path);

    const head = await signIn(await emailOf(`m.role = 'head_of_sales'`), "head of sales");
    const tz = text((await one<{ tz: string }>(`select time_zone as tz from organizations where id = $1`, [org]))?.tz);
    const period = text((await one<{ key: string }>(`select to_char(now() at time zone $1, 'YYYY-MM') as key`, [tz]))?.key);
    const previous = text((await one<{ key: string }>(`select to_char((now() at time zone $1) - interval '1 month', 'YYYY-MM') as key`, [tz]))?.key);

    // ------------------------------------------------------------ the KPI data brought up (once per database)
    const shaped = num((await one<{ n: string }>(`select count(*) as n from plans where organization_id = $1`, [org]))?.n) > 0;
    if (!shaped) {
      const admin = await signIn(await emailOf(`m.role = 'admin'`), "admin");
      let check: unknown;
      const ms = await timeIt(async () => (check = await longPost(admin, "/api/v1/kpi/check?rebuild=true")));
      const rows = list(at(check, "rollups")).map((r) => `${text(at(r, "name"))} ${count(at(r, "rows"))}`);
      const rebuild = `rollups rebuilt from the raw tables by POST /kpi/check?rebuild=true in ${fmt(ms / 1000)} s (check, rebuild, check again: ${at(check, "exact") === false && at(check, "rebuilt") === true ? "exact after the rebuild" : JSON.stringify(check)}; ${rows.join(", ")} rows)`;
      steps.push(`rollups ${fmt(ms / 1000)} s`);
      // Kept beside the seeding's steps, for the runs that measure this database again.
      const seed = readSeed(seedFile);
      if (seed) writeFileSync(seedFile, JSON.stringify({ ...seed, steps: [...seed.steps, `then the rollups rebuilt by POST /kpi/check?rebuild=true in ${fmt(ms / 1000)} s, ${at(check, "exact") === false && at(check, "rebuilt") === true ? "exact after the rebuild" : "not exact"}`] }));
      process.stdout.write(`  ${rebuild}\n`);
      await pool.query("vacuum (analyze) seller_day_rollup, client_month_revenue, open_deal_totals, open_deal_forecast, open_deal_forecast_week, lost_reason_day_rollup, stage_day_rollup, stage_channel_day_rollup, deals");
      // Plans for every seller: the previous month's fact × 1.1, at least a floor (so new sellers have one too).
      const facts = (
        await pool.query<{ user_id: string; revenue: string; calls: string; meetings: string; won: string }>(
          `select m.user_id, coalesce(sum(r.revenue_minor), 0) as revenue, coalesce(sum(r.calls_new + r.calls_current), 0) as calls,
                  coalesce(sum(r.meetings_new + r.meetings_current), 0) as meetings, coalesce(sum(r.deals_won), 0) as won
           from memberships m left join seller_day_rollup r on r.organization_id = m.organization_id and r.user_id = m.user_id
             and r.day >= ($2 || '-01')::date and r.day < ($2 || '-01')::date + interval '1 month'
           where m.organization_id = $1 and m.role in ('seller', 'team_lead') group by m.user_id order by m.user_id`,
          [org, previous],
        )
      ).rows;
      const target = (fact: string, floor: number) => Math.max(floor, Math.round(Number(fact) * 1.1));
      const items = facts.flatMap((f) => [
        { scopeKind: "seller", scopeId: f.user_id, metric: "revenue", target: target(f.revenue, 100_000_000) },
        { scopeKind: "seller", scopeId: f.user_id, metric: "calls", target: target(f.calls, 100) },
        { scopeKind: "seller", scopeId: f.user_id, metric: "meetings", target: target(f.meetings, 10) },
        { scopeKind: "seller", scopeId: f.user_id, metric: "deals_won", target: target(f.won, 2) },
      ]);
      await call(head, "PUT", "/api/v1/plans", { period, items });
      steps.push(`plans of ${facts.length} sellers (PUT /plans)`);
    }
    if (seedOnly) return;

    // ------------------------------------------------------------ who asks
    const leadRow = await one<{ email: string; team_id: string }>(
      `select u.email, t.id as team_id from teams t join users u on u.id = t.lead_user_id join memberships m on m.user_id = u.id and m.organization_id = t.organization_id
       where t.organization_id = $1 and m.role = 'team_lead' order by t.name limit 1`,
      [org],
    );
    const lead = await signIn(text(leadRow?.email), "team lead");
    const sellerRow = await one<{ email: string; user_id: string }>(
      `select u.email, m.user_id from memberships m join users u on u.id = m.user_id where m.organization_id = $1 and m.role = 'seller' order by u.email limit 1`,
      [org],
    );
    const seller = await signIn(text(sellerRow?.email), "seller");

    const rows: Row[] = [];
    const timed = async (labelOf: string, who: string, n: number, fn: (i: number) => Promise<unknown>, warm = 3): Promise<Summary> => {
      for (let i = 0; i < warm; i++) await fn(-1 - i);
      const samples: number[] = [];
      for (let i = 0; i < n; i++) samples.push(await timeIt(() => fn(i)));
      const summary = summarize(samples);
      rows.push({ label: labelOf, who, summary });
      process.stdout.write(`  ${labelOf} (${who}): p50 ${fmt(summary.p50)} p95 ${fmt(summary.p95)} max ${fmt(summary.max)}\n`);
      return summary;
    };

    // ------------------------------------------------------------ the plain GROUP BY over the raw tables
    const bounds = [org, `${period}-01`, tz];
    const from = `($2::date::timestamp at time zone $3)`;
    const to = `(($2::date + interval '1 month')::timestamp at time zone $3)`;
    const plain: Array<[string, string, unknown[]]> = [
      [
        "revenue per seller (payments)",
        `select credited_user_id, sum(amount_minor) as revenue, count(*) filter (where amount_minor > 0) as payments from payments
         where organization_id = $1 and paid_on >= $2::date and paid_on < ($2::date + interval '1 month')::date group by 1`,
        bounds.slice(0, 2),
      ],
      [
        "calls, meetings per seller (activities)",
        `select author_id, count(*) filter (where type = 'call') as calls, count(*) filter (where type = 'meeting') as meetings from activities
         where organization_id = $1 and type in ('call', 'meeting') and occurred_at >= ${from} and occurred_at < ${to} group by 1`,
        bounds,
      ],
      [
        "won, lost per seller (deals)",
        `select d.owner_id, count(*) filter (where s.kind = 'won') as won, coalesce(sum(d.amount_minor) filter (where s.kind = 'won'), 0) as won_amount,
                count(*) filter (where s.kind = 'lost') as lost
         from deals d join pipeline_stages s on s.id = d.stage_id
         where d.organization_id = $1 and s.kind <> 'open' and d.closed_at >= ${from} and d.closed_at < ${to} group by 1`,
        bounds,
      ],
      [
        "open money by temperature (deals × clients)",
        `select d.owner_id, c.temperature, count(*) as n, sum(d.amount_minor) as amount
         from deals d join pipeline_stages s on s.id = d.stage_id and s.kind = 'open' join companies c on c.id = d.company_id
         where d.organization_id = $1 group by 1, 2`,
        bounds.slice(0, 1),
      ],
      [
        "funnel: deals entering each stage (stage visits)",
        `select stage_id, count(*) as n from deal_stage_visits where organization_id = $1 and entered_at >= ${from} and entered_at < ${to} group by 1`,
        bounds,
      ],
    ];
    const plainRows: unknown[][] = [];
    const plainParts: Array<[string, Summary]> = [];
    for (const [name, sqlText, values] of plain) {
      let result: unknown[] = [];
      const s = await timed(`plain GROUP BY — ${name}`, "SQL", plainIterations, async () => (result = (await pool.query(sqlText, values)).rows), 1);
      rows.pop();
      plainParts.push([name, s]);
      plainRows.push(result);
    }
    const plainAll = await timed("plain GROUP BY — all five, one after another", "SQL", plainIterations, async () => {
      for (const [, sqlText, values] of plain) await pool.query(sqlText, values);
    }, 1);
    rows.pop();

    const [revenueRows = [], activityRows = [], dealRows = [], openRows = [], funnelRows = []] = plainRows;
    const sumOf = (items: unknown[], key: string) => items.reduce<number>((acc, r) => acc + num(at(r, key)), 0);
    const openOf = (temperature: (t: string) => boolean, key: string) =>
      openRows.filter((r) => temperature(text(at(r, "temperature")))).reduce<number>((acc, r) => acc + num(at(r, key)), 0);
    const plainFigures: Figures = {
      revenue: sumOf(revenueRows, "revenue"),
      calls: sumOf(activityRows, "calls"),
      meetings: sumOf(activityRows, "meetings"),
      won: sumOf(dealRows, "won"),
      lost: sumOf(dealRows, "lost"),
      open: {
        hot: openOf((t) => t === "hot", "amount"),
        warm: openOf((t) => t === "warm", "amount"),
        potential: openOf((t) => t !== "hot" && t !== "warm", "amount"),
      },
      funnel: Object.fromEntries(funnelRows.map((r) => [text(at(r, "stage_id")), num(at(r, "n"))])),
    };

    // ------------------------------------------------------------ the API
    const dashboard = await call(head, "GET", `/api/v1/kpi/dashboard?scope=department&period=${period}`);
    const funnel = await call(head, "GET", `/api/v1/kpi/funnel?scope=department&period=${period}`);
    const apiFigures: Figures = {
      revenue: count(at(dashboard, "figures", "revenueMinor")),
      calls: count(at(dashboard, "figures", "callsNew")) + count(at(dashboard, "figures", "callsCurrent")),
      meetings: count(at(dashboard, "figures", "meetingsNew")) + count(at(dashboard, "figures", "meetingsCurrent")),
      won: count(at(dashboard, "figures", "dealsWon")),
      lost: count(at(dashboard, "figures", "dealsLost")),
      open: {
        hot: count(at(dashboard, "pipeline", "hot", "amountMinor")),
        warm: count(at(dashboard, "pipeline", "warm", "amountMinor")),
        potential: count(at(dashboard, "pipeline", "potential", "amountMinor")),
      },
      funnel: Object.fromEntries(list(at(funnel, "stages")).map((s) => [text(at(s, "stageId")), count(at(s, "entered"))])),
    };
    // The funnel shows open and won stages; the plain query counts the lost stage too.
    const funnelPlain = Object.fromEntries(Object.entries(plainFigures.funnel).filter(([id]) => id in apiFigures.funnel));
    for (const id of Object.keys(apiFigures.funnel)) funnelPlain[id] ??= 0;
    const same = (a: Record<string, number>, b: Record<string, number>) => Object.keys({ ...a, ...b }).every((k) => (a[k] ?? 0) === (b[k] ?? 0));
    const exact =
      apiFigures.revenue === plainFigures.revenue &&
      apiFigures.calls === plainFigures.calls &&
      apiFigures.meetings === plainFigures.meetings &&
      apiFigures.won === plainFigures.won &&
      apiFigures.lost === plainFigures.lost &&
      same(apiFigures.open, plainFigures.open) &&
      same(apiFigures.funnel, funnelPlain);
    if (!exact) process.stdout.write(`  MISMATCH api ${JSON.stringify(apiFigures)}\n  plain ${JSON.stringify({ ...plainFigures, funnel: funnelPlain })}\n`);

    const q = `period=${period}`;
    const department = await timed("GET /kpi/dashboard — department", "head of sales", iterations, () => call(head, "GET", `/api/v1/kpi/dashboard?scope=department&${q}`));
    const team = await timed("GET /kpi/dashboard — own team", "team lead", iterations, () => call(lead, "GET", `/api/v1/kpi/dashboard?scope=team:${text(leadRow?.team_id)}&${q}`));
    const own = await timed("GET /kpi/dashboard — oneself", "seller", iterations, () => call(seller, "GET", `/api/v1/kpi/dashboard?scope=seller:${text(sellerRow?.user_id)}&${q}`));
    const funnelDepartment = await timed("GET /kpi/funnel — department", "head of sales", iterations, () => call(head, "GET", `/api/v1/kpi/funnel?scope=department&${q}`));
    const funnelTeam = await timed("GET /kpi/funnel — own team", "team lead", iterations, () => call(lead, "GET", `/api/v1/kpi/funnel?scope=team:${text(leadRow?.team_id)}&${q}`));
    await timed("GET /kpi/funnel — department, one channel", "head of sales", iterations, () =>
      call(head, "GET", `/api/v1/kpi/funnel?scope=department&channel=${encodeURIComponent("Сайт")}&${q}`),
    );
    await timed("GET /kpi/forecast — department, 3 months by segment", "head of sales", iterations, () =>
      call(head, "GET", "/api/v1/kpi/forecast?scope=department&by=month&count=3&split=segment"),
    );
    await timed("GET /kpi/forecast — department, 3 months", "head of sales", iterations, () => call(head, "GET", "/api/v1/kpi/forecast?scope=department&by=month&count=3"));
    await timed("GET /kpi/forecast — department, 6 weeks", "head of sales", iterations, () => call(head, "GET", "/api/v1/kpi/forecast?scope=department&by=week&count=6"));
    await timed("GET /kpi/drill — department's revenue (first page, 50)", "head of sales", iterations, () =>
      call(head, "GET", `/api/v1/kpi/drill?scope=department&metric=revenue&${q}&limit=50`),
    );
    await timed("GET /kpi/drill — department's calls (first page, 50)", "head of sales", iterations, () =>
      call(head, "GET", `/api/v1/kpi/drill?scope=department&metric=calls&${q}&limit=50`),
    );

    // ------------------------------------------------------------ writes, and what the triggers cost them
    const clients = (
      await pool.query<{ id: string }>(`select id from companies where organization_id = $1 and owner_id = $2 order by id limit $3`, [org, text(sellerRow?.user_id), iterations + 3])
    ).rows.map((r) => r.id);
    await timed("POST /companies/:id/activities — a call", "seller", iterations, (i) =>
      call(seller, "POST", `/api/v1/companies/${clients[(i + 3) % Math.max(1, clients.length)] ?? ""}/activities`, { type: "call", durationMinutes: 5, outcome: "bench" }),
    );
    const orders = (await pool.query<{ id: string }>(`select id from orders where organization_id = $1 order by id limit $2`, [org, iterations + 3])).rows.map((r) => r.id);
    const today = text((await one<{ d: string }>(`select to_char(now() at time zone $1, 'YYYY-MM-DD') as d`, [tz]))?.d);
    await timed("POST /orders/:id/payments", "head of sales", iterations, (i) =>
      call(head, "POST", `/api/v1/orders/${orders[(i + 3) % Math.max(1, orders.length)] ?? ""}/payments`, { amountMinor: 1_000_000, paidOn: today, note: "bench" }),
    );
    // EXPLAIN ANALYZE reports each trigger's time; the inserts are rolled back.
    const triggerCost = async (insert: string, values: unknown[]): Promise<{ total: number; trigger: number }> => {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const plan = (await client.query<{ "QUERY PLAN": string }>(`explain (analyze, format json) ${insert}`, values)).rows[0]?.["QUERY PLAN"];
        await client.query("rollback");
        const parsed: unknown = typeof plan === "string" ? JSON.parse(plan) : plan;
        const triggers = list(at(parsed, 0, "Triggers")).filter((t) => text(at(t, "Trigger Name")).includes("kpi") || text(at(t, "Trigger Name")).endsWith("_credit"));
        return { total: num(at(parsed, 0, "Execution Time")), trigger: triggers.reduce<number>((acc, t) => acc + num(at(t, "Time")), 0) };
      } finally {
        client.release();
      }
    };
    const costs: Array<[string, number[], number[]]> = [];
    for (const [name, insert, values] of [
      [
        "INSERT one activity (call)",
        `insert into activities (organization_id, company_id, type, occurred_at, base, author_id) values ($1, $2, 'call', now(), 'new', $3)`,
        [org, clients[0], sellerRow?.user_id],
      ],
      [
        "INSERT one payment",
        `insert into payments (organization_id, order_id, company_id, deal_id, amount_minor, currency, paid_on, created_by_id)
         select organization_id, id, company_id, deal_id, 1000000, currency, current_date, created_by_id from orders where id = $1`,
        [orders[0]],
      ],
    ] as const) {
      const totals: number[] = [];
      const triggers: number[] = [];
      for (let i = 0; i < 12; i++) {
        const c = await triggerCost(insert, [...values]);
        if (i >= 2) {
          totals.push(c.total);
          triggers.push(c.trigger);
        }
      }
      costs.push([name, totals, triggers]);
    }

    // ------------------------------------------------------------ the report
    const sizes = async () => {
      const n = async (table: string) => num((await one<{ n: string }>(`select count(*) as n from ${table} where organization_id = $1`, [org]))?.n);
      return {
        companies: await n("companies"),
        deals: await n("deals"),
        visits: await n("deal_stage_visits"),
        activities: await n("activities"),
        payments: await n("payments"),
        people: await n("memberships"),
        sellerDays: await n("seller_day_rollup"),
        stageDays: await n("stage_day_rollup"),
      };
    };
    const z = await sizes();
    const month = await one<{ payments: string; won: string; lost: string; calls: string; meetings: string }>(
      `select (select count(*) from payments where organization_id = $1 and paid_on >= $2::date and paid_on < ($2::date + interval '1 month')::date) as payments,
              sum(deals_won) as won, sum(deals_lost) as lost, sum(calls_new + calls_current) as calls, sum(meetings_new + meetings_current) as meetings
       from seller_day_rollup where organization_id = $1 and day >= $2::date and day < ($2::date + interval '1 month')::date`,
      [org, `${period}-01`],
    );
    const seeded = readSeed(seedFile);
    const ratio = (s: Summary, plainOf = plainAll) => {
      const r = plainOf.p50 / s.p50;
      return `${r.toFixed(r < 10 ? 1 : 0)}×`;
    };
    const plainFunnel = plainParts[4]?.[1] ?? plainAll;
    out(`## ${label}`);
    out();
    out(
      `${z.companies} clients, ${z.deals} deals (${z.visits} stage visits), ${z.activities} activities, ${z.payments} payments; ${z.people} members ` +
        `(an admin, a head of sales, a team lead, ${z.people - 3} sellers). Rollups: ${z.sellerDays} seller-days, ${z.stageDays} stage-days. ` +
        `The measured period ${period} (today ${today}, ${tz}): ${num(month?.payments)} payments, ${num(month?.won)} deals won, ${num(month?.lost)} lost, ` +
        `${num(month?.calls)} calls, ${num(month?.meetings)} meetings. ` +
        (seeded ? `Seeded in ${fmt(seeded.seconds)} s (${seeded.steps.join(", ")})` : "Seeded by an earlier run") +
        (steps.length > 0 ? `; ${steps.filter((s) => s.startsWith("plans")).join("")} in this run.` : "; rollups rebuilt and plans set by an earlier run.") +
        ` n calls each after 3 warm-ups, one at a time over loopback HTTP (the plain queries ${plainIterations} after 1, straight on the database's pool).`,
    );
    out();
    out(
      `Exactness: the department's dashboard and funnel ${exact ? "equal" : "DIFFER from"} the plain GROUP BY (revenue ${apiFigures.revenue}, calls ${apiFigures.calls}, meetings ${apiFigures.meetings}, ` +
        `won ${apiFigures.won}, lost ${apiFigures.lost}, open money hot/warm/potential ${apiFigures.open["hot"]}/${apiFigures.open["warm"]}/${apiFigures.open["potential"]}, ` +
        `funnel entries ${Object.values(apiFigures.funnel).join("/")}).`,
    );
    out();
    out(`| call | as | n | p50 | p95 | max | plain GROUP BY p50 ÷ this p50 |`);
    out(`| --- | --- | --- | --- | --- | --- | --- |`);
    // The dashboards against all five plain queries; the funnels against the plain funnel query alone.
    const vsPlain = new Map<Summary, string>([
      [department, ratio(department)],
      [team, ratio(team)],
      [own, ratio(own)],
      [funnelDepartment, `${ratio(funnelDepartment, plainFunnel)} (funnel query)`],
      [funnelTeam, `${ratio(funnelTeam, plainFunnel)} (funnel query)`],
    ]);
    for (const r of rows) out(`| ${r.label} | ${r.who} | ${r.summary.n} | ${fmt(r.summary.p50)} | ${fmt(r.summary.p95)} | ${fmt(r.summary.max)} | ${vsPlain.get(r.summary) ?? ""} |`);
    out();
    out(`The plain GROUP BY over the raw tables for the same period (ms):`);
    out();
    out(`| query | p50 | p95 | max |`);
    out(`| --- | --- | --- | --- |`);
    for (const [name, s] of plainParts) out(`| ${name} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.max)} |`);
    out(`| **all five, one after another** | **${fmt(plainAll.p50)}** | ${fmt(plainAll.p95)} | ${fmt(plainAll.max)} |`);
    out();
    out(`What the KPI triggers add to a write (EXPLAIN ANALYZE, rolled back, median of 10 after 2; ms):`);
    out();
    out(`| statement | whole statement | of which KPI triggers |`);
    out(`| --- | --- | --- |`);
    for (const [name, totals, triggers] of costs) out(`| ${name} | ${fmt(summarize(totals).p50)} | ${fmt(summarize(triggers).p50)} |`);
    out();
    const goal = label.startsWith("embedded") ? 20 : 10;
    const met = (ok: boolean) => (ok ? "met" : "NOT met");
    out(
      `Goals (size ${size}): dashboard p50 ≤ ${goal} ms — ${met(Math.max(department.p50, team.p50, own.p50) <= goal)} (department ${fmt(department.p50)}, team ${fmt(team.p50)}, seller ${fmt(own.p50)}); ` +
        `≥ 25× the plain GROUP BY — ${met(plainAll.p50 / department.p50 >= 25)} (${ratio(department)} for the department); ` +
        `funnel ≤ 20 ms — ${met(Math.max(funnelDepartment.p50, funnelTeam.p50) <= 20)} (${fmt(funnelDepartment.p50)}, ${fmt(funnelTeam.p50)}).`,
    );
    out();
  } finally {
    await app.close();
  }
};

// ---------------------------------------------------------------- the run

if (wanted.includes("embedded")) {
  const dir = process.env["BENCH_DATA_DIR"] ?? mkdtempSync(join(tmpdir(), "cv-bench-kpi-"));
  process.stdout.write(`embedded data directory: ${dir} (kept: BENCH_DATA_DIR=${dir} measures it again)\n`);
  const database = await openDatabase({ mode: "embedded", dataDir: dir });
  try {
    await benchTarget("embedded PGlite", database, `${dir}.seed.json`);
  } finally {
    await database.close();
  }
}
const databaseUrl = process.env["DATABASE_URL"];
if (databaseUrl && wanted.includes("postgres")) {
  const database = await openDatabase({ mode: "postgres", url: databaseUrl });
  try {
    const name = new URL(databaseUrl).pathname.slice(1) || "postgres";
    await benchTarget(`PostgreSQL ${(await database.pool.query<{ v: string }>("show server_version")).rows[0]?.v ?? ""}`.trim(), database, join(tmpdir(), `cv-bench-kpi-${name}.seed.json`));
  } finally {
    await database.close();
  }
}
if (!seedOnly && lines.length > 0) {
  const file = process.env["BENCH_KPI_OUT"] ?? resolve(import.meta.dirname, size === "L" ? "../results/kpi-large.md" : join(tmpdir(), "kpi-small.md"));
  writeFileSync(
    file,
    `# KPI benchmark (issue #7)\n\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${availableParallelism()} cores, commit ${commit}, size ${size}.\n\n${lines.join("\n")}\n`,
  );
  process.stdout.write(`results: ${file}\n`);
}
