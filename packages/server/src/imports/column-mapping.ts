import {
  importTargets,
  repeatableImportTargets,
  requiredImportTargets,
  type FieldError,
  type ImportEntity,
  type ImportPreset,
  type ImportTarget,
} from "@conveyor/contracts";
import { normalizeSearchText } from "@conveyor/domain";

/*
 * Headers people's files carry, per field: our own export's (en/ru/fa), common spreadsheet
 * words, and the export files of amoCRM and Bitrix24 (Russian interface). Compared normalized
 * (lower case, ё → е, punctuation as spaces).
 */
const synonyms: Record<ImportEntity, Partial<Record<ImportTarget, readonly string[]>>> = {
  companies: {
    name: ["name", "company", "company name", "client", "название", "название компании", "наименование", "компания", "клиент", "نام", "نام شرکت", "شرکت", "مشتری"],
    legalId: ["legal id", "inn", "tax id", "инн", "реквизиты инн", "инн компании", "شناسه ملی", "کد اقتصادی"],
    region: ["region", "city", "регион", "город", "منطقه", "شهر", "استان"],
    industry: ["industry", "отрасль", "сфера деятельности", "صنعت", "حوزه فعالیت"],
    audience: ["target audience", "segment", "целевая аудитория", "сегмент", "тип компании", "مخاطب هدف"],
    channel: ["channel", "source", "канал", "источник", "канал привлечения", "کانال جذب", "منبع"],
    status: ["status", "статус", "وضعیت"],
    temperature: ["temperature", "температура", "دما"],
    level: ["level", "уровень", "سطح"],
    owner: ["owner", "manager", "responsible", "менеджер", "ответственный", "کارشناس مسئول", "مسئول"],
    tags: ["tags", "теги", "برچسب ها", "برچسب‌ها"],
    contactName: ["contact", "contact name", "контакт", "контактное лицо", "основной контакт", "مخاطب", "نام مخاطب"],
    contactFirstName: ["first name", "имя"],
    contactLastName: ["last name", "фамилия"],
    contactPosition: ["position", "job title", "должность", "سمت"],
    phone: ["phone", "telephone", "mobile", "телефон", "рабочий телефон", "мобильный телефон", "телефон компании", "другой телефон", "تلفن", "موبایل", "شماره تماس"],
    email: ["email", "e mail", "почта", "рабочий email", "рабочий e mail", "личный email", "email компании", "ایمیل"],
  },
  contacts: {
    company: ["company", "client", "компания", "клиент", "название компании", "شرکت", "مشتری"],
    companyLegalId: ["legal id", "inn", "инн", "инн компании", "شناسه ملی"],
    name: ["name", "full name", "contact", "фио", "полное имя", "наименование", "контакт", "نام", "نام کامل"],
    firstName: ["first name", "имя", "نام کوچک"],
    lastName: ["last name", "фамилия", "نام خانوادگی"],
    position: ["position", "job title", "должность", "سمت"],
    phone: ["phone", "mobile", "телефон", "рабочий телефон", "мобильный телефон", "другой телефон", "تلفن", "موبایل"],
    email: ["email", "e mail", "почта", "рабочий email", "рабочий e mail", "личный email", "ایمیل"],
    decisionMaker: ["decision maker", "лпр", "تصمیم گیرنده"],
  },
  deals: {
    title: ["title", "deal", "deal name", "название", "название сделки", "сделка", "عنوان", "معامله"],
    company: ["company", "client", "компания", "клиент", "شرکت", "مشتری"],
    companyLegalId: ["legal id", "inn", "инн", "شناسه ملی"],
    pipeline: ["pipeline", "воронка", "направление", "قیف فروش"],
    stage: ["stage", "этап", "этап сделки", "стадия", "стадия сделки", "مرحله"],
    amount: ["amount", "budget", "sum", "сумма", "бюджет", "مبلغ"],
    currency: ["currency", "валюта", "ارز"],
    expectedCloseDate: ["expected close", "close date", "дата закрытия", "предполагаемая дата закрытия", "تاریخ بستن"],
    owner: ["owner", "manager", "responsible", "ответственный", "менеджер", "مسئول"],
    lostReason: ["lost reason", "причина отказа", "причина проигрыша", "دلیل از دست رفتن"],
  },
};

/** Headers only one of the two CRMs writes: enough of them and the file is that CRM's export. */
const presetMarkers: Record<ImportPreset, readonly string[]> = {
  amocrm: ["бюджет", "основной контакт", "рабочий email", "личный email", "дата создания", "кем создан", "этап сделки", "воронка"],
  bitrix24: ["стадия сделки", "направление", "рабочий e mail", "тип компании", "сфера деятельности", "предполагаемая дата закрытия", "реквизиты инн"],
};

const normalizeHeader = (header: string): string => normalizeSearchText(header).replace(/[_*]+/g, " ").replace(/\s+/g, " ").trim();

export const detectPreset = (headers: readonly string[]): ImportPreset | null => {
  const normalized = new Set(headers.map(normalizeHeader));
  const scores = (Object.keys(presetMarkers) as ImportPreset[]).map(
    (preset) => [preset, presetMarkers[preset].filter((m) => normalized.has(m)).length] as const,
  );
  const best = scores.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] >= 2 ? best[0] : null;
};

/** The mapping offered first: each column to the field its header names, each field used once (phones and emails excepted). */
export const suggestMapping = (entity: ImportEntity, headers: readonly string[]): (ImportTarget | null)[] => {
  const taken = new Set<ImportTarget>();
  return headers.map((header) => {
    const h = normalizeHeader(header);
    for (const target of importTargets[entity]) {
      if (taken.has(target) && !repeatableImportTargets.has(target)) continue;
      if ((synonyms[entity][target] ?? []).some((s) => normalizeHeader(s) === h)) {
        taken.add(target);
        return target;
      }
    }
    return null;
  });
};

const isTarget = (entity: ImportEntity, value: string): value is ImportTarget =>
  (importTargets[entity] as readonly string[]).includes(value);

/**
 * A mapping the person confirmed: one entry per column, known fields only, each field once
 * (phones and emails may come from several columns), the entity's required fields present.
 */
export const checkMapping = (
  entity: ImportEntity,
  headerCount: number,
  mapping: ReadonlyArray<string | null>,
): { ok: true; mapping: (ImportTarget | null)[] } | { ok: false; errors: FieldError[] } => {
  const errors: FieldError[] = [];
  if (mapping.length !== headerCount) {
    errors.push({ field: "mapping", code: "column_count", message: `Expected ${headerCount} entries, one per column` });
  }
  const seen = new Set<string>();
  const result: (ImportTarget | null)[] = [];
  mapping.forEach((target, i) => {
    if (target === null || target === "") return void result.push(null);
    if (!isTarget(entity, target)) {
      errors.push({ field: `mapping.${i}`, code: "unknown_field", message: `Not a field of ${entity}: ${target}` });
      return void result.push(null);
    }
    if (seen.has(target) && !repeatableImportTargets.has(target)) {
      errors.push({ field: `mapping.${i}`, code: "duplicate_field", message: `${target} is mapped twice` });
    }
    seen.add(target);
    result.push(target);
  });
  for (const required of requiredImportTargets[entity]) {
    if (!seen.has(required)) errors.push({ field: "mapping", code: "required_field_unmapped", message: `Map a column to ${required}` });
  }
  if (entity === "contacts" && !seen.has("name") && !seen.has("firstName") && !seen.has("lastName")) {
    errors.push({ field: "mapping", code: "required_field_unmapped", message: "Map a column to the contact's name" });
  }
  if (entity === "contacts" && !seen.has("company") && !seen.has("companyLegalId")) {
    errors.push({ field: "mapping", code: "required_field_unmapped", message: "Map a column to the client (name or legal id)" });
  }
  if (entity === "deals" && !seen.has("company") && !seen.has("companyLegalId")) {
    errors.push({ field: "mapping", code: "required_field_unmapped", message: "Map a column to the client (name or legal id)" });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, mapping: result };
};
