import ExcelJS from "exceljs";
import { currencyDigits, type Locale } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { itemsOfDeals, type DealItemRow } from "../repositories/deal-item.repository";
import { listDeals, type DealCursor, type DealFilter, type DealRow } from "../repositories/deal.repository";
import { listPipelines } from "../repositories/pipeline.repository";
import type { Viewer } from "../scope";
import { maxExportRows } from "./export-companies";

/** Column headers of the export, in the three languages. */
const headers: Record<Locale, readonly string[]> = {
  en: ["Deal", "Client", "Pipeline", "Stage", "Amount", "Currency", "Owner", "Expected close", "Created", "Closed", "Reason lost", "Products"],
  ru: ["Сделка", "Клиент", "Воронка", "Этап", "Сумма", "Валюта", "Ответственный", "Ожидаемое закрытие", "Создана", "Закрыта", "Причина проигрыша", "Товары"],
  fa: ["معامله", "مشتری", "قیف", "مرحله", "مبلغ", "ارز", "مسئول", "تاریخ بسته‌شدن پیش‌بینی‌شده", "تاریخ ایجاد", "تاریخ بسته‌شدن", "دلیل از دست رفتن", "محصولات"],
};

const productsCell = (items: DealItemRow[] | undefined): string =>
  (items ?? []).map((item) => `${item.productName} × ${item.quantity}`).join("; ");

const values = (row: DealRow, pipelineName: string, items: DealItemRow[] | undefined): Array<string | number | Date | null> => [
  row.title,
  row.companyName,
  pipelineName,
  row.stageName,
  row.amountMinor / 10 ** currencyDigits(row.currency),
  row.currency,
  row.ownerName,
  row.expectedCloseDate,
  row.createdAt,
  row.closedAt,
  row.lostReason,
  productsCell(items),
];

/**
 * The deal list as the viewer sees it, with the same filters, as XLSX or CSV — read page by page
 * (largest first, as on screen) through the same scoped query as the list, each page's product
 * lines in one more query.
 */
export const exportDeals = async (
  context: AppContext,
  viewer: Viewer,
  options: { filter: DealFilter; format: "xlsx" | "csv"; locale: Locale },
): Promise<{ body: Buffer; rows: number }> => {
  const { db } = context.database;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Deals", { views: [{ rightToLeft: options.locale === "fa" }] });
  sheet.addRow([...headers[options.locale]]);
  sheet.getRow(1).font = { bold: true };
  const pipelineNames = new Map((await listPipelines(db, viewer)).map((p) => [p.id, p.name]));
  let after: DealCursor | undefined;
  let written = 0;
  for (;;) {
    const { rows } = await listDeals(db, viewer, options.filter, { limit: 1000, after, knownTotal: 0 });
    const items = await itemsOfDeals(db, viewer, rows.map((row) => row.id));
    for (const row of rows) sheet.addRow(values(row, pipelineNames.get(row.pipelineId) ?? "", items.get(row.id)));
    written += rows.length;
    const last = rows.at(-1);
    if (rows.length < 1000 || !last || written >= maxExportRows) break;
    after = { amountMinor: last.amountMinor, id: last.id };
  }
  const body = options.format === "xlsx" ? await workbook.xlsx.writeBuffer() : await workbook.csv.writeBuffer();
  // A BOM lets spreadsheet programs read the CSV's Cyrillic and Persian as UTF-8.
  const bytes = Buffer.from(body);
  return { body: options.format === "csv" ? Buffer.concat([Buffer.from("\uFEFF"), bytes]) : bytes, rows: written };
};
