import { Button } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { QueryParams } from "../api/client";
import { useCurrentSession } from "../auth/current-session";
import { isHead } from "../auth/permissions";
import { useExportControlMe } from "../export-control/export-control.api";
import { useLocale } from "../i18n/locale-provider";
import { kpiExportUrl, type KpiReport } from "./kpi-export";

/** Downloads the report on screen as XLSX (same period and scope), its headings in the reader's language. */
export const ExportButton = ({ report, query }: { report: KpiReport; query: QueryParams }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { user } = useCurrentSession();
  const exportControl = useExportControlMe();
  // [anti-leak] export is a permission: hidden for roles the organization does not let export.
  if (!isHead(user.role) && !exportControl.data?.mayExport) return null;
  return (
    <Button component="a" href={kpiExportUrl(report, query, locale)} download variant="default" data-testid={`kpi-export-${report}`}>
      {t("kpi.export.xlsx")}
    </Button>
  );
};
