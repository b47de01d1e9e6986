import {
  customFiltersOf,
  exportCompaniesQuerySchema,
  exportDealsQuerySchema,
  idSchema,
  payExportQuerySchema,
  withCustomFilters,
  type ExportEntity,
  type FieldError,
} from "@conveyor/contracts";
import { searchPattern } from "@conveyor/domain";
import { z } from "zod";
import type { AppContext } from "../context";
import { AppError } from "../http/app-error";
import { exportQuerySchema as kpiExportQuerySchema } from "../routes/api/kpi/kpi.routes";
import type { Viewer } from "../scope";
import { resolveCompanyCustomFilter, resolveDealCustomFilter } from "./custom-values";
import { exportCompanies } from "./export-companies";
import { exportDeals } from "./export-deals";
import { exportImportErrors } from "./export-import-errors";
import { exportKpiReport } from "./export-kpi-report";
import { exportPayroll } from "./export-payroll";
import type { ExportPlan } from "./export-control-gate";

/*
 * [anti-leak] Each export path as a plan the gate runs: from the route's parsed query, or from an approval
 * request's stored query (checked again by the same schema when it is asked for and when it is downloaded).
 */

const companiesQuerySchema = withCustomFilters(exportCompaniesQuerySchema);
const dealsQuerySchema = withCustomFilters(exportDealsQuerySchema);

const stampOf = (context: AppContext): string => context.now().toISOString().slice(0, 10);

export const companiesExportPlan = async (context: AppContext, viewer: Viewer, query: z.infer<typeof companiesQuerySchema>): Promise<ExportPlan> => {
  const { format, locale, sort, order, q, ...rest } = query;
  const filter = Object.fromEntries(Object.entries(rest).filter(([key]) => !key.startsWith("cf.")));
  const custom = await resolveCompanyCustomFilter(context.database.db, viewer, customFiltersOf(query));
  const pattern = q ? searchPattern(q) : undefined;
  return {
    entity: "companies",
    format,
    filter: { ...rest, q, sort, order },
    filename: `clients-${stampOf(context)}`,
    build: () => exportCompanies(context, viewer, { filter: { ...filter, q: pattern || undefined, custom }, sort: { by: sort, order }, format, locale }),
  };
};

export const dealsExportPlan = async (context: AppContext, viewer: Viewer, query: z.infer<typeof dealsQuerySchema>): Promise<ExportPlan> => {
  const { format, locale, pipelineId, stageId, companyId, ownerId, status, q } = query;
  const custom = await resolveDealCustomFilter(context.database.db, viewer, customFiltersOf(query));
  const filter = { pipelineId, stageId, companyId, ownerId, status, q, custom };
  return {
    entity: "deals",
    format,
    filter: { pipelineId, stageId, companyId, ownerId, status, q },
    filename: `deals-${stampOf(context)}`,
    build: () => exportDeals(context, viewer, { filter, format, locale }),
  };
};

export const reportExportPlan = (context: AppContext, viewer: Viewer, parsed: z.infer<typeof kpiExportQuerySchema>): ExportPlan => {
  const { report, locale, by, count, split, ...query } = parsed;
  return {
    entity: "report",
    format: "xlsx",
    filter: { report, ...query },
    filename: `${report}-${stampOf(context)}`,
    build: () => exportKpiReport(context, viewer, { report, query, locale, forecast: { by, count, split } }),
  };
};

export const payrollExportPlan = (context: AppContext, viewer: Viewer, query: z.infer<typeof payExportQuerySchema>): ExportPlan => {
  const { month, layout, locale } = query;
  return {
    entity: "payroll",
    format: "xlsx",
    filter: { month, layout },
    filename: `payroll-${month}${layout === "1c" ? "-1c" : ""}`,
    build: () => exportPayroll(context, viewer, { month, layout, locale }),
  };
};

/** An import's error report: the query an approval request stores is `{ importId }`. */
export const importErrorsQuerySchema = z.strictObject({ importId: idSchema });

export const importErrorsExportPlan = (context: AppContext, viewer: Viewer, query: z.infer<typeof importErrorsQuerySchema>): ExportPlan => ({
  entity: "import_errors",
  format: "csv",
  filter: { importId: query.importId },
  filename: `import-errors-${query.importId.slice(0, 8)}`,
  build: () => exportImportErrors(context, viewer, query.importId),
});

const parseOrFail = <T extends z.ZodType>(schema: T, query: Record<string, string>): z.infer<T> => {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.map((issue) => ({
    field: ["query", ...issue.path.map(String)].join("."),
    code: issue.code,
    message: issue.message,
  }));
  throw new AppError("validation_failed", errors[0]?.message ?? "The export's query is not valid", { errors });
};

/** The plan of a stored query: the export route's schema checks it; its locale and format come with it. */
export const exportPlanOf = async (
  context: AppContext,
  viewer: Viewer,
  entity: ExportEntity,
  query: Record<string, string>,
): Promise<{ plan: ExportPlan; locale: string }> => {
  switch (entity) {
    case "companies": {
      const parsed = parseOrFail(companiesQuerySchema, query);
      return { plan: await companiesExportPlan(context, viewer, parsed), locale: parsed.locale };
    }
    case "deals": {
      const parsed = parseOrFail(dealsQuerySchema, query);
      return { plan: await dealsExportPlan(context, viewer, parsed), locale: parsed.locale };
    }
    case "report": {
      const parsed = parseOrFail(kpiExportQuerySchema, query);
      return { plan: reportExportPlan(context, viewer, parsed), locale: parsed.locale };
    }
    case "payroll": {
      const parsed = parseOrFail(payExportQuerySchema, query);
      return { plan: payrollExportPlan(context, viewer, parsed), locale: parsed.locale };
    }
    case "import_errors": {
      const parsed = parseOrFail(importErrorsQuerySchema, query);
      // The report carries the file's own words, not the interface's; the locale is only kept for the request.
      return { plan: importErrorsExportPlan(context, viewer, parsed), locale: "en" };
    }
  }
};
