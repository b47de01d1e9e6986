import type { RussianMessages } from "../messages";
import type { enKpi } from "./en-kpi";

/** Результаты: дашборд, режим ТВ, воронка, прогноз, расшифровка цифр. */
export const ruKpi: RussianMessages<typeof enKpi> = {
  kpi: {
    nav: "Результаты",
    title: "Результаты",
    sectionsLabel: "Разделы результатов",
    sections: {
      dashboard: "Дашборд",
      funnel: "Воронка",
      forecast: "Прогноз",
      plans: "Планы",
      calendar: "Рабочие дни",
    },
  },
};
