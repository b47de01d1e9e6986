import type { Role } from "@conveyor/contracts";
import { isHead, leadsPeople } from "../auth/permissions";

/** Who writes the routing rules and moves them up and down (M5.5): the administrator and the head of sales. */
export const canEditRouting = (role: Role): boolean => isHead(role);

/** Who pauses sellers, sets caps, weights, skills, hours and absences: whoever leads someone (the server scopes a team lead to the team). */
export const canManageAvailability = (role: Role): boolean => leadsPeople(role);

/** Who hands a leaving seller's clients to others: heads for anyone, team leads for their team. */
export const canRedistribute = (role: Role): boolean => leadsPeople(role);

/** Who sets the SLA, caps, form limits and the undo window: the administrator and the head of sales. */
export const canEditLeadSettings = (role: Role): boolean => isHead(role);

/** The screens of lead distribution, in the order of its sub-navigation. */
export const leadRoutingSections = ["rules", "sources", "availability", "redistribute", "settings"] as const;
export type LeadRoutingSection = (typeof leadRoutingSections)[number];

export const leadRoutingPaths: Record<LeadRoutingSection, string> = {
  rules: "/lead-routing/rules",
  sources: "/lead-routing/sources",
  availability: "/lead-routing/availability",
  redistribute: "/lead-routing/redistribute",
  settings: "/lead-routing/settings",
};

/**
 * Who may open each screen; mirrors the API. Team leads read the rules and use the tester, look after their
 * team's availability and redistribute within it; sources and settings are the heads'.
 */
export const canOpenLeadRoutingSection = (role: Role, section: LeadRoutingSection): boolean => {
  switch (section) {
    case "rules":
    case "availability":
    case "redistribute":
      return leadsPeople(role);
    case "sources":
    case "settings":
      return isHead(role);
  }
};

/** A role check for RequireRole in the router. */
export const leadRoutingAllowed =
  (section: LeadRoutingSection) =>
  (role: Role): boolean =>
    canOpenLeadRoutingSection(role, section);

export const visibleLeadRoutingSections = (role: Role): LeadRoutingSection[] =>
  leadRoutingSections.filter((section) => canOpenLeadRoutingSection(role, section));

/** The single entry of the main navigation: the heads', who set distribution up. */
export const showsLeadRoutingNav = (role: Role): boolean => isHead(role);

/** The section a path belongs to, or null outside the area. */
export const leadRoutingSectionOfPath = (pathname: string): LeadRoutingSection | null =>
  leadRoutingSections.find((section) => pathname === leadRoutingPaths[section] || pathname.startsWith(`${leadRoutingPaths[section]}/`)) ?? null;
