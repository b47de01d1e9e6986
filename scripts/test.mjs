// `npm test`: typecheck, lint, unit, integration (PGlite, or PostgreSQL when DATABASE_URL
// is set) and the browser journeys in a real Chromium. Ends with one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findChromium } from "../e2e/chromium.mjs";

const ci = process.env.CI === "true";
const only = process.argv.slice(2);
const reportDir = mkdtempSync(join(tmpdir(), "conveyor-test-"));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

const run = (label, command, args, env = {}) => {
  process.stdout.write(`\n── ${label} ──\n`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) failures.push(label);
  return result.status === 0;
};

const bin = (name) => join("node_modules", ".bin", name);

const vitest = (label, args, env = {}) => {
  const output = join(reportDir, `${label.replace(/\W+/g, "-")}.json`);
  const ok = run(label, bin("vitest"), ["run", ...args, "--reporter=default", "--reporter=json", `--outputFile=${output}`], env);
  if (existsSync(output)) {
    const report = JSON.parse(readFileSync(output, "utf8"));
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    if ((report.numTotalTests ?? 0) === 0) failures.push(`${label}: ran no test`);
  } else if (ok) {
    failures.push(`${label}: no report`);
  }
};

const want = (step) => only.length === 0 || only.includes(step);

if (want("typecheck")) {
  for (const project of ["packages/domain", "packages/contracts", "packages/server", "packages/web", "e2e", "bench"]) {
    run(`typecheck ${project}`, bin("tsc"), ["-p", project]);
  }
}
if (want("lint")) run("lint", bin("eslint"), ["--max-warnings", "0", "."]);
if (want("unit")) vitest("unit", ["--project", "domain", "--project", "contracts", "--project", "web"]);
if (want("integration")) {
  const where = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite";
  // The mailbox tests need Debian's dovecot-imapd: CI installs it; elsewhere they are skipped, loudly.
  const imap = {};
  if (!existsSync("/usr/sbin/dovecot") && !ci) {
    const message = "No Dovecot found (install Debian's `dovecot-imapd`): the mailbox tests DID NOT RUN.";
    process.stdout.write(`\n${"!".repeat(100)}\n!! ${message}\n${"!".repeat(100)}\n`);
    imap.CONVEYOR_SKIP_IMAP = "1";
  }
  vitest(`integration on ${where}`, ["--project", "server"], imap);
}
if (want("e2e")) {
  const chromium = findChromium();
  if (!chromium) {
    const message = "No Chromium found (install Debian's `chromium` or set CHROMIUM_PATH): the browser journeys DID NOT RUN.";
    if (ci) {
      process.stdout.write(`\n✗ ${message} CI=true makes them mandatory.\n`);
      failures.push("e2e: no Chromium");
    } else {
      process.stdout.write(`\n${"!".repeat(100)}\n!! ${message}\n${"!".repeat(100)}\n`);
    }
  } else if (run("build web app", bin("vite"), ["build", "--logLevel", "warn", "packages/web"])) {
    vitest("e2e in Chromium", ["--config", "e2e/vitest.config.ts"], { CHROMIUM_PATH: chromium });
  }
}

rmSync(reportDir, { recursive: true, force: true });
process.stdout.write(`\n${failures.length ? `Failed steps: ${failures.join(", ")}\n` : ""}`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(failures.length || totals.failed ? 1 : 0);
