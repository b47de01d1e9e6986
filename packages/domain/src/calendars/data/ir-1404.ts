import type { IranianYearData } from "./types";

/*
 * Iran 1404 (21 March 2025 – 20 March 2026): 26 official holidays, 4 of them on a Friday, as the published
 * list of the official calendar counts them, and so does this file with the solar ones. Checked day by day
 * against that list and the month notices: Farvardin to 2 Shahrivar, 13 and 27 Dey, 15 Bahman. The rest —
 * 10 and 19 Shahrivar, 3 Azar, 20 Esfand — follow from the Iranian Hijri month lengths (Rabi al-Awwal 1447
 * from 25 August 2025, Jumada al-Thani from 22 November, Ramadan from 19 February 2026) and were not seen
 * printed one by one.
 */
export const ir1404: IranianYearData = {
  country: "IR",
  jalaliYear: 1404,
  version: "ir-1404.1",
  source: "تقویم رسمی کشور سال ۱۴۰۴ (مرکز تقویم مؤسسه ژئوفیزیک دانشگاه تهران، تعطیلات مصوب شورای فرهنگ عمومی)",
  covers: { from: "2025-03-21", to: "2026-03-20" },
  lunarHolidays: [
    { date: "2025-03-22", jalali: "1404-01-02", hijri: "1446-09-21", name: "Martyrdom of Imam Ali (21 Ramadan)" },
    { date: "2025-03-31", jalali: "1404-01-11", hijri: "1446-10-01", name: "Eid al-Fitr" },
    { date: "2025-04-01", jalali: "1404-01-12", hijri: "1446-10-02", name: "Eid al-Fitr holiday" },
    { date: "2025-04-24", jalali: "1404-02-04", hijri: "1446-10-25", name: "Martyrdom of Imam Sadiq" },
    { date: "2025-06-06", jalali: "1404-03-16", hijri: "1446-12-10", name: "Eid al-Adha" },
    { date: "2025-06-14", jalali: "1404-03-24", hijri: "1446-12-18", name: "Eid al-Ghadir" },
    { date: "2025-07-05", jalali: "1404-04-14", hijri: "1447-01-09", name: "Tasua" },
    { date: "2025-07-06", jalali: "1404-04-15", hijri: "1447-01-10", name: "Ashura" },
    { date: "2025-08-14", jalali: "1404-05-23", hijri: "1447-02-20", name: "Arbaeen" },
    { date: "2025-08-22", jalali: "1404-05-31", hijri: "1447-02-28", name: "Demise of the Prophet, martyrdom of Imam Hasan" },
    { date: "2025-08-24", jalali: "1404-06-02", hijri: "1447-02-30", name: "Martyrdom of Imam Reza" },
    { date: "2025-09-01", jalali: "1404-06-10", hijri: "1447-03-08", name: "Martyrdom of Imam Hasan al-Askari" },
    { date: "2025-09-10", jalali: "1404-06-19", hijri: "1447-03-17", name: "Birthday of the Prophet and Imam Sadiq" },
    { date: "2025-11-24", jalali: "1404-09-03", hijri: "1447-06-03", name: "Martyrdom of Fatimah" },
    { date: "2026-01-03", jalali: "1404-10-13", hijri: "1447-07-13", name: "Birthday of Imam Ali" },
    { date: "2026-01-17", jalali: "1404-10-27", hijri: "1447-07-27", name: "Mab'ath" },
    { date: "2026-02-04", jalali: "1404-11-15", hijri: "1447-08-15", name: "Birthday of the Mahdi (15 Sha'ban)" },
    { date: "2026-03-11", jalali: "1404-12-20", hijri: "1447-09-21", name: "Martyrdom of Imam Ali (21 Ramadan)" },
  ],
};
