import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../src/config";
import { openDatabase, type Database } from "../src/db/database";
import { migrateDatabase } from "../src/db/migrate";
import { buildOrganization, buildUser, factoryPassword } from "../src/testing/factories";

/*
 * Issue #5, reliability: no acknowledged lead is ever lost or duplicated. The real server process takes signed
 * webhook deliveries over loopback while it is killed with SIGKILL again and again (and started again on the same
 * data); the sender retries every delivery that got no answer with the same Idempotency-Key, as a webhook sender
 * does. Afterwards the database is counted: every lead answered 2xx is there once, no key made two leads.
 * Embedded PGlite always; the machine's PostgreSQL too when DATABASE_URL is set (in a throwaway database).
 */

const leadCount = 300;
const kills = 3;
const senders = 4;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });

const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

type Running = { child: ChildProcess; exited: Promise<void>; output: () => string };

const startServer = (port: number, env: Record<string, string>): Running => {
  let output = "";
  // Node itself with tsx's loader, not the tsx command: that one runs the server in a child of its own, and a
  // SIGKILL to it would leave the server running.
  const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "packages/server/src/cli/start.ts")], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: "", SERVE_WEB: "false", LOG_LEVEL: "warn", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { child, exited, output: () => output };
};

const waitUntilReady = async (port: number, running: Running, timeoutMs = 60_000): Promise<void> => {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (running.child.exitCode !== null) throw new Error(`server exited: ${running.output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not ready after ${timeoutMs} ms: ${running.output()}`);
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** An admin's session on the running server, to make the webhook source as a person would. */
const createWebhookSource = async (base: string, email: string): Promise<{ publicKey: string; secret: string }> => {
  const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: factoryPassword }),
  });
  const session: unknown = await signIn.json();
  if (!isRecord(session)) throw new Error("no session");
  const created = await fetch(`${base}/api/v1/lead-sources`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      cookie: signIn.headers.get("set-cookie")?.split(";")[0] ?? "",
      "x-csrf-token": String(session["csrfToken"]),
    },
    body: JSON.stringify({ name: "Durability hook", kind: "webhook", channel: "website" }),
  });
  const body: unknown = await created.json();
  if (created.status !== 201 || !isRecord(body)) throw new Error(`source: ${created.status}`);
  return { publicKey: String(body["publicKey"]), secret: String(body["secret"]) };
};

type Target = { label: string; env: Record<string, string>; open: () => Promise<Database>; cleanup: () => Promise<void> };

const embeddedTarget = (): Target => {
  const dataDir = mkdtempSync(join(tmpdir(), "cv-durable-"));
  return {
    label: "embedded PGlite",
    env: { DATA_DIR: dataDir },
    // The data directory is the server's alone: opened here only while no server runs.
    open: () => openDatabase({ mode: "embedded", dataDir }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
};

const postgresTarget = (adminUrl: string): Target => {
  const name = `conveyor_durable_${Date.now().toString(36)}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let created = false;
  const admin = async <T>(fn: (database: Database) => Promise<T>): Promise<T> => {
    const database = await openDatabase({ mode: "postgres", url: adminUrl, maxConnections: 1 });
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  };
  return {
    label: "PostgreSQL",
    env: { DATABASE_URL: url.toString() },
    open: async () => {
      if (!created) {
        await admin((d) => d.pool.query(`create database ${name}`));
        created = true;
      }
      return openDatabase({ mode: "postgres", url: url.toString(), maxConnections: 2 });
    },
    cleanup: async () => {
      if (created) await admin((d) => d.pool.query(`drop database if exists ${name} with (force)`));
    },
  };
};

const targets = (): Target[] => {
  const url = process.env["DATABASE_URL"];
  return url ? [embeddedTarget(), postgresTarget(url)] : [embeddedTarget()];
};

type Delivery = { key: string; body: string; acknowledged: string | null; attempts: number };

describe("lead intake survives SIGKILL (issue #5: no acknowledged lead lost or duplicated)", () => {
  for (const target of targets()) {
    it(`on ${target.label}: ${leadCount} deliveries with retries through ${kills} kills — 0 lost, 0 duplicated`, async () => {
      try {
        // The department, written before the server owns the database: an admin, a head of sales, three sellers.
        const seeding = await target.open();
        let organizationId: string;
        let adminEmail: string;
        try {
          await migrateDatabase(seeding.pool);
          const org = await buildOrganization(seeding, { name: "Durability" });
          organizationId = org.organizationId;
          adminEmail = org.admin.email;
          await buildUser(seeding, organizationId, { role: "head_of_sales" });
          for (let i = 0; i < 3; i++) await buildUser(seeding, organizationId);
        } finally {
          await seeding.close();
        }

        let port = await freePort();
        let server = startServer(port, target.env);
        await waitUntilReady(port, server);
        const source = await createWebhookSource(`http://127.0.0.1:${port}`, adminEmail);

        const run = Date.now().toString(36);
        const deliveries: Delivery[] = Array.from({ length: leadCount }, (_, i) => ({
          key: `durable-${run}-${i}`,
          body: JSON.stringify({ name: `Durable ${i}`, phone: `+7917${String(i).padStart(7, "0")}`, email: `durable${i}.${run}@example.test` }),
          acknowledged: null,
          attempts: 0,
        }));
        const t0 = Date.now();
        const deadline = t0 + 45_000;
        let next = 0;
        const send = async (delivery: Delivery): Promise<void> => {
          // Until acknowledged: a refused connection, a reset or a 5xx is retried with the same key.
          while (Date.now() < deadline) {
            delivery.attempts += 1;
            const timestamp = String(Math.floor(Date.now() / 1000));
            const signature = `sha256=${createHmac("sha256", source.secret).update(`${timestamp}.${delivery.body}`).digest("hex")}`;
            try {
              const reply = await fetch(`http://127.0.0.1:${port}/api/v1/leads`, {
                method: "POST",
                headers: {
                  "content-type": "application/json",
                  "idempotency-key": delivery.key,
                  "x-conveyor-source": source.publicKey,
                  "x-conveyor-timestamp": timestamp,
                  "x-conveyor-signature": signature,
                },
                body: delivery.body,
                signal: AbortSignal.timeout(10_000),
              });
              const body: unknown = await reply.json();
              if ((reply.status === 200 || reply.status === 201) && isRecord(body)) {
                if (delivery.acknowledged !== null && delivery.acknowledged !== body["id"]) throw new Error(`${delivery.key} answered with two leads`);
                delivery.acknowledged = String(body["id"]);
                return;
              }
              if (reply.status < 500) throw new Error(`${delivery.key}: ${reply.status} ${JSON.stringify(body)}`);
            } catch (error) {
              if (error instanceof Error && error.message.startsWith(delivery.key)) throw error;
              // The server is down or was killed mid-request: try again shortly.
            }
            await new Promise((r) => setTimeout(r, 25));
          }
        };
        const sender = async () => {
          while (next < deliveries.length) {
            const delivery = deliveries[next++];
            if (delivery) await send(delivery);
          }
        };
        const sending = Promise.all(Array.from({ length: senders }, sender));

        // Kill at spread-out moments while the sender is busy: after every ~1/(kills+1) of the deliveries were taken.
        let killed = 0;
        const killedWithRequestsInFlight: number[] = [];
        for (let k = 1; k <= kills; k++) {
          const at = Math.floor((leadCount * k) / (kills + 1)) + Math.floor(Math.random() * 10);
          while (deliveries.filter((d) => d.acknowledged !== null).length < at && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
          killedWithRequestsInFlight.push(Math.min(next, leadCount) - deliveries.filter((d) => d.acknowledged !== null).length);
          server.child.kill("SIGKILL");
          await server.exited;
          killed += 1;
          // The sender keeps retrying against the same port while the server is down; a restart takes it again.
          server = startServer(port, target.env);
          try {
            await waitUntilReady(port, server);
          } catch {
            // The port may be taken by now: start on another one, and the sender follows.
            port = await freePort();
            server = startServer(port, target.env);
            await waitUntilReady(port, server);
          }
        }
        await sending;
        server.child.kill("SIGTERM");
        await server.exited;

        const retried = deliveries.filter((d) => d.attempts > 1).length;
        process.stdout.write(
          `${target.label}: ${leadCount} deliveries in ${((Date.now() - t0) / 1000).toFixed(1)} s through ${killed} SIGKILLs ` +
            `(requests in flight at each: ${killedWithRequestsInFlight.join(", ")}); ${retried} retried\n`,
        );
        expect(killed).toBe(kills);
        expect(killedWithRequestsInFlight.some((n) => n > 0)).toBe(true);
        const acknowledged = deliveries.filter((d) => d.acknowledged !== null);
        expect(acknowledged).toHaveLength(leadCount);
        expect(deliveries.some((d) => d.attempts > 1)).toBe(true);

        const database = await target.open();
        try {
          const leads = (
            await database.pool.query<{ id: string; external_key: string | null; company_id: string; deal_id: string | null }>(
              `select id, external_key, company_id, deal_id from leads where organization_id = $1`,
              [organizationId],
            )
          ).rows;
          const byId = new Map(leads.map((l) => [l.id, l]));
          const lost = acknowledged.filter((d) => !byId.has(d.acknowledged ?? ""));
          const wrongKey = acknowledged.filter((d) => byId.get(d.acknowledged ?? "")?.external_key !== d.key);
          const perKey = new Map<string, number>();
          for (const l of leads) perKey.set(l.external_key ?? "", (perKey.get(l.external_key ?? "") ?? 0) + 1);
          const duplicated = [...perKey.values()].filter((n) => n > 1);
          expect(lost).toEqual([]);
          expect(wrongKey).toEqual([]);
          expect(duplicated).toEqual([]);
          expect(leads).toHaveLength(leadCount);
          // Each lead's client and deal were committed with it, once.
          const counts = (
            await database.pool.query<{ companies: number; deals: number; assignments: number }>(
              `select (select count(*)::int from companies where organization_id = $1) as companies,
                      (select count(*)::int from deals where organization_id = $1) as deals,
                      (select count(*)::int from lead_assignments where organization_id = $1) as assignments`,
              [organizationId],
            )
          ).rows[0];
          expect(counts).toEqual({ companies: leadCount, deals: leadCount, assignments: leadCount });
        } finally {
          await database.close();
        }
      } finally {
        await target.cleanup();
      }
    }, 120_000);
  }
});
