import type { Role } from "@conveyor/contracts";
import { isHead, leadsPeople } from "../auth/permissions";

/** The screens of the department area, in the order of its sub-navigation. */
export const departmentSections = ["orgChart", "people", "teams", "rules", "handovers", "advisors", "settings"] as const;
export type DepartmentSection = (typeof departmentSections)[number];

export const sectionPaths: Record<DepartmentSection, string> = {
  orgChart: "/department",
  people: "/department/people",
  teams: "/department/teams",
  rules: "/department/rules",
  handovers: "/department/handovers",
  advisors: "/department/advisors",
  settings: "/department/settings",
};

export { isHead };

/**
 * Who may open each screen; mirrors the API so no one lands on a page that fails to load.
 * Everyone sees the org chart and the handovers they took part in; team leads also read people, teams
 * and the staffing advisor (M1.2); rules, the restructure advisor (M1.5) and settings are the heads'.
 */
export const canOpenSection = (role: Role, section: DepartmentSection): boolean => {
  switch (section) {
    case "orgChart":
    case "handovers":
      return true;
    case "people":
    case "teams":
    case "advisors":
      return leadsPeople(role);
    case "rules":
    case "settings":
      return isHead(role);
  }
};

/** A role check for RequireRole in the router. */
export const sectionAllowed =
  (section: DepartmentSection) =>
  (role: Role): boolean =>
    canOpenSection(role, section);

export const visibleSections = (role: Role): DepartmentSection[] =>
  departmentSections.filter((section) => canOpenSection(role, section));

/** The section a path belongs to: the longest matching prefix, so `/department/people/x` is People. */
export const sectionOfPath = (pathname: string): DepartmentSection | null => {
  let found: DepartmentSection | null = null;
  let length = 0;
  for (const section of departmentSections) {
    const path = sectionPaths[section];
    const matches = pathname === path || pathname.startsWith(`${path}/`);
    if (matches && path.length > length) {
      found = section;
      length = path.length;
    }
  }
  return found;
};
