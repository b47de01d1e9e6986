import { ir1402 } from "./ir-1402";
import { ir1403 } from "./ir-1403";
import { ir1404 } from "./ir-1404";
import { ir1405 } from "./ir-1405";
import { ru2024 } from "./ru-2024";
import { ru2025 } from "./ru-2025";
import { ru2026 } from "./ru-2026";
import type { IranianYearData, RussianYearData } from "./types";

export type { CalendarEntry, IranianLunarHoliday, IranianYearData, RussianYearData } from "./types";
export { iranSolarHolidays, iranSolarHolidaysSource, type SolarHoliday } from "./ir-solar";

/*
 * Which official years the calendars hold. Russia 2027 is missing on purpose: no decree on moving the days
 * off in 2027 had been issued when this was written, and the January moves cannot be derived from the
 * Labour Code alone — so 2027 is reported as missing rather than guessed. Iran 1406 (from 21 March 2027)
 * had no published calendar yet either, so its lunar holidays are missing too.
 */
export const russianYears: readonly RussianYearData[] = [ru2024, ru2025, ru2026];

export const iranianYears: readonly IranianYearData[] = [ir1402, ir1403, ir1404, ir1405];
