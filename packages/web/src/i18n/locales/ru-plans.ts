import type { RussianMessages } from "../messages";
import type { enPlans } from "./en-plans";

/** Планы с разбивкой и копированием, редактор производственного календаря. */
export const ruPlans: RussianMessages<typeof enPlans> = {
  plans: {
    title: "Планы",
  },
  workCalendar: {
    title: "Рабочие дни",
  },
};
