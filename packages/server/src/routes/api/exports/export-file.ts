import type { FastifyReply } from "fastify";
import type { ExportFile } from "../../../commands/export-control-gate";

/** A controlled export as the download: its type, name, row count and id (the id also sits in the file). */
export const sendExportFile = (reply: FastifyReply, file: ExportFile): FastifyReply =>
  reply
    .header("content-type", file.contentType)
    .header("content-disposition", `attachment; filename="${file.filename}"`)
    .header("x-export-rows", String(file.rows))
    .header("x-export-id", file.exportId)
    .send(file.body);
