import { Link } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Anchor, Badge, Button, Group, Stack, Table, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ImportJob, ImportRow, ImportRowOutcome } from "@conveyor/contracts";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { LoadError, PageLoader } from "../ui/page-states";
import { importFieldLabel } from "./import-labels";
import { importRowsKey, listImportRows } from "./imports.api";

const pageSize = 50;

const outcomeColor = (outcome: ImportRowOutcome) => {
  switch (outcome) {
    case "created":
      return "teal";
    case "updated":
      return "blue";
    case "skipped":
      return "gray";
    case "error":
      return "red";
  }
};

/** The row-by-row report, a page at a time: the spreadsheet's row number, what it became or why not. */
export const ImportRowsTable = ({ job, outcome }: { job: ImportJob; outcome: ImportRowOutcome | undefined }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const rows = useInfiniteQuery({
    queryKey: importRowsKey(job.id, outcome),
    queryFn: ({ pageParam }) => listImportRows(job.id, { outcome, cursor: pageParam || undefined, limit: pageSize }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  if (rows.isPending) return <PageLoader />;
  if (rows.isError && !rows.data) return <LoadError error={rows.error} onRetry={() => void rows.refetch()} />;
  const items = rows.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("imports.result.noRows")}
      </Text>
    );
  }

  const reason = (row: ImportRow) => {
    const text = row.code ? t(`imports.rowCodes.${row.code}`) : null;
    if (!text) return row.message ? <Text size="sm" c="dimmed"><span dir="auto">{row.message}</span></Text> : null;
    return (
      <Tooltip label={row.message} disabled={!row.message} multiline maw={420} withArrow>
        <Stack gap={0}>
          <Text size="sm">{text}</Text>
          {row.message && (
            <Text size="xs" c="dimmed" truncate maw={360}>
              <span dir="auto">{row.message}</span>
            </Text>
          )}
        </Stack>
      </Tooltip>
    );
  };

  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing="xs" data-testid={`import-rows-${outcome ?? "all"}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>{t("imports.result.row")}</Table.Th>
              <Table.Th w={120}>{t("imports.result.outcome")}</Table.Th>
              <Table.Th>{t("imports.result.field")}</Table.Th>
              <Table.Th>{t("imports.result.reason")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((row) => (
              <Table.Tr key={row.rowNumber} data-testid={`import-row-${row.rowNumber}`}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {formatNumber(locale, row.rowNumber, { useGrouping: false })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={outcomeColor(row.outcome)}>
                    {t(`imports.outcomes.${row.outcome}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{importFieldLabel(t, job.entity, row.field)}</Text>
                </Table.Td>
                <Table.Td>{reason(row)}</Table.Td>
                <Table.Td>
                  {row.companyId && row.outcome !== "error" && (
                    <Anchor component={Link} to={`/clients/${row.companyId}`} size="sm" data-testid={`import-open-client-${row.rowNumber}`}>
                      {t("imports.result.openClient")}
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.isFetchNextPageError && <LoadError error={rows.error} />}
      {rows.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={rows.isFetchingNextPage} onClick={() => void rows.fetchNextPage()} data-testid="import-rows-load-more">
            {t("imports.result.loadMore")}
          </Button>
        </Group>
      )}
    </Stack>
  );
};
