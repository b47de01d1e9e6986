import { describe, expect, it } from "vitest";
import {
  currencyLabel,
  formatLongDate,
  formatTimeOfDay,
  intlLocale,
  languageName,
  timeOfDayOptions,
  timeZoneOptions,
} from "./intl";

const nowruz = new Date("2025-03-21T10:00:00Z");

describe("intl formatting", () => {
  it("uses the Persian calendar and Persian digits for fa", () => {
    const text = formatLongDate("fa", nowruz, "Asia/Tehran");
    expect(text).toContain("۱۴۰۴");
    expect(text).toContain("فروردین");
    expect(intlLocale("fa")).toBe("fa-IR-u-ca-persian");
  });

  it("writes the Persian date weekday first", () => {
    expect(formatLongDate("fa", nowruz, "Asia/Tehran")).toBe("جمعه ۱ فروردین ۱۴۰۴");
  });

  it("formats Russian dates the Russian way", () => {
    expect(formatLongDate("ru", nowruz, "Europe/Moscow")).toBe("пятница, 21 марта 2025 г.");
  });

  it("shows the date of the organization's time zone, not the browser's", () => {
    const lateEvening = new Date("2025-03-20T22:30:00Z");
    expect(formatLongDate("en", lateEvening, "Europe/Moscow")).toContain("21");
    expect(formatLongDate("en", lateEvening, "UTC")).toContain("20");
  });

  it("formats wall-clock times without shifting them", () => {
    expect(formatTimeOfDay("en", "09:00")).toBe("09:00");
    expect(formatTimeOfDay("fa", "18:30")).toBe("۱۸:۳۰");
    expect(formatTimeOfDay("ru", "bogus")).toBe("bogus");
  });

  it("offers quarter-hour slots and keeps an odd current value", () => {
    const options = timeOfDayOptions("09:10");
    expect(options).toHaveLength(97);
    expect(options.slice(0, 2)).toEqual(["00:00", "00:15"]);
    expect(options).toContain("09:10");
  });

  it("names currencies and keeps UTC among the zones", () => {
    expect(currencyLabel("ru", "RUB")).toBe("RUB — российский рубль");
    expect(timeZoneOptions("Asia/Tehran")).toContain("UTC");
    expect(languageName("ru", "fa")).toBe("персидский");
  });
});
