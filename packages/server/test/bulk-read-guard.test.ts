import type { NotificationList } from "@conveyor/contracts";
import { bulkReadDelayMs, bulkReadReasons, hourOf, maxSlowdownMs } from "@conveyor/domain";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { cardOpens, companyShares, readCounters } from "../src/db/schema";
import { buildOrganization, buildUser, signedIn, type BuiltUser, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

type World = { organizationId: string; admin: TestClient; head: TestClient; seller: TestClient; sellerUser: BuiltUser; lister: TestClient; listerUser: BuiltUser; othersClients: string[] };
const w = {} as World;

const alertsOf = async (as: TestClient) => (await as.get<NotificationList>("/api/v1/me/notifications")).body.items.filter((n) => n.kind === "bulk_read_alert");

beforeAll(async () => {
  // 10:05 UTC: the hour's counter starts at 10:00.
  test.clock.now = new Date("2026-12-09T10:05:00Z");
  const org = await buildOrganization(test.database);
  w.organizationId = org.organizationId;
  const headUser = await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Head" });
  w.sellerUser = await buildUser(test.database, org.organizationId, { name: "Curious Seller" });
  w.listerUser = await buildUser(test.database, org.organizationId, { name: "Lister Seller" });
  const owner = await buildUser(test.database, org.organizationId, { name: "Owner Seller" });
  w.admin = await signedIn(test, org.admin);
  w.head = await signedIn(test, headUser);
  w.seller = await signedIn(test, w.sellerUser);
  w.lister = await signedIn(test, w.listerUser);
  w.othersClients = [];
  for (let i = 0; i < 4; i += 1) {
    const reply = await w.admin.post<{ id: string }>("/api/v1/companies", { name: `Owner client ${i}`, ownerId: owner.id });
    w.othersClients.push(reply.body.id);
    // Shared with the curious seller, so they may open it.
    await test.database.db.insert(companyShares).values({ organizationId: org.organizationId, companyId: reply.body.id, userId: w.sellerUser.id });
  }
  for (let i = 0; i < 6; i += 1) await w.admin.post("/api/v1/companies", { name: `Lister client ${i}`, ownerId: w.listerUser.id });
  const saved = await w.admin.put("/api/v1/exports/settings", { cardOpensPerHour: 2, listedRowsPerHour: 5, slowdownMs: 5 });
  expect(saved.status).toBe(200);
});

describe("the rules", () => {
  it("count per hour, name the threshold crossed and bound the delay", () => {
    const thresholds = { cardOpensPerHour: 30, listedRowsPerHour: 2000, slowdownMs: 1500 };
    expect(bulkReadReasons({ cardOpens: 30, listedRows: 2000 }, thresholds)).toEqual([]);
    expect(bulkReadReasons({ cardOpens: 31, listedRows: 2001 }, thresholds)).toEqual(["card_opens", "listed_rows"]);
    expect(bulkReadDelayMs(false, 1500)).toBe(0);
    expect(bulkReadDelayMs(true, 1500)).toBe(1500);
    expect(bulkReadDelayMs(true, 60_000)).toBe(maxSlowdownMs);
    expect(hourOf(new Date("2026-12-09T10:59:59.999Z")).toISOString()).toBe("2026-12-09T10:00:00.000Z");
  });
});

describe("the bulk-read guard", () => {
  it("a seller opening more other people's cards than the threshold is slowed and the heads are told at once, once an hour", async () => {
    const opened = [];
    for (const id of w.othersClients) opened.push(await w.seller.get(`/api/v1/companies/${id}`));
    expect(opened.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(opened.map((r) => r.headers["x-read-slowed-ms"])).toEqual([undefined, undefined, "5", "5"]);
    const alerts = await alertsOf(w.head);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.review).toEqual({ seller: { id: w.sellerUser.id, name: "Curious Seller" }, figures: { cardOpens: 3, listedRows: 0, cardOpensPerHour: 2, listedRowsPerHour: 5 } });
    expect(await alertsOf(w.admin)).toHaveLength(1);
    const [counter] = await test.database.db.select().from(readCounters).where(and(eq(readCounters.organizationId, w.organizationId), eq(readCounters.userId, w.sellerUser.id)));
    expect(counter).toMatchObject({ cardOpens: 4, slowed: 2, hour: new Date("2026-12-09T10:00:00Z") });
    const opens = await test.database.db.select().from(cardOpens).where(and(eq(cardOpens.organizationId, w.organizationId), eq(cardOpens.userId, w.sellerUser.id)));
    expect(opens.map((o) => o.own)).toEqual([false, false, false, false]);
  });

  it("listing more rows than the threshold in an hour crosses the line too; the next hour starts again", async () => {
    const first = await w.lister.get<{ items: unknown[] }>("/api/v1/companies?limit=4");
    expect(first.headers["x-read-slowed-ms"]).toBeUndefined();
    const second = await w.lister.get<{ items: unknown[] }>("/api/v1/companies?limit=4");
    expect(second.body.items).toHaveLength(4);
    expect(second.headers["x-read-slowed-ms"]).toBe("5");
    expect((await alertsOf(w.head)).find((n) => n.review?.seller.id === w.listerUser.id)?.review?.figures).toMatchObject({ listedRows: 8 });
    // Own cards count for the report, not against the seller.
    const list = await w.lister.get<{ items: Array<{ id: string }> }>("/api/v1/companies?limit=1");
    test.clock.advance(60 * 60_000);
    const own = await w.lister.get(`/api/v1/companies/${list.body.items[0]?.id}`);
    expect(own.headers["x-read-slowed-ms"]).toBeUndefined();
    const next = await w.lister.get("/api/v1/companies?limit=4");
    expect(next.headers["x-read-slowed-ms"]).toBeUndefined();
  });

  it("heads and admins are not counted", async () => {
    for (let i = 0; i < 4; i += 1) expect((await w.head.get("/api/v1/companies?limit=100")).headers["x-read-slowed-ms"]).toBeUndefined();
    const rows = await test.database.db.select().from(readCounters).where(eq(readCounters.organizationId, w.organizationId));
    expect(rows.map((r) => r.userId)).not.toContain(undefined);
    expect(rows.every((r) => r.userId === w.sellerUser.id || r.userId === w.listerUser.id)).toBe(true);
  });

  it("page sizes are capped on every list", async () => {
    for (const url of ["/api/v1/companies?limit=101", "/api/v1/deals?limit=101", "/api/v1/leads?limit=101", "/api/v1/tasks?limit=101", "/api/v1/search?q=Owner&limit=1000", "/api/v1/exports/log?limit=101"]) {
      const reply = await w.head.get<{ errors?: Array<{ field: string }> }>(url);
      expect({ url, status: reply.status, field: reply.body.errors?.[0]?.field }).toEqual({ url, status: 400, field: "query.limit" });
    }
  });
});
