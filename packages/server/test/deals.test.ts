import type { Board, Company, Deal, DealDetail, DealPage, Pipeline, Problem, TimelinePage } from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { buildTeam } from "../src/testing/factories";
import { buildOrganization, buildUser, signedIn, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

const setup = async () => {
  const org = await buildOrganization(test.database);
  const lead = await buildUser(test.database, org.organizationId, { role: "team_lead", name: "Lead" });
  const anna = await buildUser(test.database, org.organizationId, { name: "Anna" });
  const boris = await buildUser(test.database, org.organizationId, { name: "Boris" });
  await buildTeam(test.database, org.organizationId, { leadId: lead.id, memberIds: [anna.id] });
  const admin = await signedIn(test, org.admin);
  const as = { admin, lead: await signedIn(test, lead), anna: await signedIn(test, anna), boris: await signedIn(test, boris) };
  const pipelines = await admin.get<{ items: Pipeline[] }>("/api/v1/pipelines");
  const pipeline = pipelines.body.items[0];
  if (!pipeline) throw new Error("no default pipeline");
  const stage = (name: string) => {
    const found = pipeline.stages.find((s) => s.name === name);
    if (!found) throw new Error(`no stage ${name}`);
    return found;
  };
  return { org, users: { lead, anna, boris }, as, pipeline, stage };
};

const addClient = async (client: TestClient, name: string) => (await client.post<Company>("/api/v1/companies", { name })).body;
const addDeal = async (client: TestClient, body: Record<string, unknown>) => {
  const reply = await client.post<Deal>("/api/v1/deals", body);
  if (reply.status !== 201) throw new Error(`deal: ${reply.status} ${reply.raw}`);
  return reply.body;
};

describe("pipelines", () => {
  it("every organization starts with a default pipeline in its language", async () => {
    const { pipeline } = await setup();
    expect(pipeline.isDefault).toBe(true);
    expect(pipeline.name).toBe("Продажи");
    expect(pipeline.stages.map((s) => [s.name, s.probability, s.kind])).toEqual([
      ["Новая", 10, "open"],
      ["Квалификация", 20, "open"],
      ["КП отправлено", 40, "open"],
      ["Переговоры", 60, "open"],
      ["Договор", 80, "open"],
      ["Выиграна", 100, "won"],
      ["Проиграна", 0, "lost"],
    ]);
  });

  it("the head edits stages; a stage with deals cannot be removed; sellers cannot edit", async () => {
    const { as, pipeline, stage } = await setup();
    const client = await addClient(as.anna, "Busy");
    await addDeal(as.anna, { companyId: client.id, title: "Sits in qualification", stageId: stage("Квалификация").id });
    const without = pipeline.stages.filter((s) => s.name !== "Квалификация").map(({ id, name, probability, kind }) => ({ id, name, probability, kind }));
    const refused = await as.admin.request<Problem>("PUT", `/api/v1/pipelines/${pipeline.id}`, { name: pipeline.name, stages: without });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("stage_in_use");

    const renamed: Array<{ id?: string; name: string; probability: number; kind: string }> = pipeline.stages.map(
      ({ id, name, probability, kind }) => ({ id, name: name === "Новая" ? "Первый контакт" : name, probability, kind }),
    );
    renamed.splice(2, 0, { name: "Демо", probability: 30, kind: "open" });
    const saved = await as.admin.request<Pipeline>("PUT", `/api/v1/pipelines/${pipeline.id}`, { name: "Продажи B2B", stages: renamed });
    expect(saved.status).toBe(200);
    expect(saved.body.name).toBe("Продажи B2B");
    expect(saved.body.stages.map((s) => s.name).slice(0, 3)).toEqual(["Первый контакт", "Квалификация", "Демо"]);

    const noWon = await as.admin.post<Problem>("/api/v1/pipelines", { name: "Broken", stages: [{ name: "A", probability: 10 }, { name: "B", probability: 20 }, { name: "C", probability: 30 }] });
    expect(noWon.status).toBe(400);
    const sellerTries = await as.anna.post<Problem>("/api/v1/pipelines", {
      name: "Mine",
      stages: [{ name: "A", probability: 10 }, { name: "W", probability: 100, kind: "won" }, { name: "L", probability: 0, kind: "lost" }],
    });
    expect(sellerTries.status).toBe(403);
  });
});

describe("deals", () => {
  it("open in the default pipeline's first stage, in the organization's currency", async () => {
    const { as, stage } = await setup();
    const client = await addClient(as.anna, "Acme");
    const deal = await addDeal(as.anna, { companyId: client.id, title: "Поставка 2026", amountMinor: 1_500_000_00, expectedCloseDate: "2026-12-20" });
    expect(deal).toMatchObject({
      stageId: stage("Новая").id,
      status: "open",
      currency: "RUB",
      companyName: "Acme",
      ownerName: "Anna",
      expectedCloseDate: "2026-12-20",
      lostReason: null,
      acceptanceSignedOn: null,
    });
  });

  it("moves through stages with time in each stage; a lost deal must say why; another pipeline's stage is refused", async () => {
    const { as, stage } = await setup();
    const client = await addClient(as.anna, "Flow");
    const deal = await addDeal(as.anna, { companyId: client.id, title: "Flow deal", amountMinor: 100 });
    test.clock.advance(3 * 3600_000);
    const moved = await as.anna.post<Deal>(`/api/v1/deals/${deal.id}/move`, { stageId: stage("КП отправлено").id });
    expect(moved.body.stageName).toBe("КП отправлено");
    test.clock.advance(2 * 24 * 3600_000);

    const noReason = await as.anna.post<Problem>(`/api/v1/deals/${deal.id}/move`, { stageId: stage("Проиграна").id });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe("lost_reason_required");
    expect(noReason.body.errors?.[0]?.field).toBe("lostReason");

    const other = await as.admin.post<Pipeline>("/api/v1/pipelines", {
      name: "Tenders",
      stages: [{ name: "Bid", probability: 30 }, { name: "Won", probability: 100, kind: "won" }, { name: "Lost", probability: 0, kind: "lost" }],
    });
    const foreignStage = other.body.stages[0]?.id;
    const wrong = await as.anna.post<Problem>(`/api/v1/deals/${deal.id}/move`, { stageId: foreignStage });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe("stage_not_in_pipeline");

    const lost = await as.anna.post<Deal>(`/api/v1/deals/${deal.id}/move`, { stageId: stage("Проиграна").id, lostReason: "Дорого" });
    expect(lost.body).toMatchObject({ status: "lost", lostReason: "Дорого" });
    expect(lost.body.closedAt).not.toBeNull();

    const detail = await as.anna.get<DealDetail>(`/api/v1/deals/${deal.id}`);
    expect(detail.body.stageHistory.map((v) => [v.stageName, v.seconds])).toEqual([
      ["Новая", 3 * 3600],
      ["КП отправлено", 2 * 24 * 3600],
      ["Проиграна", 0],
    ]);
    expect(detail.body.stageHistory[1]?.movedByName).toBe("Anna");

    const timeline = await as.anna.get<TimelinePage>(`/api/v1/companies/${client.id}/timeline`);
    expect(timeline.body.items.slice(0, 3).map((e) => [e.kind, e.change?.fromLabel ?? null, e.change?.toLabel ?? null, e.deal?.title])).toEqual([
      ["deal_stage_changed", "КП отправлено", "Проиграна", "Flow deal"],
      ["deal_stage_changed", "Новая", "КП отправлено", "Flow deal"],
      ["deal_created", null, null, "Flow deal"],
    ]);

    const reopened = await as.anna.post<Deal>(`/api/v1/deals/${deal.id}/move`, { stageId: stage("Переговоры").id });
    expect(reopened.body).toMatchObject({ status: "open", lostReason: null, closedAt: null });
  });

  it("records the acceptance act date (M1.4) and names invalid fields", async () => {
    const { as } = await setup();
    const client = await addClient(as.anna, "Act");
    const deal = await addDeal(as.anna, { companyId: client.id, title: "Act deal" });
    const signed = await as.anna.patch<Deal>(`/api/v1/deals/${deal.id}`, { acceptanceSignedOn: "2026-11-20" });
    expect(signed.body.acceptanceSignedOn).toBe("2026-11-20");
    const bad = await as.anna.post<Problem>("/api/v1/deals", { companyId: client.id, title: "", amountMinor: -5, currency: "rub", expectedCloseDate: "20.12.2026" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(["amountMinor", "currency", "expectedCloseDate", "title"]);
  });

  it("the board shows per stage the largest deals, count and sum, within the viewer's scope", async () => {
    const { as, users, pipeline, stage } = await setup();
    const annas = await addClient(as.anna, "Anna's");
    const boriss = await addClient(as.boris, "Boris's");
    for (const amount of [300, 100, 200]) await addDeal(as.anna, { companyId: annas.id, title: `A${amount}`, amountMinor: amount });
    await addDeal(as.boris, { companyId: boriss.id, title: "B999", amountMinor: 999, stageId: stage("Договор").id });

    const board = async (client: TestClient, query = "") => (await client.get<Board>(`/api/v1/pipelines/${pipeline.id}/board${query}`)).body;
    const first = (b: Board, name: string) => b.columns.find((c) => c.stage.name === name);
    const headView = await board(as.admin, "?perStage=2");
    expect(first(headView, "Новая")).toMatchObject({ count: 3, sumMinor: 600 });
    expect(first(headView, "Новая")?.deals.map((d) => d.title)).toEqual(["A300", "A200"]);
    expect(first(headView, "Договор")?.count).toBe(1);
    const rest = await as.admin.get<DealPage>(`/api/v1/deals?stageId=${stage("Новая").id}&limit=2&cursor=${first(headView, "Новая")?.nextCursor}`);
    expect(rest.body.items.map((d) => d.title)).toEqual(["A100"]);

    const annaView = await board(as.anna);
    expect(first(annaView, "Договор")?.count).toBe(0);
    const leadView = await board(as.lead);
    expect(first(leadView, "Новая")?.count).toBe(3);
    expect(first(leadView, "Договор")?.count).toBe(0);
    const mine = await board(as.admin, `?ownerId=${users.boris.id}`);
    expect(first(mine, "Новая")?.count).toBe(0);

    const bDeal = first(headView, "Договор")?.deals[0];
    expect((await as.anna.get(`/api/v1/deals/${bDeal?.id}`)).status).toBe(404);
    expect((await as.anna.post(`/api/v1/deals/${bDeal?.id}/move`, { stageId: stage("Выиграна").id })).status).toBe(404);
    expect((await as.anna.post("/api/v1/deals", { companyId: boriss.id, title: "Steal" })).status).toBe(404);
  });
});
