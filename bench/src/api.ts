import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp, defaultSecurity, keysFromSecret, migrateDatabase, openDatabase, type Database } from "@conveyor/server";
import { buildOrganization, buildUser, factoryPassword } from "@conveyor/server/testing";
import { summarize, timeIt, type Summary } from "./stats";

const password = factoryPassword;

const seed = async (database: Database, sellers: number) => {
  const { organizationId, admin } = await buildOrganization(database, { name: "Bench department" });
  const roles = [
    "head_of_sales" as const,
    ...Array.from({ length: 10 }, () => "team_lead" as const),
    ...Array.from({ length: sellers }, () => "seller" as const),
  ];
  for (const [i, role] of roles.entries()) {
    await buildUser(database, organizationId, { role, name: `Seller ${String(i).padStart(3, "0")}` });
  }
  return { adminEmail: admin.email };
};

/** Latencies over real HTTP on loopback for the calls a person waits on in the foundation. */
export const benchApi = async (options: { databaseUrl?: string; iterations: number; sellers: number }) => {
  const dir = options.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), "cv-bench-api-"));
  const database = options.databaseUrl
    ? await openDatabase({ mode: "postgres", url: options.databaseUrl })
    : await openDatabase({ mode: "embedded", dataDir: dir ?? "" });
  try {
    await migrateDatabase(database.pool);
    const { adminEmail } = await seed(database, options.sellers);
    const app = await buildApp({ context: { database, now: () => new Date(), security: defaultSecurity, keys: keysFromSecret("conveyor-bench-secret-0123456789abcdef"), version: "bench" } });
    const address = await app.listen({ host: "127.0.0.1", port: 0 });

    const signIn = async () => {
      const response = await fetch(`${address}/api/v1/auth/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: adminEmail, password }),
      });
      if (response.status !== 200) throw new Error(`sign-in ${response.status}`);
      const cookie = response.headers.get("set-cookie")?.split(";")[0] ?? "";
      await response.json();
      return cookie;
    };
    const cookie = await signIn();
    const get = (path: string) => async () => {
      const response = await fetch(`${address}${path}`, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`${path} ${response.status}`);
      await response.arrayBuffer();
    };
    const measure = async (fn: () => Promise<unknown>, n: number): Promise<Summary> => {
      for (let i = 0; i < 5; i++) await fn();
      const samples: number[] = [];
      for (let i = 0; i < n; i++) samples.push(await timeIt(fn));
      return summarize(samples);
    };
    const results = {
      "POST /api/v1/auth/sign-in (argon2id)": await measure(signIn, Math.max(10, Math.floor(options.iterations / 10))),
      "GET /api/v1/auth/session": await measure(get("/api/v1/auth/session"), options.iterations),
      "GET /api/v1/users?limit=50": await measure(get("/api/v1/users?limit=50"), options.iterations),
      "GET /api/v1/users?q=seller 05": await measure(get("/api/v1/users?q=seller%2005"), options.iterations),
      "GET /api/v1/organization": await measure(get("/api/v1/organization"), options.iterations),
      "GET /api/health": await measure(get("/api/health"), options.iterations),
    };
    await app.close();
    return results;
  } finally {
    await database.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
};
