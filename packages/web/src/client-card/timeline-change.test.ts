import { describe, expect, it } from "vitest";
import { i18next, initI18n } from "../i18n/i18n";
import { changeFieldLabel, changeValueLabel } from "./timeline-change";

describe("timeline changes", () => {
  it("names fields and values in the reader's language", async () => {
    await initI18n("ru");
    const t = i18next.t;
    expect(changeFieldLabel(t, "temperature")).toBe("Температура");
    expect(changeFieldLabel(t, "ownerId")).toBe("Менеджер");
    expect(changeFieldLabel(t, "somethingNew")).toBe("somethingNew");
    expect(changeFieldLabel(t, "custom.segment", new Map([["segment", "Сегмент"]]))).toBe("Сегмент");
    expect(changeFieldLabel(t, "custom.gone")).toBe("gone");
    expect(changeValueLabel(t, "temperature", "hot")).toBe("Горячий");
    expect(changeValueLabel(t, "status", "permanent")).toBe("Постоянный");
    expect(changeValueLabel(t, "region", null)).toBe("—");
    expect(changeValueLabel(t, "region", "Казань")).toBe("Казань");
    const anna = "00000000-0000-4000-8000-000000000002";
    const people = new Map([[anna, "Анна"]]);
    expect(changeValueLabel(t, "ownerId", anna, people)).toBe("Анна");
    expect(changeValueLabel(t, "ownerId", "00000000-0000-4000-8000-000000000009", people)).toBe("другой сотрудник");
  });
});
