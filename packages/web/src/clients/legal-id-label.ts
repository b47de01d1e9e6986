import type { Country } from "@conveyor/contracts";

/**
 * What the organization's country calls a company's registration number: ИНН in Russia,
 * شناسه ملی in Iran, a neutral "legal ID" elsewhere. Returns the translation key.
 */
export type LegalIdLabelKey = "clientForm.legalIdRU" | "clientForm.legalIdIR" | "clientForm.legalIdOTHER";

export const legalIdLabelKey = (country: Country): LegalIdLabelKey => {
  switch (country) {
    case "RU":
      return "clientForm.legalIdRU";
    case "IR":
      return "clientForm.legalIdIR";
    case "OTHER":
      return "clientForm.legalIdOTHER";
  }
};
