import ExcelJS from "exceljs";
import type { Locale } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { listCustomFields } from "../repositories/custom-field.repository";
import { listCompanies, cursorKeyOf, type CompanyCursor, type CompanyFilter, type CompanySort, type CompanyRow } from "../repositories/company.repository";
import type { Viewer } from "../scope";

/** Column headers of the export, in the three languages. */
const headers: Record<Locale, readonly string[]> = {
  en: ["Name", "Legal ID", "Status", "Temperature", "Level", "Manager", "Region", "Industry", "Target audience", "Channel", "Tags", "Added", "Last activity"],
  ru: ["Название", "ИНН", "Статус", "Температура", "Уровень", "Менеджер", "Регион", "Отрасль", "Целевая аудитория", "Канал", "Теги", "Добавлен", "Последняя активность"],
  fa: ["نام", "شناسه ملی", "وضعیت", "دما", "سطح", "کارشناس مسئول", "منطقه", "صنعت", "مخاطب هدف", "کانال جذب", "برچسب‌ها", "تاریخ ثبت", "آخرین فعالیت"],
};

const values = (row: CompanyRow): Array<string | Date | null> => [
  row.name,
  row.legalId,
  row.status,
  row.temperature,
  row.level,
  row.ownerName,
  row.region,
  row.industry,
  row.audience,
  row.channel,
  row.tags.join(", "),
  row.createdAt,
  row.lastActivityAt,
];

/** An export is capped so that one click cannot pull a whole base out; [anti-leak] adds approval. */
export const maxExportRows = 50_000;

/**
 * The client list as the viewer sees it, with the same filters, as XLSX or CSV — read page by
 * page through the same scoped query as the screen.
 */
export const exportCompanies = async (
  context: AppContext,
  viewer: Viewer,
  options: { filter: CompanyFilter; sort: CompanySort; format: "xlsx" | "csv"; locale: Locale },
): Promise<{ body: Buffer; rows: number }> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Clients", { views: [{ rightToLeft: options.locale === "fa" }] });
  // One column per active custom field, headed by its label as the organization wrote it.
  const customFields = await listCustomFields(context.database.db, viewer, "company", { includeArchived: false });
  sheet.addRow([...headers[options.locale], ...customFields.map((f) => f.label)]);
  sheet.getRow(1).font = { bold: true };
  let after: CompanyCursor | undefined;
  let written = 0;
  for (;;) {
    const { rows } = await listCompanies(context.database.db, viewer, options.filter, options.sort, { limit: 1000, after, knownTotal: { total: 0, exact: true } });
    for (const row of rows) sheet.addRow([...values(row), ...customFields.map((f) => row.custom[f.key] ?? null)]);
    written += rows.length;
    const last = rows.at(-1);
    if (rows.length < 1000 || !last || written >= maxExportRows) break;
    after = { key: cursorKeyOf(last, options.sort.by), id: last.id };
  }
  const body = options.format === "xlsx" ? await workbook.xlsx.writeBuffer() : await workbook.csv.writeBuffer();
  // A BOM lets spreadsheet programs read the CSV's Cyrillic and Persian as UTF-8.
  const bytes = Buffer.from(body);
  return { body: options.format === "csv" ? Buffer.concat([Buffer.from("\uFEFF"), bytes]) : bytes, rows: written };
};
