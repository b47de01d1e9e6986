import { describe, expect, it } from "vitest";
import { matchLocale, resolveLocale, type LocaleInputs } from "./resolve-locale";

describe("matchLocale", () => {
  it.each([
    ["fa-IR", "fa"],
    ["ru", "ru"],
    ["RU-ru", "ru"],
    ["en_GB", "en"],
    ["de-DE", null],
    ["", null],
    [null, null],
  ])("%s → %s", (tag, expected) => {
    expect(matchLocale(tag)).toBe(expected);
  });
});

describe("resolveLocale", () => {
  const signedOut: LocaleInputs = { session: null, storedLocale: null, browserLanguages: [] };

  it.each<[string, LocaleInputs, string]>([
    ["signed out, nothing known → English", signedOut, "en"],
    ["signed out, browser in Persian", { ...signedOut, browserLanguages: ["fa-IR", "en-US"] }, "fa"],
    ["signed out, skips languages we do not speak", { ...signedOut, browserLanguages: ["de", "ru-RU"] }, "ru"],
    ["signed out, stored choice beats the browser", { ...signedOut, storedLocale: "fa", browserLanguages: ["ru"] }, "fa"],
    ["signed out, a garbage stored value is ignored", { ...signedOut, storedLocale: "xx", browserLanguages: ["ru"] }, "ru"],
    [
      "signed in, the person's choice wins",
      { session: { userLocale: "fa", organizationLocale: "ru" }, storedLocale: "en", browserLanguages: ["en"] },
      "fa",
    ],
    [
      "signed in without a choice → organization default, not the stored one",
      { session: { userLocale: null, organizationLocale: "ru" }, storedLocale: "fa", browserLanguages: ["en"] },
      "ru",
    ],
    [
      "signed in, no organization default → browser",
      { session: { userLocale: null, organizationLocale: null }, storedLocale: null, browserLanguages: ["fa"] },
      "fa",
    ],
    [
      "signed in, a pick made on the sign-in page just now beats the saved one",
      { session: { userLocale: "ru", organizationLocale: "ru" }, pickedBeforeSignIn: "fa", storedLocale: "fa", browserLanguages: [] },
      "fa",
    ],
    [
      "signed out, a pick is also the stored choice",
      { session: null, pickedBeforeSignIn: "fa", storedLocale: "fa", browserLanguages: ["ru"] },
      "fa",
    ],
    [
      "signed in, nothing matches → English",
      { session: { userLocale: null, organizationLocale: null }, storedLocale: null, browserLanguages: ["de"] },
      "en",
    ],
  ])("%s", (_name, inputs, expected) => {
    expect(resolveLocale(inputs)).toBe(expected);
  });
});
