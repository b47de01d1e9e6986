import type { Role } from "@conveyor/contracts";
import { isHead, leadsPeople } from "../auth/permissions";

/** Who writes the handover rules (M4.1: one company-wide rule): the administrator and the head of sales. */
export const canEditRules = (role: Role): boolean => isHead(role);

/** Who reads the level report (clients per level, time at a level, stuck clients): whoever leads someone. */
export const canSeeLevelReport = (role: Role): boolean => leadsPeople(role);
