import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/*
 * normalizeSearchText (domain/search-text.ts) as a SQL expression: lower case, ё → е, Arabic letter
 * variants folded to Persian, harakat, ZWNJ and tatweel dropped, Persian and Arabic digits as ASCII,
 * runs of punctuation and spaces as one space. Used for stored, indexed columns (deals.search_text)
 * and for text that has none; search.test.ts holds it to the domain's cases.
 */
const foldFrom = "ёيىكأإآة۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩";
const foldTo = "еییکاااه01234567890123456789";
const foldDropped = [...Array.from({ length: 0x065f - 0x064b + 1 }, (_, i) => 0x064b + i), 0x0670, 0x200c, 0x200d, 0x0640]
  .map((code) => String.fromCharCode(code))
  .join("");
const foldSeparators = `["'«»“”„.,;:()!?/\\\\\\s-]+`;

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The folding of a column as literal SQL, for a generated column (no parameters allowed there). */
export const foldedColumnSql = (column: string): string =>
  `regexp_replace(translate(lower(${column}), ${quote(foldFrom + foldDropped)}, ${quote(foldTo)}), ${quote(foldSeparators)}, ' ', 'g')`;

const [foldBefore = "", foldAfter = ""] = foldedColumnSql("\u0000").split("\u0000");

/** The same folding around any expression (contact names, emails): one text for both uses. */
export const foldSql = (expression: SQL | AnyPgColumn): SQL => sql`${sql.raw(foldBefore)}${expression}${sql.raw(foldAfter)}`;
