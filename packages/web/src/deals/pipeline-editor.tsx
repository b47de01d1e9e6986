import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ActionIcon, Alert, Button, Checkbox, Group, NumberInput, Select, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { stageKinds, type Pipeline, type StageKind } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { problemMessage } from "../ui/errors";
import { createPipeline, dealsKey, pipelinesKey, savePipeline } from "./deals.api";
import { addStage, draftFromPipeline, draftToSave, isSavable, moveStage, removeStage, type PipelineDraft, type StageDraft } from "./pipeline-draft";

type PipelineEditorProps = {
  /** Null: a new pipeline. */
  pipeline: Pipeline | null;
  onSaved?: (pipeline: Pipeline) => void;
  testIdPrefix: string;
};

let newKeys = 0;
const newStage = (name: string): StageDraft => {
  newKeys += 1;
  return { key: `new-${newKeys}`, name, probability: 50, kind: "open" };
};

const emptyDraft = (names: { pipeline: string; stage: string; won: string; lost: string }): PipelineDraft => ({
  name: names.pipeline,
  isDefault: false,
  stages: [
    { ...newStage(names.stage), probability: 10 },
    { ...newStage(names.won), probability: 100, kind: "won" },
    { ...newStage(names.lost), probability: 0, kind: "lost" },
  ],
});

/** Stages in order with name, probability and kind; up/down buttons reorder; saved with one PUT. */
export const PipelineEditor = ({ pipeline, onSaved, testIdPrefix }: PipelineEditorProps) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<PipelineDraft>(() =>
    pipeline
      ? draftFromPipeline(pipeline)
      : emptyDraft({
          pipeline: t("pipelines.newPipeline"),
          stage: t("pipelines.newStage"),
          won: t("stageKinds.won"),
          lost: t("stageKinds.lost"),
        }),
  );
  const testId = (name: string) => `${testIdPrefix}${name}`;
  const setStages = (stages: StageDraft[]) => setDraft((previous) => ({ ...previous, stages }));
  const setStage = (index: number, patch: Partial<StageDraft>) =>
    setStages(draft.stages.map((stage, i) => (i === index ? { ...stage, ...patch } : stage)));

  const mutation = useMutation({
    mutationFn: () => (pipeline ? savePipeline(pipeline.id, draftToSave(draft)) : createPipeline(draftToSave(draft))),
    onSuccess: (saved) => {
      setDraft(draftFromPipeline(saved));
      void queryClient.invalidateQueries({ queryKey: pipelinesKey });
      void queryClient.invalidateQueries({ queryKey: dealsKey });
      notifications.show({ color: "green", message: t("pipelines.saved") });
      onSaved?.(saved);
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate();
  };

  const savable = isSavable(draft);
  const error = mutation.error;

  return (
    <form onSubmit={submit} noValidate data-testid={testId("pipeline-form")}>
      <Stack gap="sm">
        <Group align="flex-end">
          <TextInput
            label={t("pipelines.name")}
            required
            value={draft.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              setDraft((previous) => ({ ...previous, name }));
            }}
            data-testid={testId("pipeline-name")}
          />
          <Checkbox
            label={t("pipelines.isDefault")}
            checked={draft.isDefault}
            onChange={(e) => {
              const isDefault = e.currentTarget.checked;
              setDraft((previous) => ({ ...previous, isDefault }));
            }}
            mb={8}
            data-testid={testId("pipeline-default")}
          />
        </Group>
        <Text fw={600} size="sm">
          {t("pipelines.stages")}
        </Text>
        {draft.stages.map((stage, index) => (
          <Group key={stage.key} gap="xs" align="flex-end" wrap="nowrap" data-testid={testId(`stage-row-${index}`)}>
            <TextInput
              label={index === 0 ? t("pipelines.stageName") : undefined}
              aria-label={t("pipelines.stageName")}
              required
              value={stage.name}
              onChange={(e) => setStage(index, { name: e.currentTarget.value })}
              style={{ flex: 1 }}
              data-testid={testId(`stage-name-${index}`)}
            />
            <NumberInput
              label={index === 0 ? t("pipelines.probability") : undefined}
              aria-label={t("pipelines.probability")}
              min={0}
              max={100}
              allowDecimal={false}
              dir="ltr"
              w={110}
              value={stage.probability}
              onChange={(value) => setStage(index, { probability: typeof value === "number" ? value : 0 })}
              data-testid={testId(`stage-probability-${index}`)}
            />
            <Select<StageKind>
              label={index === 0 ? t("pipelines.kind") : undefined}
              aria-label={t("pipelines.kind")}
              allowDeselect={false}
              w={130}
              data={stageKinds.map((value) => ({ value, label: t(`stageKinds.${value}`) }))}
              value={stage.kind}
              onChange={(kind) => kind && setStage(index, { kind })}
              data-testid={testId(`stage-kind-${index}`)}
            />
            <ActionIcon
              variant="default"
              size="lg"
              disabled={index === 0}
              onClick={() => setStages(moveStage(draft.stages, index, -1))}
              aria-label={t("pipelines.moveUp", { name: stage.name })}
              data-testid={testId(`stage-up-${index}`)}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="default"
              size="lg"
              disabled={index === draft.stages.length - 1}
              onClick={() => setStages(moveStage(draft.stages, index, 1))}
              aria-label={t("pipelines.moveDown", { name: stage.name })}
              data-testid={testId(`stage-down-${index}`)}
            >
              ↓
            </ActionIcon>
            <ActionIcon
              variant="light"
              color="red"
              size="lg"
              onClick={() => setStages(removeStage(draft.stages, index))}
              aria-label={t("pipelines.remove", { name: stage.name })}
              data-testid={testId(`stage-remove-${index}`)}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            onClick={() => setStages(addStage(draft.stages, newStage(t("pipelines.newStage"))))}
            data-testid={testId("stage-add")}
          >
            {t("pipelines.addStage")}
          </Button>
        </Group>
        {!savable && (
          <Text size="sm" c="orange">
            {t("pipelines.needsWonAndLost")}
          </Text>
        )}
        {mutation.isError && (
          <Alert color="red" role="alert" data-testid={testId("pipeline-error")}>
            {isApiError(error, "stage_in_use") ? t("pipelines.stageInUse") : problemMessage(t, error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending} disabled={!savable} data-testid={testId("pipeline-save")}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
