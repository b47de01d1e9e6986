import { useState } from "react";
import { Link } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Group, Radio, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { onDuplicateSchema, type ImportJob, type OnDuplicate } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { useCurrentSession } from "../auth/current-session";
import { formatDateTime } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { problemMessage } from "../ui/errors";
import { importTargetLabel, isolate, mappingErrorMessage, targetGroupLabel } from "./import-labels";
import {
  duplicateColumns,
  freeTargets,
  isImportTarget,
  isMappingReady,
  mappingErrorColumn,
  mappingFromJob,
  missingTargetGroups,
  sampleValues,
  setColumnTarget,
  targetsOf,
  type ColumnMapping,
} from "./import-mapping";
import { importJobKey, startImport } from "./imports.api";

/** The Select's value for "do not import this column"; never a field's name. */
const skipValue = "-";

const isOnDuplicate = (value: string): value is OnDuplicate => onDuplicateSchema.safeParse(value).success;

/** The second step: each column of the file to a field, what to do with duplicates, and Start. */
export const ImportMapping = ({ job, onStarted }: { job: ImportJob; onStarted: (job: ImportJob) => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const [mapping, setMapping] = useState<ColumnMapping>(() => mappingFromJob(job.entity, job.headers.length, job.mapping));
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>(job.onDuplicate);
  const queryClient = useQueryClient();

  const start = useMutation({
    mutationFn: () => startImport(job.id, { mapping: [...mapping], onDuplicate }),
    onSuccess: onStarted,
    // Started in another tab: show where it is now.
    onError: (error) => {
      if (isApiError(error, "import_not_draft")) void queryClient.invalidateQueries({ queryKey: importJobKey(job.id) });
    },
  });

  const serverErrors = isApiError(start.error, "import_mapping_invalid") ? start.error.fieldErrors : [];
  const columnError = (column: number) => serverErrors.find((e) => mappingErrorColumn(e.field) === column);
  const generalErrors = serverErrors.filter((e) => mappingErrorColumn(e.field) === null);
  const duplicates = duplicateColumns(mapping);
  const missing = missingTargetGroups(job.entity, mapping);

  const change = (column: number, value: string | null) => {
    start.reset();
    setMapping((previous) => setColumnTarget(previous, column, isImportTarget(job.entity, value) ? value : null));
  };

  return (
    <Card withBorder radius="md" padding="lg" component="section" data-testid="import-mapping">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={2} size="h4">
              {t("imports.mapping.title", { file: isolate(job.fileName) })}
            </Title>
            <Text size="sm" c="dimmed">
              {t("imports.mapping.subtitle", { entity: t(`imports.entities.${job.entity}`), rows: t("imports.rows", { count: job.totalRows }) })}
            </Text>
          </Stack>
          {job.preset && (
            <Badge variant="light" color="grape" size="lg" data-testid="import-preset">
              {t(`imports.mapping.preset.${job.preset}`)}
            </Badge>
          )}
        </Group>

        {job.sameFileImportedAt && (
          <Alert color="yellow" data-testid="import-same-file">
            {t("imports.mapping.sameFile", { date: formatDateTime(locale, job.sameFileImportedAt, organization.timeZone) })}
          </Alert>
        )}

        <Text size="sm">{t("imports.mapping.hint")}</Text>

        {generalErrors.length > 0 && (
          <Alert color="red" role="alert" data-testid="import-mapping-errors">
            <Stack gap={4}>
              {generalErrors.map((error, i) => (
                <Text key={i} size="sm">
                  {mappingErrorMessage(t, error)}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}

        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" data-testid="import-mapping-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("imports.mapping.column")}</Table.Th>
                <Table.Th>{t("imports.mapping.values")}</Table.Th>
                <Table.Th w={300}>{t("imports.mapping.target")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {job.headers.map((header, column) => {
                const name = header.trim() || t("imports.mapping.noHeader", { number: column + 1 });
                const values = sampleValues(job.sample, column);
                const free = new Set(freeTargets(job.entity, mapping, column));
                const serverError = columnError(column);
                const error = serverError
                  ? mappingErrorMessage(t, serverError)
                  : duplicates.has(column)
                    ? t("imports.mapping.duplicate")
                    : undefined;
                return (
                  <Table.Tr key={column} data-testid={`import-column-${column}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        <span dir="auto">{name}</span>
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {values.length > 0 ? (
                        <Stack gap={0}>
                          {values.map((value, i) => (
                            <Text key={i} size="xs" c="dimmed" truncate maw={320}>
                              <span dir="auto">{value}</span>
                            </Text>
                          ))}
                        </Stack>
                      ) : (
                        <Text size="xs" c="dimmed" fs="italic">
                          {t("imports.mapping.noValues")}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t("imports.mapping.targetOf", { column: name })}
                        allowDeselect={false}
                        searchable
                        value={mapping[column] ?? skipValue}
                        onChange={(value) => change(column, value)}
                        data={[
                          { value: skipValue, label: t("imports.mapping.skip") },
                          ...targetsOf(job.entity).map((target) => ({
                            value: target,
                            label: importTargetLabel(t, job.entity, target),
                            disabled: !free.has(target),
                          })),
                        ]}
                        error={error}
                        comboboxProps={{ withinPortal: true }}
                        data-testid={`import-target-${column}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>

        {missing.length > 0 && (
          <Alert color="orange" data-testid="import-mapping-missing">
            {t("imports.mapping.missing", { fields: missing.map((group) => targetGroupLabel(t, job.entity, group)).join(", ") })}
          </Alert>
        )}

        <Radio.Group
          label={t("imports.mapping.duplicates")}
          description={t("imports.mapping.duplicatesHint")}
          value={onDuplicate}
          onChange={(value) => isOnDuplicate(value) && setOnDuplicate(value)}
        >
          <Group gap="lg" mt="xs">
            {onDuplicateSchema.options.map((value) => (
              <Radio key={value} value={value} label={t(`imports.mapping.onDuplicate.${value}`)} data-testid={`import-duplicates-${value}`} />
            ))}
          </Group>
        </Radio.Group>

        {start.isError && serverErrors.length === 0 && (
          <Alert color="red" role="alert" data-testid="import-start-error">
            {problemMessage(t, start.error)}
          </Alert>
        )}

        <Group justify="space-between">
          <Button component={Link} to={`/imports/new?entity=${job.entity}`} variant="default">
            {t("imports.mapping.another")}
          </Button>
          <Button
            loading={start.isPending}
            disabled={!isMappingReady(job.entity, mapping)}
            onClick={() => start.mutate()}
            data-testid="import-start"
          >
            {t("imports.mapping.start")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
};
