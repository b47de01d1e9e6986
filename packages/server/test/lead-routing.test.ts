import type { Absence, LeadAvailabilityList, LeadReceipt, LeadSettings, LeadSource, Problem, RouteTrial, RoutingRule } from "@conveyor/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization, buildUser, signedIn, TestClient, type BuiltUser, useTestApp } from "./harness";

const test = useTestApp();

/** Tuesday 11:00 in Moscow: a working day, inside the organization's 09:00–18:00. */
const tuesdayMorning = new Date("2026-12-08T08:00:00Z");

type World = { organizationId: string; admin: TestClient; head: BuiltUser; headClient: TestClient; sellers: BuiltUser[]; sellerClients: TestClient[] };

const buildWorld = async (sellerCount = 3): Promise<World> => {
  test.clock.now = tuesdayMorning;
  const org = await buildOrganization(test.database);
  const head = await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Head Helen" });
  const sellers: BuiltUser[] = [];
  for (let i = 0; i < sellerCount; i += 1) sellers.push(await buildUser(test.database, org.organizationId, { name: `Seller ${i + 1}` }));
  return {
    organizationId: org.organizationId,
    admin: await signedIn(test, org.admin),
    head,
    headClient: await signedIn(test, head),
    sellers,
    sellerClients: await Promise.all(sellers.map((s) => signedIn(test, s))),
  };
};

const seller = (world: World, index: number): BuiltUser => {
  const found = world.sellers[index];
  if (!found) throw new Error(`no seller ${index}`);
  return found;
};
const sellerClient = (world: World, index: number): TestClient => {
  const found = world.sellerClients[index];
  if (!found) throw new Error(`no seller client ${index}`);
  return found;
};

describe("lead sources (M5.5)", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it("a head adds a form, a webhook (its secret once) and a mailbox (its password never shown); the system's own sources are listed", async () => {
    const form = await world.headClient.post<LeadSource>("/api/v1/lead-sources", {
      name: "Site form",
      kind: "form",
      channel: "website",
      form: {
        title: { ru: "Заявка", en: "Request", fa: "درخواست" },
        fields: [
          { key: "name", required: true },
          { key: "phone", required: true },
        ],
      },
    });
    expect(form.status, form.raw).toBe(201);
    expect(form.body.form?.fields.map((f) => f.key)).toEqual(["name", "phone"]);
    const hook = await world.headClient.post<LeadSource & { secret: string }>("/api/v1/lead-sources", { name: "Partner hook", kind: "webhook" });
    expect(hook.status).toBe(201);
    expect(hook.body.secret.length).toBeGreaterThan(20);
    const mailbox = await world.headClient.post<LeadSource>("/api/v1/lead-sources", {
      name: "Sales inbox",
      kind: "email",
      email: { host: "127.0.0.1", port: 1, secure: false, user: "sales", password: "hunter2" },
    });
    expect(mailbox.status, mailbox.raw).toBe(201);
    expect(mailbox.body.email).toMatchObject({ host: "127.0.0.1", hasPassword: true });
    expect(JSON.stringify(mailbox.body)).not.toContain("hunter2");

    const list = await sellerClient(world, 0).get<{ items: LeadSource[] }>("/api/v1/lead-sources");
    expect(list.status).toBe(200);
    expect(list.body.items.map((s) => s.kind).sort()).toEqual(["email", "form", "import", "manual", "webhook"]);
    expect(JSON.stringify(list.body)).not.toContain("hunter2");
    expect(JSON.stringify(list.body)).not.toContain(hook.body.secret);

    // The password is write-only: a change that leaves it out keeps it.
    const renamed = await world.headClient.patch<LeadSource>(`/api/v1/lead-sources/${mailbox.body.id}`, {
      email: { host: "127.0.0.1", port: 2, secure: false, user: "sales" },
    });
    expect(renamed.status, renamed.raw).toBe(200);
    expect(renamed.body.email).toMatchObject({ port: 2, hasPassword: true });

    // A mailbox nobody listens on is an answer, kept as the source's last error.
    const check = await world.headClient.post<{ ok: boolean; error: string | null }>(`/api/v1/lead-sources/${mailbox.body.id}/check`);
    expect(check.status).toBe(200);
    expect(check.body.ok).toBe(false);
    expect(check.body.error).toMatch(/127\.0\.0\.1:2/);
    const after = await world.headClient.get<{ items: LeadSource[] }>("/api/v1/lead-sources");
    expect(after.body.items.find((s) => s.id === mailbox.body.id)?.lastError).toBe(check.body.error);

    const rotated = await world.headClient.post<{ secret: string }>(`/api/v1/lead-sources/${hook.body.id}/secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(hook.body.secret);
    const notHook = await world.headClient.post<Problem>(`/api/v1/lead-sources/${form.body.id}/secret`);
    expect(notHook.status).toBe(400);
    expect(notHook.body.errors?.[0]?.field).toBe("kind");
  });

  it("bad input names the field; sellers cannot manage sources; a source with leads is switched off, not removed", async () => {
    const noForm = await world.headClient.post<Problem>("/api/v1/lead-sources", { name: "Empty", kind: "form" });
    expect(noForm.status).toBe(400);
    expect(noForm.body.errors?.[0]?.field).toBe("form");
    const noPassword = await world.headClient.post<Problem>("/api/v1/lead-sources", {
      name: "Inbox",
      kind: "email",
      email: { host: "127.0.0.1", port: 143, secure: false, user: "x" },
    });
    expect(noPassword.body.errors?.[0]?.field).toBe("email.password");
    const system = await world.headClient.post<Problem>("/api/v1/lead-sources", { name: "Mine", kind: "manual" });
    expect(system.body.errors?.[0]?.field).toBe("kind");
    const bySeller = await sellerClient(world, 0).post<Problem>("/api/v1/lead-sources", { name: "Mine", kind: "webhook" });
    expect(bySeller.status).toBe(403);

    const hook = await world.headClient.post<LeadSource>("/api/v1/lead-sources", { name: "Used hook", kind: "webhook" });
    const unused = await world.headClient.post<LeadSource>("/api/v1/lead-sources", { name: "Unused hook", kind: "webhook" });
    const token = await world.admin.post<{ token: string }>("/api/v1/api-tokens", { name: "Partner" });
    const partner = new TestClient(test);
    partner.bearer = token.body.token;
    expect((await partner.post<LeadReceipt>("/api/v1/leads", { name: "Hooked Co", sourceId: hook.body.id })).status).toBe(201);
    expect((await world.headClient.delete(`/api/v1/lead-sources/${unused.body.id}`)).status).toBe(204);
    expect((await world.headClient.delete(`/api/v1/lead-sources/${hook.body.id}`)).status).toBe(204);
    const list = await world.headClient.get<{ items: LeadSource[] }>("/api/v1/lead-sources");
    expect(list.body.items.find((s) => s.id === unused.body.id)).toBeUndefined();
    expect(list.body.items.find((s) => s.id === hook.body.id)).toMatchObject({ enabled: false, leadsTotal: 1 });
    // A switched-off source takes nothing more.
    const refused = await partner.post<Problem>("/api/v1/leads", { name: "Late Co", sourceId: hook.body.id });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("lead_source_disabled");
  });
});

describe("routing rules (M5.5)", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it("a head orders rules, tries a lead against them and sees why sellers are passed by", async () => {
    const [s1, s2, s3] = [seller(world, 0), seller(world, 1), seller(world, 2)];
    const kazan = await world.headClient.post<RoutingRule>("/api/v1/routing-rules", {
      name: "Kazan",
      conditions: { regions: ["Kazan"] },
      targetUserIds: [s1.id, s2.id],
    });
    expect(kazan.status, kazan.raw).toBe(201);
    const big = await world.headClient.post<RoutingRule>("/api/v1/routing-rules", {
      name: "Big deals",
      conditions: { minAmountMinor: 1_000_000 },
      targetUserIds: [s3.id],
    });
    expect(big.body.position).toBe(1);
    expect(big.body.targetUsers).toEqual([{ id: s3.id, name: "Seller 3" }]);

    // A big deal from Kazan meets both: the first rule wins until the order changes.
    const trial = { region: "Kazan", amountMinor: 2_000_000 };
    expect((await world.headClient.post<RouteTrial>("/api/v1/routing-rules/try", trial)).body).toMatchObject({ route: "rule", ruleName: "Kazan" });
    const reordered = await world.headClient.post<{ items: RoutingRule[] }>("/api/v1/routing-rules/reorder", { ids: [big.body.id, kazan.body.id] });
    expect(reordered.body.items.map((r) => r.name)).toEqual(["Big deals", "Kazan"]);
    expect((await world.headClient.post<RouteTrial>("/api/v1/routing-rules/try", trial)).body).toMatchObject({
      route: "rule",
      ruleName: "Big deals",
      assignee: { id: s3.id },
    });

    // Paused, the big-deal seller is passed by with the reason; the lead falls to the head (nobody on duty).
    await world.headClient.patch(`/api/v1/lead-availability/${s3.id}`, { paused: true });
    const paused = await world.headClient.post<RouteTrial>("/api/v1/routing-rules/try", trial);
    expect(paused.body.skipped).toEqual([{ user: { id: s3.id, name: "Seller 3" }, reason: "paused" }]);
    expect(paused.body).toMatchObject({ route: "head", assignee: { id: world.head.id } });
    await world.headClient.patch(`/api/v1/lead-availability/${s3.id}`, { paused: false });

    // The trial wrote nothing, and a real lead goes where the trial said.
    const lead = await world.headClient.post<LeadReceipt>("/api/v1/leads", { name: "Kazan big", region: "Kazan", amountMinor: 2_000_000 });
    expect(lead.body).toMatchObject({ route: "rule", assigneeId: s3.id });

    // Switched off, the rule is skipped; a rule that routed leads is switched off rather than deleted.
    await world.headClient.patch(`/api/v1/routing-rules/${big.body.id}`, { enabled: false });
    expect((await world.headClient.post<RouteTrial>("/api/v1/routing-rules/try", trial)).body.ruleName).toBe("Kazan");
    expect((await world.headClient.delete(`/api/v1/routing-rules/${big.body.id}`)).status).toBe(204);
    expect((await world.headClient.delete(`/api/v1/routing-rules/${kazan.body.id}`)).status).toBe(204);
    const left = await world.headClient.get<{ items: RoutingRule[] }>("/api/v1/routing-rules");
    expect(left.body.items.map((r) => [r.name, r.enabled, r.position])).toEqual([["Big deals", false, 0]]);
  });

  it("bad rules name the field; sellers cannot change rules", async () => {
    const nowhere = await world.headClient.post<Problem>("/api/v1/routing-rules", { name: "Nowhere", conditions: {} });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.errors?.[0]?.field).toBe("targetUserIds");
    const stranger = await world.headClient.post<Problem>("/api/v1/routing-rules", {
      name: "Stranger",
      conditions: {},
      targetUserIds: ["00000000-0000-4000-8000-000000000000"],
    });
    expect(stranger.body.errors?.[0]?.field).toBe("targetUserIds.0");
    const range = await world.headClient.post<Problem>("/api/v1/routing-rules", {
      name: "Range",
      conditions: { minAmountMinor: 10, maxAmountMinor: 5 },
      targetUserIds: [seller(world, 0).id],
    });
    expect(range.body.errors?.[0]?.field).toBe("conditions.maxAmountMinor");
    const rule = await world.headClient.post<RoutingRule>("/api/v1/routing-rules", { name: "One", conditions: {}, targetUserIds: [seller(world, 0).id] });
    const incomplete = await world.headClient.post<Problem>("/api/v1/routing-rules/reorder", { ids: ["00000000-0000-4000-8000-000000000000"] });
    expect(incomplete.body.errors?.[0]?.field).toBe("ids.0");
    const emptied = await world.headClient.patch<Problem>(`/api/v1/routing-rules/${rule.body.id}`, { targetUserIds: [] });
    expect(emptied.body.errors?.[0]?.field).toBe("targetUserIds");
    expect((await sellerClient(world, 0).post("/api/v1/routing-rules", { name: "Mine", conditions: {}, targetUserIds: [seller(world, 0).id] })).status).toBe(403);
    expect((await sellerClient(world, 0).get("/api/v1/routing-rules")).status).toBe(403);
  });
});

describe("availability, absences and settings (M5.5, M2.2)", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(2);
  });

  it("an absent seller is skipped, a capped one too; a seller may only pause themselves", async () => {
    const [s1, s2] = [seller(world, 0), seller(world, 1)];
    const absence = await world.headClient.post<Absence>("/api/v1/absences", { userId: s1.id, kind: "vacation", startsOn: "2026-12-07", endsOn: "2026-12-11" });
    expect(absence.status, absence.raw).toBe(201);
    const list = await world.headClient.get<LeadAvailabilityList>("/api/v1/lead-availability");
    expect(list.body.items.find((i) => i.user.id === s1.id)).toMatchObject({ absentToday: true, withinHours: true });
    for (let i = 0; i < 2; i += 1) {
      expect((await world.headClient.post<LeadReceipt>("/api/v1/leads", { name: `Absent ${i}` })).body.assigneeId).toBe(s2.id);
    }
    const backwards = await world.headClient.post<Problem>("/api/v1/absences", { userId: s1.id, kind: "vacation", startsOn: "2026-12-11", endsOn: "2026-12-07" });
    expect(backwards.body.errors?.[0]?.field).toBe("endsOn");
    expect((await world.headClient.delete(`/api/v1/absences/${absence.body.id}`)).status).toBe(204);

    const capped = await world.headClient.patch<{ leadCap: number; openLeads: number }>(`/api/v1/lead-availability/${s2.id}`, { leadCap: 2, skills: ["kazakh", "kazakh"] });
    expect(capped.body).toMatchObject({ leadCap: 2, openLeads: 2, skills: ["kazakh"] });
    expect((await world.headClient.post<LeadReceipt>("/api/v1/leads", { name: "Capped" })).body.assigneeId).toBe(s1.id);

    const own = await sellerClient(world, 0).patch(`/api/v1/lead-availability/${s1.id}`, { paused: true });
    expect(own.status).toBe(200);
    expect((await sellerClient(world, 0).patch(`/api/v1/lead-availability/${s1.id}`, { weight: 9 })).status).toBe(403);
    expect((await sellerClient(world, 0).patch(`/api/v1/lead-availability/${s2.id}`, { paused: true })).status).toBe(404);
    const mine = await sellerClient(world, 0).get<LeadAvailabilityList>("/api/v1/lead-availability");
    expect(mine.body.items.map((i) => i.user.id)).toEqual([s1.id]);
    expect(mine.body.proposals).toEqual([]);
    const hours = await world.headClient.patch<Problem>(`/api/v1/lead-availability/${s2.id}`, { workStart: "18:00", workEnd: "09:00" });
    expect(hours.body.errors?.[0]?.field).toBe("workEnd");
  });

  it("M2.2: sellers with no warm or hot open deal are proposed a heavier weight", async () => {
    const list = await world.headClient.get<LeadAvailabilityList>("/api/v1/lead-availability");
    // Each got leads, whose deals sit with warm clients by default: those with none are proposed.
    const withoutProspects = list.body.items.filter((i) => i.noProspects).map((i) => i.user.id);
    expect(list.body.proposals.map((p) => p.user.id).sort()).toEqual(
      list.body.items.filter((i) => i.noProspects && i.active && i.weight > 0).map((i) => i.user.id).sort(),
    );
    for (const proposal of list.body.proposals) expect(proposal.proposedWeight).toBeGreaterThan(proposal.currentWeight);
    expect(withoutProspects.every((id) => list.body.items.some((i) => i.user.id === id))).toBe(true);
  });

  it("settings: defaults, a head's change, and the reminder must come before the reassignment", async () => {
    expect((await sellerClient(world, 0).get<LeadSettings>("/api/v1/lead-settings")).body).toMatchObject({ remindAfterMinutes: 5, reassignAfterMinutes: 15, escalateAfterReassignments: 2 });
    const changed = await world.headClient.patch<LeadSettings>("/api/v1/lead-settings", { remindAfterMinutes: 10, reassignAfterMinutes: 30 });
    expect(changed.body).toMatchObject({ remindAfterMinutes: 10, reassignAfterMinutes: 30 });
    const wrong = await world.headClient.patch<Problem>("/api/v1/lead-settings", { reassignAfterMinutes: 5 });
    expect(wrong.body.errors?.[0]?.field).toBe("reassignAfterMinutes");
    expect((await sellerClient(world, 0).patch("/api/v1/lead-settings", { remindAfterMinutes: 1 })).status).toBe(403);
    const receipt = await world.headClient.post<LeadReceipt>("/api/v1/leads", { name: "Timed" });
    const lead = await world.headClient.get<{ remindAt: string | null }>(`/api/v1/leads/${receipt.body.id}`);
    expect(lead.body.remindAt).toBe(new Date(tuesdayMorning.getTime() + 10 * 60_000).toISOString());
  });
});
