import type { SavePipeline } from "@conveyor/contracts";
import { savePipelineSchema } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { AppError, notFound } from "../http/app-error";
import { findPipeline, insertPipeline, replaceStages, stagesInUse, type PipelineRow } from "../repositories/pipeline.repository";
import type { Viewer } from "../scope";

export const createPipeline = async (context: AppContext, viewer: Viewer, input: SavePipeline): Promise<PipelineRow> => {
  const body = savePipelineSchema.parse(input);
  return context.database.db.transaction(async (tx) => {
    const id = await insertPipeline(tx, viewer, { name: body.name, isDefault: body.isDefault ?? false, stages: body.stages });
    const row = await findPipeline(tx, viewer, id);
    if (!row) throw notFound("The pipeline");
    return row;
  });
};

/**
 * Renames, reorders, adds and removes stages. A stage that still holds deals cannot be
 * removed (move them first); a removed stage stays in the history of the deals that passed it.
 */
export const updatePipeline = async (
  context: AppContext,
  viewer: Viewer,
  id: string,
  input: SavePipeline,
): Promise<PipelineRow> => {
  const body = savePipelineSchema.parse(input);
  return context.database.db.transaction(async (tx) => {
    const current = await findPipeline(tx, viewer, id);
    if (!current) throw notFound("The pipeline");
    const known = new Set(current.stages.map((s) => s.id));
    const errors = body.stages.flatMap((stage, index) =>
      stage.id && !known.has(stage.id)
        ? [{ field: `stages.${index}.id`, code: "stage_not_in_pipeline", message: "Not a stage of this pipeline" }]
        : [],
    );
    if (errors.length > 0) throw new AppError("stage_not_in_pipeline", "A stage belongs to another pipeline", { errors });
    const keep = body.stages.flatMap((s) => (s.id ? [s.id] : []));
    const busy = await stagesInUse(tx, viewer, id, keep);
    if (busy.length > 0) {
      const names = current.stages.filter((s) => busy.includes(s.id)).map((s) => s.name);
      throw new AppError("stage_in_use", `Deals are still in: ${names.join(", ")}`, {
        errors: [{ field: "stages", code: "stage_in_use", message: `Move the deals out of ${names.join(", ")} first` }],
      });
    }
    await replaceStages(tx, viewer, id, { name: body.name, isDefault: body.isDefault, stages: body.stages }, context.now());
    const row = await findPipeline(tx, viewer, id);
    if (!row) throw notFound("The pipeline");
    return row;
  });
};
