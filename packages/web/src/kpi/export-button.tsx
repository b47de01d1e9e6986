import { Button } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { QueryParams } from "../api/client";
import { useLocale } from "../i18n/locale-provider";
import { kpiExportUrl, type KpiReport } from "./kpi-export";

/** Downloads the report on screen as XLSX (same period and scope), its headings in the reader's language. */
export const ExportButton = ({ report, query }: { report: KpiReport; query: QueryParams }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (
    <Button component="a" href={kpiExportUrl(report, query, locale)} download variant="default" data-testid={`kpi-export-${report}`}>
      {t("kpi.export.xlsx")}
    </Button>
  );
};
