import type { Funnel, DashboardQuery } from "@conveyor/contracts";
import { funnelConversions, weakestFunnelStage, wholeFunnelConversion, type FunnelStageInput } from "@conveyor/domain";
import type { AppContext } from "../context";
import { loadKpiContext } from "../kpi/kpi-context";
import { notFound } from "../http/app-error";
import { resolvePeriod, shiftPeriodKey } from "../kpi/org-calendar";
import { resolveKpiScope } from "../kpi/kpi-scope";
import { lostReasons, stageTotals, type StageDayRow } from "../repositories/kpi-rollup.repository";
import { listPipelines } from "../repositories/pipeline.repository";
import type { Viewer } from "../scope";

/*
 * M5.15 The funnel of one pipeline over a period, from `stage_day_rollup`: the deals that entered
 * each open stage and the won stage, each stage's conversion to the next, time in stage, the stage
 * furthest below the norm (the department's conversion in the same period; for the department
 * itself, its previous period), and the reasons deals were lost. With a channel, only the deals that
 * came through it count (the channel of their client when they were opened), against the whole
 * department in the same period.
 */
export const readFunnel = async (
  context: AppContext,
  viewer: Viewer,
  query: DashboardQuery & { pipelineId?: string; channel?: string },
): Promise<Funnel> => {
  const { db } = context.database;
  const org = viewer.organizationId;
  const [{ cal, people }, pipelines] = await Promise.all([loadKpiContext(db, org, context.now()), listPipelines(db, viewer)]);
  const period = resolvePeriod(cal, query.periodKind, query.period);
  const scope = resolveKpiScope(viewer, query.scope, people.members, people.teams);
  const pipeline = query.pipelineId ? pipelines.find((p) => p.id === query.pipelineId) : (pipelines.find((p) => p.isDefault) ?? pipelines[0]);
  if (!pipeline) throw notFound("The pipeline");

  const department = scope.kind === "department";
  const channel = query.channel;
  const owners = department ? null : scope.userIds;
  const normPeriod = department && channel === undefined ? resolvePeriod(cal, query.periodKind, shiftPeriodKey(period.key, -1)) : period;
  const [own, norm, reasons] = await Promise.all([
    stageTotals(db, org, owners, period.start, period.end, channel),
    stageTotals(db, org, null, normPeriod.start, normPeriod.end),
    lostReasons(db, org, owners, period.start, period.end, channel),
  ]);

  const funnelStages = pipeline.stages.filter((s) => s.kind === "open" || s.kind === "won");
  const inputs = (rows: readonly StageDayRow[]): FunnelStageInput[] => {
    const byStage = new Map(rows.map((r) => [r.stageId, r]));
    return funnelStages.map((s) => {
      const r = byStage.get(s.id);
      return { stageId: s.id, entered: r?.entered ?? 0, lostAfter: r?.lostAfter ?? 0, exited: r?.exited ?? 0, exitedSeconds: r?.exitedSeconds ?? 0 };
    });
  };
  const stages = funnelConversions(inputs(own));
  const normStages = funnelConversions(inputs(norm));
  const norms = new Map<string, number>();
  for (const s of normStages) if (s.conversion !== null) norms.set(s.stageId, s.conversion);
  const weakest = weakestFunnelStage(stages, norms);

  return {
    period,
    pipeline: { id: pipeline.id, name: pipeline.name },
    channel: channel ?? null,
    stages: stages.map((s, i) => {
      const stage = funnelStages[i];
      return {
        stageId: s.stageId,
        name: stage?.name ?? "",
        kind: stage?.kind === "won" ? ("won" as const) : ("open" as const),
        entered: s.entered,
        lostAfter: s.lostAfter,
        conversion: s.conversion,
        norm: norms.get(s.stageId) ?? null,
        averageDaysInStage: s.averageDaysInStage,
      };
    }),
    conversion: wholeFunnelConversion(stages),
    weakestStageId: weakest?.stageId ?? null,
    lostReasons: reasons,
  };
};
