/** Plans (M5.9) with split and copy, and the working-day calendar editor; merged into `en`. */
export const enPlans = {
  plans: {
    title: "Plans",
  },
  workCalendar: {
    title: "Working days",
  },
};
