import { Alert, Badge, Card, Group, Paper, SimpleGrid, Stack, Text, Title, type MantineColor } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RestructureAdvice } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatShortDate } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { LoadError, PageLoader } from "../ui/page-states";
import { dayToFormat } from "./calendar-day";
import { useRestructure } from "./department.api";
import { figureLines, type FigureFormat, type RestructureTrigger } from "./restructure-figures";

const verdictColor = (verdict: RestructureAdvice["verdict"]): MantineColor => {
  switch (verdict) {
    case "justified":
      return "green";
    case "measure_first":
      return "yellow";
    case "not_yet":
      return "gray";
  }
};

/**
 * M1.5: the seven triggers evaluated from the records, each met or not with the figures behind it, and
 * the verdict: justified, measure first, or not yet.
 */
export const RestructureCard = () => {
  const { t } = useTranslation();
  const restructure = useRestructure();
  return (
    <Card withBorder radius="md" padding="lg" component="section" data-testid="restructure-card">
      <Title order={2} size="h4">
        {t("department.restructure.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("department.restructure.hint")}
      </Text>
      {restructure.isPending ? (
        <PageLoader />
      ) : restructure.isError ? (
        <LoadError error={restructure.error} onRetry={() => void restructure.refetch()} />
      ) : (
        <RestructureBody advice={restructure.data} />
      )}
    </Card>
  );
};

const RestructureBody = ({ advice }: { advice: RestructureAdvice }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const format: FigureFormat = {
    locale,
    currency: organization.currency,
    points: (value) => t("department.restructure.points", { value }),
  };
  const date = dayToFormat(advice.asOf, organization.timeZone);

  return (
    <Stack gap="md">
      <Alert color={verdictColor(advice.verdict)} data-testid="restructure-verdict" data-verdict={advice.verdict}>
        <Stack gap={4}>
          <Text fw={700}>{t(`department.restructure.verdicts.${advice.verdict}`)}</Text>
          <Text size="sm" data-testid="restructure-met-count">
            {t("department.restructure.metCount", { met: advice.metCount, total: advice.triggers.length })}
            {" · "}
            {t("department.restructure.asOf", { date: formatShortDate(locale, date.value, date.timeZone) })}
          </Text>
          {advice.departmentMode === "three_level" && <Text size="sm">{t("department.restructure.alreadyThreeLevels")}</Text>}
        </Stack>
      </Alert>
      <Text size="sm" data-testid="restructure-small-department">
        {t("department.restructure.smallDepartment")}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" data-testid="restructure-triggers">
        {advice.triggers.map((trigger) => (
          <TriggerCard key={trigger.key} trigger={trigger} format={format} />
        ))}
      </SimpleGrid>
    </Stack>
  );
};

const TriggerCard = ({ trigger, format }: { trigger: RestructureTrigger; format: FigureFormat }) => {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      style={{ borderInlineStart: `4px solid var(--mantine-color-${trigger.met ? "green" : "gray"}-5)` }}
      data-testid={`restructure-trigger-${trigger.key}`}
      data-met={trigger.met}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text fw={600} size="sm">
          {t(`department.restructure.triggers.${trigger.key}`)}
        </Text>
        <Badge color={trigger.met ? "green" : "gray"} variant={trigger.met ? "filled" : "outline"} style={{ flexShrink: 0 }}>
          {trigger.met ? t("department.restructure.met") : t("department.restructure.notMet")}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mb={6}>
        {t(`department.restructure.triggerHints.${trigger.key}`)}
      </Text>
      <Stack gap={2} component="dl" m={0}>
        {figureLines(trigger, format).map((line) => (
          <Group key={line.key} justify="space-between" gap="xs" wrap="nowrap" data-figure={line.key}>
            <Text component="dt" size="xs" c="dimmed">
              {line.labelKey ? t(`department.restructure.figures.${line.labelKey}`) : line.fallbackLabel}
            </Text>
            <Text component="dd" size="xs" fw={500} m={0} style={{ whiteSpace: "nowrap" }}>
              {line.value}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
};
