import fc from "fast-check";
import { z } from "zod";

/*
 * Invalid requests for the fuzz test (fuzz.test.ts), derived from the zod schemas a route validates
 * with: the schema's shape names the fields and their types, so each mutation hits a real field.
 */

/** What the fuzzer knows about one schema node: its kind, and the leaf schema to test candidates with. */
export type Node =
  | { kind: "object"; schema: z.core.$ZodType; fields: Record<string, Field>; strict: boolean }
  | { kind: "string"; schema: z.core.$ZodType; format: string | null; maxLength: number | null }
  | { kind: "number"; schema: z.core.$ZodType; int: boolean; max: number | null }
  | { kind: "boolean" | "unknown" | "other"; schema: z.core.$ZodType }
  | { kind: "enum"; schema: z.core.$ZodType; values: unknown[] }
  | { kind: "array"; schema: z.core.$ZodType; element: Node }
  | { kind: "record"; schema: z.core.$ZodType; value: Node }
  | { kind: "union"; schema: z.core.$ZodType; options: Node[] };

export type Field = { node: Node; required: boolean };

/** The field node under optional/nullable/default/pipe wrappers, and whether the field may be left out. */
const unwrap = (schema: z.core.$ZodType): { inner: z.core.$ZodType; required: boolean } => {
  let inner = schema;
  let required = true;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault) {
      required = false;
      inner = inner.unwrap();
    } else if (inner instanceof z.ZodNullable || inner instanceof z.ZodReadonly || inner instanceof z.ZodCatch) {
      inner = inner.unwrap();
    } else if (inner instanceof z.ZodPipe) {
      inner = inner.in;
    } else if (inner instanceof z.ZodLazy) {
      inner = inner.unwrap();
    } else {
      return { inner, required };
    }
  }
};

export const describeSchema = (schema: z.core.$ZodType, depth = 0): Node => {
  const { inner } = unwrap(schema);
  if (depth > 6) return { kind: "other", schema: inner };
  if (inner instanceof z.ZodObject) {
    const fields: Record<string, Field> = {};
    for (const [name, child] of Object.entries(inner.shape)) {
      if (!(child instanceof z.core.$ZodType)) continue;
      fields[name] = { node: describeSchema(child, depth + 1), required: unwrap(child).required };
    }
    const catchall = inner.def.catchall;
    return { kind: "object", schema: inner, fields, strict: catchall instanceof z.ZodNever };
  }
  if (inner instanceof z.ZodStringFormat) return { kind: "string", schema: inner, format: inner.format, maxLength: inner.maxLength };
  if (inner instanceof z.ZodString) return { kind: "string", schema: inner, format: inner.format, maxLength: inner.maxLength };
  if (inner instanceof z.ZodNumber) return { kind: "number", schema: inner, int: inner.isInt, max: inner.maxValue };
  if (inner instanceof z.ZodBoolean) return { kind: "boolean", schema: inner };
  if (inner instanceof z.ZodEnum) return { kind: "enum", schema: inner, values: inner.options };
  if (inner instanceof z.ZodLiteral) return { kind: "enum", schema: inner, values: [...inner.values] };
  if (inner instanceof z.ZodArray) return { kind: "array", schema: inner, element: describeSchema(inner.element, depth + 1) };
  if (inner instanceof z.ZodRecord) return { kind: "record", schema: inner, value: describeSchema(inner.valueType, depth + 1) };
  if (inner instanceof z.ZodUnion) {
    const options = inner.options.filter((o): o is z.core.$ZodType => o instanceof z.core.$ZodType);
    return { kind: "union", schema: inner, options: options.map((o) => describeSchema(o, depth + 1)) };
  }
  if (inner instanceof z.ZodUnknown || inner instanceof z.ZodAny) return { kind: "unknown", schema: inner };
  return { kind: "other", schema: inner };
};

/** Real ids of the fuzz organization, by field or parameter name, so a mutation of one field reaches deep code. */
export type KnownIds = Record<string, string>;

const nilUuid = "00000000-0000-4000-8000-000000000000";
const accepts = (schema: z.core.$ZodType, value: unknown): boolean => z.safeParse(schema, value).success;

/** A plausible valid value for a node (the base a single mutation is applied to); not always valid for refined schemas. */
export const plausible = (node: Node, name: string, ids: KnownIds): unknown => {
  switch (node.kind) {
    case "object": {
      const value: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(node.fields)) if (field.required) value[key] = plausible(field.node, key, ids);
      return value;
    }
    case "string": {
      const candidates = [ids[name], nilUuid, "2026-03-10", "2026-03-10T09:00:00.000Z", "2026-03", "fuzz@example.test", "RUB", "09:00", "Fuzz", "ru", "1"];
      return candidates.find((c) => c !== undefined && accepts(node.schema, c)) ?? "Fuzz";
    }
    case "number": {
      return [1, 0, 10, 100, 2026, 0.5].find((c) => accepts(node.schema, c)) ?? 1;
    }
    case "boolean":
      return false;
    case "enum":
      return node.values[0];
    case "array": {
      const one = plausible(node.element, name.replace(/Ids$/, "Id").replace(/s$/, ""), ids);
      return accepts(node.schema, []) ? [] : [one];
    }
    case "record":
      return {};
    case "union":
      return node.options[0] ? plausible(node.options[0], name, ids) : null;
    case "unknown":
    case "other":
      return null;
  }
};

// ——— nasty values ———

const nested = (depth: number, leaf: unknown, asArray: boolean): unknown => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i += 1) value = asArray ? [value] : { a: value };
  return value;
};

const hugeString = "x".repeat(50_001);
const longUnicode = "ضمیمه😀\u202e".repeat(1_000);
const nastyStrings = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31m\r\n",
  "\ud800",
  "\u202eRTL",
  "😀".repeat(200),
  "ضمیمه‌ی فارسی",
  "' OR 1=1 --",
  "'); DROP TABLE users; --",
  "<script>alert(1)</script>",
  "${7*7}{{7*7}}",
  "../../etc/passwd",
  "%00",
  "%s%n%x",
  "__proto__",
  "constructor",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-0",
  "0x1F",
  "١٢٣",
  "۱۲۳۴",
  "12abc",
  " 12 ",
  "9".repeat(400),
  "-99999999999999999999",
  "true",
  "null",
  "undefined",
  "[]",
  "{}",
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "0001-01-01",
  "9999-12-31",
  "+275760-09-13",
  "2026-1-1",
  "2026-03-10T25:61:00Z",
  "2026-03-10T09:00:00",
  "0001-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999+14:00",
  "2026-00",
  "2026-03-10T09:00:00+99:00",
  "not-a-uuid",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "00000000-0000-4000-8000-00000000000g",
  `${nilUuid} `,
  `${nilUuid}\u0000`,
  "a@b",
  "@",
  "x@x.x".repeat(100),
  "25:00",
  "255.255.255.256/33",
  "::ffff:zz",
];
const nastyNumbers = [
  -1,
  1.5,
  -0.000001,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53 - 1,
  2 ** 53 + 2,
  -(2 ** 53),
  1e15 + 1,
  1e21,
  1e308,
  -1e308,
  5e-324,
];

const numberArb = fc.oneof(fc.constantFrom(...nastyNumbers), fc.integer(), fc.double({ noNaN: false }), fc.maxSafeInteger());
const stringArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(301), "x".repeat(2_001), "😀".repeat(1_001), "x".repeat(10_001)) },
);
const junkArb = fc.constantFrom<unknown>(null, true, false, 0, [], {}, [null], { a: 1 }, [1, "a", {}], { $gt: "" });
const heavy: unknown[] = [
  nested(1_000, null, true),
  nested(1_000, 1, false),
  Array.from({ length: 2_000 }, (_, i) => i),
  Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`k${i}`, i])),
];
const deepArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(nested(60, 1, true), nested(60, "x", false), nested(8, { a: [1, "x", null] }, false)) },
  { weight: 1, arbitrary: fc.constantFrom(hugeString, longUnicode, ...heavy) },
);

/** A wrong or edge value for a field: wrong types, nasty strings and numbers, deep JSON, and edges of its own type. */
export const badValue = (node: Node): fc.Arbitrary<unknown> => {
  const own: fc.Arbitrary<unknown>[] = [];
  switch (node.kind) {
    case "number":
      own.push(numberArb, fc.constantFrom(...(node.max === null ? [] : [node.max, node.max + 1, node.max * 10])).map((n) => n));
      break;
    case "string":
      own.push(stringArb, fc.constantFrom(...(node.maxLength === null ? [1] : [node.maxLength, node.maxLength + 1])).map((n) => "é".repeat(n)));
      break;
    case "enum":
      own.push(fc.constantFrom(...node.values.map((v) => (typeof v === "string" ? v.toUpperCase() : v)), ...node.values.map((v) => ` ${String(v)}`)));
      break;
    case "array":
      own.push(fc.array(badValue(node.element), { maxLength: 4 }), fc.constant(Array.from({ length: 1_001 }, () => nilUuid)));
      break;
    case "record":
      own.push(fc.dictionary(fc.constantFrom(...nastyStrings.slice(0, 20), "a"), badValue(node.value), { maxKeys: 3 }));
      break;
    case "object":
      own.push(
        fc.constantFrom(...Object.keys(node.fields)).chain((key) => {
          const field = node.fields[key];
          return field ? badValue(field.node).map((v) => ({ [key]: v })) : fc.constant({});
        }),
      );
      break;
    case "union":
      for (const option of node.options.slice(0, 3)) own.push(badValue(option));
      break;
    default:
      break;
  }
  return fc.oneof(
    { weight: 3, arbitrary: own.length > 0 ? fc.oneof(...own) : stringArb },
    { weight: 2, arbitrary: junkArb },
    { weight: 2, arbitrary: stringArb },
    { weight: 1, arbitrary: numberArb },
    { weight: 1, arbitrary: deepArb },
  );
};

/** Percent-encodes a string as its UTF-8 bytes; a lone surrogate goes as U+FFFD (encodeURIComponent would throw). */
export const encodeComponent = (value: string): string => {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeBytes(value);
  }
};
const encodeBytes = (value: string): string =>
  [...Buffer.from(value, "utf8")].map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)).join("");

/** The query-string form of a value (the wire carries strings only). */
export const asQueryValue = (value: unknown): string =>
  (typeof value === "string" ? value : value === null ? "null" : typeof value === "object" ? JSON.stringify(value) : String(value)).slice(0, 3_000);

export const unknownKeyArb = fc.constantFrom("zz", "__proto__", "constructor", "cf.", "cf.no-such-field", "a[b]", "LIMIT", "id", "organizationId", "$where", "x".repeat(300));

/** Raw bodies that are not JSON, sent as application/json. */
export const brokenJsonArb = fc.constantFrom(
  "{",
  "}",
  '{"a":}',
  "[1,]",
  "nul",
  "'a'",
  "{'a':1}",
  '{"a":1}}',
  "\u0000",
  '"\\ud800"x',
  "NaN",
  "Infinity",
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  "\ufeff{}",
  "[".repeat(5_000),
);

/** Content types the API does not speak, or speaks differently. */
export const wrongContentTypeArb = fc.constantFrom(
  "text/plain",
  "text/html",
  "application/xml",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=fuzz",
  "application/octet-stream",
  "application/json; charset=utf-16",
  "application/jsonx",
  "json",
  "*/*",
  "image/png",
);

/** Path-parameter values that are not ids, or are too long, or are not valid URL components. */
export const badParamArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nastyStrings).filter((s) => s.length > 0).map(encodeComponent) },
  { weight: 2, arbitrary: fc.integer({ min: 37, max: 5_000 }).map((n) => "a".repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom("%", "%zz", "%E0%A4%A", "%C0%AF", "%00", "%2F..%2F", "..", ".", "%20", "%u0041") },
  { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }).map(encodeComponent) },
);

export const nastyString = stringArb;
export const deepValue = deepArb;
export const hugeBody = JSON.stringify({ name: "x".repeat(1_100_000) });
