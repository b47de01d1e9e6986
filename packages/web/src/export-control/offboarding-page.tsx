import { useState } from "react";
import { useParams } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { OffboardingReport } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatDateTime, formatNumber, formatShortDate } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { exportControlKey, offboard, useOffboardingReport } from "./export-control.api";

const Figure = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <Card withBorder padding="sm">
    <Text size="xs" c="dimmed">
      {label}
    </Text>
    <Text fw={600} size="xl" data-testid={testId}>
      {value}
    </Text>
  </Card>
);

const OffboardCard = ({ report }: { report: OffboardingReport }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const run = useMutation({
    mutationFn: () => offboard(report.user.id, { mode: "rules", reason: reason.trim() }),
    onSuccess: (result) => {
      notifications.show({ message: t("exportControl.offboarding.done", { clients: result.clients, deals: result.deals, tasks: result.tasks }), color: "green" });
      void queryClient.invalidateQueries({ queryKey: exportControlKey });
      void queryClient.invalidateQueries({ queryKey: ["users"] });
    },
  });
  return (
    <Card withBorder data-testid="offboard-card">
      <Stack gap="sm">
        <Title order={4}>{t("exportControl.offboarding.offboardTitle", { name: report.user.name })}</Title>
        <Text size="sm">{t("exportControl.offboarding.offboardText")}</Text>
        <Textarea label={t("exportControl.offboarding.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} required data-testid="offboard-reason" />
        {run.isError && <Alert color="red">{problemMessage(t, run.error)}</Alert>}
        <Group justify="flex-end">
          <Button color="red" disabled={reason.trim() === ""} loading={run.isPending} onClick={() => run.mutate()} data-testid="offboard-submit">
            {t("exportControl.offboarding.submit")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
};

/** [anti-leak] A person's offboarding: hand their work on (while active) and the report of their last 30 days. */
export const OffboardingPage = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const { id = "" } = useParams();
  const report = useOffboardingReport(id);
  if (report.isPending) return <PageLoader />;
  if (report.isError) return <LoadError error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  const tz = organization.timeZone;
  const n = (value: number) => formatNumber(locale, value);
  return (
    <Stack gap="md" data-testid="offboarding-page">
      <div>
        <Group gap="sm">
          <Title order={2}>{t("exportControl.offboarding.title", { name: r.user.name })}</Title>
          <Badge variant="light" color={r.user.status === "active" ? "green" : "gray"}>
            {t(`statuses.${r.user.status === "active" ? "active" : "deactivated"}`)}
          </Badge>
        </Group>
        <Text c="dimmed" size="sm">
          {t("exportControl.offboarding.intro")} {t("exportControl.offboarding.period", { since: formatShortDate(locale, r.since, tz), until: formatShortDate(locale, r.until, tz) })}
        </Text>
      </div>
      {r.user.status === "active" && <OffboardCard report={r} />}
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
        <Figure label={t("exportControl.offboarding.cardsOpened")} value={n(r.cardOpens.total)} testId="offboarding-cards" />
        <Figure label={t("exportControl.offboarding.otherClients")} value={n(r.cardOpens.otherClients)} testId="offboarding-other-cards" />
        <Figure label={t("exportControl.offboarding.exports")} value={n(r.exports.length)} testId="offboarding-exports" />
        <Figure label={t("exportControl.offboarding.reveals")} value={n(r.reveals.total)} testId="offboarding-reveals" />
        <Figure label={t("exportControl.offboarding.listedRows")} value={n(r.listedRows)} testId="offboarding-rows" />
        <Figure label={t("exportControl.offboarding.hoursAlerted")} value={n(r.hoursAlerted)} testId="offboarding-alerts" />
      </SimpleGrid>
      <Text size="sm" data-testid="offboarding-still-owned">
        {t("exportControl.offboarding.stillOwned", { clients: r.stillOwned.clients, tasks: r.stillOwned.openTasks })}
      </Text>
      <Card withBorder>
        <Title order={4} mb="xs">
          {t("exportControl.offboarding.exports")}
        </Title>
        {r.exports.length === 0 ? (
          <Text c="dimmed">{t("exportControl.offboarding.none")}</Text>
        ) : (
          <Table>
            <Table.Tbody>
              {r.exports.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDateTime(locale, e.at, tz)}</Table.Td>
                  <Table.Td>
                    {t(`exportControl.entity.${e.entity}`)} · {e.format.toUpperCase()}
                  </Table.Td>
                  <Table.Td>{n(e.rows)}</Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" dir="ltr">
                      {e.fileHash ? `${e.fileHash.slice(0, 16)}…` : "—"}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Card withBorder>
        <Title order={4} mb="xs">
          {t("exportControl.offboarding.cardsOpened")}
        </Title>
        {r.cardOpens.clients.length === 0 ? (
          <Text c="dimmed">{t("exportControl.offboarding.none")}</Text>
        ) : (
          <Table data-testid="offboarding-opened">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("exportControl.offboarding.client")}</Table.Th>
                <Table.Th>{t("exportControl.offboarding.opens")}</Table.Th>
                <Table.Th>{t("exportControl.offboarding.last")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.cardOpens.clients.map((c) => (
                <Table.Tr key={c.company.id}>
                  <Table.Td>{c.company.name}</Table.Td>
                  <Table.Td>{n(c.opens)}</Table.Td>
                  <Table.Td>{formatDateTime(locale, c.lastAt, tz)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={c.own ? "gray" : "orange"}>
                      {c.own ? t("exportControl.offboarding.own") : t("exportControl.offboarding.other")}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
};
