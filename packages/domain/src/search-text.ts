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
