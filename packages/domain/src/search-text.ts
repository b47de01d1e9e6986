// Arabic code points that Persian text is often typed with, mapped to the Persian letters.
const persianFolding: ReadonlyArray<[RegExp, string]> = [
  [/[\u064A\u0649]/g, "\u06CC"], // ي ى → ی
  [/\u0643/g, "\u06A9"], // ك → ک
  [/[\u0623\u0625\u0622]/g, "\u0627"], // أ إ آ → ا
  [/\u0629/g, "\u0647"], // ة → ه
  [/[\u064B-\u065F]|\u0670/g, ""], // harakat
  [/\u200C|\u200D|\u0640/g, ""], // ZWNJ, ZWJ, tatweel
];

const digitFolding = (text: string): string =>
  text
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));

/**
 * The form search compares: lower case, ё as е, Persian and Arabic letter variants folded,
 * Persian and Arabic digits as ASCII, punctuation and runs of spaces as one space. Stored
 * next to a client's name and applied to the query the same way.
 */
export const normalizeSearchText = (text: string): string => {
  let folded = digitFolding(text.normalize("NFKC").toLowerCase()).replace(/ё/g, "е");
  for (const [pattern, replacement] of persianFolding) folded = folded.replace(pattern, replacement);
  return folded
    .replace(/["'«»“”„.,;:()!?/\\-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
};

export type SearchableClient = {
  name: string;
  legalId: string | null;
  contacts: ReadonlyArray<{ name: string; phones: readonly string[]; emails: readonly string[] }>;
};

/**
 * Everything a person may type to find a client, in one normalized string: the name, the legal
 * id, and each contact's name, phones (digits only, so "+7 (495) 123" and "7495123" both match)
 * and emails.
 */
export const clientSearchText = (client: SearchableClient): string =>
  normalizeSearchText(
    [
      client.name,
      client.legalId ?? "",
      ...client.contacts.flatMap((c) => [c.name, ...c.phones.map((p) => p.replace(/\D/g, "")), ...c.emails]),
    ].join(" "),
  ).replace(/ {2,}/g, " ");

/**
 * What to look for: a query that is a phone number (no letters, five digits or more, in any
 * script) is matched on its digits; anything else on its normalized text.
 */
export const searchPattern = (query: string): string => {
  const digits = digitFolding(query).replace(/\D/g, "");
  if (!/\p{L}/u.test(query) && digits.length >= 5) return digits;
  return normalizeSearchText(query);
};
