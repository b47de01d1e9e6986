import { useState } from "react";
import { Button, Menu } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { ExportEntity } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { useCurrentSession } from "../auth/current-session";
import { isHead } from "../auth/permissions";
import { problemMessage } from "../ui/errors";
import { downloadExport, queryOfExportUrl, useExportControlMe } from "./export-control.api";
import { RequestExportModal } from "./request-export-modal";

type Props = {
  entity: ExportEntity;
  urls: { xlsx: string; csv: string };
  labels: { button: string; hint: string; xlsx: string; csv: string };
  testId: string;
  /** Pushes the button to the end of its row (the deal filter bar). */
  pushEnd?: boolean;
};

/**
 * The export menu of a list (M1.5). Heads and admins download at once, as before. Anyone else the organization
 * lets export downloads through the gate: past the approval threshold the answer is 409 and the request dialog
 * opens with the same filters. Hidden for roles that may not export.
 */
export const ControlledExportMenu = ({ entity, urls, labels, testId, pushEnd = false }: Props) => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const me = useExportControlMe();
  const [asking, setAsking] = useState<Record<string, string> | null>(null);
  const head = isHead(user.role);
  if (!head && !me.data?.mayExport) return null;
  const run = (url: string) => {
    downloadExport(url).catch((error: unknown) => {
      if (isApiError(error, "export_approval_required")) setAsking(queryOfExportUrl(url));
      else notifications.show({ message: problemMessage(t, error), color: "red" });
    });
  };
  const item = (format: "xlsx" | "csv") =>
    head ? (
      <Menu.Item component="a" href={urls[format]} download data-testid={`${testId}-${format}`}>
        {labels[format]}
      </Menu.Item>
    ) : (
      <Menu.Item onClick={() => run(urls[format])} data-testid={`${testId}-${format}`}>
        {labels[format]}
      </Menu.Item>
    );
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" data-testid={testId} {...(pushEnd ? { ms: "auto" } : {})}>
            {labels.button}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{labels.hint}</Menu.Label>
          {item("xlsx")}
          {item("csv")}
        </Menu.Dropdown>
      </Menu>
      <RequestExportModal entity={entity} query={asking} onClose={() => setAsking(null)} />
    </>
  );
};
