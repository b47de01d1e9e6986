import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { lockDataDir, type DataDirLock } from "./data-dir-lock";

export type EmbeddedDatabase = {
  /** Directory of the Unix socket; `pg` treats a host that starts with "/" as one. */
  socketDir: string;
  port: number;
  stop: () => Promise<void>;
};

const socketPort = 5432;
// Linux limits a Unix socket path to 107 bytes.
const maxSocketPath = 107;

type WorkerMessage = { type: "ready" } | { type: "stopped" } | { type: "error"; message: string };

const isWorkerMessage = (value: unknown): value is WorkerMessage =>
  typeof value === "object" && value !== null && "type" in value;

/**
 * Starts PGlite in a worker thread behind a Unix socket inside the data directory,
 * after taking the directory's lock. The app then speaks the Postgres wire protocol
 * through `pg`, exactly as it does with a real server.
 */
export const startEmbeddedDatabase = async (dataDirInput: string): Promise<EmbeddedDatabase> => {
  const dataDir = resolve(dataDirInput);
  const socketPath = join(dataDir, `.s.PGSQL.${socketPort}`);
  if (Buffer.byteLength(socketPath) > maxSocketPath) {
    throw new Error(
      `DATA_DIR is too long for the embedded database's socket (${socketPath}); choose a shorter path.`,
    );
  }
  const lock: DataDirLock = lockDataDir(dataDir);
  try {
    const pgdataDir = join(dataDir, "pgdata");
    mkdirSync(pgdataDir, { recursive: true });
    // A socket left by a crash would make listen() fail; the lock proves nobody uses it.
    if (existsSync(socketPath)) rmSync(socketPath, { force: true });

    const worker = new Worker(new URL("./embedded-worker.mjs", import.meta.url), {
      workerData: { pgdataDir, socketPath },
    });
    await waitFor(worker, "ready");

    let stopped = false;
    return {
      socketDir: dataDir,
      port: socketPort,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        try {
          const done = waitFor(worker, "stopped");
          worker.postMessage("stop");
          await done;
        } finally {
          await worker.terminate();
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
};

const waitFor = (worker: Worker, expected: "ready" | "stopped"): Promise<void> =>
  new Promise((resolvePromise, reject) => {
    const onMessage = (message: unknown) => {
      if (!isWorkerMessage(message)) return;
      if (message.type === expected) {
        cleanup();
        resolvePromise();
      } else if (message.type === "error") {
        cleanup();
        reject(new Error(`Embedded database: ${message.message}`));
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`Embedded database worker exited with code ${code}`));
    };
    const cleanup = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
