import type { Company, Problem, ReminderList, Task } from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { buildTeam } from "../src/testing/factories";
import { buildOrganization, buildUser, signedIn, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

const minutes = (n: number) => n * 60_000;
const at = (offsetMinutes: number) => new Date(test.clock.now.getTime() + minutes(offsetMinutes)).toISOString();

const addTask = async (client: TestClient, body: Record<string, unknown>): Promise<Task> => {
  const reply = await client.post<Task>("/api/v1/tasks", { dueAt: at(60), ...body });
  if (reply.status !== 201) throw new Error(`task: ${reply.status} ${reply.raw}`);
  return reply.body;
};

const reminders = async (client: TestClient): Promise<string[]> => {
  const reply = await client.get<ReminderList>("/api/v1/me/reminders");
  if (reply.status !== 200) throw new Error(`reminders: ${reply.status} ${reply.raw}`);
  return reply.body.items.map((t) => t.title);
};

const setup = async () => {
  const org = await buildOrganization(test.database);
  const lead = await buildUser(test.database, org.organizationId, { role: "team_lead", name: "Lead" });
  const anna = await buildUser(test.database, org.organizationId, { name: "Anna" });
  const boris = await buildUser(test.database, org.organizationId, { name: "Boris" });
  await buildTeam(test.database, org.organizationId, { leadId: lead.id, memberIds: [anna.id] });
  return {
    users: { lead, anna, boris },
    as: { lead: await signedIn(test, lead), anna: await signedIn(test, anna), boris: await signedIn(test, boris) },
  };
};

describe("reminders", () => {
  it("lists my open tasks whose reminder is due, the latest first, with the client", async () => {
    const { as } = await setup();
    const client = (await as.anna.post<Company>("/api/v1/companies", { name: "Ромашка" })).body;
    const due = await addTask(as.anna, { title: "Call back", companyId: client.id, remindAt: at(-30) });
    expect(due.remindAt).toBe(at(-30));
    await addTask(as.anna, { title: "Just now", remindAt: at(0) });
    await addTask(as.anna, { title: "Later", remindAt: at(20) });
    await addTask(as.anna, { title: "No reminder" });

    const list = await as.anna.get<ReminderList>("/api/v1/me/reminders");
    expect(list.body.items.map((t) => t.title)).toEqual(["Just now", "Call back"]);
    expect(list.body.items[1]).toMatchObject({ companyId: client.id, companyName: "Ромашка", remindAt: at(-30) });

    test.clock.advance(minutes(21));
    expect(await reminders(as.anna)).toEqual(["Later", "Just now", "Call back"]);
  });

  it("dismissed reminders stay away until the due or reminder time changes", async () => {
    const { as } = await setup();
    const task = await addTask(as.anna, { title: "Dismiss me", remindAt: at(-5) });
    const dismissed = await as.anna.post<Task>(`/api/v1/tasks/${task.id}/reminder/dismiss`);
    expect(dismissed.status).toBe(200);
    expect(await reminders(as.anna)).toEqual([]);

    // Saving the same times changes nothing; a new due time brings the reminder back.
    await as.anna.patch(`/api/v1/tasks/${task.id}`, { dueAt: task.dueAt, remindAt: task.remindAt, title: "Dismiss me" });
    expect(await reminders(as.anna)).toEqual([]);
    await as.anna.patch(`/api/v1/tasks/${task.id}`, { dueAt: at(120) });
    expect(await reminders(as.anna)).toEqual(["Dismiss me"]);

    await as.anna.post(`/api/v1/tasks/${task.id}/reminder/dismiss`);
    await as.anna.patch(`/api/v1/tasks/${task.id}`, { remindAt: at(-1) });
    expect(await reminders(as.anna)).toEqual(["Dismiss me"]);

    const cleared = await as.anna.patch<Task>(`/api/v1/tasks/${task.id}`, { remindAt: null });
    expect(cleared.body.remindAt).toBeNull();
    expect(await reminders(as.anna)).toEqual([]);
  });

  it("snoozing moves the reminder from now and brings back a dismissed one; bounds name the field", async () => {
    const { as } = await setup();
    const task = await addTask(as.anna, { title: "Snooze me", remindAt: at(-5) });
    await as.anna.post(`/api/v1/tasks/${task.id}/reminder/dismiss`);
    const snoozed = await as.anna.post<Task>(`/api/v1/tasks/${task.id}/reminder/snooze`, { minutes: 15 });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body.remindAt).toBe(at(15));
    expect(await reminders(as.anna)).toEqual([]);
    test.clock.advance(minutes(14));
    expect(await reminders(as.anna)).toEqual([]);
    test.clock.advance(minutes(1));
    expect(await reminders(as.anna)).toEqual(["Snooze me"]);

    for (const body of [{ minutes: 4 }, { minutes: 1441 }, { minutes: 15.5 }, {}]) {
      const refused = await as.anna.post<Problem>(`/api/v1/tasks/${task.id}/reminder/snooze`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.map((e) => e.field)).toEqual(["minutes"]);
    }
    expect((await as.anna.post(`/api/v1/tasks/${task.id}/reminder/snooze`, { minutes: 1440 })).status).toBe(200);
  });

  it("completing a task ends its reminder", async () => {
    const { as } = await setup();
    const task = await addTask(as.anna, { title: "Finish me", remindAt: at(-5) });
    expect(await reminders(as.anna)).toEqual(["Finish me"]);
    await as.anna.patch(`/api/v1/tasks/${task.id}`, { done: true });
    expect(await reminders(as.anna)).toEqual([]);
  });

  it("a reminder is the assignee's alone: others who see the task neither get it nor silence it", async () => {
    const { users, as } = await setup();
    const forAnna = await addTask(as.lead, { title: "Set by the lead", assigneeId: users.anna.id, remindAt: at(-5) });
    expect(await reminders(as.anna)).toEqual(["Set by the lead"]);
    expect(await reminders(as.lead)).toEqual([]);
    expect(await reminders(as.boris)).toEqual([]);

    const byLead = await as.lead.post<Problem>(`/api/v1/tasks/${forAnna.id}/reminder/dismiss`);
    expect(byLead.status).toBe(403);
    expect(byLead.body.code).toBe("forbidden");
    expect((await as.lead.post(`/api/v1/tasks/${forAnna.id}/reminder/snooze`, { minutes: 5 })).status).toBe(403);
    for (const path of ["dismiss", "snooze"]) {
      const byBoris = await as.boris.post<Problem>(`/api/v1/tasks/${forAnna.id}/reminder/${path}`, path === "snooze" ? { minutes: 5 } : undefined);
      expect(byBoris.status).toBe(404);
      expect(byBoris.body.code).toBe("not_found");
    }
    const missing = await as.anna.post<Problem>("/api/v1/tasks/00000000-0000-4000-8000-000000000000/reminder/dismiss");
    expect(missing.status).toBe(404);
    expect(await reminders(as.anna)).toEqual(["Set by the lead"]);
  });

  it("another organization's reminders are never listed, dismissed or snoozed", async () => {
    const mine = await setup();
    const theirs = await setup();
    const foreign = await addTask(theirs.as.anna, { title: "Theirs", remindAt: at(-5) });
    expect(await reminders(mine.as.anna)).toEqual([]);
    expect((await mine.as.anna.post(`/api/v1/tasks/${foreign.id}/reminder/dismiss`)).status).toBe(404);
    expect((await mine.as.lead.post(`/api/v1/tasks/${foreign.id}/reminder/snooze`, { minutes: 5 })).status).toBe(404);
    expect(await reminders(theirs.as.anna)).toEqual(["Theirs"]);
  });

  it("rejects a reminder time that is not a date, naming the field; any date is accepted, even after the due time", async () => {
    const { as } = await setup();
    for (const remindAt of ["tomorrow", "2026-02-30T10:00:00Z", "2026-01-01T10:00:00", 12]) {
      const refused = await as.anna.post<Problem>("/api/v1/tasks", { title: "Bad", dueAt: at(60), remindAt });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.map((e) => e.field)).toEqual(["remindAt"]);
    }
    const task = await addTask(as.anna, { title: "Late reminder", remindAt: at(90) });
    const patched = await as.anna.patch<Problem>(`/api/v1/tasks/${task.id}`, { remindAt: "soon" });
    expect(patched.status).toBe(400);
    expect(patched.body.errors?.map((e) => e.field)).toEqual(["remindAt"]);
  });
});
