import { createHash } from "node:crypto";
import type { ImportEntity } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { detectPreset, suggestMapping } from "../imports/column-mapping";
import { readTable } from "../imports/read-table";
import { insertImportJob } from "../repositories/import.repository";
import type { Viewer } from "../scope";

/**
 * A file uploaded for import: read as a table and kept as a draft with the mapping we suggest
 * (amoCRM and Bitrix24 exports recognized by their headers). Nothing is imported yet.
 */
export const createImport = async (
  context: AppContext,
  viewer: Viewer,
  options: { entity: ImportEntity; fileName: string; bytes: Uint8Array },
): Promise<string> => {
  const table = await readTable(options.bytes);
  return insertImportJob(context.database.db, viewer, {
    entity: options.entity,
    fileName: options.fileName,
    fileHash: createHash("sha256").update(options.bytes).digest("hex"),
    headers: table.headers,
    rows: table.rows,
    preset: detectPreset(table.headers),
    mapping: suggestMapping(options.entity, table.headers),
    totalRows: table.rows.length,
    createdAt: context.now(),
  });
};
