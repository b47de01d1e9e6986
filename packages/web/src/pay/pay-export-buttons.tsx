import { useState } from "react";
import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Locale } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { downloadExport, queryOfExportUrl } from "../export-control/export-control.api";
import { RequestExportModal } from "../export-control/request-export-modal";
import { problemMessage } from "../ui/errors";
import { payExportUrl } from "./pay.api";

/**
 * The month's payroll for the accountant and for 1C. [anti-leak] The file comes through the export gate: a role
 * the export settings leave out reads the refusal here, a file past the threshold opens the approval request.
 */
export const PayExportButtons = ({ month, locale }: { month: string; locale: Locale }) => {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<Record<string, string> | null>(null);
  const [running, setRunning] = useState<"accountant" | "1c" | null>(null);
  const run = (layout: "accountant" | "1c") => {
    const url = payExportUrl(month, layout, locale);
    setRunning(layout);
    downloadExport(url)
      .catch((error: unknown) => {
        if (isApiError(error, "export_approval_required")) setAsking(queryOfExportUrl(url));
        else notifications.show({ message: problemMessage(t, error), color: "red" });
      })
      .finally(() => setRunning(null));
  };
  return (
    <>
      <Button variant="default" loading={running === "accountant"} onClick={() => run("accountant")} data-testid="pay-export">
        {t("pay.export.accountant")}
      </Button>
      <Button variant="default" loading={running === "1c"} onClick={() => run("1c")} data-testid="pay-export-1c">
        {t("pay.export.onec")}
      </Button>
      <RequestExportModal entity="payroll" query={asking} onClose={() => setAsking(null)} />
    </>
  );
};
