import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type WorkCalendar,
  addBusinessMinutes,
  businessMinutesBetween,
  countryWeekend,
  isWithinWorkingHours,
  weekendWorkingDay,
} from "./business-time";

const calendar = (timeZone: string, weekend: readonly number[], extra: Partial<WorkCalendar> = {}): WorkCalendar => ({
  timeZone,
  workStart: "09:00",
  workEnd: "18:00",
  isWorkingDay: weekendWorkingDay(weekend),
  ...extra,
});

const moscow = calendar("Europe/Moscow", countryWeekend("RU"));
const tehran = calendar("Asia/Tehran", countryWeekend("IR"));
const tehranThursdayOff = calendar("Asia/Tehran", countryWeekend("IR", true));
const berlin = calendar("Europe/Berlin", countryWeekend("OTHER"));

/** Russia, March 2024: Women's Day (Friday the 8th) off, the day before it an hour shorter. */
const moscowMarch = calendar("Europe/Moscow", countryWeekend("RU"), {
  isWorkingDay: (date) => weekendWorkingDay(countryWeekend("RU"))(date) && date !== "2024-03-08",
  shortenedEnd: (date) => (date === "2024-03-07" ? "17:00" : undefined),
});

const at = (iso: string) => new Date(iso);

describe("weekendWorkingDay and countryWeekend (M5.5)", () => {
  it.each<[string, "RU" | "IR" | "OTHER", boolean, number[]]>([
    ["Russia rests Saturday and Sunday", "RU", false, [6, 0]],
    ["elsewhere too", "OTHER", false, [6, 0]],
    ["Iran rests Friday", "IR", false, [5]],
    ["Iran with Thursday off", "IR", true, [4, 5]],
    ["the Thursday flag is for Iran only", "RU", true, [6, 0]],
  ])("%s", (_, country, thursdayOff, expected) => {
    expect(countryWeekend(country, thursdayOff)).toEqual(expected);
  });

  it.each<[string, number[], boolean]>([
    ["2024-03-15", [6, 0], true], // Friday
    ["2024-03-16", [6, 0], false], // Saturday
    ["2024-03-17", [6, 0], false], // Sunday
    ["2024-03-15", [5], false],
    ["2024-03-16", [5], true],
    ["2024-03-14", [4, 5], false], // Thursday
    ["2024-02-29", [], true],
  ])("%s with weekend %j is a working day: %s", (date, weekend, expected) => {
    expect(weekendWorkingDay(weekend)(date)).toBe(expected);
  });

  it.each(["2024-3-15", "2024-02-30", "15.03.2024", ""])("rejects the date %j", (date) => {
    expect(() => weekendWorkingDay([6, 0])(date)).toThrow(RangeError);
  });
});

describe("addBusinessMinutes (M5.5)", () => {
  it.each<[string, WorkCalendar, string, number, string]>([
    ["Moscow: a lead at 23:00 on Friday is due on Monday at 09:05", moscow, "2024-03-15T20:00:00Z", 5, "2024-03-18T06:05:00Z"],
    ["Moscow: inside hours the clock simply runs", moscow, "2024-03-18T07:00:00Z", 30, "2024-03-18T07:30:00Z"],
    ["Moscow: before the start it begins at 09:00", moscow, "2024-03-18T04:00:00Z", 5, "2024-03-18T06:05:00Z"],
    ["Moscow: across the evening into the next morning", moscow, "2024-03-18T14:50:00Z", 15, "2024-03-19T06:05:00Z"],
    ["Moscow: Friday 17:58 + 5 is Monday 09:03", moscow, "2024-03-15T14:58:00Z", 5, "2024-03-18T06:03:00Z"],
    ["Moscow: it may end exactly at 18:00", moscow, "2024-03-18T14:55:00Z", 5, "2024-03-18T15:00:00Z"],
    ["Moscow: zero minutes at 18:00 is the next working start", moscow, "2024-03-18T15:00:00Z", 0, "2024-03-19T06:00:00Z"],
    ["Moscow: zero minutes inside hours is now", moscow, "2024-03-18T10:00:30Z", 0, "2024-03-18T10:00:30Z"],
    ["Moscow: fractions of a minute", moscow, "2024-03-18T07:00:00Z", 1.5, "2024-03-18T07:01:30Z"],
    ["Moscow: a pre-holiday day ends at 17:00, the holiday and weekend are skipped", moscowMarch, "2024-03-07T13:58:00Z", 5, "2024-03-11T06:03:00Z"],
    ["Moscow: a whole working week is 5 × 540 minutes", moscow, "2024-03-18T06:00:00Z", 2700, "2024-03-22T15:00:00Z"],
    ["Tehran (+03:30): Wednesday evening goes to Thursday", tehran, "2024-03-13T14:28:00Z", 5, "2024-03-14T05:33:00Z"],
    ["Tehran with Thursday off: Wednesday evening goes to Saturday", tehranThursdayOff, "2024-03-13T14:28:00Z", 5, "2024-03-16T05:33:00Z"],
    ["Tehran: Friday is off, Saturday works", tehran, "2024-03-15T06:00:00Z", 5, "2024-03-16T05:35:00Z"],
    ["Tehran kept summer time (+04:30) until 2022", tehran, "2021-06-01T00:00:00Z", 5, "2021-06-01T04:35:00Z"],
    ["Berlin: Friday in winter time → Monday in summer time", berlin, "2025-03-28T16:58:00Z", 5, "2025-03-31T07:03:00Z"],
    ["Berlin: Friday in summer time → Monday in winter time", berlin, "2025-10-24T15:58:00Z", 5, "2025-10-27T08:03:00Z"],
  ])("%s", (_, cal, start, minutes, expected) => {
    expect(addBusinessMinutes(at(start), minutes, cal).toISOString()).toBe(new Date(expected).toISOString());
  });

  it.each<[string, WorkCalendar]>([
    ["no working day at all", { ...moscow, isWorkingDay: () => false }],
    ["the day ends before it starts", { ...moscow, workStart: "18:00", workEnd: "09:00" }],
    ["the day ends when it starts", { ...moscow, workStart: "09:00", workEnd: "09:00" }],
  ])("throws RangeError when there is no working time: %s", (_, cal) => {
    expect(() => addBusinessMinutes(at("2024-03-18T07:00:00Z"), 5, cal)).toThrow(RangeError);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("rejects %s minutes", (minutes) => {
    expect(() => addBusinessMinutes(at("2024-03-18T07:00:00Z"), minutes, moscow)).toThrow(RangeError);
  });
});

describe("businessMinutesBetween (M5.5)", () => {
  it.each<[string, WorkCalendar, string, string, number]>([
    ["inside one day", moscow, "2024-03-18T07:00:00Z", "2024-03-18T08:30:00Z", 90],
    ["seconds count", moscow, "2024-03-18T07:00:00Z", "2024-03-18T07:00:30Z", 0.5],
    ["nothing when to is before from", moscow, "2024-03-18T08:00:00Z", "2024-03-18T07:00:00Z", 0],
    ["nothing when they are equal", moscow, "2024-03-18T08:00:00Z", "2024-03-18T08:00:00Z", 0],
    ["a night counts nothing", moscow, "2024-03-18T15:00:00Z", "2024-03-19T06:00:00Z", 0],
    ["Friday 17:00 → Monday 10:00 is two hours", moscow, "2024-03-15T14:00:00Z", "2024-03-18T07:00:00Z", 120],
    ["the shortened day and the holiday", moscowMarch, "2024-03-07T06:00:00Z", "2024-03-11T15:00:00Z", 480 + 540],
    ["Tehran: Thursday works unless it is off", tehran, "2024-03-14T00:00:00Z", "2024-03-14T23:00:00Z", 540],
    ["Tehran with Thursday off", tehranThursdayOff, "2024-03-14T00:00:00Z", "2024-03-14T23:00:00Z", 0],
    ["Berlin: the week of the spring switch is 5 × 540", berlin, "2025-03-24T00:00:00Z", "2025-04-05T00:00:00Z", 10 * 540],
    ["Berlin: Friday 09:00 CET → Monday 18:00 CEST", berlin, "2025-03-28T08:00:00Z", "2025-03-31T16:00:00Z", 1080],
    ["Berlin: Friday 09:00 CEST → Monday 18:00 CET", berlin, "2025-10-24T07:00:00Z", "2025-10-27T17:00:00Z", 1080],
  ])("%s", (_, cal, from, to, expected) => {
    expect(businessMinutesBetween(at(from), at(to), cal)).toBe(expected);
  });

  it.each<[string, string, string, string, number]>([
    // Every day working, hours that straddle the 02:00 switch: the real elapsed time counts.
    ["spring: 01:00 CET → 05:00 CEST is three real hours", "2025-03-30", "01:00", "05:00", 180],
    ["spring: 02:30 does not exist, the day starts at 03:30 CEST", "2025-03-30", "02:30", "04:00", 30],
    ["autumn: 01:00 CEST → 05:00 CET is five real hours", "2025-10-26", "01:00", "05:00", 300],
    ["autumn: 02:30 happens twice, the day starts at the first", "2025-10-26", "02:30", "04:00", 150],
  ])("Berlin, hours across the switch — %s", (_, day, workStart, workEnd, expected) => {
    const cal: WorkCalendar = { timeZone: "Europe/Berlin", workStart, workEnd, isWorkingDay: (date) => date === day };
    const noon = Date.parse(`${day}T12:00:00Z`);
    expect(businessMinutesBetween(new Date(noon - 86_400_000), new Date(noon), cal)).toBe(expected);
  });

  it("no working time means zero", () => {
    expect(businessMinutesBetween(at("2024-03-18T00:00:00Z"), at("2024-03-25T00:00:00Z"), { ...moscow, workEnd: "08:00" })).toBe(0);
  });
});

describe("isWithinWorkingHours (M5.5)", () => {
  it.each<[string, string, boolean, WorkCalendar]>([
    ["Moscow Monday 08:59", "2024-03-18T05:59:00Z", false, moscow],
    ["Moscow Monday 09:00", "2024-03-18T06:00:00Z", true, moscow],
    ["Moscow Monday 17:59", "2024-03-18T14:59:00Z", true, moscow],
    ["Moscow Monday 18:00", "2024-03-18T15:00:00Z", false, moscow],
    ["Moscow Saturday noon", "2024-03-16T09:00:00Z", false, moscow],
    ["Moscow pre-holiday 17:30", "2024-03-07T14:30:00Z", false, moscowMarch],
    ["Moscow holiday noon", "2024-03-08T09:00:00Z", false, moscowMarch],
    ["Tehran Saturday 09:00", "2024-03-16T05:30:00Z", true, tehran],
    ["Tehran Saturday 08:59", "2024-03-16T05:29:00Z", false, tehran],
    ["Tehran Friday noon", "2024-03-15T08:30:00Z", false, tehran],
    ["Berlin winter 09:00", "2025-03-28T08:00:00Z", true, berlin],
    ["Berlin summer 09:00", "2025-03-31T07:00:00Z", true, berlin],
    ["Berlin summer 08:00 (09:00 in winter time)", "2025-03-31T06:00:00Z", false, berlin],
    ["an empty day", "2024-03-18T09:00:00Z", false, { ...moscow, workStart: "18:00", workEnd: "09:00" }],
  ])("%s (%s) → %s", (_, instant, expected, cal) => {
    expect(isWithinWorkingHours(at(instant), cal)).toBe(expected);
  });
});

describe("business time invariants (M5.5)", () => {
  const calendars = fc.constantFrom(moscow, tehran, tehranThursdayOff, berlin, moscowMarch, calendar("America/New_York", [6, 0]));
  const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms));
  /** Around both Berlin switches of 2025, a few weeks wide so that each case stays quick. */
  const nearInstant = fc
    .tuple(fc.constantFrom(Date.UTC(2025, 2, 10), Date.UTC(2025, 9, 6)), fc.nat(40 * 86_400_000))
    .map(([base, ms]) => new Date(base + ms));

  it("the minutes added are the business minutes between", () => {
    fc.assert(
      fc.property(calendars, instant, fc.nat(3000), (cal, start, minutes) => {
        expect(businessMinutesBetween(start, addBusinessMinutes(start, minutes, cal), cal)).toBe(minutes);
      }),
      { numRuns: 200 },
    );
  });

  it("a deadline of some minutes is reached while working, and more minutes never come sooner", () => {
    fc.assert(
      fc.property(calendars, instant, fc.integer({ min: 1, max: 3000 }), fc.nat(3000), (cal, start, minutes, more) => {
        const due = addBusinessMinutes(start, minutes, cal);
        expect(due.getTime()).toBeGreaterThan(start.getTime());
        expect(isWithinWorkingHours(new Date(due.getTime() - 1), cal)).toBe(true);
        expect(addBusinessMinutes(start, minutes + more, cal).getTime()).toBeGreaterThanOrEqual(due.getTime());
      }),
      { numRuns: 200 },
    );
  });

  it("business minutes add up over consecutive spans and never exceed the wall-clock minutes", () => {
    fc.assert(
      fc.property(calendars, fc.array(nearInstant, { minLength: 3, maxLength: 3 }), (cal, instants) => {
        const [a, b, c] = [...instants].sort((x, y) => x.getTime() - y.getTime());
        if (a === undefined || b === undefined || c === undefined) return;
        const whole = businessMinutesBetween(a, c, cal);
        expect(businessMinutesBetween(a, b, cal) + businessMinutesBetween(b, c, cal)).toBeCloseTo(whole, 6);
        expect(whole).toBeLessThanOrEqual((c.getTime() - a.getTime()) / 60_000);
      }),
      { numRuns: 50 },
    );
  });
});
