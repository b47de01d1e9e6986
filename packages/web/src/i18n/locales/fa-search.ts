import type { enSearch } from "./en-search";

/** جستجوی سرصفحه، یادآورها و کارهای معامله. */
export const faSearch: typeof enSearch = {
  globalSearch: {
    label: "جستجوی مشتریان، مخاطبان و معاملات",
    placeholder: "جستجو… (Ctrl+K)",
    clients: "مشتریان",
    contacts: "مخاطبان",
    deals: "معاملات",
    typeMore: "دست‌کم ۲ نویسه وارد کنید",
    searching: "در حال جستجو…",
    nothingFound: "چیزی پیدا نشد",
  },
  reminders: {
    bell: "یادآورها",
    count_one: "{{count, number}} یادآور سررسیده",
    count_other: "{{count, number}} یادآور سررسیده",
    empty: "یادآور سررسیده‌ای نیست.",
    popupTitle: "یادآور",
    open: "باز کردن",
    done: "انجام شد",
    snooze15: "۱۵ دقیقه بعد",
    snooze60: "یک ساعت بعد",
    dismiss: "نادیده گرفتن",
  },
  remindMe: {
    label: "یادآوری",
    none: "بدون یادآور",
    atDue: "در زمان سررسید",
    before15m: "۱۵ دقیقه قبل",
    before1h: "یک ساعت قبل",
    before1d: "یک روز قبل",
  },
  dealTasks: {
    title: "کارهای باز",
    empty: "این معامله کار بازی ندارد.",
    addTitle: "کاری برای «{{title}}»",
    onDeal: "معامله: {{title}}",
  },
};
