import { execFileSync } from "node:child_process";
import { request as httpRequest } from "node:http";
import { resolve } from "node:path";

/*
 * What the large benchmarks (conveyor.ts, kpi.ts) share: the commit they measure, reading parsed JSON bodies
 * without trusting their shape, a signed-in session, and a POST that may run for many minutes.
 */

const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8", cwd: resolve(import.meta.dirname, "../..") }).trim();

/** The code measured is the code loaded now: its commit, and whether the server had local changes. */
export const measuredCommit = (): string =>
  `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--", "packages/server", "packages/domain", "packages/contracts") ? " with local changes" : ""}`;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
/** A value at a path of a parsed JSON body (undefined when absent). */
export const at = (value: unknown, ...path: (string | number)[]): unknown => {
  let current = value;
  for (const key of path) {
    if (typeof key === "number") current = Array.isArray(current) ? current[key] : undefined;
    else current = isRecord(current) ? current[key] : undefined;
  }
  return current;
};
export const text = (value: unknown): string => (typeof value === "string" ? value : "");
export const count = (value: unknown): number => (typeof value === "number" ? value : 0);

export type Session = { cookie: string; csrf: string; label: string };

/** A POST that may run for many minutes (a sweep, a rebuild): fetch gives up on headers after 300 s. */
export const longPost = (address: string, as: Session, path: string): Promise<unknown> =>
  new Promise((done, fail) => {
    const target = new URL(`${address}${path}`);
    const req = httpRequest(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: "POST", headers: { cookie: as.cookie, "x-csrf-token": as.csrf } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode !== 200) fail(new Error(`POST ${path}: ${res.statusCode} ${raw.slice(0, 300)}`));
          else done(JSON.parse(raw));
        });
      },
    );
    req.on("error", fail);
    req.end();
  });
