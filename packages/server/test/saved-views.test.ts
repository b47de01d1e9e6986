import type { Problem, SavedView } from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { buildOrganization, buildUser, signedIn, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

const organization = async () => {
  const org = await buildOrganization(test.database);
  const head = await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Head" });
  const lead = await buildUser(test.database, org.organizationId, { role: "team_lead", name: "Lead" });
  const anna = await buildUser(test.database, org.organizationId, { name: "Anna" });
  const boris = await buildUser(test.database, org.organizationId, { name: "Boris" });
  return {
    users: { head, lead, anna, boris },
    as: {
      admin: await signedIn(test, org.admin),
      head: await signedIn(test, head),
      lead: await signedIn(test, lead),
      anna: await signedIn(test, anna),
      boris: await signedIn(test, boris),
    },
  };
};

const save = async (client: TestClient, body: Record<string, unknown>): Promise<SavedView> => {
  const reply = await client.post<SavedView>("/api/v1/saved-views", body);
  if (reply.status !== 201) throw new Error(`save failed: ${reply.status} ${reply.raw}`);
  return reply.body;
};

const names = async (client: TestClient, entity: "companies" | "deals") =>
  (await client.get<{ items: SavedView[] }>(`/api/v1/saved-views?entity=${entity}`)).body.items.map((v) => v.name);

describe("saved views", () => {
  it("a seller saves, renames and deletes their own views; nobody else sees a personal view", async () => {
    const o = await organization();
    const hot = await save(o.as.anna, { entity: "companies", name: "Hot in Kazan", query: { temperature: "hot", region: "Казань", "cf.segment": "SMB" } });
    expect(hot).toMatchObject({ entity: "companies", shared: false, mine: true, ownerName: "Anna", query: { temperature: "hot", region: "Казань", "cf.segment": "SMB" } });
    await save(o.as.anna, { entity: "deals", name: "My board", query: { owner: "mine", view: "list" } });

    expect(await names(o.as.anna, "companies")).toEqual(["Hot in Kazan"]);
    expect(await names(o.as.anna, "deals")).toEqual(["My board"]);
    for (const other of [o.as.boris, o.as.lead, o.as.head, o.as.admin]) expect(await names(other, "companies")).toEqual([]);

    const renamed = await o.as.anna.patch<SavedView>(`/api/v1/saved-views/${hot.id}`, { name: "Горячие Казань", query: { temperature: "hot" } });
    expect(renamed.body).toMatchObject({ name: "Горячие Казань", query: { temperature: "hot" } });

    // Someone else's view answers as missing, whoever asks.
    for (const other of [o.as.boris, o.as.head, o.as.admin]) {
      const edit = await other.patch<Problem>(`/api/v1/saved-views/${hot.id}`, { name: "Mine now" });
      expect(edit.status).toBe(404);
      expect(edit.body.code).toBe("not_found");
      expect((await other.delete<Problem>(`/api/v1/saved-views/${hot.id}`)).status).toBe(404);
    }
    expect((await o.as.anna.delete(`/api/v1/saved-views/${hot.id}`)).status).toBe(204);
    expect(await names(o.as.anna, "companies")).toEqual([]);
    expect((await o.as.anna.delete(`/api/v1/saved-views/${hot.id}`)).status).toBe(404);
  });

  it("only admins and heads of sales share; a shared view is read by everyone, changed only by its owner", async () => {
    const o = await organization();
    for (const client of [o.as.anna, o.as.lead]) {
      const refused = await client.post<Problem>("/api/v1/saved-views", { entity: "companies", name: "For all", query: {}, shared: true });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe("forbidden");
    }
    const own = await save(o.as.anna, { entity: "companies", name: "Anna's", query: { status: "new" } });
    const share = await o.as.anna.patch<Problem>(`/api/v1/saved-views/${own.id}`, { shared: true });
    expect(share.status).toBe(403);

    const shared = await save(o.as.head, { entity: "companies", name: "Current, by region", query: { status: "current", view: "by-region" }, shared: true });
    const adminShared = await save(o.as.admin, { entity: "companies", name: "All permanent", query: { status: "permanent" } });
    await o.as.admin.patch(`/api/v1/saved-views/${adminShared.id}`, { shared: true });

    // Mine first, then the shared ones, each by name.
    expect(await names(o.as.anna, "companies")).toEqual(["Anna's", "All permanent", "Current, by region"]);
    expect(await names(o.as.boris, "companies")).toEqual(["All permanent", "Current, by region"]);
    expect(await names(o.as.head, "companies")).toEqual(["Current, by region", "All permanent"]);
    const seen = (await o.as.boris.get<{ items: SavedView[] }>("/api/v1/saved-views?entity=companies")).body.items;
    expect(seen.find((v) => v.id === shared.id)).toMatchObject({ mine: false, shared: true, ownerName: "Head" });
    expect(await names(o.as.boris, "deals")).toEqual([]);

    expect((await o.as.boris.patch(`/api/v1/saved-views/${shared.id}`, { name: "Taken" })).status).toBe(404);
    expect((await o.as.admin.delete(`/api/v1/saved-views/${shared.id}`)).status).toBe(404);
    const unshared = await o.as.head.patch<SavedView>(`/api/v1/saved-views/${shared.id}`, { shared: false });
    expect(unshared.body.shared).toBe(false);
    expect(await names(o.as.boris, "companies")).toEqual(["All permanent"]);
  });

  it("checks the query: strings only, at most 50 params, only the list's params and cf.*", async () => {
    const o = await organization();
    const notStrings = await o.as.anna.post<Problem>("/api/v1/saved-views", { entity: "companies", name: "X", query: { status: 1 } });
    expect(notStrings.status).toBe(400);
    expect(notStrings.body.errors?.[0]?.field).toBe("query.status");

    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`cf.f${i}`, "x"]));
    const tooMany = await o.as.anna.post<Problem>("/api/v1/saved-views", { entity: "companies", name: "X", query: many });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors?.[0]?.field).toBe("query");

    const unknown = await o.as.anna.post<Problem>("/api/v1/saved-views", {
      entity: "companies",
      name: "X",
      query: { status: "new", cursor: "abc", pipeline: "p", "cf.ok_key": "1", "cf.Bad": "2" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.map((e) => e.field).sort()).toEqual(["query.cf.Bad", "query.cursor", "query.pipeline"]);

    const deals = await save(o.as.anna, { entity: "deals", name: "Won deals", query: { pipeline: "p", view: "list", status: "won" } });
    const badPatch = await o.as.anna.patch<Problem>(`/api/v1/saved-views/${deals.id}`, { query: { region: "Tehran" } });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.errors?.[0]?.field).toBe("query.region");

    const blank = await o.as.anna.post<Problem>("/api/v1/saved-views", { entity: "people", name: " ", query: {} });
    expect(blank.status).toBe(400);
    expect(blank.body.errors?.map((e) => e.field).sort()).toEqual(["entity", "name"]);
  });
});
