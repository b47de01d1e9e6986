import { describe, expect, it } from "vitest";
import { en } from "../i18n/locales/en";
import { fa } from "../i18n/locales/fa";
import { ru } from "../i18n/locales/ru";
import { legalIdLabelKey } from "./legal-id-label";

const label = (messages: { clientForm: Record<string, string> }, key: string) =>
  messages.clientForm[key.replace("clientForm.", "")];

describe("legal ID label by the organization's country", () => {
  it.each([
    ["RU", "INN", "ИНН", "شناسه مالیاتی (INN)"],
    ["IR", "National ID", "Национальный идентификатор", "شناسه ملی"],
    ["OTHER", "Legal ID", "Регистрационный номер", "شناسه حقوقی"],
  ] as const)("%s", (country, english, russian, persian) => {
    const key = legalIdLabelKey(country);
    expect(label(en, key)).toBe(english);
    expect(label(ru, key)).toBe(russian);
    expect(label(fa, key)).toBe(persian);
  });
});
