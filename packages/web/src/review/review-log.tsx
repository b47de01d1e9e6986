import { Link, useSearchParams } from "react-router";
import { Anchor, Badge, Card, Grid, Group, Progress, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/current-session";
import { formatDateTime, formatNumber, formatShortDate } from "../i18n/intl";
import { directionOf, useLocale } from "../i18n/locale-provider";
import type { Locale, ReviewLog } from "@conveyor/contracts";
import { usePeople } from "../people/people.api";
import { LoadError, PageLoader } from "../ui/page-states";
import { linePoints, minutesSeconds } from "./review-logic";
import { useReviewLog, type ReviewLogFilters } from "./review.api";
import { withParams } from "../ui/search-params";

/*
 * The review log (M2 evidence): per seller the share of active clients reviewed this week, the sittings with the
 * clients reviewed and the time per client, its trend over weeks, and the deals whose outcome changed after a
 * review. `?seller=`, `?reviewer=`, `?weeks=` keep the filters.
 */

const weekChoices = [4, 8, 12] as const;
const chartWidth = 480;
const chartHeight = 120;
const trendColor = { faster: "green", slower: "orange", steady: "gray", no_data: "gray" } as const;
const changeColor = { won: "green", lost: "red", advanced: "blue", moved_back: "orange" } as const;

/** Time per client as m:ss in the reader's digits. */
const duration = (locale: Locale, seconds: number): string => {
  const [minutes = "0", rest = "00"] = minutesSeconds(seconds).split(":");
  return `${formatNumber(locale, Number(minutes))}:${formatNumber(locale, Number(rest), { minimumIntegerDigits: 2 })}`;
};

/** Today minus the weeks, as the log's `from` (the server's today ends the period). */
const fromOf = (weeks: number, today: Date): string => new Date(today.getTime() - (weeks * 7 - 1) * 86_400_000).toISOString().slice(0, 10);

const TimeChart = ({ log }: { log: ReviewLog }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const weeks = log.timePerClient.weeks;
  const points = linePoints(
    weeks.map((w) => w.averageSeconds),
    chartWidth,
    chartHeight,
    8,
  );
  const rtl = directionOf(locale) === "rtl";
  const label = (weekOf: string) => formatShortDate(locale, `${weekOf}T12:00:00Z`, organization.timeZone);
  return (
    <Card withBorder radius="md" padding="md" data-testid="review-log-chart" data-weeks={weeks.length} data-trend={log.timePerClient.trend}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {t("review.log.timePerClient")}
        </Title>
        <Badge color={trendColor[log.timePerClient.trend]} variant="light" tt="none" data-testid="review-log-trend">
          {t(`review.log.trend.${log.timePerClient.trend}`)}
        </Badge>
      </Group>
      {weeks.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("review.log.noSessions")}
        </Text>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${chartWidth} ${chartHeight}`}
            width="100%"
            height={chartHeight}
            role="img"
            aria-label={t("review.log.chartLabel", { weeks: weeks.map((w) => `${label(w.weekOf)} ${duration(locale, w.averageSeconds)}`).join(", ") })}
            style={rtl ? { transform: "scaleX(-1)" } : undefined}
          >
            <polyline
              fill="none"
              stroke="var(--mantine-color-blue-6)"
              strokeWidth={2}
              points={points.map((p) => `${p.x},${p.y}`).join(" ")}
            />
            {points.map((p, i) => (
              <circle key={weeks[i]?.weekOf ?? i} cx={p.x} cy={p.y} r={3.5} fill="var(--mantine-color-blue-6)" />
            ))}
          </svg>
          <Group justify="space-between" gap={4}>
            {weeks.map((w) => (
              <Text key={w.weekOf} size="xs" c="dimmed" ta="center">
                {label(w.weekOf)} · {duration(locale, w.averageSeconds)}
              </Text>
            ))}
          </Group>
        </>
      )}
    </Card>
  );
};

const SellersTable = ({ log }: { log: ReviewLog }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={3} size="h5" mb="xs">
        {t("review.log.sellers")}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="review-log-sellers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("review.log.seller")}</Table.Th>
              <Table.Th>{t("review.log.activeClients")}</Table.Th>
              <Table.Th>{t("review.log.reviewedThisWeek")}</Table.Th>
              <Table.Th>{t("review.log.share")}</Table.Th>
              <Table.Th>{t("review.log.clientsReviewed")}</Table.Th>
              <Table.Th>{t("review.log.averageTime")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.sellers.map((row) => (
              <Table.Tr key={row.seller.id} data-testid="review-log-seller" data-seller={row.seller.name} data-share={row.shareReviewedThisWeek}>
                <Table.Td>{row.seller.name}</Table.Td>
                <Table.Td>{formatNumber(locale, row.activeClients)}</Table.Td>
                <Table.Td>{formatNumber(locale, row.reviewedThisWeek)}</Table.Td>
                <Table.Td miw={140}>
                  <Group gap="xs" wrap="nowrap">
                    <Progress value={row.shareReviewedThisWeek * 100} w={80} color={row.shareReviewedThisWeek >= 0.8 ? "green" : "blue"} />
                    <Text size="sm">{formatNumber(locale, row.shareReviewedThisWeek, { style: "percent", maximumFractionDigits: 0 })}</Text>
                  </Group>
                </Table.Td>
                <Table.Td>{formatNumber(locale, row.clientsReviewed)}</Table.Td>
                <Table.Td>{row.averageSecondsPerClient === null ? t("review.log.noTime") : duration(locale, row.averageSecondsPerClient)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
};

const SessionsTable = ({ log }: { log: ReviewLog }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={3} size="h5" mb="xs">
        {t("review.log.sessions")}
      </Title>
      {log.sessions.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="review-log-no-sessions">
          {t("review.log.noSessions")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table data-testid="review-log-sessions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("review.log.startedAt")}</Table.Th>
                <Table.Th>{t("review.log.reviewerAndSeller")}</Table.Th>
                <Table.Th>{t("review.log.clients")}</Table.Th>
                <Table.Th>{t("review.log.averageTime")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.sessions.map((session) => (
                <Table.Tr key={session.id} data-testid="review-log-session" data-seller={session.seller.name} data-count={session.clientsReviewed}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(locale, session.startedAt, organization.timeZone)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{session.seller.name}</Text>
                    <Text size="xs" c="dimmed">
                      {t("review.log.reviewedBy", { name: session.reviewer.name })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {t("review.log.clientCount", { count: session.clientsReviewed })}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {session.clients.map((c, i) => (
                        <span key={c.id}>
                          {i > 0 && ", "}
                          <Anchor component={Link} to={`/clients/${c.id}`} size="xs">
                            {c.name}
                          </Anchor>
                        </span>
                      ))}
                    </Text>
                  </Table.Td>
                  <Table.Td>{duration(locale, session.averageSecondsPerClient)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
};

const OutcomeChanges = ({ log }: { log: ReviewLog }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={3} size="h5" mb="xs">
        {t("review.log.outcomeChanges")}
      </Title>
      {log.outcomeChanges.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("review.log.noOutcomeChanges")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table data-testid="review-log-outcomes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("review.log.deal")}</Table.Th>
                <Table.Th>{t("review.log.client")}</Table.Th>
                <Table.Th>{t("review.log.change")}</Table.Th>
                <Table.Th>{t("review.log.reviewedAt")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.outcomeChanges.map((c) => (
                <Table.Tr key={c.deal.id} data-testid="review-log-outcome" data-change={c.change}>
                  <Table.Td>
                    <Anchor component={Link} to={`/deals/${c.deal.id}`} size="sm">
                      {c.deal.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/clients/${c.company.id}`} size="sm">
                      {c.company.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Badge color={changeColor[c.change]} variant="light" tt="none">
                        {t(`review.log.changes.${c.change}`)}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {t("review.log.nowIn", { stage: c.stageName })}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatShortDate(locale, c.reviewedAt, organization.timeZone)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
};

/** The review log tab of /review (`?tab=log`). */
export const ReviewLogTab = () => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const people = usePeople();
  const parsedWeeks = Number(params.get("weeks") ?? "4");
  const weeks = weekChoices.find((w) => w === parsedWeeks) ?? 4;
  const filters: ReviewLogFilters = { sellerId: params.get("seller"), reviewerId: params.get("reviewer"), from: fromOf(weeks, new Date()) };
  const log = useReviewLog(filters);
  const everyone = people.data ?? [];
  const setParam = (key: "seller" | "reviewer" | "weeks", value: string | null) =>
    setParams((current) => withParams(current, { [key]: value }));

  return (
    <Stack gap="md" data-testid="review-log" data-ready={log.isSuccess && !log.isFetching}>
      <Text c="dimmed" size="sm">
        {t("review.log.intro")}
      </Text>
      <Group gap="sm" align="flex-end">
        <Select
          label={t("review.log.seller")}
          placeholder={t("review.log.anyone")}
          clearable
          searchable
          w={240}
          value={filters.sellerId}
          onChange={(value) => setParam("seller", value)}
          data={everyone.filter((p) => p.role === "seller").map((p) => ({ value: p.id, label: p.name }))}
          data-testid="review-log-seller-filter"
        />
        <Select
          label={t("review.log.reviewer")}
          placeholder={t("review.log.anyone")}
          clearable
          searchable
          w={240}
          value={filters.reviewerId}
          onChange={(value) => setParam("reviewer", value)}
          data={everyone.filter((p) => p.role !== "seller").map((p) => ({ value: p.id, label: p.name }))}
          data-testid="review-log-reviewer-filter"
        />
        <Select
          label={t("review.log.period")}
          w={200}
          allowDeselect={false}
          value={String(weeks)}
          onChange={(value) => setParam("weeks", value === "4" ? null : value)}
          data={weekChoices.map((w) => ({ value: String(w), label: t("review.log.weeks", { count: w }) }))}
          data-testid="review-log-weeks"
        />
      </Group>
      {log.isPending ? (
        <PageLoader />
      ) : log.isError ? (
        <LoadError error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <>
          <Grid>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <SessionsTable log={log.data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <TimeChart log={log.data} />
            </Grid.Col>
          </Grid>
          <SellersTable log={log.data} />
          <OutcomeChanges log={log.data} />
        </>
      )}
    </Stack>
  );
};
