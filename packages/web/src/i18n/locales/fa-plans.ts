import type { enPlans } from "./en-plans";

/** برنامه‌ها با تقسیم و کپی، و ویرایشگر تقویم روزهای کاری. */
export const faPlans: typeof enPlans = {
  plans: {
    title: "برنامه‌ها",
  },
  workCalendar: {
    title: "روزهای کاری",
  },
};
