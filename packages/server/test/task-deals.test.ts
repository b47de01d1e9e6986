import type { Company, Deal, Problem, Task, TaskPage } from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { buildOrganization, buildUser, signedIn, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

const dueAt = () => new Date(test.clock.now.getTime() + 3600_000).toISOString();

const addClient = async (client: TestClient, name: string): Promise<Company> => (await client.post<Company>("/api/v1/companies", { name })).body;
const addDeal = async (client: TestClient, companyId: string, title: string): Promise<Deal> => {
  const reply = await client.post<Deal>("/api/v1/deals", { companyId, title });
  if (reply.status !== 201) throw new Error(`deal: ${reply.status} ${reply.raw}`);
  return reply.body;
};

const expectNotLinkable = (reply: { status: number; body: Problem }) => {
  expect(reply.status).toBe(422);
  expect(reply.body.code).toBe("deal_not_linkable");
  expect(reply.body.errors?.map((e) => e.field)).toEqual(["dealId"]);
};

const setup = async () => {
  const org = await buildOrganization(test.database);
  const anna = await buildUser(test.database, org.organizationId, { name: "Anna" });
  const boris = await buildUser(test.database, org.organizationId, { name: "Boris" });
  const as = { anna: await signedIn(test, anna), boris: await signedIn(test, boris) };
  const client = await addClient(as.anna, "Ромашка");
  const deal = await addDeal(as.anna, client.id, "Пилот");
  return { as, client, deal };
};

describe("tasks on deals", () => {
  it("a task on a deal carries the deal and its title, and lands on the deal's client when none is given", async () => {
    const { as, client, deal } = await setup();
    const onClient = await as.anna.post<Task>("/api/v1/tasks", { title: "Send the proposal", dueAt: dueAt(), companyId: client.id, dealId: deal.id });
    expect(onClient.status).toBe(201);
    expect(onClient.body).toMatchObject({ dealId: deal.id, dealTitle: "Пилот", companyId: client.id });

    const noClient = await as.anna.post<Task>("/api/v1/tasks", { title: "Call the buyer", dueAt: dueAt(), dealId: deal.id });
    expect(noClient.body).toMatchObject({ dealId: deal.id, companyId: client.id, companyName: "Ромашка" });

    const plain = await as.anna.post<Task>("/api/v1/tasks", { title: "Unrelated", dueAt: dueAt(), companyId: client.id });
    expect(plain.body).toMatchObject({ dealId: null, dealTitle: null });

    const ofDeal = await as.anna.get<TaskPage>(`/api/v1/tasks?dealId=${deal.id}`);
    expect(ofDeal.body.items.map((t) => t.title).sort()).toEqual(["Call the buyer", "Send the proposal"]);
    // The client's card shows them too.
    const card = await as.anna.get<{ openTasks: Task[] }>(`/api/v1/companies/${client.id}`);
    expect(card.body.openTasks.find((t) => t.title === "Call the buyer")?.dealTitle).toBe("Пилот");
  });

  it("links, relinks and unlinks a deal on update; a task without a client takes the deal's", async () => {
    const { as, client, deal } = await setup();
    const other = await addDeal(as.anna, client.id, "Второй этап");
    const task = (await as.anna.post<Task>("/api/v1/tasks", { title: "Follow up", dueAt: dueAt() })).body;
    expect(task.companyId).toBeNull();
    const linked = await as.anna.patch<Task>(`/api/v1/tasks/${task.id}`, { dealId: deal.id });
    expect(linked.body).toMatchObject({ dealId: deal.id, dealTitle: "Пилот", companyId: client.id });
    const relinked = await as.anna.patch<Task>(`/api/v1/tasks/${task.id}`, { dealId: other.id });
    expect(relinked.body).toMatchObject({ dealId: other.id, dealTitle: "Второй этап" });
    const unlinked = await as.anna.patch<Task>(`/api/v1/tasks/${task.id}`, { dealId: null });
    expect(unlinked.body).toMatchObject({ dealId: null, dealTitle: null, companyId: client.id });
  });

  it("refuses with 422 naming dealId a deal of another client, one the viewer cannot see, or a missing one", async () => {
    const { as, client, deal } = await setup();
    const elsewhere = await addClient(as.anna, "Василёк");
    expectNotLinkable(await as.anna.post<Problem>("/api/v1/tasks", { title: "X", dueAt: dueAt(), companyId: elsewhere.id, dealId: deal.id }));

    const borisClient = await addClient(as.boris, "Boris's");
    const borisDeal = await addDeal(as.boris, borisClient.id, "Boris's deal");
    expectNotLinkable(await as.anna.post<Problem>("/api/v1/tasks", { title: "X", dueAt: dueAt(), dealId: borisDeal.id }));
    expectNotLinkable(
      await as.anna.post<Problem>("/api/v1/tasks", { title: "X", dueAt: dueAt(), dealId: "00000000-0000-4000-8000-000000000000" }),
    );

    const task = (await as.anna.post<Task>("/api/v1/tasks", { title: "Mine", dueAt: dueAt(), companyId: client.id })).body;
    expectNotLinkable(await as.anna.patch<Problem>(`/api/v1/tasks/${task.id}`, { dealId: borisDeal.id }));
    const foreignOrg = await buildOrganization(test.database);
    const foreign = await signedIn(test, foreignOrg.admin);
    const foreignDeal = await addDeal(foreign, (await addClient(foreign, "Far away")).id, "Foreign");
    expectNotLinkable(await as.anna.patch<Problem>(`/api/v1/tasks/${task.id}`, { dealId: foreignDeal.id }));
    expect((await as.anna.get<TaskPage>(`/api/v1/tasks?dealId=${foreignDeal.id}`)).body.total).toBe(0);
  });
});
