import { describe, expect, it } from "vitest";
import { newlyDue } from "./reminder-popups";

const task = (id: string, remindAt: string | null) => ({ id, remindAt });

describe("reminder pop-ups", () => {
  it("pops each due reminder up once, and again only when it is due at a new time", () => {
    const first = newlyDue([task("a", "2026-05-01T09:00:00Z"), task("b", "2026-05-01T09:05:00Z")], new Set());
    expect(first.fresh.map((t) => t.id)).toEqual(["a", "b"]);

    const again = newlyDue([task("a", "2026-05-01T09:00:00Z"), task("b", "2026-05-01T09:05:00Z")], first.shown);
    expect(again.fresh).toEqual([]);

    const snoozed = newlyDue([task("b", "2026-05-01T09:20:00Z"), task("c", "2026-05-01T09:10:00Z")], again.shown);
    expect(snoozed.fresh.map((t) => t.id)).toEqual(["b", "c"]);
    expect(newlyDue([], snoozed.shown).fresh).toEqual([]);
  });
});
