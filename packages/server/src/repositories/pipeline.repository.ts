import { and, asc, count, eq, inArray, isNull, notInArray } from "drizzle-orm";
import type { Executor } from "../db/database";
import { deals, pipelineStages, pipelines } from "../db/schema";
import type { Viewer } from "../scope";
import { forgetIntake } from "./intake-cache";

export type StageRow = typeof pipelineStages.$inferSelect;
export type PipelineRow = typeof pipelines.$inferSelect & { stages: StageRow[] };

/** Pipelines are the organization's settings: everyone in it reads them. */
export const listPipelines = async (ex: Executor, viewer: Pick<Viewer, "organizationId">): Promise<PipelineRow[]> => {
  const rows = await ex
    .select()
    .from(pipelines)
    .where(eq(pipelines.organizationId, viewer.organizationId))
    .orderBy(asc(pipelines.createdAt), asc(pipelines.id));
  if (rows.length === 0) return [];
  const stages = await ex
    .select()
    .from(pipelineStages)
    .where(
      and(
        eq(pipelineStages.organizationId, viewer.organizationId),
        inArray(
          pipelineStages.pipelineId,
          rows.map((r) => r.id),
        ),
        isNull(pipelineStages.archivedAt),
      ),
    )
    .orderBy(asc(pipelineStages.position));
  return rows.map((row) => ({ ...row, stages: stages.filter((s) => s.pipelineId === row.id) }));
};

export const findPipeline = async (ex: Executor, viewer: Pick<Viewer, "organizationId">, id: string) =>
  (await listPipelines(ex, viewer)).find((p) => p.id === id);

export const findStage = async (ex: Executor, viewer: Viewer, stageId: string): Promise<StageRow | undefined> => {
  const rows = await ex
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.organizationId, viewer.organizationId), eq(pipelineStages.id, stageId)));
  return rows[0];
};

export type StageInput = { id?: string | undefined; name: string; probability: number; kind: "open" | "won" | "lost" };

export const insertPipeline = async (
  ex: Executor,
  viewer: Pick<Viewer, "organizationId">,
  pipeline: { name: string; isDefault: boolean; stages: StageInput[] },
): Promise<string> => {
  forgetIntake(viewer.organizationId);
  if (pipeline.isDefault) {
    await ex.update(pipelines).set({ isDefault: false }).where(eq(pipelines.organizationId, viewer.organizationId));
  }
  const rows = await ex
    .insert(pipelines)
    .values({ organizationId: viewer.organizationId, name: pipeline.name, isDefault: pipeline.isDefault })
    .returning({ id: pipelines.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into pipelines returned no row");
  await ex.insert(pipelineStages).values(
    pipeline.stages.map((stage, position) => ({
      organizationId: viewer.organizationId,
      pipelineId: id,
      name: stage.name,
      probability: stage.probability,
      kind: stage.kind,
      position,
    })),
  );
  return id;
};

/** Stage ids of the pipeline, not in `keep`, that still hold deals. */
export const stagesInUse = async (ex: Executor, viewer: Viewer, pipelineId: string, keep: string[]): Promise<string[]> => {
  const conditions = [eq(deals.organizationId, viewer.organizationId), eq(deals.pipelineId, pipelineId)];
  if (keep.length > 0) conditions.push(notInArray(deals.stageId, keep));
  const rows = await ex.select({ stageId: deals.stageId, n: count() }).from(deals).where(and(...conditions)).groupBy(deals.stageId);
  return rows.map((r) => r.stageId);
};

export const replaceStages = async (
  ex: Executor,
  viewer: Viewer,
  pipelineId: string,
  pipeline: { name: string; isDefault: boolean | undefined; stages: StageInput[] },
  now: Date,
): Promise<void> => {
  forgetIntake(viewer.organizationId);
  if (pipeline.isDefault) {
    await ex.update(pipelines).set({ isDefault: false }).where(eq(pipelines.organizationId, viewer.organizationId));
  }
  await ex
    .update(pipelines)
    .set({ name: pipeline.name, ...(pipeline.isDefault !== undefined && { isDefault: pipeline.isDefault }) })
    .where(and(eq(pipelines.organizationId, viewer.organizationId), eq(pipelines.id, pipelineId)));
  const keep = pipeline.stages.flatMap((s) => (s.id ? [s.id] : []));
  const scope = and(eq(pipelineStages.organizationId, viewer.organizationId), eq(pipelineStages.pipelineId, pipelineId));
  await ex
    .update(pipelineStages)
    .set({ archivedAt: now })
    .where(and(scope, isNull(pipelineStages.archivedAt), keep.length > 0 ? notInArray(pipelineStages.id, keep) : undefined));
  for (const [position, stage] of pipeline.stages.entries()) {
    if (stage.id) {
      await ex
        .update(pipelineStages)
        .set({ name: stage.name, probability: stage.probability, kind: stage.kind, position })
        .where(and(scope, eq(pipelineStages.id, stage.id)));
    } else {
      await ex.insert(pipelineStages).values({
        organizationId: viewer.organizationId,
        pipelineId,
        name: stage.name,
        probability: stage.probability,
        kind: stage.kind,
        position,
      });
    }
  }
};
