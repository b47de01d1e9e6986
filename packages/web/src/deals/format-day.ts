import type { Locale } from "@conveyor/contracts";
import { formatShortDate } from "../i18n/intl";

/** A calendar date ("YYYY-MM-DD", no time, no zone) in the reader's calendar: read at UTC so it never shifts a day. */
export const formatDay = (locale: Locale, isoDate: string): string => formatShortDate(locale, `${isoDate}T00:00:00Z`, "UTC");
