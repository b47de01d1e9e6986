// The embedded PostgreSQL (PGlite) runs here, in a worker thread, so a slow query
// never stalls the HTTP event loop (DESIGN.md: 575 ms stall on the main thread, 8 ms here).
// Plain JavaScript on purpose: a worker starts without the TypeScript loader of its parent.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/** @type {{ pgdataDir: string, socketPath: string }} */
const { pgdataDir, socketPath } = workerData;

try {
  const db = await PGlite.create(pgdataDir, { extensions: { pg_trgm } });
  // One connection: the socket's multiplexer interleaves extended-protocol messages of
  // concurrent connections outside transactions, so the app keeps a pool of one (docs/decisions/0001).
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 });
  await server.start();
  parentPort?.postMessage({ type: "ready" });

  parentPort?.on("message", async (message) => {
    if (message !== "stop") return;
    try {
      await server.stop();
      await db.close();
      parentPort?.postMessage({ type: "stopped" });
    } catch (error) {
      parentPort?.postMessage({ type: "error", message: String(error) });
    }
  });
} catch (error) {
  parentPort?.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
}
