import type { IranianYearData } from "./types";

/*
 * Iran 1405 (21 March 2026 – 20 March 2027), from the official calendar announced in October 2025. It has two
 * Eids al-Fitr (1 Farvardin and 19 Esfand). Farvardin–Tir were checked day by day against the announcement;
 * Mordad–Esfand follow from the Iranian Hijri month lengths and agree with its month totals (Mordad 4,
 * Esfand 4, none in Ordibehesht, Mehr or Azar) and weekday totals (6 on a Thursday, 3 on a Friday).
 *
 * Unverified: 25 Farvardin (25 Shawwal 1447, martyrdom of Imam Sadiq) is a statutory holiday, but the
 * announcement counts 25 holidays and 6 in Farvardin, which leaves it out. It is kept, as the law has it,
 * until the printed calendar says otherwise; an admin can override it.
 */
export const ir1405: IranianYearData = {
  country: "IR",
  jalaliYear: 1405,
  version: "ir-1405.1",
  source: "تقویم رسمی کشور سال ۱۴۰۵ (مرکز تقویم مؤسسه ژئوفیزیک دانشگاه تهران، تعطیلات مصوب شورای فرهنگ عمومی)",
  covers: { from: "2026-03-21", to: "2027-03-20" },
  lunarHolidays: [
    { date: "2026-03-21", jalali: "1405-01-01", hijri: "1447-10-01", name: "Eid al-Fitr" },
    { date: "2026-03-22", jalali: "1405-01-02", hijri: "1447-10-02", name: "Eid al-Fitr holiday" },
    { date: "2026-04-14", jalali: "1405-01-25", hijri: "1447-10-25", name: "Martyrdom of Imam Sadiq" },
    { date: "2026-05-27", jalali: "1405-03-06", hijri: "1447-12-10", name: "Eid al-Adha" },
    { date: "2026-06-04", jalali: "1405-03-14", hijri: "1447-12-18", name: "Eid al-Ghadir" },
    { date: "2026-06-24", jalali: "1405-04-03", hijri: "1448-01-09", name: "Tasua" },
    { date: "2026-06-25", jalali: "1405-04-04", hijri: "1448-01-10", name: "Ashura" },
    { date: "2026-08-04", jalali: "1405-05-13", hijri: "1448-02-20", name: "Arbaeen" },
    { date: "2026-08-12", jalali: "1405-05-21", hijri: "1448-02-28", name: "Demise of the Prophet, martyrdom of Imam Hasan" },
    { date: "2026-08-13", jalali: "1405-05-22", hijri: "1448-02-29", name: "Martyrdom of Imam Reza" },
    { date: "2026-08-21", jalali: "1405-05-30", hijri: "1448-03-08", name: "Martyrdom of Imam Hasan al-Askari" },
    { date: "2026-08-30", jalali: "1405-06-08", hijri: "1448-03-17", name: "Birthday of the Prophet and Imam Sadiq" },
    { date: "2026-11-13", jalali: "1405-08-22", hijri: "1448-06-03", name: "Martyrdom of Fatimah" },
    { date: "2026-12-23", jalali: "1405-10-02", hijri: "1448-07-13", name: "Birthday of Imam Ali" },
    { date: "2027-01-06", jalali: "1405-10-16", hijri: "1448-07-27", name: "Mab'ath" },
    { date: "2027-01-23", jalali: "1405-11-03", hijri: "1448-08-15", name: "Birthday of the Mahdi (15 Sha'ban)" },
    { date: "2027-02-28", jalali: "1405-12-09", hijri: "1448-09-21", name: "Martyrdom of Imam Ali (21 Ramadan)" },
    { date: "2027-03-10", jalali: "1405-12-19", hijri: "1448-10-01", name: "Eid al-Fitr" },
    { date: "2027-03-11", jalali: "1405-12-20", hijri: "1448-10-02", name: "Eid al-Fitr holiday" },
  ],
};
