import type { enKpi } from "./en-kpi";

/** نتایج: داشبورد، حالت تلویزیون، قیف، پیش‌بینی، جزئیات هر عدد. */
export const faKpi: typeof enKpi = {
  kpi: {
    nav: "نتایج",
    title: "نتایج",
    sectionsLabel: "بخش‌های نتایج",
    sections: {
      dashboard: "داشبورد",
      funnel: "قیف فروش",
      forecast: "پیش‌بینی",
      plans: "برنامه‌ها",
      calendar: "روزهای کاری",
    },
  },
};
