import { describe, expect, it } from "vitest";
import { isSearchable, isSearchHotkey, searchTargets } from "./search-targets";

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

describe("header search", () => {
  it("asks the server from two characters on", () => {
    expect(isSearchable("")).toBe(false);
    expect(isSearchable(" г ")).toBe(false);
    expect(isSearchable("гa")).toBe(true);
    expect(isSearchable("کی")).toBe(true);
  });

  it("opens the client card for clients and contacts, the deal page for deals", () => {
    const targets = searchTargets({
      companies: [{ id: id(1), name: "Гамма", legalId: null, level: "L1", permanent: false }],
      contacts: [{ id: id(2), name: "Пётр", companyId: id(1), companyName: "Гамма", phones: [], emails: [] }],
      deals: [
        { id: id(3), title: "Пилот", companyId: id(1), companyName: "Гамма", stageName: "Новая", status: "open", amountMinor: 0, currency: "RUB" },
      ],
    });
    expect([...targets.entries()].map(([value, t]) => [value, t.path])).toEqual([
      [`company:${id(1)}`, `/clients/${id(1)}`],
      [`contact:${id(2)}`, `/clients/${id(1)}`],
      [`deal:${id(3)}`, `/deals/${id(3)}`],
    ]);
  });

  it.each([
    [{ key: "k", ctrlKey: true, metaKey: false, altKey: false, target: { tagName: "INPUT" } }, true],
    [{ key: "K", ctrlKey: false, metaKey: true, altKey: false, target: { tagName: "BODY" } }, true],
    [{ key: "л", code: "KeyK", ctrlKey: true, metaKey: false, altKey: false, target: { tagName: "BODY" } }, true],
    [{ key: "/", ctrlKey: false, metaKey: false, altKey: false, target: { tagName: "BODY" } }, true],
    [{ key: "/", ctrlKey: false, metaKey: false, altKey: false, target: { tagName: "INPUT" } }, false],
    [{ key: "/", ctrlKey: false, metaKey: false, altKey: false, target: { tagName: "DIV", isContentEditable: true } }, false],
    [{ key: "k", ctrlKey: false, metaKey: false, altKey: false, target: { tagName: "BODY" } }, false],
    [{ key: "k", ctrlKey: true, metaKey: false, altKey: true, target: null }, false],
  ])("hotkey %o → %s", (event, expected) => {
    expect(isSearchHotkey(event)).toBe(expected);
  });
});
