import type { Country } from "@conveyor/contracts";
import { defaultPipelineName, defaultPipelineStages } from "@conveyor/domain";
import type { Executor } from "../db/database";
import { insertPipeline } from "../repositories/pipeline.repository";

/** Every organization starts with one pipeline, in its country's language. */
export const createDefaultPipeline = (ex: Executor, organizationId: string, country: Country): Promise<string> =>
  insertPipeline(ex, { organizationId }, { name: defaultPipelineName[country], isDefault: true, stages: defaultPipelineStages(country) });
