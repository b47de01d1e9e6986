import { seedDemoDepartment } from "@conveyor/bench/generator";
import type { LeadPage, LeadSource, UserPage } from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { seedDemoLeads } from "../src/commands/seed-demo-leads";
import { buildOrganization, signedIn, useTestApp } from "./harness";

const test = useTestApp();

describe("the demo department's lead intake", () => {
  it("has a form, a webhook, a Kazan rule and a morning's leads, each with a seller and a deal", async () => {
    test.clock.now = new Date("2026-12-08T08:00:00Z");
    const org = await buildOrganization(test.database);
    await seedDemoDepartment(test.database, { organizationId: org.organizationId, now: test.clock.now, companies: 20 });
    const seeded = await seedDemoLeads({ database: test.database, now: () => test.clock.now, security: test.context.security, keys: test.context.keys, version: "test" }, org.organizationId);
    expect(seeded).toEqual({ sources: 2, leads: 8 });
    const admin = await signedIn(test, org.admin);
    const sources = await admin.get<{ items: LeadSource[] }>("/api/v1/lead-sources");
    const form = sources.body.items.find((s) => s.kind === "form");
    expect(form?.form?.title.fa).toBeTruthy();
    expect(form?.leadsTotal).toBeGreaterThan(0);
    const leads = await admin.get<LeadPage>("/api/v1/leads?queue=all&limit=50");
    expect(leads.body.items).toHaveLength(8);
    for (const lead of leads.body.items) {
      expect(lead.assignee).not.toBeNull();
      expect(lead.dealId).not.toBeNull();
    }
    const kazan = leads.body.items.filter((l) => l.region === "Казань");
    expect(kazan.length).toBe(3);
    expect(new Set(kazan.map((l) => l.route))).toEqual(new Set(["rule"]));
  });

  it("names every colleague differently, so a head picking a seller by name gets the one they mean", async () => {
    const org = await buildOrganization(test.database);
    await seedDemoDepartment(test.database, { organizationId: org.organizationId, now: test.clock.now, companies: 5 });
    const admin = await signedIn(test, org.admin);
    const users = await admin.get<UserPage>("/api/v1/users?limit=100");
    const names = users.body.items.map((u) => u.name);
    expect(names.length).toBeGreaterThanOrEqual(12);
    expect(new Set(names).size).toBe(names.length);
  });
});
