import { Paper, SimpleGrid, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ImportJob } from "@conveyor/contracts";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";

type CountsJob = Pick<ImportJob, "createdCount" | "updatedCount" | "skippedCount" | "errorCount">;

/** Created / updated / skipped / errors, as four figures. */
export const ImportCounts = ({ job }: { job: CountsJob }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const counts = [
    { key: "created", label: t("imports.counts.created"), value: job.createdCount, color: "teal" },
    { key: "updated", label: t("imports.counts.updated"), value: job.updatedCount, color: "blue" },
    { key: "skipped", label: t("imports.counts.skipped"), value: job.skippedCount, color: "gray" },
    { key: "errors", label: t("imports.counts.errors"), value: job.errorCount, color: job.errorCount > 0 ? "red" : "gray" },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      {counts.map((count) => (
        <Paper key={count.key} withBorder radius="md" p="sm">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {count.label}
          </Text>
          <Text size="xl" fw={700} c={count.value > 0 ? count.color : "dimmed"} data-testid={`import-count-${count.key}`} data-value={count.value}>
            {formatNumber(locale, count.value)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
};
