import type { Role } from "@conveyor/contracts";
import { leadsPeople } from "../auth/permissions";

/**
 * Whose leads a person sees in the queue, as the server scopes it: heads and admins every lead of the department,
 * a team lead their team's (and their clients'), a seller their own (and their clients').
 */
export type LeadScope = "department" | "team" | "own";

export const leadScopeOf = (role: Role): LeadScope => {
  switch (role) {
    case "admin":
    case "head_of_sales":
      return "department";
    case "team_lead":
      return "team";
    case "seller":
      return "own";
  }
};

/** Who gives a lead to a seller by hand (M5.5): heads for anyone, team leads within their team; the server checks the same. */
export const canAssignLeads = (role: Role): boolean => leadsPeople(role);

/** The screens of the leads area, in the order of its sub-navigation. */
export const leadsSections = ["queue", "speed"] as const;
export type LeadsSection = (typeof leadsSections)[number];

export const leadsPaths: Record<LeadsSection, string> = { queue: "/leads", speed: "/leads/speed" };

/** The section a path belongs to; the queue owns `/leads` itself. */
export const leadsSectionOfPath = (pathname: string): LeadsSection | null => {
  if (pathname === leadsPaths.speed || pathname.startsWith(`${leadsPaths.speed}/`)) return "speed";
  if (pathname === leadsPaths.queue || pathname === `${leadsPaths.queue}/`) return "queue";
  return null;
};
