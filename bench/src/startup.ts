import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repoRoot = resolve(import.meta.dirname, "../..");

/** Spawns `npm start`'s entry point and returns ms until /api/health answers, and a stopper. */
const startOnce = async (dataDir: string, port: number): Promise<{ readyMs: number; stop: () => Promise<number> }> => {
  const t0 = performance.now();
  const child = spawn(join(repoRoot, "node_modules/.bin/tsx"), [join(repoRoot, "packages/server/src/cli/start.ts")], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", SERVE_WEB: "false", LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  const exited = new Promise<void>((r) => child.on("exit", () => r()));
  for (;;) {
    if (child.exitCode !== null) throw new Error("server exited during start");
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const readyMs = performance.now() - t0;
  return {
    readyMs,
    stop: async () => {
      const s0 = performance.now();
      child.kill("SIGTERM");
      await exited;
      return performance.now() - s0;
    },
  };
};

/** First start (creates the embedded database), then restarts on the same data directory. */
export const benchStartup = async (restarts = 3) => {
  const dataDir = mkdtempSync(join(tmpdir(), "cv-bench-start-"));
  const port = 3900 + Math.floor(Math.random() * 50);
  try {
    const first = await startOnce(dataDir, port);
    const firstStopMs = await first.stop();
    const restartMs: number[] = [];
    const stopMs: number[] = [firstStopMs];
    for (let i = 0; i < restarts; i++) {
      const again = await startOnce(dataDir, port);
      restartMs.push(again.readyMs);
      stopMs.push(await again.stop());
    }
    return { firstStartMs: first.readyMs, restartMs, stopMs };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};
