import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildApp, defaultSecurity, keysFromSecret, migrateDatabase, openDatabase, type Database } from "@conveyor/server";
import { buildOrganization, buildUser, factoryPassword } from "@conveyor/server/testing";
import { at, count, longPost as longPostTo, measuredCommit, text, type Session } from "./bench-http";
import { seedLargeDepartment } from "./generator/large-department";
import { fmt, summarize, timeIt } from "./stats";

/*
 * `npm run bench:conveyor`: the three-level department (M1, M4, M5.8) on the large department
 * (generator/large-department.ts: 200k clients, 1M deals, 5M activities by default) on embedded
 * PGlite. The seeded data directory is kept (BENCH_DATA_DIR measures it again). The run gives the
 * base the conveyor's shape through the API — levels 60/20/20 on the sellers (M1.2), departments
 * and teams, a product-group matrix manager (M4.4), the handover rules (M1.4, M4.1) and the
 * permanent-client threshold (M4.2) — then times the conveyor's screens, a seller's hand-over,
 * the rules on the payment path, the rule previews and the nightly sweep, one request at a time.
 */
const companies = Number(process.env["BENCH_COMPANIES"] ?? 200_000);
/** Calls per measured read; the rule previews and writes use fewer. */
const iterations = Number(process.env["BENCH_ITERATIONS"] ?? 40);
const previewIterations = Number(process.env["BENCH_PREVIEW_ITERATIONS"] ?? 5);
/** Seed and shape the base, print its directory, measure nothing. */
const seedOnly = process.env["BENCH_SEED_ONLY"] === "1";
const organizationName = "Bench Conveyor";

const commit = measuredCommit();

const keptDir = process.env["BENCH_DATA_DIR"];
const dir = keptDir ?? mkdtempSync(join(tmpdir(), "cv-bench-conveyor-"));
// The seeding's step times, kept beside the directory for the runs that reuse it.
const seedFile = `${dir}.seed.json`;
process.stdout.write(`data directory: ${dir} (kept: BENCH_DATA_DIR=${dir} measures it again)\n`);

// ---------------------------------------------------------------- small helpers

const itemsOf = (value: unknown): unknown[] => {
  const items = at(value, "items");
  return Array.isArray(items) ? items : [];
};

type Row = { label: string; who: string; samples: number[]; note?: string };

const lines: string[] = [];
const out = (line = "") => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

const readSeed = (): { seconds: number; steps: string[] } | undefined => {
  if (!existsSync(seedFile)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(seedFile, "utf8"));
  const steps = at(parsed, "steps");
  return { seconds: count(at(parsed, "seconds")), steps: Array.isArray(steps) ? steps.map(text) : [] };
};

// ---------------------------------------------------------------- seeding

const seed = async (database: Database): Promise<string> => {
  const earlier = (await database.pool.query<{ id: string }>(`select id from organizations where name = $1 limit 1`, [organizationName])).rows[0];
  if (earlier) return earlier.id;
  const { organizationId } = await buildOrganization(database, { name: organizationName });
  const t0 = performance.now();
  const steps: string[] = [];
  await seedLargeDepartment(database, {
    organizationId,
    now: new Date(),
    companies,
    dealsPerCompany: Number(process.env["BENCH_DEALS_PER_CLIENT"] ?? 5),
    activitiesPerCompany: Number(process.env["BENCH_ACTIVITIES_PER_CLIENT"] ?? 25),
    onStep: (step, ms) => {
      steps.push(`${step} ${fmt(ms / 1000)} s`);
      process.stdout.write(`  seeded ${step} in ${fmt(ms / 1000)} s\n`);
    },
  });
  writeFileSync(seedFile, JSON.stringify({ seconds: (performance.now() - t0) / 1000, steps }));
  return organizationId;
};

// ---------------------------------------------------------------- the run

const database = await openDatabase({ mode: "embedded", dataDir: dir });
try {
  await migrateDatabase(database.pool);
  const organizationId = await seed(database);
  const pool = database.pool;
  const one = async <T extends Record<string, unknown>>(sqlText: string, values: unknown[] = []): Promise<T | undefined> =>
    (await pool.query<T>(sqlText, values)).rows[0];
  const emailOf = async (where: string, values: unknown[] = []): Promise<string> =>
    text(
      (
        await one<{ email: string }>(
          `select u.email from users u join memberships m on m.user_id = u.id where m.organization_id = $1 and ${where} order by u.email limit 1`,
          [organizationId, ...values],
        )
      )?.email,
    );

  const app = await buildApp({ context: { database, now: () => new Date(), security: defaultSecurity, keys: keysFromSecret("conveyor-bench-secret-0123456789abcdef"), version: "bench" } });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const signIn = async (email: string, label: string): Promise<Session> => {
    const response = await fetch(`${address}/api/v1/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: factoryPassword }),
    });
    if (response.status !== 200) throw new Error(`sign-in of ${email}: ${response.status}`);
    const body: unknown = await response.json();
    return { cookie: response.headers.get("set-cookie")?.split(";")[0] ?? "", csrf: text(at(body, "csrfToken")), label };
  };
  /** One call; any status but the expected one stops the run. */
  const call = async (as: Session, method: string, path: string, body?: unknown, expected = method === "POST" ? [200, 201, 204] : [200]): Promise<unknown> => {
    const headers: Record<string, string> = { cookie: as.cookie };
    if (method !== "GET") headers["x-csrf-token"] = as.csrf;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${address}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
    const raw = await response.text();
    if (!expected.includes(response.status)) throw new Error(`${method} ${path} as ${as.label}: ${response.status} ${raw.slice(0, 300)}`);
    return raw === "" ? null : JSON.parse(raw);
  };
  const longPost = (as: Session, path: string): Promise<unknown> => longPostTo(address, as, path);

  const headEmail = await emailOf(`m.role = 'head_of_sales'`);
  const adminEmail = await emailOf(`m.role = 'admin'`);
  let head = await signIn(headEmail, "head of sales");

  // ---------------------------------------------------------------- the conveyor's shape (once per data directory)

  const shaped = Number((await one<{ n: string }>(`select count(*) as n from handover_rules where organization_id = $1`, [organizationId]))?.n ?? 0) > 0;
  const shapeSteps: string[] = [];
  const shapeStep = async (label: string, fn: () => Promise<unknown>) => {
    const ms = await timeIt(fn);
    shapeSteps.push(`${label} ${fmt(ms / 1000)} s`);
    process.stdout.write(`  shaped: ${label} in ${fmt(ms / 1000)} s\n`);
  };
  if (!shaped) {
    const admin = await signIn(adminEmail, "admin");
    // The generator names its sellers "<name> L1-7": the level they were seeded for, and whose clients they own.
    const sellers = (
      await pool.query<{ user_id: string; level: string }>(
        `select m.user_id, substring(u.name from ' (L[123])-[0-9]+$') as level from memberships m join users u on u.id = m.user_id
         where m.organization_id = $1 and m.role = 'seller' and u.name ~ ' L[123]-[0-9]+$' order by u.name`,
        [organizationId],
      )
    ).rows;
    const jobOf = (level: string) => (level === "L1" ? "tele_sales" : level === "L2" ? "sales_manager" : "account_manager");
    await shapeStep(`levels of ${sellers.length} sellers (PATCH /conveyor/people/:userId)`, async () => {
      for (const s of sellers) await call(admin, "PATCH", `/api/v1/conveyor/people/${s.user_id}`, { level: s.level, salesRole: jobOf(s.level) });
    });
    // The generator predates levels' dates: a client entered L1 when created, and L2/L3 some time after.
    await shapeStep("clients' level_entered_at, permanent_since of the permanent ones (one UPDATE)", () =>
      pool.query(
        `update companies set level_entered_at = case when level = 'L1' then created_at else created_at + random() * (now() - created_at) end,
                permanent_since = case when status = 'permanent' then updated_at end,
                service_level = case when status = 'permanent' then 'Приоритетная поддержка' end
         where organization_id = $1 and level is not null and level_entered_at is null`,
        [organizationId],
      ),
    );
    // The generator draws one stage per deal number for all clients (its lateral stage query is
    // memoized on k), so the k-th deals of every client share a stage whatever the client's level.
    // The conveyor reads outcomes by level (M1.4: L1 before a deal, L2 up to the first won deal with
    // its acceptance act, L3 after it), so outcomes are drawn again per deal, and orders and payments
    // follow the won deals (the L2 → L3 rules and the permanent-client rule read them).
    await shapeStep("deal outcomes by the client's level (one UPDATE of every deal), orders and payments of won deals", async () => {
      await pool.query("select setseed(0.2027)");
      await pool.query(
        `with st as (
           select array_agg(s.id order by s.position) filter (where s.kind = 'open') as open_ids,
                  (array_agg(s.id) filter (where s.kind = 'won'))[1] as won_id, (array_agg(s.id) filter (where s.kind = 'lost'))[1] as lost_id
           from pipeline_stages s join pipelines p on p.id = s.pipeline_id and p.is_default
           where s.organization_id = $1 and s.archived_at is null),
         drawn as (
           select d.id, c.level, random() as r, random() as at_stage, random() as signed,
                  c.created_at + interval '20 days' + random() * greatest(now() - c.created_at - interval '60 days', interval '0') as closed
           from deals d join companies c on c.id = d.company_id where d.organization_id = $1),
         outcome as (
           select id, level, signed, closed,
                  case level when 'L1' then (case when r < 0.15 then 'lost' else 'open' end)
                             when 'L2' then (case when r < 0.08 then 'won' when r < 0.18 then 'lost' else 'open' end)
                             else (case when r < 0.5 then 'won' when r < 0.65 then 'lost' else 'open' end) end as kind,
                  (case level when 'L1' then floor(at_stage * 3) when 'L2' then 1 + floor(at_stage * 4) else floor(at_stage * 5) end)::int as open_at
           from drawn)
         update deals d set
           stage_id = case o.kind when 'won' then st.won_id when 'lost' then st.lost_id
                                  else st.open_ids[1 + least(o.open_at, cardinality(st.open_ids) - 1)] end,
           closed_at = case when o.kind <> 'open' then o.closed end,
           stage_entered_at = case when o.kind <> 'open' then o.closed else d.stage_entered_at end,
           acceptance_signed_on = case when o.kind = 'won' and (o.level = 'L3' or o.signed < 0.6) then o.closed::date end,
           lost_reason = case when o.kind = 'lost' then coalesce(d.lost_reason, 'Дорого') end,
           updated_at = now()
         from outcome o, st where d.id = o.id`,
        [organizationId],
      );
      const notWon = `select o.id from orders o join deals d on d.id = o.deal_id join pipeline_stages s on s.id = d.stage_id
                      where o.organization_id = $1 and s.kind <> 'won'`;
      await pool.query(`delete from payments where organization_id = $1 and order_id in (${notWon})`, [organizationId]);
      await pool.query(`delete from orders where organization_id = $1 and id in (${notWon})`, [organizationId]);
      await pool.query(
        `with won as (select d.*, row_number() over (order by d.id) as n from deals d join pipeline_stages s on s.id = d.stage_id and s.kind = 'won'
                      where d.organization_id = $1 and not exists (select 1 from orders o where o.organization_id = $1 and o.deal_id = d.id)),
              o as (insert into orders (id, organization_id, deal_id, company_id, number, amount_minor, currency, ordered_on, created_by_id, created_at)
                    select gen_random_uuid(), organization_id, id, company_id, 'CV' || n, amount_minor, currency, (closed_at + interval '5 days')::date, owner_id,
                           closed_at + interval '5 days' from won
                    returning id, organization_id, deal_id, company_id, amount_minor, currency, ordered_on, created_by_id, created_at)
         insert into payments (organization_id, order_id, company_id, deal_id, amount_minor, currency, paid_on, created_by_id, created_at)
         select organization_id, id, company_id, deal_id, amount_minor, currency, ordered_on + 10, created_by_id, created_at + interval '10 days' from o`,
        [organizationId],
      );
    });
    const teams = itemsOf(await call(admin, "GET", "/api/v1/teams"));
    const teamId = (prefix: string) => text(at(teams.find((t) => text(at(t, "name")).startsWith(prefix)), "id"));
    const idsAt = (level: string) => sellers.filter((s) => s.level === level).map((s) => s.user_id);
    const headId = text((await one<{ user_id: string }>(`select m.user_id from memberships m join users u on u.id = m.user_id where m.organization_id = $1 and u.email = $2`, [organizationId, headEmail]))?.user_id);
    let l1Team = "";
    await shapeStep("2 departments, 3 teams (API)", async () => {
      const newBusiness = text(at(await call(admin, "POST", "/api/v1/departments", { name: "Новый бизнес", kind: "new_business", headUserId: headId }), "id"));
      const clientDept = text(at(await call(admin, "POST", "/api/v1/departments", { name: "Клиентский отдел", kind: "client", headUserId: headId }), "id"));
      l1Team = teamId("L1");
      await call(admin, "PATCH", `/api/v1/teams/${l1Team}`, { level: "L1", departmentId: newBusiness });
      await call(admin, "PATCH", `/api/v1/teams/${teamId("L2")}`, { name: "L2 · Сделки", level: "L2", departmentId: newBusiness, memberIds: idsAt("L2") });
      await call(admin, "POST", "/api/v1/teams", { name: "L3 · Развитие", level: "L3", departmentId: clientDept, leadUserId: headId, memberIds: idsAt("L3") });
    });
    // M4.4: a product manager owns a product group across teams; 1 client in 20 buys from that group.
    await shapeStep("2 product groups, 6 products (API), 1 client in 10 with a product (one INSERT)", async () => {
      const groups = ["Оборудование", "Сервис"];
      for (const [g, groupName] of groups.entries()) {
        const groupId = text(at(await call(admin, "POST", "/api/v1/product-groups", { name: groupName }), "id"));
        for (let p = 1; p <= 3; p++) await call(admin, "POST", "/api/v1/products", { name: `${groupName} ${p}`, groupId, priceMinor: (g + 1) * p * 10_000_000 });
      }
      await pool.query(
        `with p as (select id, row_number() over (order by name) - 1 as k, count(*) over () as n from products where organization_id = $1)
         insert into company_products (organization_id, company_id, product_id)
         select c.organization_id, c.id, p.id from companies c join p on p.k = (abs(hashtext(c.id::text)::bigint) / 10) % p.n
         where c.organization_id = $1 and abs(hashtext(c.id::text)::bigint) % 10 = 0
         on conflict do nothing`,
        [organizationId],
      );
    });
    const manager = await buildUser(database, organizationId, { role: "seller", name: "Павел Орлов · продакт-менеджер" });
    await shapeStep("matrix manager (product group + the L1 team) and matrix_product structure", async () => {
      const groupId = text(at(itemsOf(await call(admin, "GET", "/api/v1/product-groups"))[0], "id"));
      await call(admin, "PATCH", `/api/v1/conveyor/people/${manager.id}`, {
        salesRole: "product_manager",
        matrix: [
          { kind: "product_group", value: groupId },
          { kind: "team", value: l1Team },
        ],
      });
    });
    await shapeStep("settings and 5 enabled rules (API)", async () => {
      await call(admin, "PATCH", "/api/v1/conveyor/settings", {
        structureVariant: "matrix_product",
        permanent: { totalAmountMinor: 1_500_000_000, monthlyMinimumMinor: null, months: 3, serviceLevel: "Приоритетная поддержка" },
      });
      const rules = [
        { name: "Горячий клиент → L2", rule: { kind: "hot" } },
        { name: "Подписан акт приёма-передачи → L3", rule: { kind: "acceptance_act" } },
        { name: "Второй заказ → L3", rule: { kind: "orders", count: 2 } },
        { name: "Оборот от 5 млн ₽ → L3", rule: { kind: "volume", amountMinor: 500_000_000, currency: "RUB" } },
        { name: "От 100 тыс. ₽ в месяц 3 месяца → L3", rule: { kind: "monthly_minimum", months: 3, amountMinor: 10_000_000, currency: "RUB" } },
      ];
      for (const r of rules) await call(admin, "POST", "/api/v1/conveyor/rules", { ...r, enabled: true });
    });
    // The generator's and these bulk UPDATEs leave a dead version of every client and deal, and the
    // embedded database has no autovacuum: clean them once, so the figures are the conveyor's, not the load's.
    await shapeStep("vacuum (analyze) of the updated tables", () => pool.query("vacuum (analyze) companies, deals, orders, payments, memberships"));
  }

  // ---------------------------------------------------------------- measurements

  const measure = async (): Promise<void> => {
    const rows: Row[] = [];
    const timed = async (label: string, who: string, n: number, fn: (i: number) => Promise<unknown>, warm = 2, note?: string) => {
      for (let i = 0; i < warm; i++) await fn(-1 - i);
      const samples: number[] = [];
      for (let i = 0; i < n; i++) samples.push(await timeIt(() => fn(i)));
      const row: Row = { label, who, samples, ...(note !== undefined && { note }) };
      rows.push(row);
      const s = summarize(samples);
      process.stdout.write(`  ${label} (${who}): p50 ${fmt(s.p50)} p95 ${fmt(s.p95)} max ${fmt(s.max)}\n`);
    };
    const sizes = async () => {
      const n = async (table: string, where = "") =>
        Number((await one<{ n: string }>(`select count(*) as n from ${table} where organization_id = $1 ${where}`, [organizationId]))?.n ?? 0);
      return {
        companies: await n("companies"),
        deals: await n("deals"),
        activities: await n("activities"),
        orders: await n("orders"),
        payments: await n("payments"),
        handovers: await n("handovers"),
        shares: await n("company_shares"),
        notifications: await n("notifications"),
        people: await n("memberships"),
      };
    };
    const levels = async () =>
      (await pool.query<{ level: string; n: string }>(`select level, count(*) as n from companies where organization_id = $1 group by level order by level`, [organizationId])).rows
        .map((r) => `${r.level} ${r.n}`)
        .join(", ");
    const before = await sizes();
    const levelsBefore = await levels();
    const sweptEarlier = (await one<{ d: string | null }>(`select last_sweep_on::text as d from conveyor_settings where organization_id = $1`, [organizationId]))?.d ?? null;

    // Rule previews first: on a base no sweep has touched they see every client a new rule would move.
    const stageId = text(
      (
        await one<{ id: string }>(
          `select s.id from pipeline_stages s join pipelines p on p.id = s.pipeline_id and p.is_default
           where s.organization_id = $1 and s.kind = 'open' and s.archived_at is null order by s.position offset 2 limit 1`,
          [organizationId],
        )
      )?.id,
    );
    const groupIds = (await pool.query<{ id: string }>(`select id from product_groups where organization_id = $1 order by name limit 1`, [organizationId])).rows.map((r) => r.id);
    const previews: Array<[string, unknown]> = [
      ["hot (L1 → L2)", { kind: "hot" }],
      ["stage (L1 → L2, 3rd open stage)", { kind: "stage", stageId }],
      ["acceptance_act (L2 → L3)", { kind: "acceptance_act" }],
      ["orders ≥ 2 (L2 → L3)", { kind: "orders", count: 2 }],
      ["volume ≥ 5M ₽ (L2 → L3)", { kind: "volume", amountMinor: 500_000_000, currency: "RUB" }],
      ["product group (L2 → L3)", { kind: "product", productIds: [], productGroupIds: groupIds }],
      ["monthly minimum 3 months (L2 → L3)", { kind: "monthly_minimum", months: 3, amountMinor: 10_000_000, currency: "RUB" }],
    ];
    const previewTotals: string[] = [];
    for (const [label, rule] of previews) {
      let total = 0;
      await timed(`POST /conveyor/rules/preview — ${label}`, "head", previewIterations, async () => {
        total = count(at(await call(head, "POST", "/api/v1/conveyor/rules/preview", { rule }), "total"));
      }, 1);
      previewTotals.push(`${label.split(" (")[0]}: ${total}`);
    }

    // The nightly sweep on the whole base, then again: the second run must change nothing.
    head = await signIn(headEmail, "head of sales");
    const t1 = performance.now();
    // Progress on the console: the pool's one connection serves this between the sweep's transactions.
    const progress = setInterval(() => {
      void one<{ n: string }>(`select count(*) as n from handovers where organization_id = $1 and trigger = 'sweep'`, [organizationId]).then((r) =>
        process.stdout.write(`  sweep: ${r?.n ?? 0} handovers after ${fmt((performance.now() - t1) / 1000)} s\n`),
      );
    }, 60_000);
    const sweep1 = await longPost(head, "/api/v1/conveyor/sweep").finally(() => clearInterval(progress));
    const sweep1Ms = performance.now() - t1;
    process.stdout.write(`  sweep 1: ${fmt(sweep1Ms / 1000)} s ${JSON.stringify(sweep1)}\n`);
    const byReason = (
      await pool.query<{ reason: string; from_level: string; to_level: string; n: string }>(
        `select reason, from_level, to_level, count(*) as n from handovers where organization_id = $1 and trigger = 'sweep'
         group by 1, 2, 3 order by 2, 1`,
        [organizationId],
      )
    ).rows
      .map((r) => `${r.reason} ${r.from_level}→${r.to_level} ${r.n}`)
      .join(", ");
    const levelsAfterSweep = await levels();
    const t2 = performance.now();
    const sweep2 = await longPost(head, "/api/v1/conveyor/sweep");
    const sweep2Ms = performance.now() - t2;
    process.stdout.write(`  sweep 2: ${fmt(sweep2Ms / 1000)} s ${JSON.stringify(sweep2)}\n`);
    await pool.query("analyze");

    // The head of sales' conveyor screens.
    head = await signIn(headEmail, "head of sales");
    const reads: Array<[string, string]> = [
      ["GET /conveyor/org-chart", "/api/v1/conveyor/org-chart"],
      ["GET /conveyor/staffing", "/api/v1/conveyor/staffing"],
      ["GET /conveyor/restructure", "/api/v1/conveyor/restructure"],
      ["GET /conveyor/levels (last 90 days)", "/api/v1/conveyor/levels"],
      ["GET /conveyor/handovers (first page, 50)", "/api/v1/conveyor/handovers?limit=50"],
      ["GET /conveyor/people", "/api/v1/conveyor/people"],
      ["GET /conveyor/rules", "/api/v1/conveyor/rules"],
      ["GET /me/notifications", "/api/v1/me/notifications"],
    ];
    for (const [label, path] of reads) await timed(label, "head", iterations, () => call(head, "GET", path));
    const clientsAt = async (level: string, n: number, owner?: string) =>
      (
        await pool.query<{ id: string }>(
          `select id from companies where organization_id = $1 and level = $2 ${owner ? "and owner_id = $4" : ""} and temperature <> 'hot'
           order by id limit $3`,
          owner ? [organizationId, level, n, owner] : [organizationId, level, n],
        )
      ).rows.map((r) => r.id);
    const l1Clients = await clientsAt("L1", iterations + 2);
    const l2Clients = await clientsAt("L2", iterations + 2);
    await timed("GET /companies/:id/handover — an L1 client (L2 receivers)", "head", iterations, (i) => call(head, "GET", `/api/v1/companies/${l1Clients[i + 2] ?? ""}/handover`));
    await timed("GET /companies/:id/handover — an L2 client (L3 receivers)", "head", iterations, (i) => call(head, "GET", `/api/v1/companies/${l2Clients[i + 2] ?? ""}/handover`));

    // An L1 seller hands over their own clients, a different one each call (M1.4 "needs it and is ready").
    const hunterRow = await one<{ user_id: string; email: string }>(
      `select m.user_id, u.email from memberships m join users u on u.id = m.user_id
       where m.organization_id = $1 and m.role = 'seller' and m.level = 'L1' order by u.email limit 1`,
      [organizationId],
    );
    const hunter = await signIn(text(hunterRow?.email), "L1 seller");
    const own = await clientsAt("L1", iterations + 3, text(hunterRow?.user_id));
    await timed("POST /companies/:id/handover — own L1 client → L2", "L1 seller", iterations, (i) => call(hunter, "POST", `/api/v1/companies/${own[i + 3] ?? ""}/handover`, { comment: "Готов к сделке" }), 3);

    // The payment path with the rules on, then off: the rules' overhead on a write (distinct orders each call).
    // Orders of L2 clients first (the L2 → L3 rules read their history); L3 ones when L2 runs out.
    const ordersAt = async (n: number) =>
      (
        await pool.query<{ id: string; level: string }>(
          `select o.id, c.level from orders o join companies c on c.id = o.company_id
           where o.organization_id = $1 order by (c.level = 'L2') desc, o.id limit $2`,
          [organizationId, n],
        )
      ).rows;
    const payment = { amountMinor: 10_000_000, paidOn: new Date().toISOString().slice(0, 10), note: "bench" };
    const handoversNow = async () => Number((await one<{ n: string }>(`select count(*) as n from handovers where organization_id = $1 and trigger = 'payment'`, [organizationId]))?.n ?? 0);
    const chosen = await ordersAt(2 * (iterations + 2));
    const paidOn = chosen.map((o) => o.id);
    const levelsOf = (part: { level: string }[]) => ["L2", "L3"].map((l) => `${part.filter((o) => o.level === l).length} ${l}`).join(" + ");
    const paidClients = `rules on: ${levelsOf(chosen.slice(0, iterations + 2))}, rules off: ${levelsOf(chosen.slice(iterations + 2))} clients`;
    const firedBefore = await handoversNow();
    await timed("POST /orders/:id/payments — rules on", "head", iterations, (i) => call(head, "POST", `/api/v1/orders/${paidOn[i + 2] ?? ""}/payments`, payment));
    const fired = (await handoversNow()) - firedBefore;
    const rules = itemsOf(await call(head, "GET", "/api/v1/conveyor/rules"));
    const settings = await call(head, "GET", "/api/v1/conveyor/settings");
    const permanent = at(settings, "permanent");
    for (const r of rules) await call(head, "PATCH", `/api/v1/conveyor/rules/${text(at(r, "id"))}`, { enabled: false });
    await call(head, "PATCH", "/api/v1/conveyor/settings", { permanent: { totalAmountMinor: null, monthlyMinimumMinor: null } });
    await timed("POST /orders/:id/payments — rules off", "head", iterations, (i) =>
      call(head, "POST", `/api/v1/orders/${paidOn[iterations + 4 + i] ?? ""}/payments`, payment),
    );
    for (const r of rules) await call(head, "PATCH", `/api/v1/conveyor/rules/${text(at(r, "id"))}`, { enabled: at(r, "enabled") === true });
    await call(head, "PATCH", "/api/v1/conveyor/settings", {
      permanent: { totalAmountMinor: at(permanent, "totalAmountMinor") ?? null, monthlyMinimumMinor: at(permanent, "monthlyMinimumMinor") ?? null },
    });

    // Sellers' own screens: the giver's grace-period shares and the matrix widen the client list's scope.
    const farmerRow = await one<{ email: string }>(
      `select u.email from memberships m join users u on u.id = m.user_id
       where m.organization_id = $1 and m.role = 'seller' and m.level = 'L3' order by u.email limit 1`,
      [organizationId],
    );
    const farmer = await signIn(text(farmerRow?.email), "L3 seller");
    const managerEmail = await emailOf(`m.sales_role = 'product_manager'`);
    const manager = await signIn(managerEmail, "matrix manager");
    const sellerReads: Array<[string, Session]> = [
      ["L1 seller", hunter],
      ["L3 seller", farmer],
      ["matrix manager", manager],
    ];
    for (const [who, as] of sellerReads) {
      await timed("GET /me/notifications", who, iterations, () => call(as, "GET", "/api/v1/me/notifications"));
      await timed("GET /conveyor/handovers (first page, 50)", who, iterations, () => call(as, "GET", "/api/v1/conveyor/handovers?limit=50"));
      await timed("GET /companies (own client list, first page, 50)", who, iterations, () => call(as, "GET", "/api/v1/companies?limit=50"));
    }
    const scope = async (label: string, as: Session) => `${label} ${count(at(await call(as, "GET", "/api/v1/companies?limit=1"), "total"))}`;
    const scopes = [await scope("L1 seller", hunter), await scope("L3 seller", farmer), await scope("matrix manager", manager)].join(", ");
    const after = await sizes();

    // ---------------------------------------------------------------- the report
    const seeded = readSeed();
    out(`## The conveyor on embedded PGlite (ms)`);
    out();
    out(
      `${before.companies} clients (${levelsBefore} before the sweep), ${before.deals} deals, ${before.activities} activities, ${before.orders} orders, ` +
        `${before.payments} payments; ${before.people} members (an admin, a head of sales, a team lead, 100 sellers on levels 60/20/20, a product-group matrix manager). ` +
        (seeded ? `Seeded in ${fmt(seeded.seconds)} s (${seeded.steps.join(", ")})` : "Seeded by an earlier run") +
        (shapeSteps.length > 0 ? `; shaped in this run: ${shapeSteps.join(", ")}.` : "; shaped by an earlier run.") +
        ` Rules on: hot, acceptance_act, orders ≥ 2, volume ≥ 5M ₽, monthly minimum 100k ₽ × 3 months; permanent client at 15M ₽ paid; structure matrix_product.` +
        ` ${iterations} calls each, one at a time (previews ${previewIterations} after 1 warm-up; each write on a different client or order).`,
    );
    out();
    out(`| call | as | p50 | p95 | max |`);
    out(`| --- | --- | --- | --- | --- |`);
    for (const r of rows) {
      const s = summarize(r.samples);
      out(`| ${r.label} | ${r.who} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.max)} |`);
    }
    out();
    out(`## The nightly sweep on the whole base`);
    out();
    out(`| run | s | handed over | permanent marked | access expired | waiting for a receiver |`);
    out(`| --- | --- | --- | --- | --- | --- |`);
    for (const [label, ms, r] of [
      [sweptEarlier ? `1st of this run (the base was swept on ${sweptEarlier})` : "1st (no sweep before)", sweep1Ms, sweep1],
      ["2nd, right after", sweep2Ms, sweep2],
    ] as const) {
      out(`| ${label} | ${(ms / 1000).toFixed(ms < 10_000 ? 2 : 0)} | ${count(at(r, "handedOver"))} | ${count(at(r, "permanentMarked"))} | ${count(at(r, "accessExpired"))} | ${count(at(r, "waitingForReceiver"))} |`);
    }
    out();
    const moved = count(at(sweep1, "handedOver")) + count(at(sweep1, "permanentMarked"));
    out(
      `Handovers by the sweeps: ${byReason || "none"} (${moved > 0 ? fmt(sweep1Ms / moved) : "–"} ms per client moved or marked). ` +
        `Clients per level after the 1st sweep: ${levelsAfterSweep}.`,
    );
    out(`Clients the previews found (before the sweep): ${previewTotals.join("; ")}.`);
    out(
      `Payments (${paidClients}): with the rules on ${fired} of ${iterations + 2} handed their client over. After the run: ${after.handovers} handovers, ${after.shares} shares, ` +
        `${after.notifications} notifications; clients in scope: ${scopes}.`,
    );
    out();
  };
  if (!seedOnly) await measure();
  await app.close();
} finally {
  await database.close();
}
if (!seedOnly) {
  const file = resolve(import.meta.dirname, "../results/conveyor-large-embedded.md");
  writeFileSync(
    file,
    `# Conveyor benchmark\n\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${availableParallelism()} cores, commit ${commit}.\n\n${lines.join("\n")}\n`,
  );
}
