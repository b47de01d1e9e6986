import { Card, Progress, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ImportJob } from "@conveyor/contracts";
import { importProgressPercent } from "./import-file";
import { ImportCounts } from "./import-counts";
import { isolate } from "./import-labels";

/** The third step: the bar and the counts as they grow; the page asks for them every second. */
export const ImportProgress = ({ job }: { job: ImportJob }) => {
  const { t } = useTranslation();
  const percent = importProgressPercent(job);
  return (
    <Card withBorder radius="md" padding="lg" component="section" data-testid="import-progress">
      <Stack gap="md">
        <Title order={2} size="h4">
          {t("imports.progress.title", { file: isolate(job.fileName) })}
        </Title>
        <Progress value={percent} size="xl" animated striped aria-label={t("imports.steps.progress")} />
        <Text size="sm" data-testid="import-progress-rows">
          {t("imports.progress.rows", { processed: job.processedRows, total: job.totalRows })}
        </Text>
        <ImportCounts job={job} />
        <Text size="sm" c="dimmed">
          {t("imports.progress.hint")}
        </Text>
      </Stack>
    </Card>
  );
};
