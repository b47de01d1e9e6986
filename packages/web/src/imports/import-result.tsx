import { useState } from "react";
import { Link } from "react-router";
import { Alert, Button, Card, Group, Stack, Tabs, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ImportJob } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatDateTime } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { ImportCounts } from "./import-counts";
import { ImportRowsTable } from "./import-rows-table";
import { isolate } from "./import-labels";
import { importReportUrl } from "./imports.api";

type RowsTab = "errors" | "all";
const isRowsTab = (value: string | null): value is RowsTab => value === "errors" || value === "all";

/** The last step: what became of the file, the rows that failed and why, and the way to fix them. */
export const ImportResult = ({ job }: { job: ImportJob }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const [tab, setTab] = useState<RowsTab>(job.errorCount > 0 ? "errors" : "all");
  const when = job.finishedAt ?? job.startedAt ?? job.createdAt;

  return (
    <Stack gap="lg" data-testid="import-result">
      <Card withBorder radius="md" padding="lg" component="section">
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={2} size="h4">
              {t(job.status === "failed" ? "imports.result.failedTitle" : "imports.result.title", { file: isolate(job.fileName) })}
            </Title>
            <Text size="sm" c="dimmed">
              {t("imports.result.when", {
                entity: t(`imports.entityShort.${job.entity}`),
                who: isolate(job.createdByName),
                date: formatDateTime(locale, when, organization.timeZone),
              })}
            </Text>
          </Stack>
          {job.status === "failed" && (
            <Alert color="red" role="alert" data-testid="import-failed">
              {t("imports.result.failed")}
            </Alert>
          )}
          <ImportCounts job={job} />
          <Group justify="space-between">
            <Group gap="sm">
              {job.errorCount > 0 && (
                <Button component="a" href={importReportUrl(job.id)} download variant="light" color="red" data-testid="import-download-errors">
                  {t("imports.result.download")}
                </Button>
              )}
            </Group>
            <Button component={Link} to={`/imports/new?entity=${job.entity}`} data-testid="import-another">
              {t("imports.result.another")}
            </Button>
          </Group>
        </Stack>
      </Card>

      <Card withBorder radius="md" padding="lg" component="section">
        <Tabs value={tab} onChange={(value) => isRowsTab(value) && setTab(value)}>
          <Tabs.List mb="md">
            <Tabs.Tab value="errors" data-testid="import-tab-errors">
              {t("imports.result.errorsTab")}
            </Tabs.Tab>
            <Tabs.Tab value="all" data-testid="import-tab-all">
              {t("imports.result.allTab")}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
        {tab === "errors" ? (
          job.errorCount === 0 ? (
            <Text size="sm" c="dimmed" data-testid="import-no-errors">
              {t("imports.result.noErrors")}
            </Text>
          ) : (
            <ImportRowsTable key="errors" job={job} outcome="error" />
          )
        ) : (
          <ImportRowsTable key="all" job={job} outcome={undefined} />
        )}
      </Card>
    </Stack>
  );
};
