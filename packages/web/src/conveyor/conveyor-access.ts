import type { Role } from "@conveyor/contracts";

/** Who writes the handover rules (M4.1: one company-wide rule): the administrator and the head of sales. */
export const canEditRules = (role: Role): boolean => {
  switch (role) {
    case "admin":
    case "head_of_sales":
      return true;
    case "team_lead":
    case "seller":
      return false;
  }
};

/** Who reads the level report (clients per level, time at a level, stuck clients): whoever leads someone. */
export const canSeeLevelReport = (role: Role): boolean => {
  switch (role) {
    case "admin":
    case "head_of_sales":
    case "team_lead":
      return true;
    case "seller":
      return false;
  }
};
