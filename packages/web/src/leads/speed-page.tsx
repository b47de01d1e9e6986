import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { SpeedRow } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { zonedDayKey } from "../i18n/zoned-time";
import { formatBusinessMinutes } from "../lead-routing/durations";
import { getSpeed, speedKey } from "../lead-routing/lead-routing.api";
import { isSlowRow, isValidPeriod, lastMonth, thisMonth, withinSlaShare, type Period } from "../lead-routing/speed-figures";
import { LoadError, PageLoader } from "../ui/page-states";
import { leadScopeOf } from "./leads-access";

type SpeedTableProps = { rows: SpeedRow[]; slaMinutes: number; kind: "seller" | "source" };

/** Speed to lead per seller or per source; a row whose median is over the SLA is marked. */
const SpeedTable = ({ rows, slaMinutes, kind }: SpeedTableProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const number = (value: number) => formatNumber(locale, value);
  const minutes = (value: number | null) => (value === null ? t("leads.speed.none") : formatBusinessMinutes(t, value));
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" ta="center" py="md">
        {t("leads.speed.empty")}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped verticalSpacing="xs" data-testid={`speed-table-${kind}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(`leads.speed.column.${kind}`)}</Table.Th>
            <Table.Th ta="end">{t("leads.speed.column.leads")}</Table.Th>
            <Table.Th ta="end">{t("leads.speed.column.touched")}</Table.Th>
            <Table.Th ta="end">{t("leads.speed.column.withinSla")}</Table.Th>
            <Table.Th ta="end">{t("leads.speed.column.median")}</Table.Th>
            <Table.Th ta="end">{t("leads.speed.column.average")}</Table.Th>
            <Table.Th ta="end">{t("leads.speed.column.reassigned")}</Table.Th>
            <Table.Th ta="end">{t("leads.speed.column.escalated")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const slow = isSlowRow(row, slaMinutes);
            const share = withinSlaShare(row);
            return (
              <Table.Tr key={row.key} data-testid="speed-row" data-name={row.name} data-slow={slow || undefined}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" fw={500}>
                      <bdi>{row.name}</bdi>
                    </Text>
                    {slow && (
                      <Badge size="xs" color="red" variant="light" maw="none">
                        {t("leads.speed.slow")}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ta="end">{number(row.leads)}</Table.Td>
                <Table.Td ta="end">{number(row.touched)}</Table.Td>
                <Table.Td ta="end" style={{ whiteSpace: "nowrap" }}>
                  {share === null
                    ? t("leads.speed.none")
                    : t("leads.speed.share", {
                        share: formatNumber(locale, share, { style: "percent", maximumFractionDigits: 0 }),
                        count: row.withinSla,
                      })}
                </Table.Td>
                <Table.Td ta="end" c={slow ? "red" : undefined} fw={slow ? 600 : undefined} style={{ whiteSpace: "nowrap" }}>
                  {minutes(row.medianMinutes)}
                </Table.Td>
                <Table.Td ta="end" style={{ whiteSpace: "nowrap" }}>
                  {minutes(row.averageMinutes)}
                </Table.Td>
                <Table.Td ta="end">{number(row.reassigned)}</Table.Td>
                <Table.Td ta="end">{number(row.escalated)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};

/**
 * Speed to lead (M5.5): business minutes from arrival to the first call, email or meeting, per seller and per source,
 * for the leads received in a period (the reader's month by default). A seller sees their own row, a team lead the team's.
 */
export const SpeedPage = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { user, organization } = useCurrentSession();
  const [today] = useState(() => zonedDayKey(new Date(), organization.timeZone));
  const [period, setPeriod] = useState<Period>(() => thisMonth(today, locale));
  const valid = isValidPeriod(period);
  const report = useQuery({
    queryKey: speedKey(period),
    queryFn: () => getSpeed(period),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const scope = leadScopeOf(user.role);

  return (
    <Stack gap="lg" data-testid="speed-page">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t("leads.speed.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("leads.speed.hint")}
        </Text>
        {scope !== "department" && (
          <Text size="sm" c="dimmed" data-testid="speed-scope">
            {t(scope === "team" ? "leads.speed.teamOnly" : "leads.speed.ownOnly")}
          </Text>
        )}
      </Stack>

      <Group gap="sm" align="flex-end">
        <TextInput
          type="date"
          dir="ltr"
          w={180}
          label={t("leads.speed.from")}
          value={period.from}
          onChange={(event) => setPeriod({ ...period, from: event.currentTarget.value })}
          error={valid ? undefined : t("leads.speed.invalidPeriod")}
          data-testid="speed-from"
        />
        <TextInput
          type="date"
          dir="ltr"
          w={180}
          label={t("leads.speed.to")}
          value={period.to}
          onChange={(event) => setPeriod({ ...period, to: event.currentTarget.value })}
          data-testid="speed-to"
        />
        <Button variant="default" onClick={() => setPeriod(thisMonth(today, locale))} data-testid="speed-this-month">
          {t("leads.speed.thisMonth")}
        </Button>
        <Button variant="default" onClick={() => setPeriod(lastMonth(today, locale))} data-testid="speed-last-month">
          {t("leads.speed.lastMonth")}
        </Button>
      </Group>

      {!valid ? null : report.isPending ? (
        <PageLoader />
      ) : report.isError ? (
        <LoadError error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          <Alert color="blue" variant="light" data-testid="speed-sla">
            {t("leads.speed.sla", { time: formatBusinessMinutes(t, report.data.slaMinutes) })}
          </Alert>
          <Card withBorder radius="md" padding="lg" component="section" data-testid="speed-by-seller">
            <Title order={2} size="h4" mb="sm">
              {t("leads.speed.bySeller")}
            </Title>
            <SpeedTable rows={report.data.bySeller} slaMinutes={report.data.slaMinutes} kind="seller" />
          </Card>
          <Card withBorder radius="md" padding="lg" component="section" data-testid="speed-by-source">
            <Title order={2} size="h4" mb="sm">
              {t("leads.speed.bySource")}
            </Title>
            <SpeedTable rows={report.data.bySource} slaMinutes={report.data.slaMinutes} kind="source" />
          </Card>
        </>
      )}
    </Stack>
  );
};
