import type { Country, CreateContact, FieldError, UpdateContact } from "@conveyor/contracts";
import { countrySchema } from "@conveyor/contracts";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { AppError, notFound } from "../http/app-error";
import { findCompany } from "../repositories/company.repository";
import { deleteContactRow, findContact, insertContact, updateContactRow, type ContactRow } from "../repositories/contact.repository";
import { findOrganization } from "../repositories/organization.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";
import { toE164 } from "../security/phones";
import { refreshCompanySearchText } from "./company-input";

const organizationCountry = async (ex: Executor, viewer: Viewer): Promise<Country> => {
  const organization = await findOrganization(ex, viewer);
  return countrySchema.parse(organization?.country ?? "OTHER");
};

/** Every phone as E.164, or 400 naming each phone that is not a valid number. */
const normalizePhones = (phones: readonly string[], country: Country): string[] => {
  const errors: FieldError[] = [];
  const normalized = phones.map((raw, index) => {
    const e164 = toE164(raw, country);
    if (!e164) errors.push({ field: `phones.${index}`, code: "invalid_phone", message: `Not a valid phone number: ${raw}` });
    return e164 ?? "";
  });
  if (errors.length > 0) throw new AppError("validation_failed", "Some phone numbers are not valid", { errors });
  return [...new Set(normalized)];
};

export const addContact = async (
  context: AppContext,
  viewer: Viewer,
  companyId: string,
  input: CreateContact,
): Promise<ContactRow> => {
  const { db } = context.database;
  if (!(await findCompany(db, viewer, companyId))) throw notFound("The client");
  const phones = normalizePhones(input.phones ?? [], await organizationCountry(db, viewer));
  return db.transaction(async (tx) => {
    const row = await insertContact(
      tx,
      viewer,
      companyId,
      {
        name: input.name,
        position: input.position ?? null,
        phones,
        emails: [...new Set(input.emails ?? [])],
        isDecisionMaker: input.isDecisionMaker ?? false,
      },
      context.now(),
    );
    await refreshCompanySearchText(tx, viewer, companyId);
    return row;
  });
};

export const updateContact = async (
  context: AppContext,
  viewer: Viewer,
  id: string,
  input: UpdateContact,
): Promise<ContactRow> => {
  const { db } = context.database;
  if (!(await findContact(db, viewer, id))) throw notFound("The contact");
  const patch = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.position !== undefined && { position: input.position }),
    ...(input.phones !== undefined && { phones: normalizePhones(input.phones, await organizationCountry(db, viewer)) }),
    ...(input.emails !== undefined && { emails: [...new Set(input.emails)] }),
    ...(input.isDecisionMaker !== undefined && { isDecisionMaker: input.isDecisionMaker }),
  };
  return db.transaction(async (tx) => {
    const row = await updateContactRow(tx, viewer, id, patch, context.now());
    if (!row) throw notFound("The contact");
    await refreshCompanySearchText(tx, viewer, row.companyId);
    return row;
  });
};

export const deleteContact = async (context: AppContext, viewer: Viewer, id: string): Promise<void> => {
  await context.database.db.transaction(async (tx) => {
    const contact = await findContact(tx, viewer, id);
    if (!contact || !(await deleteContactRow(tx, viewer, id))) throw notFound("The contact");
    await refreshCompanySearchText(tx, viewer, contact.companyId);
    await auditAs(tx, viewer, "deleted", context.now(), { kind: "contact", id }, { companyId: contact.companyId });
  });
};
