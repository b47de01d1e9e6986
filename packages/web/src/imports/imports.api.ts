import {
  importJobPageSchema,
  importJobSchema,
  importRowPageSchema,
  type ImportEntity,
  type ImportRowOutcome,
  type StartImport,
} from "@conveyor/contracts";
import { api } from "../app/api";
import { importContentType } from "./import-file";

export const importsKey = ["imports"];
export const importJobKey = (id: string) => [...importsKey, "job", id];
export const importRowsKey = (id: string, outcome: ImportRowOutcome | undefined) => [...importsKey, "rows", id, outcome ?? "all"];
export const importHistoryKey = [...importsKey, "history"];

const jobPath = (id: string) => `/api/v1/imports/${encodeURIComponent(id)}`;

/** Sends the file as it is; the answer is a draft with the columns, a preview and the suggested mapping. */
export const uploadImport = (entity: ImportEntity, file: File) =>
  api.upload("/api/v1/imports", importJobSchema, { data: file, contentType: importContentType(file.name) }, { entity, fileName: file.name });

export const getImport = (id: string) => api.get(jobPath(id), importJobSchema);

export const startImport = (id: string, body: StartImport) => api.post(`${jobPath(id)}/start`, importJobSchema, body);

export const listImportRows = (id: string, query: { outcome?: ImportRowOutcome; cursor?: string; limit: number }) =>
  api.get(`${jobPath(id)}/rows`, importRowPageSchema, query);

export const listImports = () => api.get("/api/v1/imports", importJobPageSchema);

/** The failed rows as CSV (original cells and the reason), downloaded with the session cookie. */
export const importReportUrl = (id: string) => `${jobPath(id)}/report`;
