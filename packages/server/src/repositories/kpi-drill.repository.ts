import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db/database";

/*
 * The records behind a dashboard number: payments, closed deals or activities of the scope's
 * people in the period, newest first. Each person's rows are read through their own index
 * (a lateral per person, at most one page each), so a department's month never sorts 100k rows.
 */

export type DrillMetric = "revenue" | "deals_won" | "deals_lost" | "new_clients" | "calls" | "meetings" | "proposals";
export type DrillRowData = { id: string; date: string; companyId: string; companyName: string; userName: string; title: string; amountMinor: number | null; at: string };
export type DrillCursor = { at: string; id: string };

const uuidArray = (values: readonly string[]): SQL => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::uuid[]`;

export const drillRows = async (
  ex: Executor,
  organizationId: string,
  timeZone: string,
  userIds: readonly string[],
  metric: DrillMetric,
  range: { from: string; to: string },
  page: { limit: number; after?: DrillCursor | undefined },
): Promise<DrillRowData[]> => {
  if (userIds.length === 0) return [];
  const limit = page.limit + 1;
  const after = page.after;
  let inner: SQL;
  switch (metric) {
    case "revenue": {
      const cursor = after ? sql`and (p.paid_on, p.id) < (${after.at}::date, ${after.id}::uuid)` : sql``;
      inner = sql`select p.id, p.paid_on as on_date, p.paid_on::timestamptz as at, p.company_id, o.number as title, p.amount_minor
        from payments p join orders o on o.id = p.order_id
        where p.organization_id = ${organizationId} and p.credited_user_id = u.id and p.paid_on between ${range.from}::date and ${range.to}::date ${cursor}
        order by p.paid_on desc, p.id desc limit ${limit}`;
      break;
    }
    case "deals_won":
    case "deals_lost":
    case "new_clients": {
      const kind = metric === "deals_lost" ? "lost" : "won";
      const first = metric === "new_clients" ? sql`and d.first_win` : sql``;
      const cursor = after ? sql`and (d.closed_at, d.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``;
      inner = sql`select d.id, (d.closed_at at time zone ${timeZone})::date as on_date, d.closed_at as at, d.company_id, d.title, d.amount_minor
        from deals d join pipeline_stages s on s.id = d.stage_id and s.kind = ${kind}
        where d.organization_id = ${organizationId} and d.owner_id = u.id and d.closed_at is not null
          and d.closed_at >= (${range.from}::date::timestamp at time zone ${timeZone})
          and d.closed_at < ((${range.to}::date + 1)::timestamp at time zone ${timeZone}) ${first} ${cursor}
        order by d.closed_at desc, d.id desc limit ${limit}`;
      break;
    }
    case "calls":
    case "meetings":
    case "proposals": {
      const type = metric === "calls" ? "call" : metric === "meetings" ? "meeting" : "proposal";
      const cursor = after ? sql`and (a.occurred_at, a.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``;
      inner = sql`select a.id, (a.occurred_at at time zone ${timeZone})::date as on_date, a.occurred_at as at, a.company_id,
          coalesce(a.outcome, left(a.body, 120), '') as title, a.amount_minor
        from activities a
        where a.organization_id = ${organizationId} and a.author_id = u.id and a.type = ${type}
          and a.occurred_at >= (${range.from}::date::timestamp at time zone ${timeZone})
          and a.occurred_at < ((${range.to}::date + 1)::timestamp at time zone ${timeZone}) ${cursor}
        order by a.occurred_at desc, a.id desc limit ${limit}`;
      break;
    }
  }
  const result = await ex.execute<{ id: string; on_date: string; at: string; company_id: string; company_name: string; user_name: string; title: string; amount_minor: string | number | null }>(sql`
    select r.id, to_char(r.on_date, 'YYYY-MM-DD') as on_date,
      ${metric === "revenue" ? sql`to_char(r.on_date, 'YYYY-MM-DD')` : sql`to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`} as at,
      r.company_id, c.name as company_name, us.name as user_name, r.title, r.amount_minor
    from unnest(${uuidArray(userIds)}) as u(id)
    cross join lateral (${inner}) r
    join companies c on c.id = r.company_id
    join users us on us.id = u.id
    order by r.at desc, r.id desc
    limit ${limit}`);
  return result.rows.map((r) => ({
    id: r.id,
    date: r.on_date,
    companyId: r.company_id,
    companyName: r.company_name,
    userName: r.user_name,
    title: r.title,
    amountMinor: r.amount_minor === null ? null : Number(r.amount_minor),
    at: r.at,
  }));
};
