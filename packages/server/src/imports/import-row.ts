import { createHash } from "node:crypto";
import type { Country, ImportEntity, ImportRowCode, ImportTarget } from "@conveyor/contracts";
import { toE164 } from "../security/phones";

/*
 * One row of a file read through the confirmed mapping and checked without touching the
 * database: either the values to write, or the first problem with the field at fault.
 */

export type RowProblem = { code: ImportRowCode; field: ImportTarget; message: string };

export type ContactValues = { name: string; position: string | null; phones: string[]; emails: string[]; isDecisionMaker: boolean };

export type CompanyValues = {
  kind: "companies";
  name: string;
  legalId: string | null;
  region: string | null;
  industry: string | null;
  audience: string | null;
  channel: string | null;
  status: "new" | "current" | "permanent" | null;
  temperature: "cold" | "warm" | "hot" | null;
  level: "L1" | "L2" | "L3" | null;
  owner: string | null;
  tags: string[];
  contact: ContactValues | null;
};

export type ContactRowValues = { kind: "contacts"; company: string | null; companyLegalId: string | null; contact: ContactValues };

export type DealValues = {
  kind: "deals";
  title: string;
  company: string | null;
  companyLegalId: string | null;
  pipeline: string | null;
  stage: string | null;
  /** Major units as written; turned into minor units once the currency is known. */
  amount: number | null;
  currency: string | null;
  expectedCloseDate: string | null;
  owner: string | null;
  lostReason: string | null;
};

export type RowValues = CompanyValues | ContactRowValues | DealValues;
export type ReadRow = { ok: true; values: RowValues; hash: string } | { ok: false; problem: RowProblem };

class RowError extends Error {
  constructor(readonly problem: RowProblem) {
    super(problem.message);
  }
}

const fail = (field: ImportTarget, code: ImportRowCode, message: string): never => {
  throw new RowError({ field, code, message });
};

type Cells = { one: (target: ImportTarget) => string; all: (target: ImportTarget) => string[] };

const cellsOf = (mapping: ReadonlyArray<ImportTarget | null>, row: readonly string[]): Cells => {
  const one = (target: ImportTarget) => {
    const i = mapping.indexOf(target);
    return i < 0 ? "" : (row[i] ?? "").trim();
  };
  const all = (target: ImportTarget) => mapping.flatMap((t, i) => (t === target && row[i] ? [row[i].trim()] : [])).filter(Boolean);
  return { one, all };
};

const text = (cells: Cells, field: ImportTarget, max: number): string | null => {
  const value = cells.one(field);
  if (value.length > max) fail(field, "too_long", `Longer than ${max} characters`);
  return value || null;
};

const required = (cells: Cells, field: ImportTarget, max: number): string => {
  const value = text(cells, field, max);
  return value ?? fail(field, "required", "Required");
};

/** Values as people write them in the three languages, to our codes. */
const choice = <T extends string>(cells: Cells, field: ImportTarget, words: Record<T, readonly string[]>): T | null => {
  const value = cells.one(field).toLowerCase().replace(/ё/g, "е");
  if (!value) return null;
  for (const code of Object.keys(words) as T[]) {
    if (code.toLowerCase() === value || words[code].includes(value)) return code;
  }
  return fail(field, "invalid_value", `Not one of: ${Object.keys(words).join(", ")}`);
};

const statuses = { new: ["новый", "جدید"], current: ["текущий", "جاری", "فعلی"], permanent: ["постоянный", "دائمی"] } as const;
const temperatures = { cold: ["холодный", "سرد"], warm: ["теплый", "گرم"], hot: ["горячий", "داغ"] } as const;
const levelWords = { L1: ["l1", "1"], L2: ["l2", "2"], L3: ["l3", "3"] } as const;
const yes = new Set(["1", "yes", "true", "да", "+", "بله", "x"]);

const splitList = (values: readonly string[]): string[] =>
  values.flatMap((v) => v.split(/[,;\n]+/)).map((v) => v.trim()).filter(Boolean);

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const phonesOf = (cells: Cells, country: Country): string[] => {
  const phones: string[] = [];
  for (const raw of splitList(cells.all("phone"))) {
    const e164 = toE164(raw, country) ?? fail("phone", "invalid_phone", `Not a phone number: ${raw}`);
    if (!phones.includes(e164)) phones.push(e164);
  }
  if (phones.length > 10) fail("phone", "too_long", "More than 10 phones");
  return phones;
};

const emailsOf = (cells: Cells): string[] => {
  const emails: string[] = [];
  for (const raw of splitList(cells.all("email"))) {
    const email = raw.toLowerCase();
    if (!emailPattern.test(email) || email.length > 254) fail("email", "invalid_email", `Not an email address: ${raw}`);
    if (!emails.includes(email)) emails.push(email);
  }
  if (emails.length > 10) fail("email", "too_long", "More than 10 email addresses");
  return emails;
};

const personName = (cells: Cells, full: ImportTarget, first: ImportTarget, last: ImportTarget): string | null => {
  const whole = text(cells, full, 200) ?? [cells.one(first), cells.one(last)].filter(Boolean).join(" ");
  if (whole.length > 200) fail(full, "too_long", "Longer than 200 characters");
  return whole || null;
};

/** "1 500 000,50", "1,500,000.50", "1500000" → 1500000.5; Persian digits too. */
export const parseAmount = (raw: string): number | null => {
  const ascii = raw
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\s\u00A0\u202F'٬]/g, "")
    .replace(/[^\d.,-]/g, "");
  if (!/\d/.test(ascii)) return null;
  const lastComma = ascii.lastIndexOf(",");
  const lastDot = ascii.lastIndexOf(".");
  const decimal = lastComma > lastDot && ascii.length - lastComma <= 3 ? "," : lastDot > lastComma && ascii.length - lastDot <= 3 ? "." : null;
  const normalized = decimal
    ? ascii.replace(decimal === "," ? /\./g : /,/g, "").replace(decimal, ".")
    : ascii.replace(/[.,]/g, "");
  const value = Number(normalized);
  return Number.isFinite(value) ? value : null;
};

/** "31.12.2026", "2026-12-31", "31/12/2026", or an Excel day serial → "2026-12-31". */
export const parseDay = (raw: string): string | null => {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
  const dmy = /^(\d{1,2})[./](\d{1,2})[./](\d{4})/.exec(raw);
  let y: number, m: number, d: number;
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [y, m, d] = [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])];
  else if (/^\d{5}$/.test(raw)) {
    const day = new Date(Date.UTC(1899, 11, 30) + Number(raw) * 86_400_000);
    return day.toISOString().slice(0, 10);
  } else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
};

const readCompany = (cells: Cells, country: Country): CompanyValues => {
  const phones = phonesOf(cells, country);
  const emails = emailsOf(cells);
  const contactName = personName(cells, "contactName", "contactFirstName", "contactLastName");
  const position = text(cells, "contactPosition", 200);
  const hasContact = contactName !== null || phones.length > 0 || emails.length > 0;
  const tags = [...new Set(splitList(cells.all("tags")))];
  if (tags.some((t) => t.length > 50) || tags.length > 30) fail("tags", "too_long", "At most 30 tags of 50 characters");
  return {
    kind: "companies",
    name: required(cells, "name", 300),
    legalId: text(cells, "legalId", 40)?.replace(/[\s-]/g, "").toUpperCase() || null,
    region: text(cells, "region", 200),
    industry: text(cells, "industry", 200),
    audience: text(cells, "audience", 200),
    channel: text(cells, "channel", 200),
    status: choice(cells, "status", statuses),
    temperature: choice(cells, "temperature", temperatures),
    level: choice(cells, "level", levelWords),
    owner: text(cells, "owner", 254),
    tags,
    contact: hasContact
      ? { name: contactName ?? emails[0] ?? phones[0] ?? "", position, phones, emails, isDecisionMaker: false }
      : null,
  };
};

const readContact = (cells: Cells, country: Country): ContactRowValues => {
  const phones = phonesOf(cells, country);
  const emails = emailsOf(cells);
  const name = personName(cells, "name", "firstName", "lastName") ?? fail("name", "required", "Required");
  const company = text(cells, "company", 300);
  const companyLegalId = text(cells, "companyLegalId", 40)?.replace(/[\s-]/g, "").toUpperCase() || null;
  if (!company && !companyLegalId) fail("company", "required", "Name the client or its legal id");
  return {
    kind: "contacts",
    company,
    companyLegalId,
    contact: { name, position: text(cells, "position", 200), phones, emails, isDecisionMaker: yes.has(cells.one("decisionMaker").toLowerCase()) },
  };
};

const readDeal = (cells: Cells): DealValues => {
  const company = text(cells, "company", 300);
  const companyLegalId = text(cells, "companyLegalId", 40)?.replace(/[\s-]/g, "").toUpperCase() || null;
  if (!company && !companyLegalId) fail("company", "required", "Name the client or its legal id");
  const amountText = cells.one("amount");
  const amount = amountText ? parseAmount(amountText) : null;
  if (amountText && (amount === null || amount < 0 || amount > 1e13)) fail("amount", "invalid_amount", `Not an amount: ${amountText}`);
  const currency = cells.one("currency").toUpperCase() || null;
  if (currency && !/^[A-Z]{3}$/.test(currency)) fail("currency", "invalid_currency", `Not an ISO 4217 code: ${currency}`);
  const closeText = cells.one("expectedCloseDate");
  const expectedCloseDate = closeText ? parseDay(closeText) : null;
  if (closeText && !expectedCloseDate) fail("expectedCloseDate", "invalid_date", `Not a date: ${closeText}`);
  return {
    kind: "deals",
    title: required(cells, "title", 300),
    company,
    companyLegalId,
    pipeline: text(cells, "pipeline", 200),
    stage: text(cells, "stage", 200),
    amount,
    currency,
    expectedCloseDate,
    owner: text(cells, "owner", 254),
    lostReason: text(cells, "lostReason", 500),
  };
};

/** Reads one row; its hash is of the mapped cells, so the same row in the same mapping hashes the same. */
export const readImportRow = (
  entity: ImportEntity,
  mapping: ReadonlyArray<ImportTarget | null>,
  row: readonly string[],
  country: Country,
): ReadRow => {
  const cells = cellsOf(mapping, row);
  const hash = createHash("sha256")
    .update(JSON.stringify([entity, mapping.map((target, i) => (target ? [target, (row[i] ?? "").trim()] : null)).filter(Boolean)]))
    .digest("base64url");
  try {
    switch (entity) {
      case "companies":
        return { ok: true, values: readCompany(cells, country), hash };
      case "contacts":
        return { ok: true, values: readContact(cells, country), hash };
      case "deals":
        return { ok: true, values: readDeal(cells), hash };
    }
  } catch (error) {
    if (error instanceof RowError) return { ok: false, problem: error.problem };
    throw error;
  }
};
