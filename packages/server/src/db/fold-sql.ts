/*
 * normalizeSearchText (domain/search-text.ts) as a SQL expression: lower case, ё → е, Arabic letter
 * variants folded to Persian, harakat, ZWNJ and tatweel dropped, Persian and Arabic digits as ASCII,
 * runs of punctuation and spaces as one space. Used for stored, indexed columns (deals.search_text)
 * and for text that has none; search.test.ts holds it to the domain's cases.
 */
export const foldFrom = "ёيىكأإآة۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩";
export const foldTo = "еییکاااه01234567890123456789";
export const foldDropped = [...Array.from({ length: 0x065f - 0x064b + 1 }, (_, i) => 0x064b + i), 0x0670, 0x200c, 0x200d, 0x0640]
  .map((code) => String.fromCharCode(code))
  .join("");
export const foldSeparators = `["'«»“”„.,;:()!?/\\\\\\s-]+`;

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The folding of a column as literal SQL, for a generated column (no parameters allowed there). */
export const foldedColumnSql = (column: string): string =>
  `regexp_replace(translate(lower(${column}), ${quote(foldFrom + foldDropped)}, ${quote(foldTo)}), ${quote(foldSeparators)}, ' ', 'g')`;
