import { useRef, useState, type DragEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Group, Paper, Radio, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { importEntities, type ImportEntity } from "@conveyor/contracts";
import { problemMessage } from "../ui/errors";
import { importFileAccept, importFileProblem, isImportEntity } from "./import-file";
import { ImportSteps } from "./import-steps";
import { importHistoryKey, importJobKey, uploadImport } from "./imports.api";

/** The wizard's first step: what the file holds, and the file. Reading it leads to the column matching. */
export const NewImportPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get("entity");
  const entity: ImportEntity = isImportEntity(requested) ? requested : "companies";
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const upload = useMutation({
    mutationFn: (chosen: File) => uploadImport(entity, chosen),
    onSuccess: (job) => {
      queryClient.setQueryData(importJobKey(job.id), job);
      void queryClient.invalidateQueries({ queryKey: importHistoryKey });
      void navigate(`/imports/${job.id}`);
    },
  });

  const problem = file ? importFileProblem(file) : null;
  const choose = (chosen: File | null | undefined) => {
    upload.reset();
    setFile(chosen ?? null);
  };
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files.item(0));
  };

  return (
    <Stack gap="lg" maw={960} data-testid="import-new-page">
      <ImportSteps status="new" />
      <Card withBorder radius="md" padding="lg" component="section">
        <Stack gap="lg">
          <Radio.Group
            label={t("imports.whatToImport")}
            value={entity}
            onChange={(value) => isImportEntity(value) && setSearchParams({ entity: value }, { replace: true })}
          >
            <Stack gap="sm" mt="xs">
              {importEntities.map((value) => (
                <Radio
                  key={value}
                  value={value}
                  label={t(`imports.entities.${value}`)}
                  description={t(`imports.entityHints.${value}`)}
                  data-testid={`import-entity-${value}`}
                />
              ))}
            </Stack>
          </Radio.Group>

          <Stack gap="xs">
            <Text fw={500} size="sm">
              {t("imports.file")}
            </Text>
            <Paper
              withBorder
              radius="md"
              p="xl"
              onDragOver={(event) => {
                event.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={drop}
              style={{
                borderStyle: "dashed",
                borderColor: dragging ? "var(--mantine-primary-color-filled)" : undefined,
                textAlign: "center",
              }}
              data-testid="import-drop"
            >
              <Stack gap="sm" align="center">
                <Text size="sm" c="dimmed">
                  {t("imports.dropHint")}
                </Text>
                <input
                  ref={input}
                  type="file"
                  accept={importFileAccept}
                  hidden
                  onChange={(event) => {
                    choose(event.currentTarget.files?.item(0));
                    // Choosing the same file again (fixed and saved) must fire a change too.
                    event.currentTarget.value = "";
                  }}
                  data-testid="import-file-input"
                />
                <Button variant="default" onClick={() => input.current?.click()} data-testid="import-choose-file">
                  {t("imports.chooseFile")}
                </Button>
                {file && (
                  <Text size="sm" fw={500} data-testid="import-file-name">
                    {t("imports.chosen", { name: file.name })}
                  </Text>
                )}
              </Stack>
            </Paper>
          </Stack>

          {problem && (
            <Alert color="red" role="alert" data-testid="import-file-problem">
              {t(`imports.fileProblems.${problem}`)}
            </Alert>
          )}
          {upload.isError && (
            <Alert color="red" role="alert" data-testid="import-upload-error">
              {problemMessage(t, upload.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button
              disabled={!file || problem !== null}
              loading={upload.isPending}
              onClick={() => file && upload.mutate(file)}
              data-testid="import-upload"
            >
              {t("imports.upload")}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
};
