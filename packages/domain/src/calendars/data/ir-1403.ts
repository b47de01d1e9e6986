import type { IranianYearData } from "./types";

/*
 * Iran 1403 (20 March 2024 – 20 March 2025, a leap year). Lunar holidays as the official calendar lists
 * them (the Council of Public Culture's list of 1403); 15 Azar, 25 Dey, 9 and 26 Bahman also checked against
 * the press notices of those days. Where moon sighting moved a lunar month, the admin's override records it.
 */
export const ir1403: IranianYearData = {
  country: "IR",
  jalaliYear: 1403,
  version: "ir-1403.1",
  source: "تقویم رسمی کشور سال ۱۴۰۳ (مرکز تقویم مؤسسه ژئوفیزیک دانشگاه تهران، تعطیلات مصوب شورای فرهنگ عمومی)",
  covers: { from: "2024-03-20", to: "2025-03-20" },
  lunarHolidays: [
    { date: "2024-04-01", jalali: "1403-01-13", hijri: "1445-09-21", name: "Martyrdom of Imam Ali (21 Ramadan)" },
    { date: "2024-04-10", jalali: "1403-01-22", hijri: "1445-10-01", name: "Eid al-Fitr" },
    { date: "2024-04-11", jalali: "1403-01-23", hijri: "1445-10-02", name: "Eid al-Fitr holiday" },
    { date: "2024-05-04", jalali: "1403-02-15", hijri: "1445-10-25", name: "Martyrdom of Imam Sadiq" },
    { date: "2024-06-17", jalali: "1403-03-28", hijri: "1445-12-10", name: "Eid al-Adha" },
    { date: "2024-06-25", jalali: "1403-04-05", hijri: "1445-12-18", name: "Eid al-Ghadir" },
    { date: "2024-07-15", jalali: "1403-04-25", hijri: "1446-01-09", name: "Tasua" },
    { date: "2024-07-16", jalali: "1403-04-26", hijri: "1446-01-10", name: "Ashura" },
    { date: "2024-08-25", jalali: "1403-06-04", hijri: "1446-02-20", name: "Arbaeen" },
    { date: "2024-09-02", jalali: "1403-06-12", hijri: "1446-02-28", name: "Demise of the Prophet, martyrdom of Imam Hasan" },
    { date: "2024-09-04", jalali: "1403-06-14", hijri: "1446-02-30", name: "Martyrdom of Imam Reza" },
    { date: "2024-09-12", jalali: "1403-06-22", hijri: "1446-03-08", name: "Martyrdom of Imam Hasan al-Askari" },
    { date: "2024-09-21", jalali: "1403-06-31", hijri: "1446-03-17", name: "Birthday of the Prophet and Imam Sadiq" },
    { date: "2024-12-05", jalali: "1403-09-15", hijri: "1446-06-03", name: "Martyrdom of Fatimah" },
    { date: "2025-01-14", jalali: "1403-10-25", hijri: "1446-07-13", name: "Birthday of Imam Ali" },
    { date: "2025-01-28", jalali: "1403-11-09", hijri: "1446-07-27", name: "Mab'ath" },
    { date: "2025-02-14", jalali: "1403-11-26", hijri: "1446-08-15", name: "Birthday of the Mahdi (15 Sha'ban)" },
  ],
};
