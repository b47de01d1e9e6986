import type { Database } from "@conveyor/server";
import { buildTeam, buildUser } from "@conveyor/server/testing";

/*
 * A big department's history for the benchmarks (100 sellers, 200k clients, 1M deals, 5M
 * activities by default), generated inside the database with INSERT … SELECT so that it takes
 * minutes rather than hours. The values follow the demo department's shape (levels 6-2-2,
 * statuses by level, deals with stage visits, orders and payments of won deals, a timeline
 * entry per fact); random() is seeded, so a size always gives the same history (ids aside).
 */

export type LargeOptions = {
  organizationId: string;
  now: Date;
  companies: number;
  dealsPerCompany: number;
  activitiesPerCompany: number;
  sellersPerLevel?: [number, number, number];
  /**
   * "kpi": the history the KPI benchmark reads — each deal's own outcome (25% won, 20% lost, 3 to
   * 60 days after it was created; those that would close after `now` are still open), its path
   * through the open stages as stage visits, a payment 0–14 days after each win unless that is
   * still ahead, and the KPI columns (credited seller, funnel owner, first win) filled as the
   * write path fills them. Default "crm": the history the older benchmarks measured.
   */
  history?: "crm" | "kpi";
  /** Called after each step with its name and the time it took. */
  onStep?: (step: string, ms: number) => void;
};

export type LargeSummary = { companies: number; contacts: number; deals: number; activities: number; timeline: number; tasks: number; people: number };

const words = ["Альфа", "Вектор", "Гранит", "Интех", "Кедр", "Меридиан", "Нева", "Орион", "Профиль", "Ресурс", "Север", "Сигма", "Стандарт", "Техно", "Урал", "Формат", "Эталон", "Юнион"];
const suffixes = ["Трейд", "Строй", "Пром", "Снаб", "Групп", "Логистик", "Сервис", "Маркет"];
const regions = ["Москва", "Санкт-Петербург", "Казань", "Екатеринбург", "Новосибирск", "Нижний Новгород", "Краснодар"];
const industries = ["Производство", "Оптовая торговля", "Строительство", "Логистика", "IT", "Розница"];
const audiences = ["Производители", "Дистрибьюторы", "Розничные сети", "Застройщики", "Госзаказчики"];
const channels = ["Сайт", "Рекомендация", "Выставка", "Холодный звонок", "Email-рассылка", "Маркетплейс"];
const people = ["Алексей Иванов", "Мария Смирнова", "Дмитрий Кузнецов", "Елена Попова", "Сергей Соколов", "Анна Лебедева", "Игорь Козлов", "Ольга Новикова"];

const literal = (items: readonly string[]) => `array[${items.map((w) => `'${w.replace(/'/g, "''")}'`).join(",")}]`;
/** One element of a SQL array literal, chosen by random(). */
const pick = (items: readonly string[]) => `(${literal(items)})[1 + floor(random() * ${items.length})::int]`;

export const seedLargeDepartment = async (database: Database, options: LargeOptions): Promise<LargeSummary> => {
  const { organizationId, now } = options;
  const [l1, l2, l3] = options.sellersPerLevel ?? [60, 20, 20];
  const head = await buildUser(database, organizationId, { role: "head_of_sales", name: "Ирина Волкова" });
  const lead = await buildUser(database, organizationId, { role: "team_lead", name: "Олег Соколов" });
  const sellers = async (count: number, level: string) =>
    (await Promise.all(Array.from({ length: count }, (_, i) => buildUser(database, organizationId, { role: "seller", name: `${people[i % people.length]} ${level}-${i + 1}` })))).map((u) => ({ id: u.id, level }));
  const hunters = await sellers(l1, "L1");
  const closers = await sellers(l2, "L2");
  const farmers = await sellers(l3, "L3");
  await buildTeam(database, organizationId, { leadId: lead.id, memberIds: hunters.map((u) => u.id), name: "L1 · Привлечение" });
  await buildTeam(database, organizationId, { leadId: head.id, memberIds: [...closers, ...farmers].map((u) => u.id), name: "L2–L3 · Сделки и развитие" });
  const all = [...hunters, ...closers, ...farmers];

  const client = await database.pool.connect();
  const step = async (name: string, text: string, values: unknown[] = []) => {
    const t0 = performance.now();
    await client.query(text, values);
    options.onStep?.(name, performance.now() - t0);
  };
  try {
    await client.query("select setseed(0.2026)");
    await client.query("create temp table bench_sellers (n int primary key, id uuid, level text)");
    await client.query(
      `insert into bench_sellers select n - 1, id::uuid, level from unnest($1::text[], $2::text[]) with ordinality as s(id, level, n)`,
      [all.map((s) => s.id), all.map((s) => s.level)],
    );
    const org = `'${organizationId}'::uuid`;
    const nowSql = `'${now.toISOString()}'::timestamptz`;
    // Level by weight 6-2-2; the owner is a seller of that level.
    await step(
      "clients",
      `insert into companies (id, organization_id, name, legal_id, region, industry, audience, channel, status, temperature, level, owner_id, tags, search_text, created_at, updated_at)
       select gen_random_uuid(), ${org},
              (array['ООО','АО','ООО','ООО','ИП'])[1 + floor(random() * 5)::int] || ' «' || ${pick(words)} || case when random() < 0.6 then '-' || ${pick(suffixes)} else '' end || ' ' || g.i || '»',
              case when random() < 0.85 then lpad((1000000000 + g.i)::text, 10, '0') end,
              ${pick(regions)}, ${pick(industries)}, ${pick(audiences)}, ${pick(channels)},
              case lv.level when 'L3' then (case when random() < 0.8 then 'current' else 'permanent' end)
                            when 'L2' then (case when random() < 0.75 then 'new' else 'current' end) else 'new' end,
              case when lv.level = 'L1' then (array['cold','cold','cold','warm','warm','hot'])[1 + floor(random() * 6)::int]
                   else (array['warm','warm','hot','hot','hot'])[1 + floor(random() * 5)::int] end,
              lv.level, s.id, case when random() < 0.15 then array['VIP'] else '{}'::text[] end, '',
              ${nowSql} - (5 + random() * 360) * interval '1 day', ${nowSql}
       from generate_series(1, $1::int) as g(i)
       cross join lateral (select case when r < 0.6 then 'L1' when r < 0.8 then 'L2' else 'L3' end as level
                           from (select random() + g.i * 0 as r) x) lv
       cross join lateral (select id from bench_sellers b where b.level = lv.level
                           order by b.n offset floor(random() * (select count(*) from bench_sellers c where c.level = lv.level) + g.i * 0)::int limit 1) s`,
      [options.companies],
    );
    // The rest only references what exists: skip foreign-key checks (and the companies' facet
    // trigger, which later updates of search text and last activity leave unchanged).
    await client.query("set session_replication_role = replica");
    await step(
      "contacts",
      `insert into contacts (organization_id, company_id, name, position, phones, emails, is_decision_maker, created_at, updated_at)
       select ${org}, c.id, ${pick(people)}, (array['Генеральный директор','Коммерческий директор','Закупщик'])[1 + floor(random() * 3)::int],
              array['+79' || lpad((floor(random() * 1000000000))::bigint::text, 9, '0')],
              case when random() < 0.8 then array['contact' || k || '.' || substr(c.id::text, 1, 8) || '@example.ru'] else '{}'::text[] end,
              k = 1, c.created_at, c.created_at
       from companies c cross join generate_series(1, 2) as k
       where c.organization_id = ${org}`,
    );
    await step(
      "search text",
      `update companies c set search_text = lower(regexp_replace(c.name || ' ' || coalesce(c.legal_id, '') || ' ' || x.t, '[«»".,;:()!?/\\\\-]+', ' ', 'g'))
       from (select company_id, string_agg(name || ' ' || replace(array_to_string(phones, ' '), '+', '') || ' ' || array_to_string(emails, ' '), ' ') as t
             from contacts where organization_id = ${org} group by company_id) x
       where c.organization_id = ${org} and c.id = x.company_id`,
    );
    if (options.history === "kpi") {
      // One statement: the drawn deals feed both the deals and their stage visits.
      await step(
        "deals and stage visits",
        `with st as (
           select array_agg(s.id order by s.position) filter (where s.kind = 'open') as open_ids,
                  (array_agg(s.id) filter (where s.kind = 'won'))[1] as won_id, (array_agg(s.id) filter (where s.kind = 'lost'))[1] as lost_id,
                  (array_agg(s.pipeline_id))[1] as pipeline_id
           from pipeline_stages s join pipelines p on p.id = s.pipeline_id and p.is_default
           where s.organization_id = ${org} and s.archived_at is null),
         raw as (
           select gen_random_uuid() as id, c.id as company_id, c.owner_id, k, random() as r, random() as p, random() as u,
                  c.created_at + random() * 0.8 * (${nowSql} - c.created_at) as created,
                  (array['Поставка оборудования','Годовой контракт','Пилотный заказ','Расширение поставки','Сервисный договор'])[1 + floor(random() * 5)::int] || ' ' || k as title,
                  (50 + floor(random() * 4950))::bigint * 100000 as amount, (${nowSql} + (random() * 110 - 20) * interval '1 day')::date as expected,
                  (array['Дорого','Выбрали конкурента','Нет бюджета','Не дозвонились до ЛПР'])[1 + floor(random() * 4)::int] as reason
           from companies c cross join generate_series(1, $1::int) as k
           where c.organization_id = ${org}),
         timed as (
           select raw.*, case when r < 0.45 then created + (3 + u * 57) * interval '1 day' end as closes from raw),
         drawn as materialized (
           select timed.*, case when closes > ${nowSql} or closes is null then 'open' when r < 0.25 then 'won' else 'lost' end as kind,
                  case when r < 0.25 then 4 else floor(p * 5)::int end as reached,
                  case when closes <= ${nowSql} then closes else created + u * (${nowSql} - created) end as moved
           from timed),
         inserted as (
           insert into deals (id, organization_id, company_id, pipeline_id, stage_id, title, amount_minor, currency, expected_close_date, owner_id, lost_reason,
                              acceptance_signed_on, stage_entered_at, closed_at, created_at, updated_at)
           select d.id, ${org}, d.company_id, st.pipeline_id,
                  case d.kind when 'won' then st.won_id when 'lost' then st.lost_id else st.open_ids[1 + d.reached] end,
                  d.title, d.amount, 'RUB', d.expected, d.owner_id, case when d.kind = 'lost' then d.reason end,
                  case when d.kind = 'won' then d.moved::date end, d.moved, case when d.kind <> 'open' then d.moved end, d.created, d.moved
           from drawn d, st)
         insert into deal_stage_visits (organization_id, deal_id, stage_id, entered_at, left_at, moved_by_id, owner_id, channel)
         select ${org}, v.id, case when v.i <= v.reached then st.open_ids[1 + v.i] when v.kind = 'won' then st.won_id else st.lost_id end,
                v.entered, case when v.i < v.n then lead(v.entered) over (partition by v.id order by v.i) end, v.owner_id, v.owner_id,
                (select coalesce(c.channel, '') from companies c where c.id = v.company_id)
         from (select d.id, d.company_id, d.kind, d.reached, d.owner_id, n.n, i,
                      case when i = n.n then d.moved else d.created + (d.moved - d.created) * (i::float8 / n.n) end as entered
               from drawn d cross join lateral (select d.reached + (d.kind <> 'open')::int as n) n cross join generate_series(0, n.n) as i) v, st`,
        [options.dealsPerCompany],
      );
      await step(
        "first wins",
        `update deals d set first_win = true
         from (select distinct on (x.company_id) x.id from deals x join pipeline_stages s on s.id = x.stage_id and s.kind = 'won'
               where x.organization_id = ${org} and x.closed_at is not null order by x.company_id, x.closed_at, x.id) f
         where d.organization_id = ${org} and d.id = f.id`,
      );
      await step(
        "orders and payments",
        `with won as (select d.*, row_number() over () as n from deals d join pipeline_stages s on s.id = d.stage_id and s.kind = 'won' where d.organization_id = ${org}),
              o as (insert into orders (id, organization_id, deal_id, company_id, number, amount_minor, currency, ordered_on, created_by_id, created_at)
                    select gen_random_uuid(), organization_id, id, company_id, 'B' || n, amount_minor, currency, (closed_at at time zone 'Europe/Moscow')::date, owner_id, closed_at from won
                    returning id, organization_id, deal_id, company_id, amount_minor, currency, ordered_on, created_by_id, created_at)
         insert into payments (organization_id, order_id, company_id, deal_id, amount_minor, currency, paid_on, created_by_id, credited_user_id, created_at)
         select organization_id, id, company_id, deal_id, amount_minor, currency, x.paid_on, created_by_id, created_by_id, x.paid_on::timestamp at time zone 'Europe/Moscow' + interval '12 hours'
         from o cross join lateral (select o.ordered_on + floor(random() * 15)::int + 0 * length(o.id::text) as paid_on) x
         where x.paid_on <= (${nowSql} at time zone 'Europe/Moscow')::date`,
      );
    } else {
      await step(
        "deals",
        `insert into deals (id, organization_id, company_id, pipeline_id, stage_id, title, amount_minor, currency, expected_close_date, owner_id, lost_reason, acceptance_signed_on, stage_entered_at, closed_at, created_at, updated_at)
         select gen_random_uuid(), ${org}, c.id, st.pipeline_id, st.id,
                (array['Поставка оборудования','Годовой контракт','Пилотный заказ','Расширение поставки','Сервисный договор'])[1 + floor(random() * 5)::int] || ' ' || k,
                (50 + floor(random() * 4950))::bigint * 100000, 'RUB', (${nowSql} + (random() * 110 - 20) * interval '1 day')::date, c.owner_id,
                case when st.kind = 'lost' then (array['Дорого','Выбрали конкурента','Нет бюджета'])[1 + floor(random() * 3)::int] end,
                case when st.kind = 'won' then (c.created_at + interval '20 days')::date end,
                c.created_at + interval '10 days', case when st.kind <> 'open' then c.created_at + interval '20 days' end,
                c.created_at + interval '1 day', c.created_at + interval '20 days'
         from companies c cross join generate_series(1, $1::int) as k
         cross join lateral (select s.id, s.pipeline_id, s.kind from pipeline_stages s join pipelines p on p.id = s.pipeline_id and p.is_default
                             where s.organization_id = ${org} and s.archived_at is null
                             order by s.position offset floor(random() * (select count(*) from pipeline_stages x join pipelines px on px.id = x.pipeline_id and px.is_default
                                                                           where x.organization_id = ${org} and x.archived_at is null) + k * 0)::int limit 1) st
         where c.organization_id = ${org}`,
        [options.dealsPerCompany],
      );
      await step(
        "stage visits",
        `insert into deal_stage_visits (organization_id, deal_id, stage_id, entered_at, moved_by_id)
         select organization_id, id, stage_id, stage_entered_at, owner_id from deals where organization_id = ${org}`,
      );
      await step(
        "orders and payments",
        `with won as (select d.*, row_number() over () as n from deals d join pipeline_stages s on s.id = d.stage_id and s.kind = 'won' where d.organization_id = ${org}),
              o as (insert into orders (id, organization_id, deal_id, company_id, number, amount_minor, currency, ordered_on, created_by_id, created_at)
                    select gen_random_uuid(), organization_id, id, company_id, 'B' || n, amount_minor, currency, (closed_at + interval '5 days')::date, owner_id, closed_at + interval '5 days' from won
                    returning id, organization_id, deal_id, company_id, amount_minor, currency, ordered_on, created_by_id, created_at)
         insert into payments (organization_id, order_id, company_id, deal_id, amount_minor, currency, paid_on, created_by_id, created_at)
         select organization_id, id, company_id, deal_id, amount_minor, currency, ordered_on + 10, created_by_id, created_at + interval '10 days' from o`,
      );
    }
    await step(
      "activities",
      `insert into activities (id, organization_id, company_id, type, occurred_at, duration_minutes, outcome, amount_minor, base, author_id, created_at)
       select gen_random_uuid(), ${org}, c.id, t.type, t.at,
              case t.type when 'call' then 1 + floor(random() * 25)::int when 'meeting' then 30 + floor(random() * 90)::int end,
              (array['Не дозвонился','Поговорил с ЛПР','Договорились о встрече','Отправил прайс','Обсудили условия'])[1 + floor(random() * 5)::int],
              case when t.type = 'proposal' then (50 + floor(random() * 4950))::bigint * 100000 end,
              case when c.status = 'new' or t.at < c.created_at + (${nowSql} - c.created_at) / 2 then 'new' else 'current' end,
              c.owner_id, t.at
       from companies c cross join generate_series(1, $1::int) as k
       cross join lateral (select (array['call','call','call','call','call','email','email','meeting','proposal','note'])[1 + floor(random() * 10 + k * 0)::int] as type,
                                  c.created_at + random() * (${nowSql} - c.created_at) as at) t
       where c.organization_id = ${org}`,
      [options.activitiesPerCompany],
    );
    await step(
      "timeline",
      `insert into timeline_events (organization_id, company_id, kind, at, actor_id, activity_id, deal_id)
       select organization_id, id, 'created', created_at, owner_id, null::uuid, null::uuid from companies where organization_id = ${org}
       union all select organization_id, company_id, 'deal_created', created_at, owner_id, null, id from deals where organization_id = ${org}
       union all select organization_id, company_id, 'activity', occurred_at, author_id, id, null from activities where organization_id = ${org}`,
    );
    await step(
      "last activity",
      `update companies c set last_activity_at = a.at, updated_at = a.at
       from (select company_id, max(occurred_at) as at from activities where organization_id = ${org} group by company_id) a
       where c.organization_id = ${org} and c.id = a.company_id`,
    );
    await step(
      "tasks",
      `insert into tasks (organization_id, company_id, title, type, due_at, assignee_id, created_by_id, planned_result, created_at, updated_at)
       select ${org}, c.id, (array['Перезвонить ЛПР','Отправить КП','Назначить встречу','Уточнить бюджет'])[1 + floor(random() * 4)::int],
              (array['call','meeting','email','follow_up'])[1 + floor(random() * 4)::int],
              date_trunc('day', ${nowSql}) + (floor(random() * 20) - 5) * interval '1 day' + (9 + floor(random() * 8)) * interval '1 hour',
              c.owner_id, c.owner_id, 'Встреча назначена', ${nowSql} - interval '3 days', ${nowSql}
       from companies c where c.organization_id = ${org} and random() < 0.7`,
    );
    await client.query("set session_replication_role = origin");
    await step("analyze", "analyze");
    const count = async (table: string) => Number((await client.query<{ n: string }>(`select count(*) as n from ${table} where organization_id = ${org}`)).rows[0]?.n ?? 0);
    return {
      companies: await count("companies"),
      contacts: await count("contacts"),
      deals: await count("deals"),
      activities: await count("activities"),
      timeline: await count("timeline_events"),
      tasks: await count("tasks"),
      people: 2 + all.length,
    };
  } finally {
    await client.query("set session_replication_role = origin").catch(() => undefined);
    await client.query("drop table if exists bench_sellers").catch(() => undefined);
    client.release();
  }
};
