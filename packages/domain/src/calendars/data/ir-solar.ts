/*
 * Iran's solar (Jalali) public holidays: fixed days of the Iranian calendar set by law, so they hold in every
 * year and are applied even where a year's lunar list is missing. Nowruz runs from 29 Esfand to 4 Farvardin
 * under the 1359 act, so in a leap year 30 Esfand is a holiday too (it was in 1403: Thursday 20 March 2025).
 */
export const iranSolarHolidaysSource =
  "لایحه قانونی تعیین تعطیلات رسمی کشور (۱۳۵۹) و اصلاحات بعدی؛ قانون کار، ماده ۶۳";

export type SolarHoliday = { month: number; day: number; name: string };

export const iranSolarHolidays: readonly SolarHoliday[] = [
  { month: 1, day: 1, name: "Nowruz" },
  { month: 1, day: 2, name: "Nowruz" },
  { month: 1, day: 3, name: "Nowruz" },
  { month: 1, day: 4, name: "Nowruz" },
  { month: 1, day: 12, name: "Islamic Republic Day" },
  { month: 1, day: 13, name: "Nature Day (Sizdah Bedar)" },
  { month: 3, day: 14, name: "Demise of Imam Khomeini" },
  { month: 3, day: 15, name: "15 Khordad uprising" },
  { month: 11, day: 22, name: "Victory of the Islamic Revolution" },
  { month: 12, day: 29, name: "Oil Nationalization Day" },
  { month: 12, day: 30, name: "Last day of the year (leap years)" },
];
