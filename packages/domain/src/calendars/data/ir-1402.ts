import type { IranianYearData } from "./types";

/*
 * Iran 1402 (21 March 2023 – 19 March 2024), carried only from 1 January 2024: the calendars start with
 * Gregorian 2024. The three lunar holidays of Dey–Esfand 1402 agree with the Iranian Hijri month lengths
 * (Rajab 1445 from 13 January 2024) and with the published 2024 holiday lists; the printed 1402 calendar
 * itself was not seen page by page.
 */
export const ir1402: IranianYearData = {
  country: "IR",
  jalaliYear: 1402,
  version: "ir-1402.1",
  source: "تقویم رسمی کشور سال ۱۴۰۲ (مرکز تقویم مؤسسه ژئوفیزیک دانشگاه تهران، تعطیلات مصوب شورای فرهنگ عمومی)",
  covers: { from: "2024-01-01", to: "2024-03-19" },
  lunarHolidays: [
    { date: "2024-01-25", jalali: "1402-11-05", hijri: "1445-07-13", name: "Birthday of Imam Ali" },
    { date: "2024-02-08", jalali: "1402-11-19", hijri: "1445-07-27", name: "Mab'ath" },
    { date: "2024-02-25", jalali: "1402-12-06", hijri: "1445-08-15", name: "Birthday of the Mahdi (15 Sha'ban)" },
  ],
};
