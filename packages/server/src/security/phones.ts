import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import type { Country } from "@conveyor/contracts";

const defaultRegion: Record<Country, CountryCode | undefined> = { RU: "RU", IR: "IR", OTHER: undefined };

/**
 * A phone in any common notation ("8 (495) 123-45-67", "0912 345 6789", "+98 21 1234 5678")
 * as E.164, reading national numbers by the organization's country; undefined when invalid.
 */
export const toE164 = (raw: string, country: Country): string | undefined => {
  const parsed = parsePhoneNumberFromString(raw, defaultRegion[country]);
  return parsed?.isValid() ? parsed.number : undefined;
};
