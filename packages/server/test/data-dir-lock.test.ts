import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "../src/db/data-dir-lock";

describe("the data directory lock", () => {
  it("refuses a second holder while the first holds it, and frees on release", () => {
    const dir = mkdtempSync(join(tmpdir(), "cv-lock-"));
    const first = lockDataDir(dir);
    // Same process, so fake another live holder: pid 1 always exists.
    writeFileSync(join(dir, "conveyor.lock"), "1");
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    first.release();
    const again = lockDataDir(dir);
    again.release();
  });

  it("takes over a lock left by a process that is gone", () => {
    const dir = mkdtempSync(join(tmpdir(), "cv-lock-"));
    // No process has this pid (above the kernel's pid_max).
    writeFileSync(join(dir, "conveyor.lock"), "99999999");
    const lock = lockDataDir(dir);
    lock.release();
  });

  it("explains what to do", () => {
    const error = new DataDirLockedError("/srv/conveyor/data", 4242);
    expect(error.message).toMatch(/in use by another Conveyor process \(pid 4242\)/);
    expect(error.message).toMatch(/DATA_DIR/);
  });
});
