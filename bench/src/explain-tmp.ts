import { openDatabase, migrateDatabase } from "@conveyor/server";
const db = await openDatabase({ mode: "embedded", dataDir: process.env["DIR"] ?? "" });
await migrateDatabase(db.pool);
const org = (await db.pool.query("select id from organizations where name = 'Bench CRM'")).rows[0].id;
const seller = (await db.pool.query("select u.id from users u join memberships m on m.user_id = u.id where m.organization_id = $1 and m.role = 'seller' order by u.email limit 1", [org])).rows[0].id;
const run = async (label: string, text: string, params: unknown[]) => {
  const t0 = performance.now();
  const r = await db.pool.query(`explain (analyze, buffers off) ${text}`, params);
  console.log(`--- ${label} ${(performance.now() - t0).toFixed(1)} ms`);
  console.log(r.rows.map((x: Record<string, string>) => x["QUERY PLAN"]).join("\n"));
};
const scope = `(owner_id = $2 or id = any(array(select company_id from company_shares where organization_id = $1 and user_id = $2)))`;
await run("head search page", `select id, name from companies where organization_id = $1 and search_text like '%сигма%' order by lower(name), id limit 51`, [org]);
await run("head search count", `select count(*) from (select 1 from companies where organization_id = $1 and search_text like '%сигма%' limit 2001) x`, [org]);
await run("head filtered count", `select count(*) from (select 1 from companies where organization_id = $1 and status = 'current' and region = 'Москва' limit 2001) x`, [org]);
await run("seller filtered page", `select id from companies where organization_id = $1 and ${scope} and status = 'new' and region = 'Москва' order by lower(name), id limit 51`, [org, seller]);
await run("seller search page", `select id from companies where organization_id = $1 and ${scope} and search_text like '%сигма%' order by lower(name), id limit 51`, [org, seller]);
await db.close();
