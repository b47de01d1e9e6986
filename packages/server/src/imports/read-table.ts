import ExcelJS from "exceljs";
import { maxImportRows } from "@conveyor/contracts";
import { AppError } from "../http/app-error";

/** A file read as a table: the header row and the data rows, every cell as trimmed text. */
export type Table = { headers: string[]; rows: string[][] };

const unreadable = (detail: string) => new AppError("import_file_unreadable", detail, { errors: [{ field: "file", code: "unreadable", message: detail }] });

/**
 * Text of a CSV file: UTF-8 (with or without a BOM) when it decodes as such, else Windows-1251 —
 * what Russian-language Excel and older CRM exports write.
 */
export const decodeText = (bytes: Uint8Array): string => {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1251").decode(bytes);
  }
};

/** The separator of the header line: the one of `;`, `,`, tab that occurs most outside quotes. */
export const sniffDelimiter = (text: string): string => {
  const firstLine: string[] = [];
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    firstLine.push(ch);
  }
  const counts = [";", ",", "\t"].map((d) => [d, firstLine.filter((c) => c === d).length] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ",";
};

/** RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside; CRLF or LF. */
export const parseCsv = (text: string, delimiter = sniffDelimiter(text)): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (ch === "\r" && text[i + 1] === "\n") i += 1;
    } else field += ch;
    i += 1;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
};

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return cellText(value.result ?? null);
    if ("error" in value) return "";
    return "";
  }
  return String(value);
};

const readXlsx = async (bytes: Uint8Array): Promise<string[][]> => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable("The file is not a readable XLSX workbook");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c += 1) cells.push(cellText(row.getCell(c).value));
    rows[rowNumber - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
};

const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b; // a ZIP container

/**
 * The file as a table: XLSX (first sheet) recognized by content, anything else read as CSV.
 * Blank rows stay in place (so row numbers match the spreadsheet) except at the end; a file
 * without a header and one data row is refused.
 */
export const readTable = async (bytes: Uint8Array): Promise<Table> => {
  if (bytes.byteLength === 0) throw unreadable("The file is empty");
  const raw = isXlsx(bytes) ? await readXlsx(bytes) : parseCsv(decodeText(bytes));
  const rows = raw.map((r) => r.map((cell) => cell.trim()));
  while (rows.length > 0 && isBlank(rows.at(-1) ?? [])) rows.pop();
  const [header, ...data] = rows;
  if (!header || isBlank(header) || !data.some((r) => !isBlank(r))) throw unreadable("The file has no header row and data rows");
  if (data.length > maxImportRows) throw unreadable(`The file has more than ${maxImportRows} rows; split it`);
  const width = data.reduce((w, r) => Math.max(w, r.length), header.length);
  const headers = Array.from({ length: width }, (_, i) => header[i] || `#${i + 1}`);
  return { headers, rows: data.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? "")) };
};

export const isBlank = (row: readonly string[]): boolean => row.every((cell) => cell === "");
