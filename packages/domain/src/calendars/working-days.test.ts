import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addBusinessMinutes } from "../leads/business-time";
import { addDays } from "./calendar-date";
import { productionCalendar } from "./production-calendar";
import { periodWorkingDays, workCalendarOf, workingDaysOfPerson } from "./working-days";

const russia = productionCalendar({ country: "RU" });

describe("working days of a period and of a person (M5.2)", () => {
  it("splits a month into elapsed and remaining working days", () => {
    // March 2024: 20 working days; by Friday the 15th ten of them are behind.
    expect(periodWorkingDays(russia, "2024-03-01", "2024-03-31", "2024-03-15")).toEqual({ total: 20, elapsed: 10, remaining: 10 });
    expect(periodWorkingDays(russia, "2024-03-01", "2024-03-31", "2024-02-01")).toEqual({ total: 20, elapsed: 0, remaining: 20 });
    expect(periodWorkingDays(russia, "2024-03-01", "2024-03-31", "2024-04-01")).toEqual({ total: 20, elapsed: 20, remaining: 0 });
  });

  it("the M5.2 denominator: a 220 000 plan expects 110 000 by 15 March 2024", () => {
    const { total, elapsed } = periodWorkingDays(russia, "2024-03-01", "2024-03-31", "2024-03-15");
    expect((220_000 / total) * elapsed).toBe(110_000);
  });

  it.each([
    ["no absence", [], 20],
    ["a week of leave", [{ startsOn: "2024-03-11", endsOn: "2024-03-15" }], 15],
    [
      "two leaves that overlap count once",
      [
        { startsOn: "2024-03-11", endsOn: "2024-03-15" },
        { startsOn: "2024-03-14", endsOn: "2024-03-20" },
      ],
      12,
    ],
    ["a leave from February into March counts its March part", [{ startsOn: "2024-02-26", endsOn: "2024-03-05" }], 17],
    ["a leave over the holiday weekend only", [{ startsOn: "2024-03-08", endsOn: "2024-03-10" }], 20],
  ])("March 2024 with %s: %i working days", (_, absences, days) => {
    expect(workingDaysOfPerson(russia, 2024, 3, absences)).toBe(days);
  });

  it("pro-rates elapsed days too", () => {
    const leave = [{ startsOn: "2024-03-11", endsOn: "2024-03-15" }];
    expect(periodWorkingDays(russia, "2024-03-01", "2024-03-31", "2024-03-15", leave)).toEqual({ total: 15, elapsed: 5, remaining: 10 });
  });

  it("rejects an absence that ends before it starts", () => {
    expect(() => workingDaysOfPerson(russia, 2024, 3, [{ startsOn: "2024-03-12", endsOn: "2024-03-11" }])).toThrow(RangeError);
  });

  it("a range split in two counts the same as the whole", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), (start, a, b) => {
        const from = addDays("2024-01-01", start);
        const middle = addDays(from, a);
        const to = addDays(middle, b);
        expect(russia.workingDaysBetween(from, to)).toBe(russia.workingDaysBetween(from, middle) + russia.workingDaysBetween(addDays(middle, 1), to));
      }),
      { numRuns: 50 },
    );
  });

  it("drives the M5.5 timers: a lead at 16:30 on the eve of 8 March is due on Monday", () => {
    const hours = workCalendarOf(russia, { timeZone: "Europe/Moscow", workStart: "09:00", workEnd: "18:00" });
    // Half an hour left of the shortened Thursday, then the holiday and the weekend, then 09:30 on Monday.
    expect(addBusinessMinutes(new Date("2024-03-07T13:30:00Z"), 60, hours).toISOString()).toBe("2024-03-11T06:30:00.000Z");
  });
});
