import { activityBase } from "@conveyor/domain";
import { companySearchText, type Database } from "@conveyor/server";
import {
  activities,
  companies,
  contacts,
  conveyorSettings,
  dealStageVisits,
  deals,
  departments,
  handoverRules,
  handovers,
  memberships,
  orders,
  organizations,
  payments,
  pipelineStages,
  pipelines,
  plans,
  tasks,
  teams,
  timelineEvents,
} from "@conveyor/server/schema";
import { and, asc, eq, inArray } from "drizzle-orm";
import { buildTeam, buildUser } from "@conveyor/server/testing";
import { demoPlanRows, localDayOf, zoneOffsetMs, type DemoFact } from "./demo-plans";
import { innFor, seededRandom, type Random } from "./random";

/*
 * The demo department (crm-core): a head of sales, a team lead and 10 sellers split 6-2-2
 * across the three levels (M1.2), 300 clients with contacts, a year of activities and the
 * tasks of the coming weeks, and plans for this month and the last set from the sellers' record. Deterministic for a seed, so benchmarks can grow it to any size.
 */

const firstNames = ["Алексей", "Мария", "Дмитрий", "Елена", "Сергей", "Анна", "Игорь", "Ольга", "Павел", "Татьяна", "Никита", "Юлия"];
const lastNames = ["Иванов", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Козлов", "Новикова", "Морозов", "Волкова", "Зайцев", "Павлова"];
const companyWords = ["Альфа", "Вектор", "Гранит", "Интех", "Кедр", "Меридиан", "Нева", "Орион", "Профиль", "Ресурс", "Север", "Сигма", "Стандарт", "Техно", "Урал", "Формат", "Эталон", "Юнион"];
const companySuffixes = ["Трейд", "Строй", "Пром", "Снаб", "Групп", "Логистик", "Сервис", "Маркет"];
const forms = ["ООО", "АО", "ООО", "ООО", "ИП"];
const regions = ["Москва", "Санкт-Петербург", "Казань", "Екатеринбург", "Новосибирск", "Нижний Новгород", "Краснодар"];
const industries = ["Производство", "Оптовая торговля", "Строительство", "Логистика", "IT", "Розница"];
const audiences = ["Производители", "Дистрибьюторы", "Розничные сети", "Застройщики", "Госзаказчики"];
const channels = ["Сайт", "Рекомендация", "Выставка", "Холодный звонок", "Email-рассылка", "Маркетплейс"];
const outcomes = {
  call: ["Не дозвонился", "Секретарь не соединил", "Поговорил с ЛПР", "Договорились о встрече", "Перезвонить через неделю", "Уточнили потребность"],
  meeting: ["Презентация продукта", "Обсудили условия", "Согласовали пилот", "Встреча с техническим директором"],
  email: ["Отправил презентацию", "Отправил прайс", "Ответил на вопросы", "Напомнил о предложении"],
  proposal: ["Отправлено КП", "КП на расширение", "Обновлённое КП со скидкой"],
  note: ["Бюджет утверждают в конце квартала", "ЛПР — финансовый директор", "Работают с конкурентом, недовольны сроками"],
} as const;

const dayMs = 24 * 3600_000;

export type DemoOptions = { organizationId: string; now: Date; seed?: number; companies?: number; sellersPerLevel?: [number, number, number] };

export type DemoSummary = {
  people: number;
  companies: number;
  contacts: number;
  activities: number;
  tasks: number;
  deals: number;
  orders: number;
  payments: number;
  plans: number;
};

const agree = (first: string, last: string) => {
  // Russian surnames agree with the person: "Смирнова" for Мария, "Смирнов" for Алексей.
  const female = /[ая]$/.test(first);
  return female ? (last.endsWith("а") ? last : `${last}а`) : last.endsWith("ва") || last.endsWith("на") ? last.slice(0, -1) : last;
};

const personName = (random: Random) => {
  const first = random.pick(firstNames);
  const last = random.pick(lastNames);
  return `${first} ${agree(first, last)}`;
};

/** A colleague's name nobody in the department has yet: a head picks sellers by name. Draws as `personName` does. */
const staffName = (random: Random, taken: Set<string>) => {
  const first = random.pick(firstNames);
  const drawn = lastNames.indexOf(random.pick(lastNames));
  for (let step = 0; step < lastNames.length; step += 1) {
    const name = `${first} ${agree(first, lastNames[(drawn + step) % lastNames.length] ?? "")}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  throw new Error(`No free surname left for ${first}`);
};

const insertInChunks = async <T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 500) => {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
};

export const seedDemoDepartment = async (database: Database, options: DemoOptions): Promise<DemoSummary> => {
  const random = seededRandom(options.seed ?? 20_260_301);
  const { organizationId, now } = options;
  const [l1, l2, l3] = options.sellersPerLevel ?? [6, 2, 2];
  const companyCount = options.companies ?? 300;

  const head = await buildUser(database, organizationId, { role: "head_of_sales", name: "Ирина Волкова", mustChangePassword: true });
  const lead = await buildUser(database, organizationId, { role: "team_lead", name: "Олег Соколов", mustChangePassword: true });
  const taken = new Set(["Ирина Волкова", "Олег Соколов"]);
  const level = (count: number) =>
    Promise.all(
      Array.from({ length: count }, () => buildUser(database, organizationId, { role: "seller", name: staffName(random, taken), mustChangePassword: true })),
    );
  const hunters = await level(l1);
  const closers = await level(l2);
  const farmers = await level(l3);
  // M3.1: new business (L1 + L2) and the client department (L3) apart, one team per level.
  const [newBusiness, clientDepartment] = await database.db
    .insert(departments)
    .values([
      { organizationId, name: "Отдел продаж новым клиентам", kind: "new_business", headUserId: head.id, createdAt: now },
      { organizationId, name: "Клиентский отдел", kind: "client", headUserId: head.id, createdAt: now },
    ])
    .returning({ id: departments.id });
  const teamOf = async (name: string, leadId: string, members: { id: string }[], levelName: "L1" | "L2" | "L3", departmentId: string | undefined) => {
    const teamId = await buildTeam(database, organizationId, { leadId, memberIds: members.map((u) => u.id), name });
    await database.db.update(teams).set({ level: levelName, departmentId: departmentId ?? null }).where(eq(teams.id, teamId));
  };
  await teamOf("L1 · Привлечение", lead.id, hunters, "L1", newBusiness?.id);
  await teamOf("L2 · Первая сделка", head.id, closers, "L2", newBusiness?.id);
  await teamOf("L3 · Развитие клиентов", head.id, farmers, "L3", clientDepartment?.id);
  const setLevel = async (people: { id: string }[], levelName: "L1" | "L2" | "L3", salesRole: string) => {
    if (people.length === 0) return;
    await database.db
      .update(memberships)
      .set({ level: levelName, salesRole })
      .where(and(eq(memberships.organizationId, organizationId), inArray(memberships.userId, people.map((u) => u.id))));
  };
  await setLevel(hunters, "L1", "tele_sales");
  await setLevel(closers, "L2", "sales_manager");
  await setLevel(farmers, "L3", "account_manager");
  // A department with a history: people joined over the past years, the two newest on L1 (M1.3).
  for (const [index, person] of [head, lead, ...farmers, ...closers, ...hunters].entries()) {
    const newcomer = index >= 2 + l3 + l2 + Math.max(0, l1 - 2);
    const joined = new Date(now.getTime() - (newcomer ? random.int(10, 60) : random.int(200, 1500)) * dayMs);
    await database.db
      .update(memberships)
      .set({ createdAt: joined })
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, person.id)));
  }
  // The organization's rules (M1.4, M4.1, M4.2); the demo's first nightly sweep is tomorrow's.
  const ruleId = { hot: crypto.randomUUID(), act: crypto.randomUUID(), orders: crypto.randomUUID() };
  await database.db.insert(handoverRules).values([
    { id: ruleId.hot, organizationId, name: "Горячий клиент → L2", kind: "hot", fromLevel: "L1", toLevel: "L2", params: {}, enabled: true, createdAt: now, updatedAt: now },
    { id: ruleId.act, organizationId, name: "Подписан акт приёма-передачи → L3", kind: "acceptance_act", fromLevel: "L2", toLevel: "L3", params: {}, enabled: true, createdAt: now, updatedAt: now },
    { id: ruleId.orders, organizationId, name: "Второй заказ → фермер", kind: "orders", fromLevel: "L2", toLevel: "L3", params: { count: 2 }, enabled: false, createdAt: now, updatedAt: now },
  ]);
  await database.db.insert(conveyorSettings).values({
    organizationId,
    permanentTotalMinor: 3_000_000_00,
    permanentServiceLevel: "Персональный менеджер, ответ в течение часа",
    lastSweepOn: now.toISOString().slice(0, 10),
    updatedAt: now,
  });
  const handoverRows: Array<typeof handovers.$inferInsert> = [];

  const pipeline = (
    await database.db.select().from(pipelines).where(and(eq(pipelines.organizationId, organizationId), eq(pipelines.isDefault, true)))
  )[0];
  const stages = pipeline
    ? await database.db.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, pipeline.id)).orderBy(asc(pipelineStages.position))
    : [];
  const openStages = stages.filter((s) => s.kind === "open");
  const wonStage = stages.find((s) => s.kind === "won");
  const lostStage = stages.find((s) => s.kind === "lost");
  const dealRows: Array<typeof deals.$inferInsert> = [];
  const orderRows: Array<typeof orders.$inferInsert> = [];
  const paymentRows: Array<typeof payments.$inferInsert> = [];
  let orderNumber = 0;
  const visitRows: Array<typeof dealStageVisits.$inferInsert> = [];

  type CompanyInsert = typeof companies.$inferInsert;
  const companyRows: CompanyInsert[] = [];
  const contactRows: Array<typeof contacts.$inferInsert> = [];
  const activityRows: Array<typeof activities.$inferInsert> = [];
  const taskRows: Array<typeof tasks.$inferInsert> = [];
  const eventRows: Array<typeof timelineEvents.$inferInsert> = [];

  for (let i = 0; i < companyCount; i++) {
    const id = crypto.randomUUID();
    const levelOf = random.weighted([["L1", 6], ["L2", 2], ["L3", 2]] as const);
    const owner = random.pick(levelOf === "L1" ? hunters : levelOf === "L2" ? closers : farmers);
    const status = levelOf === "L3" ? random.weighted([["current", 8], ["permanent", 2]] as const) : levelOf === "L2" ? random.weighted([["new", 3], ["current", 1]] as const) : "new";
    // Hot L1 clients went to L2 already (the "hot" rule); L2 and L3 keep their temperature.
    const temperature = levelOf === "L1" ? random.weighted([["cold", 6], ["warm", 3]] as const) : random.weighted([["warm", 2], ["hot", 3]] as const);
    const name = `${random.pick(forms)} «${random.pick(companyWords)}${random.chance(0.6) ? `-${random.pick(companySuffixes)}` : ""}${random.chance(0.3) ? ` ${random.int(2, 99)}` : ""}»`;
    const legalId = random.chance(0.85) ? innFor(random) : null;
    const createdAt = new Date(now.getTime() - random.int(5, 365) * dayMs - random.int(0, 86_399) * 1000);
    // Clients that buy became "current" somewhere in their history: before that, work was on the new base.
    const becameCurrentAt = status === "new" ? null : new Date(createdAt.getTime() + random.next() * (now.getTime() - createdAt.getTime()));
    const activityCount = random.int(3, 35);
    let lastActivityAt: Date | null = null;
    const spanMs = now.getTime() - createdAt.getTime();
    const times = Array.from({ length: activityCount }, () => new Date(createdAt.getTime() + random.next() * spanMs)).sort((a, b) => a.getTime() - b.getTime());
    for (const occurredAt of times) {
      const type = random.weighted([["call", 10], ["email", 4], ["meeting", 2], ["proposal", 1], ["note", 2]] as const);
      const activityId = crypto.randomUUID();
      const statusThen = becameCurrentAt && occurredAt >= becameCurrentAt ? "current" : "new";
      activityRows.push({
        id: activityId,
        organizationId,
        companyId: id,
        type,
        occurredAt,
        durationMinutes: type === "call" ? random.int(1, 25) : type === "meeting" ? random.int(30, 120) : null,
        outcome: random.pick(outcomes[type]),
        body: null,
        amountMinor: type === "proposal" ? random.int(50, 5000) * 1000_00 : null,
        base: activityBase(statusThen),
        authorId: owner.id,
        createdAt: occurredAt,
      });
      eventRows.push({ organizationId, companyId: id, kind: "activity", at: occurredAt, actorId: owner.id, activityId });
      lastActivityAt = occurredAt;
    }
    // The way here (M1.4): L2 clients came from a hunter when they turned hot; L3 clients also
    // passed L2 until the acceptance act of their first deal was signed.
    const handedAt: Date[] = [];
    // The L2 seller who worked the client up to the first deal, and the L2 → L3 handover their act triggered.
    let closerOfClient: { id: string } | null = null;
    let toL3Row: (typeof handoverRows)[number] | null = null;
    let toL3Event: (typeof eventRows)[number] | null = null;
    let toL2At: Date | null = null;
    if (levelOf !== "L1") {
      const toL2 = new Date(createdAt.getTime() + (0.05 + random.next() * 0.25) * spanMs);
      toL2At = toL2;
      const hunter = random.pick(hunters);
      const closer = levelOf === "L2" ? owner : random.pick(closers);
      closerOfClient = closer;
      handedAt.push(toL2);
      const l2Id = crypto.randomUUID();
      handoverRows.push({
        id: l2Id, organizationId, companyId: id, fromLevel: "L1", toLevel: "L2", fromUserId: hunter.id, toUserId: closer.id, ruleId: ruleId.hot,
        reason: "hot", trigger: "temperature_changed", figures: { temperature: "hot" }, movedTasks: 0,
        secondsAtLevel: Math.round((toL2.getTime() - createdAt.getTime()) / 1000), at: toL2,
      });
      eventRows.push({ organizationId, companyId: id, kind: "handover", at: toL2, actorId: hunter.id, fromValue: "L1", toValue: "L2", handoverId: l2Id });
      if (levelOf === "L3") {
        const toL3 = new Date(toL2.getTime() + (0.1 + random.next() * 0.3) * (now.getTime() - toL2.getTime()));
        handedAt.push(toL3);
        const l3Id = crypto.randomUUID();
        toL3Row = {
          id: l3Id, organizationId, companyId: id, fromLevel: "L2", toLevel: "L3", fromUserId: closer.id, toUserId: owner.id, ruleId: ruleId.act,
          reason: "acceptance_act", trigger: "acceptance_act", figures: { acceptanceSignedOn: toL3.toISOString().slice(0, 10) }, movedTasks: 0,
          secondsAtLevel: Math.round((toL3.getTime() - toL2.getTime()) / 1000), at: toL3,
        };
        handoverRows.push(toL3Row);
        toL3Event = { organizationId, companyId: id, kind: "handover", at: toL3, actorId: null, fromValue: "L2", toValue: "L3", handoverId: l3Id };
        eventRows.push(toL3Event);
      }
    }
    companyRows.push({
      id,
      organizationId,
      name,
      legalId,
      region: random.pick(regions),
      industry: random.pick(industries),
      audience: random.pick(audiences),
      channel: random.pick(channels),
      status,
      temperature,
      level: levelOf,
      levelEnteredAt: handedAt.at(-1) ?? createdAt,
      permanentSince: status === "permanent" ? (handedAt.at(-1) ?? createdAt) : null,
      serviceLevel: status === "permanent" ? "Персональный менеджер, ответ в течение часа" : null,
      ownerId: owner.id,
      tags: random.chance(0.15) ? ["VIP"] : [],
      searchText: "",
      createdAt,
      updatedAt: lastActivityAt ?? createdAt,
      lastActivityAt,
    });
    eventRows.push({ organizationId, companyId: id, kind: "created", at: createdAt, actorId: owner.id });

    const own: Array<{ name: string; phones: string[]; emails: string[] }> = [];
    for (let c = 0; c < random.int(1, 3); c++) {
      const phone = `+79${random.int(10, 99)}${String(random.int(0, 9_999_999)).padStart(7, "0")}`;
      const contact = { name: personName(random), phones: [phone], emails: random.chance(0.8) ? [`contact${i}.${c}@example.ru`] : [] };
      own.push(contact);
      contactRows.push({
        organizationId,
        companyId: id,
        ...contact,
        position: random.pick(["Генеральный директор", "Коммерческий директор", "Закупщик", "Финансовый директор", "Главный инженер"]),
        isDecisionMaker: c === 0,
        createdAt,
        updatedAt: createdAt,
      });
    }
    // Deals: L1 clients now and then, L2 and L3 clients usually; bought clients have won deals.
    const dealCount = pipeline && openStages.length > 0 ? (levelOf === "L1" ? (random.chance(0.15) ? 1 : 0) : random.int(1, 3)) : 0;
    for (let k = 0; k < dealCount; k++) {
      // Only clients who bought (current, permanent) have won deals: the status and the money agree.
      const outcome =
        status !== "new" && k === 0 ? "won" : random.weighted([["open", 6], ["won", status === "new" ? 0 : 2], ["lost", 2]] as const);
      const finalStage = outcome === "won" ? wonStage : outcome === "lost" ? lostStage : random.pick(openStages);
      if (!finalStage) continue;
      const dealId = crypto.randomUUID();
      const drawnOpenedAt = new Date(createdAt.getTime() + random.next() * (now.getTime() - createdAt.getTime()) * 0.6);
      // M1.4: an L3 client's first deal was won at L2 by the closer, after the client came to L2; its acceptance
      // act moved the client to L3. The deal stays the closer's (pay credits its money to them), later deals are the farmer's.
      const firstDealAtL2 = levelOf === "L3" && k === 0 && outcome === "won" && closerOfClient !== null && toL2At !== null;
      const dealOwner = firstDealAtL2 && closerOfClient ? closerOfClient : owner;
      const openedAt = firstDealAtL2 && toL2At && drawnOpenedAt < toL2At ? toL2At : drawnOpenedAt;
      const path = [...openStages.slice(0, Math.max(1, finalStage.kind === "open" ? openStages.indexOf(finalStage) + 1 : random.int(1, openStages.length))), ...(finalStage.kind === "open" ? [] : [finalStage])];
      let enteredAt = openedAt;
      for (const [step, stage] of path.entries()) {
        const leftAt = step === path.length - 1 ? null : new Date(Math.min(now.getTime(), enteredAt.getTime() + random.int(1, 20) * dayMs));
        visitRows.push({ organizationId, dealId, stageId: stage.id, enteredAt, leftAt, movedById: dealOwner.id });
        if (leftAt) enteredAt = leftAt;
      }
      dealRows.push({
        id: dealId,
        organizationId,
        companyId: id,
        pipelineId: finalStage.pipelineId,
        stageId: finalStage.id,
        title: random.pick(["Поставка оборудования", "Годовой контракт", "Пилотный заказ", "Расширение поставки", "Сервисный договор"]) + ` ${2025 + (k % 2)}`,
        amountMinor: random.int(50, 5000) * 1000_00,
        currency: "RUB",
        expectedCloseDate: new Date(now.getTime() + random.int(-20, 90) * dayMs).toISOString().slice(0, 10),
        ownerId: dealOwner.id,
        lostReason: finalStage.kind === "lost" ? random.pick(["Дорого", "Выбрали конкурента", "Нет бюджета", "Отложили проект"]) : null,
        // An L2 client's won deal still awaits its act (signed, the client would be at L3 already).
        acceptanceSignedOn: finalStage.kind === "won" && levelOf !== "L2" ? enteredAt.toISOString().slice(0, 10) : null,
        stageEnteredAt: enteredAt,
        closedAt: finalStage.kind === "open" ? null : enteredAt,
        createdAt: openedAt,
        updatedAt: enteredAt,
      });
      eventRows.push({ organizationId, companyId: id, kind: "deal_created", at: openedAt, actorId: dealOwner.id, dealId });
      if (firstDealAtL2 && toL3Row && toL3Event && toL2At) {
        // The act is signed a few days after the win; that day the client went to L3.
        const signedAt = new Date(Math.max(enteredAt.getTime(), Math.min(now.getTime() - 3600_000, enteredAt.getTime() + random.int(1, 10) * dayMs)));
        const signedOn = signedAt.toISOString().slice(0, 10);
        const deal = dealRows.at(-1);
        if (deal) deal.acceptanceSignedOn = signedOn;
        toL3Row.at = signedAt;
        toL3Row.figures = { acceptanceSignedOn: signedOn };
        toL3Row.secondsAtLevel = Math.round((signedAt.getTime() - toL2At.getTime()) / 1000);
        toL3Event.at = signedAt;
        const client = companyRows.at(-1);
        if (client) {
          client.levelEnteredAt = signedAt;
          if (client.permanentSince) client.permanentSince = signedAt;
        }
      }
      // A won deal produces orders, paid in full or in part, over the months after the win.
      if (finalStage.kind === "won") {
        const dealAmount = dealRows.at(-1)?.amountMinor ?? 0;
        const orderCount = random.int(1, 3);
        for (let o = 0; o < orderCount; o++) {
          const orderedAt = new Date(Math.min(now.getTime() - dayMs, enteredAt.getTime() + o * random.int(20, 40) * dayMs));
          const orderId = crypto.randomUUID();
          const amountMinor = Math.round(dealAmount / orderCount);
          orderNumber += 1;
          orderRows.push({
            id: orderId,
            organizationId,
            dealId,
            companyId: id,
            number: String(orderNumber),
            amountMinor,
            currency: "RUB",
            orderedOn: orderedAt.toISOString().slice(0, 10),
            createdById: owner.id,
            createdAt: orderedAt,
          });
          eventRows.push({ organizationId, companyId: id, kind: "order_created", at: orderedAt, actorId: owner.id, dealId, toLabel: String(orderNumber), amountMinor, currency: "RUB" });
          const paidAt = new Date(Math.min(now.getTime(), orderedAt.getTime() + random.int(1, 25) * dayMs));
          const share = random.weighted([[1, 8], [0.5, 2]] as const);
          if (paidAt.getTime() < now.getTime()) {
            const paid = Math.round(amountMinor * share);
            paymentRows.push({
              organizationId,
              orderId,
              companyId: id,
              dealId,
              amountMinor: paid,
              currency: "RUB",
              paidOn: paidAt.toISOString().slice(0, 10),
              note: null,
              createdById: owner.id,
              createdAt: paidAt,
            });
            eventRows.push({ organizationId, companyId: id, kind: "payment_received", at: paidAt, actorId: owner.id, dealId, toLabel: String(orderNumber), amountMinor: paid, currency: "RUB" });
          }
        }
      }
    }

    const company = companyRows.at(-1);
    if (company) company.searchText = companySearchText(name, legalId, own);
    if (random.chance(0.7)) {
      const dueAt = new Date(now.getTime() + random.int(-5, 14) * dayMs + random.int(9, 17) * 3600_000 - (now.getTime() % dayMs));
      const taskId = crypto.randomUUID();
      taskRows.push({
        id: taskId,
        organizationId,
        companyId: id,
        title: random.pick(["Перезвонить ЛПР", "Отправить КП", "Назначить встречу", "Уточнить бюджет", "Согласовать договор", "Спросить отзыв"]),
        type: random.pick(["call", "meeting", "email", "follow_up"] as const),
        dueAt,
        assigneeId: owner.id,
        createdById: random.chance(0.3) ? lead.id : owner.id,
        plannedResult: random.pick(["Встреча назначена", "КП отправлено и получено", "Известен бюджет и срок решения", "Договор на согласовании"]),
        createdAt: new Date(Math.min(now.getTime(), dueAt.getTime()) - random.int(1, 10) * dayMs),
        updatedAt: now,
      });
      eventRows.push({ organizationId, companyId: id, kind: "task_created", at: new Date(Math.min(now.getTime(), dueAt.getTime()) - dayMs), actorId: owner.id, taskId });
    }
  }

  await database.db.transaction(async (tx) => {
    await insertInChunks(companyRows, (chunk) => tx.insert(companies).values(chunk));
    await insertInChunks(contactRows, (chunk) => tx.insert(contacts).values(chunk));
    await insertInChunks(activityRows, (chunk) => tx.insert(activities).values(chunk));
    await insertInChunks(taskRows, (chunk) => tx.insert(tasks).values(chunk));
    await insertInChunks(dealRows, (chunk) => tx.insert(deals).values(chunk));
    await insertInChunks(visitRows, (chunk) => tx.insert(dealStageVisits).values(chunk));
    await insertInChunks(orderRows, (chunk) => tx.insert(orders).values(chunk));
    await insertInChunks(paymentRows, (chunk) => tx.insert(payments).values(chunk));
    await insertInChunks(handoverRows, (chunk) => tx.insert(handovers).values(chunk));
    eventRows.sort((a, b) => a.at.getTime() - b.at.getTime());
    await insertInChunks(eventRows, (chunk) => tx.insert(timelineEvents).values(chunk));
  });

  // M5.9: the head's plans for this month and the last, a little above each seller's recent record.
  const [org] = await database.db.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, organizationId));
  const offset = zoneOffsetMs(now, org?.timeZone ?? "UTC");
  const dealOwner = new Map(dealRows.map((d) => [d.id, d.ownerId]));
  const facts: DemoFact[] = [];
  for (const a of activityRows) {
    if ((a.type === "call" || a.type === "meeting") && a.authorId) facts.push({ userId: a.authorId, day: localDayOf(a.occurredAt, offset), metric: a.type === "call" ? "calls" : "meetings", value: 1 });
  }
  for (const p of paymentRows) {
    const owner = p.dealId ? dealOwner.get(p.dealId) : undefined;
    if (owner) facts.push({ userId: owner, day: p.paidOn, metric: "revenue", value: p.amountMinor });
  }
  for (const d of dealRows) {
    if (wonStage && d.stageId === wonStage.id && d.closedAt && d.ownerId) facts.push({ userId: d.ownerId, day: localDayOf(d.closedAt, offset), metric: "deals_won", value: 1 });
  }
  const planRows = demoPlanRows({
    organizationId,
    today: localDayOf(now, offset),
    sellerIds: [...hunters, ...closers, ...farmers].map((u) => u.id),
    facts,
    setById: head.id,
    at: now,
  });
  await insertInChunks(planRows, (chunk) => database.db.insert(plans).values(chunk));
  return {
    people: 2 + l1 + l2 + l3,
    companies: companyRows.length,
    contacts: contactRows.length,
    activities: activityRows.length,
    tasks: taskRows.length,
    deals: dealRows.length,
    orders: orderRows.length,
    payments: paymentRows.length,
    plans: planRows.length,
  };
};
