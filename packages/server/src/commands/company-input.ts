import type { FieldError } from "@conveyor/contracts";
import { normalizeSearchText } from "@conveyor/domain";
import type { Executor } from "../db/database";
import { AppError } from "../http/app-error";
import { legalIdTaken } from "../repositories/company.repository";
import { isAssignable } from "../repositories/people.repository";
import type { Viewer } from "../scope";

/** Legal ids are compared without spaces and dashes: "77 07 083893" is "7707083893". */
export const normalizeLegalId = (legalId: string | null | undefined): string | null | undefined =>
  legalId === undefined || legalId === null ? legalId : legalId.replace(/[\s-]/g, "").toUpperCase() || null;

export const companySearchText = (name: string, legalId: string | null): string =>
  normalizeSearchText([name, legalId ?? ""].join(" "));

const fieldError = (field: string, code: string, message: string): FieldError => ({ field, code, message });

export const assertLegalIdFree = async (ex: Executor, viewer: Viewer, legalId: string | null | undefined, exceptId?: string) => {
  if (!legalId) return;
  if (await legalIdTaken(ex, viewer, legalId, exceptId)) {
    throw new AppError("legal_id_taken", "A client with this legal id already exists", {
      errors: [fieldError("legalId", "legal_id_taken", "A client with this legal id already exists")],
    });
  }
};

/** Owners and assignees must be active people the viewer may hand work to (a seller: only themselves). */
export const assertAssignable = async (ex: Executor, viewer: Viewer, userId: string, field: string) => {
  if (userId === viewer.userId) return;
  if (!(await isAssignable(ex, viewer, userId))) {
    throw new AppError("forbidden", "You cannot hand this to that person", {
      errors: [fieldError(field, "not_assignable", "Not an active person you may assign to")],
    });
  }
};
