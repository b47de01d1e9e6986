import { savePipelineSchema, type Pipeline, type SavePipeline, type StageKind } from "@conveyor/contracts";
import { orderStages } from "./board-state";

/** One row of the stage editor; `key` keeps React rows stable while stages move and new ones have no id. */
export type StageDraft = { key: string; id?: string; name: string; probability: number; kind: StageKind };
export type PipelineDraft = { name: string; isDefault: boolean; stages: StageDraft[] };

export const draftFromPipeline = (pipeline: Pipeline): PipelineDraft => ({
  name: pipeline.name,
  isDefault: pipeline.isDefault,
  stages: orderStages(pipeline.stages).map((stage) => ({
    key: stage.id,
    id: stage.id,
    name: stage.name,
    probability: stage.probability,
    kind: stage.kind,
  })),
});

/** Moves the stage at `index` by `delta` places (-1 up, 1 down); out of range leaves the list as it is. */
export const moveStage = (stages: readonly StageDraft[], index: number, delta: number): StageDraft[] => {
  const target = index + delta;
  const moving = stages[index];
  const other = stages[target];
  if (!moving || !other) return [...stages];
  const next = [...stages];
  next[target] = moving;
  next[index] = other;
  return next;
};

/** A new open stage goes after the last open one, before the closing stages. */
export const addStage = (stages: readonly StageDraft[], stage: StageDraft): StageDraft[] => {
  const firstClosing = stages.findIndex((s) => s.kind !== "open");
  const at = firstClosing === -1 ? stages.length : firstClosing;
  return [...stages.slice(0, at), stage, ...stages.slice(at)];
};

export const removeStage = (stages: readonly StageDraft[], index: number): StageDraft[] =>
  stages.filter((_, i) => i !== index);

/** The PUT/POST body in the order shown; existing stages keep their ids so their deals stay. */
export const draftToSave = (draft: PipelineDraft): SavePipeline => ({
  name: draft.name.trim(),
  isDefault: draft.isDefault,
  stages: draft.stages.map((stage) => ({
    ...(stage.id ? { id: stage.id } : {}),
    name: stage.name.trim(),
    probability: stage.probability,
    kind: stage.kind,
  })),
});

/** Whether the contract would accept the body (three stages or more, one won and one lost, names given). */
export const isSavable = (draft: PipelineDraft): boolean => savePipelineSchema.safeParse(draftToSave(draft)).success;
