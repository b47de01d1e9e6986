import { normalizeSearchText } from "./search-text";

/*
 * The organization's own fields on clients and deals. A field has a stable key (a slug of its
 * first label, never changed afterwards) under which its values live, and a type that decides
 * what a value may be. These rules know nothing of storage: the definitions come in.
 */

export type CustomFieldType = "text" | "number" | "date" | "select";

export type CustomFieldDefinition = {
  key: string;
  type: CustomFieldType;
  /** The choices of a select field; empty for the other types. */
  options: readonly string[];
};

export type CustomValue = string | number;
export type CustomValues = Readonly<Record<string, CustomValue>>;

export type CustomValueProblem = {
  key: string;
  code: "custom_field_unknown" | "custom_field_invalid";
  message: string;
};

/** Keys are ASCII slugs, safe in a URL (`cf.<key>`) and in a JSON path. */
export const customFieldKeyPattern = /^[a-z][a-z0-9_]{0,39}$/;
const maxKeyLength = 40;

const latin: Readonly<Record<string, string>> = {
  // Russian (and the Ukrainian and Belarusian letters a label may carry)
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l",
  м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch",
  ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya", і: "i", ї: "yi", є: "ye", ґ: "g", ў: "u",
  // Persian (Arabic variants are folded to these by normalizeSearchText first)
  ا: "a", ب: "b", پ: "p", ت: "t", ث: "s", ج: "j", چ: "ch", ح: "h", خ: "kh", د: "d", ذ: "z", ر: "r", ز: "z",
  ژ: "zh", س: "s", ش: "sh", ص: "s", ض: "z", ط: "t", ظ: "z", ع: "", غ: "gh", ف: "f", ق: "gh", ک: "k", گ: "g",
  ل: "l", م: "m", ن: "n", و: "v", ه: "h", ی: "y", ئ: "y", ء: "", ؤ: "v",
};

/** A label in any of our scripts as a slug: "Сегмент рынка" → "segment_rynka", "منطقه" → "mntghh". */
export const slugOfLabel = (label: string): string =>
  [...normalizeSearchText(label)]
    .map((char) => (/[a-z0-9]/.test(char) ? char : (latin[char] ?? "_")))
    .join("")
    .replace(/_+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, maxKeyLength)
    .replace(/_+$/g, "");

/**
 * The key of a new field: the slug of its label, made unique among `taken` (every key of the
 * organization's fields of that entity, archived ones included) with a `_2`, `_3`… suffix. A label
 * with nothing to transliterate (emoji, Chinese…) or starting with a digit gets `field_<n>`.
 */
export const customFieldKey = (label: string, taken: ReadonlySet<string>): string => {
  const slug = slugOfLabel(label);
  if (!customFieldKeyPattern.test(slug)) {
    for (let n = 1; ; n++) if (!taken.has(`field_${n}`)) return `field_${n}`;
  }
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${slug.slice(0, maxKeyLength - suffix.length).replace(/_+$/g, "")}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
};

const isIsoDate = (value: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** Why a value does not fit its field, or null when it does. */
const valueProblem = (definition: CustomFieldDefinition, value: CustomValue): string | null => {
  switch (definition.type) {
    case "text":
      return typeof value === "string" ? null : "Expected text";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : "Expected a number";
    case "date":
      return typeof value === "string" && isIsoDate(value) ? null : "Expected a date as YYYY-MM-DD";
    case "select":
      return typeof value === "string" && definition.options.includes(value) ? null : "Not one of the field's options";
  }
};

/**
 * A client's or deal's custom values after a change: `input` names only the keys that change,
 * null (or blank text) removes a value. Keys must be of the active definitions, and values of
 * their type; a select value must be one of the options — except a value already stored, which
 * may stay even after its option was removed from the field (it is shown as it is).
 */
export const applyCustomValues = (
  definitions: readonly CustomFieldDefinition[],
  current: CustomValues,
  input: Readonly<Record<string, CustomValue | null>>,
): { values: Record<string, CustomValue>; problems: CustomValueProblem[] } => {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const values: Record<string, CustomValue> = { ...current };
  const problems: CustomValueProblem[] = [];
  for (const [key, raw] of Object.entries(input)) {
    const definition = byKey.get(key);
    if (!definition) {
      problems.push({ key, code: "custom_field_unknown", message: "No such custom field" });
      continue;
    }
    const value = typeof raw === "string" ? raw.trim() : raw;
    if (value === null || value === "") {
      delete values[key];
      continue;
    }
    if (current[key] === value) continue;
    const problem = valueProblem(definition, value);
    if (problem) problems.push({ key, code: "custom_field_invalid", message: problem });
    else values[key] = value;
  }
  return { values, problems };
};

/**
 * A list filter `cf.<key>=<text>` as the value stored for that field: a number for a number
 * field, the text itself otherwise. Archived fields may still be filtered on (their values stay).
 */
export const customFilterValues = (
  definitions: readonly CustomFieldDefinition[],
  params: Readonly<Record<string, string>>,
): { filter: Record<string, CustomValue>; problems: CustomValueProblem[] } => {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const filter: Record<string, CustomValue> = {};
  const problems: CustomValueProblem[] = [];
  for (const [key, text] of Object.entries(params)) {
    const definition = byKey.get(key);
    if (!definition) {
      problems.push({ key, code: "custom_field_unknown", message: "No such custom field" });
      continue;
    }
    if (definition.type !== "number") {
      filter[key] = text;
      continue;
    }
    const number = text.trim() === "" ? Number.NaN : Number(text);
    if (Number.isFinite(number)) filter[key] = number;
    else problems.push({ key, code: "custom_field_invalid", message: "Expected a number" });
  }
  return { filter, problems };
};
