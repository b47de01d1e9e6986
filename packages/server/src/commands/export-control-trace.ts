import { decodeWhitespaceMark, exportIdInText } from "@conveyor/domain";
import ExcelJS from "exceljs";
import type { AppContext } from "../context";
import { findExportLog, type ExportLogRow } from "../repositories/export-control.repository";
import type { Viewer } from "../scope";
import { sha256Hex } from "./export-control-gate";

/*
 * [anti-leak] "Who exported this file": by the file's exact SHA-256 first; a copy someone opened and saved again
 * has other bytes, so then by the mark inside it — the export id in an XLSX's document properties or its
 * watermark sheet, or a CSV's trailing whitespace mark or watermark line.
 */

export type ExportTraceResult = { match: "hash" | "mark" | null; entry: ExportLogRow | null };

const isZip = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b;

/** The export id a file carries inside it, if any. */
export const exportIdInFile = async (bytes: Buffer): Promise<string | null> => {
  if (isZip(bytes)) {
    try {
      const workbook = new ExcelJS.Workbook();
      const copy = new ArrayBuffer(bytes.byteLength);
      new Uint8Array(copy).set(bytes);
      await workbook.xlsx.load(copy);
      const fromKeywords = /conveyor-export:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(workbook.keywords ?? "")?.[1];
      if (fromKeywords) return fromKeywords.toLowerCase();
      const texts = [workbook.description ?? "", workbook.lastModifiedBy ?? ""];
      for (const sheet of workbook.worksheets) {
        texts.push(sheet.headerFooter?.oddFooter ?? "");
        sheet.eachRow((row) => texts.push(row.values && Array.isArray(row.values) ? row.values.join(" ") : ""));
      }
      for (const text of texts) {
        const id = exportIdInText(text);
        if (id) return id;
      }
      return null;
    } catch {
      return null;
    }
  }
  const text = bytes.toString("utf8");
  return decodeWhitespaceMark(text) ?? exportIdInText(text);
};

export const traceExportByHash = async (context: AppContext, viewer: Viewer, hash: string): Promise<ExportTraceResult> => {
  const entry = await findExportLog(context.database.db, viewer, { hash: hash.toLowerCase() });
  return entry ? { match: "hash", entry } : { match: null, entry: null };
};

export const traceExportFile = async (context: AppContext, viewer: Viewer, bytes: Buffer): Promise<ExportTraceResult> => {
  const byHash = await traceExportByHash(context, viewer, sha256Hex(bytes));
  if (byHash.entry) return byHash;
  const id = await exportIdInFile(bytes);
  if (!id) return { match: null, entry: null };
  const entry = await findExportLog(context.database.db, viewer, { id });
  return entry ? { match: "mark", entry } : { match: null, entry: null };
};
