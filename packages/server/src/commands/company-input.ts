import type { FieldError } from "@conveyor/contracts";
import { clientSearchText } from "@conveyor/domain";
import type { Executor } from "../db/database";
import { AppError } from "../http/app-error";
import { findCompanyJustWritten, legalIdTaken, updateCompanyRow } from "../repositories/company.repository";
import { listCompanyContacts } from "../repositories/contact.repository";
import { isAssignable } from "../repositories/people.repository";
import type { Viewer } from "../scope";

/** Legal ids are compared without spaces and dashes: "77 07 083893" is "7707083893". */
export const normalizeLegalId = (legalId: string | null | undefined): string | null | undefined =>
  legalId === undefined || legalId === null ? legalId : legalId.replace(/[\s-]/g, "").toUpperCase() || null;

export const companySearchText = (
  name: string,
  legalId: string | null,
  contacts: ReadonlyArray<{ name: string; phones: readonly string[]; emails: readonly string[] }> = [],
): string => clientSearchText({ name, legalId, contacts });

/** After a change of the client's name, legal id or contacts: what search reads is rebuilt. */
export const refreshCompanySearchText = async (ex: Executor, viewer: Viewer, companyId: string): Promise<void> => {
  const company = await findCompanyJustWritten(ex, viewer, companyId);
  if (!company) return;
  const contacts = await listCompanyContacts(ex, viewer, companyId);
  await updateCompanyRow(ex, viewer, companyId, { searchText: companySearchText(company.name, company.legalId, contacts) });
};

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
