import { useSearchParams } from "react-router";
import { Alert, Badge, Box, Card, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Funnel } from "@conveyor/contracts";
import { idSchema } from "@conveyor/contracts";
import { useCompanyFacets } from "../clients/use-company-facets";
import { usePipelines } from "../deals/use-pipelines";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { LoadError, PageLoader } from "../ui/page-states";
import { ExportButton } from "./export-button";
import { KpiToolbar, PeriodPicker, ScopePicker } from "./kpi-controls";
import { barShares, formatShare } from "./kpi-figures";
import { exportParams, useFunnel } from "./kpi.api";
import { useKpiQuery } from "./use-kpi-query";
import { withParams } from "../ui/search-params";

type Stage = Funnel["stages"][number];

/** A stage converting below its norm: its conversion is in red even when another stage is the weakest. */
const belowNorm = (stage: Stage): boolean => stage.conversion !== null && stage.norm !== null && stage.conversion < stage.norm;

const StagesTable = ({ funnel }: { funnel: Funnel }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const number = (value: number) => formatNumber(locale, value);
  const share = (value: number | null) => (value === null ? "—" : formatShare(locale, value));
  const widths = barShares(funnel.stages.map((stage) => stage.entered));
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" data-testid="funnel-stages">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("kpi.funnel.stage")}</Table.Th>
            <Table.Th w="30%">{t("kpi.funnel.entered")}</Table.Th>
            <Table.Th ta="end">{t("kpi.funnel.conversion")}</Table.Th>
            <Table.Th ta="end">{t("kpi.funnel.norm")}</Table.Th>
            <Table.Th ta="end">{t("kpi.funnel.lostAfter")}</Table.Th>
            <Table.Th ta="end">{t("kpi.funnel.daysInStage")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {funnel.stages.map((stage, index) => {
            const weakest = stage.stageId === funnel.weakestStageId;
            const below = belowNorm(stage);
            return (
              <Table.Tr
                key={stage.stageId}
                data-testid="funnel-stage"
                data-stage={stage.name}
                data-entered={stage.entered}
                data-weakest={weakest || undefined}
                bg={weakest ? "var(--mantine-color-red-light)" : undefined}
              >
                <Table.Td>
                  <Group gap={4} wrap="wrap">
                    <Text size="sm" fw={600}>
                      <bdi>{stage.name}</bdi>
                    </Text>
                    {stage.kind === "won" && (
                      <Badge size="xs" color="green" variant="light" maw="none" style={{ flexShrink: 0 }}>
                        {t("kpi.funnel.won")}
                      </Badge>
                    )}
                    {weakest && (
                      <Badge size="xs" color="red" variant="filled" maw="none" style={{ flexShrink: 0 }} data-testid="funnel-weakest">
                        {t("kpi.funnel.weakest")}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Box h={14} bg={stage.kind === "won" ? "green.6" : "blue.5"} style={{ width: `${Math.max((widths[index] ?? 0) * 100, 1)}%`, borderRadius: 3 }} />
                    <Text size="sm">{number(stage.entered)}</Text>
                  </Group>
                </Table.Td>
                <Table.Td ta="end" c={below ? "red" : undefined} fw={below ? 700 : undefined}>
                  {share(stage.conversion)}
                </Table.Td>
                <Table.Td ta="end">{share(stage.norm)}</Table.Td>
                <Table.Td ta="end">{number(stage.lostAfter)}</Table.Td>
                <Table.Td ta="end">{stage.averageDaysInStage === null ? "—" : formatNumber(locale, stage.averageDaysInStage, { maximumFractionDigits: 1 })}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};

const LostReasons = ({ funnel }: { funnel: Funnel }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  if (funnel.lostReasons.length === 0) return <Text size="sm" c="dimmed">{t("kpi.funnel.noLost")}</Text>;
  return (
    <Table verticalSpacing="xs" data-testid="funnel-lost-reasons">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("kpi.funnel.reason")}</Table.Th>
          <Table.Th ta="end">{t("kpi.funnel.count")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {funnel.lostReasons.map((row) => (
          <Table.Tr key={row.reason} data-testid="funnel-lost-reason">
            <Table.Td>
              <bdi>{row.reason || t("kpi.funnel.noReason")}</bdi>
            </Table.Td>
            <Table.Td ta="end">{formatNumber(locale, row.count)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
};

/**
 * The funnel (M5.15): how many deals entered each stage in the period, the share that moved on, against the norm (the
 * department's conversion, or for the department its previous month), days in stage, the stage furthest below its norm,
 * and why deals were lost — for one pipeline, a month and a scope.
 */
export const FunnelPage = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { query, setPeriod, setScope } = useKpiQuery();
  const [searchParams, setSearchParams] = useSearchParams();
  const pipelineId = idSchema.safeParse(searchParams.get("pipeline")).data;
  const channel = searchParams.get("channel") || undefined;
  const pipelines = usePipelines();
  // The channels the viewer's clients came through (M5.4's "by channel" view): the funnel per channel.
  const { facets } = useCompanyFacets();
  const funnelQuery = { ...query, pipelineId, channel };
  const funnel = useFunnel(funnelQuery);
  const setParam = (key: string, value: string | null) => setSearchParams(withParams(searchParams, { [key]: value || null }), { replace: true });
  const choosePipeline = (value: string | null) => setParam("pipeline", value);
  const channels = facets.channel.map((f) => ({ value: f.value, label: f.label || f.value }));
  if (channel && !channels.some((c) => c.value === channel)) channels.push({ value: channel, label: channel });

  if (funnel.isPending) return <PageLoader />;
  if (funnel.isError) return <LoadError error={funnel.error} onRetry={() => void funnel.refetch()} />;
  const data = funnel.data;
  const weakest = data.stages.find((stage) => stage.stageId === data.weakestStageId);
  const empty = data.stages.every((stage) => stage.entered === 0);

  return (
    <Stack gap="lg" data-testid="kpi-funnel" data-ready={!funnel.isPlaceholderData}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t("kpi.funnel.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("kpi.funnel.hint")}
        </Text>
      </Stack>
      <KpiToolbar
        actions={
          <ExportButton report="funnel" query={{ ...exportParams({ ...query, period: data.period.key }), pipelineId: data.pipeline.id, channel: data.channel ?? undefined }} />
        }
      >
        <PeriodPicker period={data.period} onChange={setPeriod} />
        <ScopePicker query={query} onChange={setScope} />
        {(pipelines.data?.length ?? 0) > 1 && (
          <Select
            w={220}
            aria-label={t("kpi.funnel.pipeline")}
            allowDeselect={false}
            data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={data.pipeline.id}
            onChange={choosePipeline}
            data-testid="funnel-pipeline"
          />
        )}
        {channels.length > 0 && (
          <Select
            w={200}
            aria-label={t("kpi.funnel.channel")}
            placeholder={t("kpi.funnel.allChannels")}
            clearable
            data={channels}
            value={data.channel}
            onChange={(value) => setParam("channel", value)}
            data-testid="funnel-channel"
          />
        )}
      </KpiToolbar>

      <Group gap="md">
        <Card withBorder radius="md" padding="md" data-testid="funnel-overall" data-value={data.conversion ?? undefined}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t("kpi.funnel.overall")}
          </Text>
          <Text fz={30} fw={700}>
            {data.conversion === null ? "—" : formatShare(locale, data.conversion)}
          </Text>
        </Card>
        <Text size="sm" c="dimmed" data-testid="funnel-pipeline-name">
          {t("kpi.funnel.pipeline")}: <bdi>{data.pipeline.name}</bdi>
          {data.channel !== null && (
            <>
              {" · "}
              {t("kpi.funnel.channel")}: <bdi>{data.channel}</bdi>
            </>
          )}
        </Text>
      </Group>

      {weakest && weakest.conversion !== null && weakest.norm !== null && (
        <Alert color="red" variant="light" title={t("kpi.funnel.weakest")} data-testid="funnel-weakest-advice">
          {t("kpi.funnel.weakestHint", { stage: weakest.name, value: formatShare(locale, weakest.conversion), norm: formatShare(locale, weakest.norm) })}
        </Alert>
      )}

      <Card withBorder radius="md" padding="lg" component="section">
        {empty ? (
          <Text size="sm" c="dimmed" ta="center" py="md" data-testid="funnel-empty">
            {t("kpi.funnel.empty")}
          </Text>
        ) : (
          <StagesTable funnel={data} />
        )}
      </Card>
      <Card withBorder radius="md" padding="lg" component="section">
        <Title order={2} size="h4" mb="sm">
          {t("kpi.funnel.lostReasons")}
        </Title>
        <LostReasons funnel={data} />
      </Card>
    </Stack>
  );
};
