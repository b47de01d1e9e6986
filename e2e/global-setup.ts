import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";

export type E2eServer = { baseUrl: string; adminEmail: string; adminPassword: string };

declare module "vitest" {
  // Module augmentation can only merge into an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    server: E2eServer;
  }
}

const repoRoot = resolve(import.meta.dirname, "..");

const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });

/**
 * The journeys run against the real thing: `npm start`'s entry point on a fresh embedded
 * database, serving the built web app, exactly as a newcomer would start it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), "cv-e2e-"));
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(join(repoRoot, "node_modules/.bin/tsx"), [join(repoRoot, "packages/server/src/cli/start.ts")], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Conveyor exited during start:\n${output}`);
    if (Date.now() > deadline) throw new Error(`Conveyor did not start in time:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok && /Password:/.test(output)) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const adminEmail = /Email:\s+(\S+)/.exec(output)?.[1];
  const adminPassword = /Password:\s+(\S+)/.exec(output)?.[1];
  if (!adminEmail || !adminPassword) throw new Error(`No first-start credentials printed:\n${output}`);
  project.provide("server", { baseUrl, adminEmail, adminPassword });

  return async () => {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
}
