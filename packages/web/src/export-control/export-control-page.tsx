import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, FileButton, Group, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { ExportRequest, ExportRequestStatus, ExportTrace } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { isAdmin, isHead } from "../auth/permissions";
import { formatDateTime, formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { approvedExportUrl, decideExportRequest, downloadExport, exportControlKey, traceExportFile, useExportLog, useExportRequests } from "./export-control.api";
import { ExportSettingsForm } from "./export-settings-form";

const statusColor: Record<ExportRequestStatus, string> = { pending: "yellow", approved: "green", rejected: "red", downloaded: "gray", expired: "gray" };

const RequestsTable = ({ mine }: { mine: boolean }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const requests = useExportRequests({ mine });
  const decide = useMutation({
    mutationFn: ({ id, approve }: { id: string; approve: boolean }) => decideExportRequest(id, approve),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: exportControlKey }),
    onError: (error) => notifications.show({ message: problemMessage(t, error), color: "red" }),
  });
  const fetchFile = useMutation({
    mutationFn: (id: string) => downloadExport(approvedExportUrl(id)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: exportControlKey }),
    onError: (error) => notifications.show({ message: problemMessage(t, error), color: "red" }),
  });
  if (requests.isPending) return <PageLoader />;
  if (requests.isError) return <LoadError error={requests.error} onRetry={() => void requests.refetch()} />;
  if (requests.data.items.length === 0) return <Text c="dimmed">{t("exportControl.noRequests")}</Text>;
  const when = (value: string | null) => (value ? formatDateTime(locale, value, organization.timeZone) : "—");
  const actions = (r: ExportRequest) => {
    if (!mine && r.status === "pending") {
      return (
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" color="green" onClick={() => decide.mutate({ id: r.id, approve: true })} data-testid="export-approve">
            {t("exportControl.approve")}
          </Button>
          <Button size="xs" variant="default" onClick={() => decide.mutate({ id: r.id, approve: false })} data-testid="export-reject">
            {t("exportControl.reject")}
          </Button>
        </Group>
      );
    }
    if (mine && r.status === "approved") {
      return (
        <Button size="xs" onClick={() => fetchFile.mutate(r.id)} loading={fetchFile.isPending} data-testid="export-download">
          {t("exportControl.download")}
        </Button>
      );
    }
    return null;
  };
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped data-testid={mine ? "export-my-requests" : "export-approvals"}>
        <Table.Thead>
          <Table.Tr>
            {!mine && <Table.Th>{t("exportControl.columns.requester")}</Table.Th>}
            <Table.Th>{t("exportControl.columns.what")}</Table.Th>
            <Table.Th>{t("exportControl.columns.rows")}</Table.Th>
            <Table.Th>{t("exportControl.columns.reason")}</Table.Th>
            <Table.Th>{t("exportControl.columns.asked")}</Table.Th>
            <Table.Th>{t("exportControl.columns.status")}</Table.Th>
            <Table.Th>{t("exportControl.columns.expires")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {requests.data.items.map((r) => (
            <Table.Tr key={r.id} data-testid="export-request-row" data-status={r.status}>
              {!mine && <Table.Td>{r.requester.name}</Table.Td>}
              <Table.Td>
                {t(`exportControl.entity.${r.entity}`)} · {r.format.toUpperCase()}
              </Table.Td>
              <Table.Td>{formatNumber(locale, r.rows)}</Table.Td>
              <Table.Td>{r.reason ?? "—"}</Table.Td>
              <Table.Td>{when(r.createdAt)}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Badge color={statusColor[r.status]} variant="light" style={{ overflow: "visible" }}>
                  {t(`exportControl.status.${r.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{when(r.expiresAt)}</Table.Td>
              <Table.Td>{actions(r)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};

const TraceCard = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const [result, setResult] = useState<ExportTrace | null>(null);
  const trace = useMutation({ mutationFn: traceExportFile, onSuccess: setResult });
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>{t("exportControl.trace.title")}</Title>
        <Text size="sm" c="dimmed">
          {t("exportControl.trace.hint")}
        </Text>
        <Group>
          <FileButton onChange={(file) => file && trace.mutate(file)} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
            {(props) => (
              <Button variant="default" loading={trace.isPending} {...props} data-testid="export-trace-file">
                {t("exportControl.trace.choose")}
              </Button>
            )}
          </FileButton>
        </Group>
        {trace.isError && <Alert color="red">{problemMessage(t, trace.error)}</Alert>}
        {result && (
          <Alert color={result.export ? "blue" : "gray"} data-testid="export-trace-result">
            {result.export
              ? `${t("exportControl.trace.found", { name: result.export.user.name, at: formatDateTime(locale, result.export.at, organization.timeZone), rows: result.export.rows })} (${t(result.match === "hash" ? "exportControl.trace.byHash" : "exportControl.trace.byMark")})`
              : t("exportControl.trace.notFound")}
          </Alert>
        )}
      </Stack>
    </Card>
  );
};

const LogTable = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const log = useExportLog(true);
  if (log.isPending) return <PageLoader />;
  if (log.isError) return <LoadError error={log.error} onRetry={() => void log.refetch()} />;
  if (log.data.items.length === 0) return <Text c="dimmed">{t("exportControl.noLog")}</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped data-testid="export-log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("exportControl.columns.at")}</Table.Th>
            <Table.Th>{t("exportControl.columns.user")}</Table.Th>
            <Table.Th>{t("exportControl.columns.what")}</Table.Th>
            <Table.Th>{t("exportControl.columns.rows")}</Table.Th>
            <Table.Th>{t("exportControl.columns.hash")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {log.data.items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{formatDateTime(locale, e.at, organization.timeZone)}</Table.Td>
              <Table.Td>{e.user.name}</Table.Td>
              <Table.Td>
                {t(`exportControl.entity.${e.entity}`)} · {e.format.toUpperCase()}
              </Table.Td>
              <Table.Td>{formatNumber(locale, e.rows)}</Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace" dir="ltr">
                  {e.fileHash ? `${e.fileHash.slice(0, 16)}…` : "—"}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};

/**
 * M1.5 (5): exports and data protection — the heads' approvals list, the person's own requests (download once
 * approved), the export log with "who exported this file", and the admin's settings.
 */
export const ExportControlPage = () => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const head = isHead(user.role);
  const [tab, setTab] = useState<string | null>(head ? "approvals" : "mine");
  return (
    <Stack gap="md" data-testid="export-control-page">
      <div>
        <Title order={2}>{t("exportControl.title")}</Title>
        <Text c="dimmed" size="sm">
          {t("exportControl.intro")}
        </Text>
      </div>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          {head && (
            <Tabs.Tab value="approvals" data-testid="export-tab-approvals">
              {t("exportControl.tabs.approvals")}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="mine" data-testid="export-tab-mine">
            {t("exportControl.tabs.mine")}
          </Tabs.Tab>
          {head && (
            <Tabs.Tab value="log" data-testid="export-tab-log">
              {t("exportControl.tabs.log")}
            </Tabs.Tab>
          )}
          {isAdmin(user.role) && (
            <Tabs.Tab value="settings" data-testid="export-tab-settings">
              {t("exportControl.tabs.settings")}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="approvals" pt="md">
          <RequestsTable mine={false} />
        </Tabs.Panel>
        <Tabs.Panel value="mine" pt="md">
          <RequestsTable mine />
        </Tabs.Panel>
        <Tabs.Panel value="log" pt="md">
          <Stack gap="md">
            <TraceCard />
            <LogTable />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <ExportSettingsForm />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
};
