import { describe, expect, it } from "vitest";
import { locales, type Locale } from "@conveyor/contracts";
import { resources } from "./resources";

type Tree = { [key: string]: string | Tree };

const isTree = (value: unknown): value is Tree => typeof value === "object" && value !== null;

const flatten = (tree: Tree, prefix = ""): Map<string, string> => {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") result.set(path, value);
    else for (const [k, v] of flatten(value, path)) result.set(k, v);
  }
  return result;
};

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

const messagesOf = (locale: Locale): Map<string, string> => {
  const tree: unknown = resources[locale].translation;
  if (!isTree(tree)) throw new Error(`No messages for ${locale}`);
  return flatten(tree);
};

/** Keys with plural suffixes folded into their base, so languages with different plural rules compare equal. */
const baseKeys = (messages: Map<string, string>) => new Set([...messages.keys()].map((k) => k.replace(pluralSuffix, "")));

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe("locale resources", () => {
  const english = messagesOf("en");

  it.each(locales)("%s has exactly the keys English has", (locale) => {
    expect([...baseKeys(messagesOf(locale))].sort()).toEqual([...baseKeys(english)].sort());
  });

  it.each(locales)("%s has no empty strings", (locale) => {
    const empty = [...messagesOf(locale)].filter(([, text]) => text.trim() === "").map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it.each(locales)("%s has every plural form its language needs, and no others", (locale) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
    const forms = new Map<string, string[]>();
    for (const key of messagesOf(locale).keys()) {
      const match = pluralSuffix.exec(key);
      if (!match?.[1]) continue;
      const base = key.replace(pluralSuffix, "");
      forms.set(base, [...(forms.get(base) ?? []), match[1]]);
    }
    expect(forms.size).toBeGreaterThan(0);
    for (const [base, found] of forms) expect({ base, forms: found.sort() }).toEqual({ base, forms: categories });
  });

  it("Russian uses one, few, many and other", () => {
    const russian = messagesOf("ru");
    for (const form of ["one", "few", "many", "other"]) expect(russian.has(`users.total_${form}`)).toBe(true);
  });

  it.each(locales)("%s uses the same placeholders as English", (locale) => {
    const messages = messagesOf(locale);
    const englishByBase = new Map([...english].map(([k, v]) => [k.replace(pluralSuffix, ""), v]));
    for (const [key, text] of messages) {
      const source = englishByBase.get(key.replace(pluralSuffix, "")) ?? "";
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(source) });
    }
  });
});
