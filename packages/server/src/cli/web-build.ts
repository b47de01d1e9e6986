import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../config";

export const webDir = join(repoRoot, "packages", "web");
export const webDistDir = join(webDir, "dist");

const newestMtime = (path: string): number => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry === "dist") continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
};

/** True when there is no build, or a source of the web app changed after it. */
export const webBuildIsStale = (): boolean => {
  const built = join(webDistDir, "index.html");
  if (!existsSync(built)) return true;
  const sources = [
    join(webDir, "src"),
    join(webDir, "index.html"),
    join(webDir, "vite.config.ts"),
    join(webDir, "public"),
    join(repoRoot, "packages", "contracts", "src"),
  ];
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
};

/** `npm start` builds the web app first when needed, so a fresh clone just works. */
export const buildWebIfNeeded = (log: (line: string) => void): void => {
  if (!webBuildIsStale()) return;
  log("Building the web app (first start or sources changed)…");
  const vite = join(repoRoot, "node_modules", ".bin", "vite");
  const result = spawnSync(vite, ["build", "--logLevel", "warn"], { cwd: webDir, stdio: "inherit" });
  if (result.status !== 0) throw new Error("The web app failed to build; see the output above.");
};
