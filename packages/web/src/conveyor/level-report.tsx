import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Anchor, Card, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { levels, type LevelReport as LevelReportData, type LevelReportQuery } from "@conveyor/contracts";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { LoadError, PageLoader } from "../ui/page-states";
import { getLevelReport, levelReportKey } from "./conveyor.api";

const Days = ({ days }: { days: number | null }) => {
  const { locale } = useLocale();
  return <>{days === null ? "—" : formatNumber(locale, days, { maximumFractionDigits: 1 })}</>;
};

const AtLevel = ({ report }: { report: LevelReportData }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" data-testid="level-counts">
      {levels.map((level) => (
        <Paper key={level} withBorder radius="md" p="md" data-testid={`level-count-${level}`}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t(`levels.${level}`)}
          </Text>
          <Text size="xl" fw={700}>
            {formatNumber(locale, report.atLevel[level])}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
};

const TimeAtLevel = ({ report }: { report: LevelReportData }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (
    <Table verticalSpacing="xs" data-testid="time-at-level">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("handoverReport.levels.level")}</Table.Th>
          <Table.Th>{t("handoverReport.levels.handedOver")}</Table.Th>
          <Table.Th>{t("handoverReport.levels.average")}</Table.Th>
          <Table.Th>{t("handoverReport.levels.median")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.timeAtLevel.map((row) => (
          <Table.Tr key={row.level}>
            <Table.Td>{t(`levels.${row.level}`)}</Table.Td>
            <Table.Td>{formatNumber(locale, row.handedOver)}</Table.Td>
            <Table.Td>
              <Days days={row.averageDays} />
            </Table.Td>
            <Table.Td>
              <Days days={row.medianDays} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
};

/** Clients that stayed at a level longer than the organization allows: each a link to act on. */
const Stuck = ({ report }: { report: LevelReportData }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  if (report.stuck.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="stuck-list" data-count={0}>
        {t("handoverReport.levels.stuckNone")}
      </Text>
    );
  }
  const more = report.stuckTotal - report.stuck.length;
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={480} maxHeight={420}>
        <Table verticalSpacing="xs" data-testid="stuck-list" data-count={report.stuckTotal}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("handoverReport.column.client")}</Table.Th>
              <Table.Th>{t("handoverReport.levels.level")}</Table.Th>
              <Table.Th>{t("handoverReport.levels.owner")}</Table.Th>
              <Table.Th>{t("handoverReport.levels.daysAt")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.stuck.map((client) => (
              <Table.Tr key={client.companyId} data-testid="stuck-row" data-company={client.name}>
                <Table.Td>
                  <Anchor component={Link} to={`/clients/${client.companyId}`} size="sm">
                    <bdi>{client.name}</bdi>
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <span dir="ltr">{client.level}</span>
                </Table.Td>
                <Table.Td>{client.owner.name}</Table.Td>
                <Table.Td>{formatNumber(locale, client.days)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {more > 0 && (
        <Text size="xs" c="dimmed">
          {t("handoverReport.levels.stuckMore", { count: more })}
        </Text>
      )}
    </Stack>
  );
};

const ByPerson = ({ report }: { report: LevelReportData }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  if (report.byPerson.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("handoverReport.levels.nobody")}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={360} maxHeight={420}>
      <Table verticalSpacing="xs" striped data-testid="handovers-by-person">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("handoverReport.person")}</Table.Th>
            <Table.Th>{t("handoverReport.levels.given")}</Table.Th>
            <Table.Th>{t("handoverReport.levels.received")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.byPerson.map((person) => (
            <Table.Tr key={person.id} data-testid="handovers-person-row" data-person={person.name}>
              <Table.Td>{person.name}</Table.Td>
              <Table.Td>{formatNumber(locale, person.given)}</Table.Td>
              <Table.Td>{formatNumber(locale, person.received)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};

/**
 * The level report for heads and team leads: clients at each level now, how long clients stayed at
 * each level before moving on (in the period), clients stuck at a level, and who gave and received.
 */
export const LevelReport = ({ query }: { query: LevelReportQuery }) => {
  const { t } = useTranslation();
  const report = useQuery({ queryKey: levelReportKey(query), queryFn: () => getLevelReport(query), placeholderData: (previous) => previous });

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="level-report-title" data-testid="level-report">
      <Title order={2} size="h4" mb="sm" id="level-report-title">
        {t("handoverReport.levels.title")}
      </Title>
      {report.isPending ? (
        <PageLoader />
      ) : report.isError ? (
        <LoadError error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <Stack gap="lg">
          <Stack gap="xs">
            <Text fw={600} size="sm">
              {t("handoverReport.levels.atLevel")}
            </Text>
            <AtLevel report={report.data} />
          </Stack>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {t("handoverReport.levels.timeAtLevel")}
              </Text>
              <TimeAtLevel report={report.data} />
            </Stack>
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {t("handoverReport.levels.byPerson")}
              </Text>
              <ByPerson report={report.data} />
            </Stack>
          </SimpleGrid>
          <Stack gap="xs">
            <Group gap="xs" align="baseline">
              <Text fw={600} size="sm">
                {t("handoverReport.levels.stuck")}
              </Text>
              <Text size="xs" c="dimmed">
                {t("handoverReport.levels.stuckHint", { count: report.data.stuckAfterDays })}
              </Text>
            </Group>
            <Stuck report={report.data} />
          </Stack>
        </Stack>
      )}
    </Card>
  );
};
