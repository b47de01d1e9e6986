import ExcelJS from "exceljs";
import { currencyDigits, type Locale } from "@conveyor/contracts";
import type { PayrollLineKind } from "@conveyor/domain";
import type { AppContext } from "../context";
import { paySellersInScope } from "../repositories/pay-facts.repository";
import type { Viewer } from "../scope";
import { loadMonthPayroll } from "./compute-payroll";
import { mustManagePay, payPeriodFor, type PayMonthRange } from "./pay-context";

/*
 * [pay] the month's payroll for the accountant as XLSX: a summary per seller with a sheet of every line, or
 * the flat layout 1C loads (docs/pay.md): personnel number (the e-mail), full name, accrual code, period,
 * amount — one row per seller and accrual code.
 */

/** Accrual codes of the 1C layout, stable: the accountant maps each to an accrual type once. */
export const accrualCodes: Record<PayrollLineKind, string> = {
  base: "BASE",
  variable: "COMMISSION",
  clawback: "CLAWBACK",
  late_clawback: "CLAWBACK",
  late_payment: "COMMISSION",
  kpi_bonus: "KPI_BONUS",
  accepted_leads: "LEAD_BONUS",
  first_deals: "FIRST_DEAL_BONUS",
  retention: "RETENTION_BONUS",
  adjustment: "ADJUSTMENT",
};

type Words = Record<string, string>;
const words: Record<Locale, Words> = {
  en: {
    summary: "Payroll", lines: "Lines", seller: "Seller", email: "E-mail", level: "Level", scheme: "Scheme", month: "Month", status: "Status", open: "open", closed: "closed",
    base: "Base salary", variable: "Variable part", clawback: "Clawback", late_clawback: "Clawback (closed month)", late_payment: "Paid late (closed month)", kpi_bonus: "KPI bonus", accepted_leads: "Leads accepted by L2",
    first_deals: "First deals", retention: "Retention", adjustment: "Adjustment", total: "Total", kind: "Line", amount: "Amount", detail: "Detail", plan: "Plan", fact: "Fact", completion: "% of plan",
  },
  ru: {
    summary: "Зарплата", lines: "Строки", seller: "Менеджер", email: "E-mail", level: "Уровень", scheme: "Схема", month: "Месяц", status: "Статус", open: "открыт", closed: "закрыт",
    base: "Оклад", variable: "Переменная часть", clawback: "Удержание за возврат", late_clawback: "Удержание (закрытый месяц)", late_payment: "Оплата за закрытый месяц", kpi_bonus: "Премия за KPI", accepted_leads: "Лиды, принятые L2",
    first_deals: "Первые сделки", retention: "Удержание клиентов", adjustment: "Корректировка", total: "Итого", kind: "Строка", amount: "Сумма", detail: "Подробности", plan: "План", fact: "Факт", completion: "% плана",
  },
  fa: {
    summary: "حقوق", lines: "ردیف‌ها", seller: "کارشناس", email: "ایمیل", level: "سطح", scheme: "طرح", month: "ماه", status: "وضعیت", open: "باز", closed: "بسته",
    base: "حقوق پایه", variable: "بخش متغیر", clawback: "کسر بابت بازپرداخت", late_clawback: "کسر (ماه بسته)", late_payment: "پرداخت دیرهنگام (ماه بسته)", kpi_bonus: "پاداش شاخص", accepted_leads: "سرنخ‌های پذیرفته‌شده L2",
    first_deals: "اولین معاملات", retention: "حفظ مشتری", adjustment: "اصلاح", total: "جمع", kind: "ردیف", amount: "مبلغ", detail: "جزئیات", plan: "برنامه", fact: "واقعی", completion: "٪ برنامه",
  },
};
const w = (locale: Locale, key: string): string => words[locale][key] ?? key;

const kinds: readonly PayrollLineKind[] = ["base", "variable", "clawback", "late_clawback", "late_payment", "kpi_bonus", "accepted_leads", "first_deals", "retention", "adjustment"];

const intlLocales: Record<Locale, string> = { en: "en-GB", ru: "ru-RU", fa: "fa-IR" };

/** The period in the reader's language and its calendar: "November 2026", "اسفند ۱۴۰۵ (2027-02-20 … 2027-03-20)". */
export const periodName = (locale: Locale, period: PayMonthRange): string => {
  const at = new Date(`${period.start}T00:00:00Z`);
  const calendar = period.kind === "jalali_month" ? "persian" : "gregory";
  const parts = new Intl.DateTimeFormat(intlLocales[locale], { calendar, month: "long", year: "numeric", timeZone: "UTC" }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const name = `${part("month")} ${part("year")}`.trim();
  return period.kind === "jalali_month" ? `${name} (${period.start} … ${period.end})` : name;
};

export const exportPayroll = async (context: AppContext, viewer: Viewer, options: { month: string; layout: "accountant" | "1c"; locale: Locale }): Promise<{ body: Buffer; rows: number }> => {
  mustManagePay(viewer);
  const { db } = context.database;
  const month = await payPeriodFor(db, viewer.organizationId, options.month);
  const sellers = await paySellersInScope(db, viewer);
  const loaded = await loadMonthPayroll(db, viewer.organizationId, month, sellers, context.now());
  const money = (minor: number) => minor / 10 ** currencyDigits(loaded.calendar.currency);
  const workbook = new ExcelJS.Workbook();
  let rows = 0;
  const { locale } = options;

  if (options.layout === "1c") {
    const sheet = workbook.addWorksheet("1C");
    sheet.addRow(["Табельный номер", "ФИО", "Код начисления", "Период", "Сумма"]);
    sheet.getRow(1).font = { bold: true };
    const [y, m, d] = month.start.split("-").map(Number) as [number, number, number];
    for (const r of loaded.results) {
      const byCode = new Map<string, number>();
      for (const line of r.payroll.lines) byCode.set(accrualCodes[line.kind], (byCode.get(accrualCodes[line.kind]) ?? 0) + line.amountMinor);
      for (const [code, amount] of byCode) {
        if (amount === 0) continue;
        sheet.addRow([r.seller.email, r.seller.name, code, new Date(Date.UTC(y, m - 1, d)), money(amount)]);
        rows += 1;
      }
    }
    sheet.getColumn(4).numFmt = "dd.mm.yyyy";
    sheet.getColumn(5).numFmt = "0.00";
  } else {
    const view = { views: [{ rightToLeft: locale === "fa" }] };
    const summary = workbook.addWorksheet(w(locale, "summary"), view);
    summary.addRow([w(locale, "month"), periodName(locale, month), w(locale, "status"), w(locale, loaded.status)]);
    summary.addRow([w(locale, "seller"), w(locale, "email"), w(locale, "level"), w(locale, "scheme"), w(locale, "plan"), w(locale, "fact"), w(locale, "completion"), ...kinds.map((k) => w(locale, k)), w(locale, "total")]);
    summary.getRow(2).font = { bold: true };
    const lines = workbook.addWorksheet(w(locale, "lines"), view);
    lines.addRow([w(locale, "seller"), w(locale, "kind"), w(locale, "amount"), w(locale, "detail")]);
    lines.getRow(1).font = { bold: true };
    for (const r of loaded.results) {
      const sum = (kind: PayrollLineKind) => money(r.payroll.lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.amountMinor, 0));
      summary.addRow([
        r.seller.name,
        r.seller.email,
        r.seller.level,
        r.scheme ? `${r.scheme.name} v${r.scheme.version}` : null,
        r.payroll.planMinor === null ? null : money(r.payroll.planMinor),
        money(r.payroll.factMinor),
        r.payroll.completionPercent === null ? null : Number(r.payroll.completionPercent.toFixed(1)),
        ...kinds.map(sum),
        money(r.payroll.totalMinor),
      ]);
      rows += 1;
      for (const line of r.payroll.lines) {
        const detail = Object.entries(line.figures).map(([k, v]) => `${k}=${v ?? ""}`).join("; ");
        lines.addRow([r.seller.name, w(locale, line.kind), money(line.amountMinor), detail]);
      }
    }
  }
  return { body: Buffer.from(await workbook.xlsx.writeBuffer()), rows };
};
