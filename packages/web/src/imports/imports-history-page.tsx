import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ImportStatus } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatDateTime, formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { LoadError, PageLoader } from "../ui/page-states";
import { importHistoryKey, listImports } from "./imports.api";

const statusColor = (status: ImportStatus) => {
  switch (status) {
    case "draft":
      return "gray";
    case "running":
      return "blue";
    case "done":
      return "teal";
    case "failed":
      return "red";
  }
};

/** The organization's latest imports: each opens its mapping (a draft), progress or result. */
export const ImportsHistoryPage = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const history = useQuery({ queryKey: importHistoryKey, queryFn: listImports, staleTime: 0 });
  const count = (value: number) => formatNumber(locale, value);

  return (
    <Stack gap="lg" data-testid="imports-history">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t("imports.history.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("imports.history.hint")}
          </Text>
        </Stack>
        <Button component={Link} to="/imports/new" data-testid="imports-new">
          {t("imports.history.new")}
        </Button>
      </Group>
      {history.isPending ? (
        <PageLoader />
      ) : history.isError ? (
        <LoadError error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.items.length === 0 ? (
        <Text c="dimmed" ta="center" py="xl" data-testid="imports-empty">
          {t("imports.history.empty")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="imports-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("imports.history.file")}</Table.Th>
                <Table.Th>{t("imports.history.entity")}</Table.Th>
                <Table.Th>{t("imports.history.who")}</Table.Th>
                <Table.Th>{t("imports.history.when")}</Table.Th>
                <Table.Th>{t("imports.history.status")}</Table.Th>
                <Table.Th>{t("imports.history.counts")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.items.map((job) => (
                <Table.Tr key={job.id} data-testid={`import-history-${job.id}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/imports/${job.id}`} size="sm" fw={500}>
                      <span dir="auto">{job.fileName}</span>
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`imports.entityShort.${job.entity}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{job.createdByName}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm">{formatDateTime(locale, job.createdAt, organization.timeZone)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={statusColor(job.status)}>
                      {t(`imports.statuses.${job.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm">
                      {[job.createdCount, job.updatedCount, job.skippedCount].map(count).join(" / ")} /{" "}
                      <Text span size="sm" c={job.errorCount > 0 ? "red" : undefined}>
                        {count(job.errorCount)}
                      </Text>
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
};
