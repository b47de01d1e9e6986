import ExcelJS from "exceljs";
import { currencyDigits, type DashboardQuery, type Locale } from "@conveyor/contracts";
import type { AppContext } from "../context";
import type { Viewer } from "../scope";
import { readDashboard } from "./read-dashboard";
import { readForecast } from "./read-forecast";
import { readFunnel } from "./read-funnel";
import { listPlans } from "./manage-plans";

/* Every KPI report as XLSX, read through the same scoped commands as the screens. */

export type KpiReport = "dashboard" | "funnel" | "forecast" | "plans";

type Words = Record<string, string>;
const words: Record<Locale, Words> = {
  en: {
    dashboard: "Dashboard", funnel: "Funnel", forecast: "Forecast", plans: "Plans", sellers: "Sellers",
    metric: "Metric", plan: "Plan", fact: "Fact", toDate: "% of plan to date", completion: "% of plan", runRate: "Needed per working day", projection: "Month-end projection",
    rank: "Rank", seller: "Seller", level: "Level", revenue: "Revenue", calls: "Calls", meetings: "Meetings", dealsWon: "Deals won", hotClients: "Hot clients",
    stage: "Stage", entered: "Entered", conversion: "Conversion", norm: "Norm", daysInStage: "Days in stage", lostAfter: "Lost after",
    start: "From", end: "To", weightedNew: "New clients (weighted)", weightedCurrent: "Current clients (weighted)", weightedPermanent: "Permanent clients (weighted)", repeat: "Repeat payments", total: "Forecast", actual: "Received",
    scope: "Scope", target: "Target", deals_won: "Deals won", new_clients: "New clients",
    groupNone: "Not set", groupOther: "Other", new: "New", current: "Current", permanent: "Permanent",
  },
  ru: {
    dashboard: "Показатели", funnel: "Воронка", forecast: "Прогноз", plans: "Планы", sellers: "Менеджеры",
    metric: "Показатель", plan: "План", fact: "Факт", toDate: "% плана на дату", completion: "% плана", runRate: "Нужно в рабочий день", projection: "Прогноз на конец месяца",
    rank: "Место", seller: "Менеджер", level: "Уровень", revenue: "Выручка", calls: "Звонки", meetings: "Встречи", dealsWon: "Сделки", hotClients: "Горячие клиенты",
    stage: "Этап", entered: "Вошло", conversion: "Конверсия", norm: "Норма", daysInStage: "Дней на этапе", lostAfter: "Потеряно после",
    start: "С", end: "По", weightedNew: "Новые клиенты (взвешенно)", weightedCurrent: "Текущие клиенты (взвешенно)", weightedPermanent: "Постоянные клиенты (взвешенно)", repeat: "Повторные оплаты", total: "Прогноз", actual: "Поступило",
    scope: "Кому", target: "План", deals_won: "Сделки", new_clients: "Новые клиенты",
    groupNone: "Не указано", groupOther: "Прочие", new: "Новые", current: "Текущие", permanent: "Постоянные",
  },
  fa: {
    dashboard: "شاخص‌ها", funnel: "قیف فروش", forecast: "پیش‌بینی", plans: "برنامه‌ها", sellers: "کارشناسان",
    metric: "شاخص", plan: "برنامه", fact: "واقعی", toDate: "٪ برنامه تا امروز", completion: "٪ برنامه", runRate: "لازم در هر روز کاری", projection: "پیش‌بینی پایان ماه",
    rank: "رتبه", seller: "کارشناس", level: "سطح", revenue: "درآمد", calls: "تماس‌ها", meetings: "جلسات", dealsWon: "معاملات موفق", hotClients: "مشتریان داغ",
    stage: "مرحله", entered: "ورودی", conversion: "نرخ تبدیل", norm: "هنجار", daysInStage: "روز در مرحله", lostAfter: "از دست رفته پس از",
    start: "از", end: "تا", weightedNew: "مشتریان جدید (وزنی)", weightedCurrent: "مشتریان فعلی (وزنی)", weightedPermanent: "مشتریان دائمی (وزنی)", repeat: "پرداخت‌های تکراری", total: "پیش‌بینی", actual: "دریافتی",
    scope: "برای", target: "هدف", deals_won: "معاملات موفق", new_clients: "مشتریان جدید",
    groupNone: "نامشخص", groupOther: "سایر", new: "جدید", current: "فعلی", permanent: "دائمی",
  },
};

const w = (locale: Locale, key: string): string => words[locale][key] ?? key;

export const exportKpiReport = async (
  context: AppContext,
  viewer: Viewer,
  options: { report: KpiReport; query: DashboardQuery & { pipelineId?: string | undefined }; locale: Locale; forecast?: { by: "week" | "month"; count: number; split?: "client_type" | "level" | "segment" } },
): Promise<{ body: Buffer; rows: number }> => {
  const { locale, query } = options;
  const workbook = new ExcelJS.Workbook();
  const sheetOf = (name: string) => workbook.addWorksheet(w(locale, name), { views: [{ rightToLeft: locale === "fa" }] });
  let rows = 0;
  const add = (sheet: ExcelJS.Worksheet, values: Array<string | number | null>) => {
    sheet.addRow(values);
    rows += 1;
  };
  const header = (sheet: ExcelJS.Worksheet, keys: string[]) => {
    sheet.addRow(keys.map((k) => w(locale, k)));
    sheet.getRow(1).font = { bold: true };
  };
  const round = (n: number | null, digits = 1) => (n === null ? null : Number(n.toFixed(digits)));

  if (options.report === "dashboard") {
    const d = await readDashboard(context, viewer, query);
    const money = (minor: number) => minor / 10 ** currencyDigits(d.currency);
    const sheet = sheetOf("dashboard");
    header(sheet, ["metric", "plan", "fact", "toDate", "completion", "runRate", "projection"]);
    for (const line of d.plan) {
      const m = line.metric === "revenue" ? money : (n: number) => n;
      add(sheet, [w(locale, line.metric), line.plan === null ? null : m(line.plan), m(line.fact), round(line.completionToDate), round(line.completion), line.runRatePerDay === null ? null : round(m(line.runRatePerDay), 2), round(m(line.projection), 2)]);
    }
    const sellers = sheetOf("sellers");
    header(sellers, ["rank", "seller", "level", "revenue", "plan", "toDate", "calls", "meetings", "dealsWon", "hotClients"]);
    for (const s of d.sellers) add(sellers, [s.rank, s.name, s.level, money(s.revenueMinor), s.revenuePlanMinor === null ? null : money(s.revenuePlanMinor), round(s.completionToDate), s.calls, s.meetings, s.dealsWon, s.hotClients]);
  } else if (options.report === "funnel") {
    const f = await readFunnel(context, viewer, query);
    const sheet = sheetOf("funnel");
    header(sheet, ["stage", "entered", "conversion", "norm", "daysInStage", "lostAfter"]);
    for (const s of f.stages) add(sheet, [s.name, s.entered, round(s.conversion === null ? null : s.conversion * 100), round(s.norm === null ? null : s.norm * 100), round(s.averageDaysInStage), s.lostAfter]);
  } else if (options.report === "forecast") {
    const f = await readForecast(context, viewer, { scope: query.scope, split: "client_type", ...(options.forecast ?? { by: "month", count: 6 }) });
    const money = (minor: number) => minor / 10 ** currencyDigits(f.currency);
    const sheet = sheetOf("forecast");
    // Split by client type: the three weighted columns; by level or segment, one column per group.
    const byType = f.split === "client_type";
    const groupTitle = (g: { key: string; kind: string }) => (g.kind === "none" ? w(locale, "groupNone") : g.kind === "other" ? w(locale, "groupOther") : g.key);
    const groupColumns = byType ? ["weightedNew", "weightedCurrent", "weightedPermanent"] : f.groups.map(groupTitle);
    header(sheet, ["start", "end", ...groupColumns, "repeat", "total", "actual"]);
    for (const b of f.buckets) {
      const weighted = byType ? [b.weighted.new ?? 0, b.weighted.current ?? 0, b.weighted.permanent ?? 0] : b.byGroup;
      add(sheet, [b.start, b.end, ...weighted.map(money), money(b.repeatMinor), money(b.totalMinor), money(b.actualMinor)]);
    }
  } else {
    const p = await listPlans(context, viewer, query);
    const money = (minor: number) => minor / 10 ** currencyDigits(p.currency);
    const sheet = sheetOf("plans");
    header(sheet, ["scope", "metric", "target", "fact", "toDate"]);
    for (const item of p.items) {
      const m = item.metric === "revenue" ? money : (n: number) => n;
      add(sheet, [item.scopeName || w(locale, "dashboard"), w(locale, item.metric), m(item.target), item.fact === null ? null : m(item.fact), round(item.completionToDate)]);
    }
  }
  return { body: Buffer.from(await workbook.xlsx.writeBuffer()), rows };
};
