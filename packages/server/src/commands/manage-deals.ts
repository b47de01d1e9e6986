import type { CreateDeal, FieldError, MoveDeal, UpdateDeal } from "@conveyor/contracts";
import { lostReasonMissing, type StageKind } from "@conveyor/domain";
import { stageKindSchema } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { applyConveyorRules } from "./apply-conveyor-rules";
import type { Tx } from "../db/database";
import { AppError, notFound } from "../http/app-error";
import { findCompany } from "../repositories/company.repository";
import { dealHasItems } from "../repositories/deal-item.repository";
import {
  closeStageVisit,
  findDeal,
  findDealForUpdate,
  findDealJustWritten,
  insertDeal,
  openStageVisit,
  updateDealRow,
  type DealPatch,
  type DealRow,
} from "../repositories/deal.repository";
import { findOrganization } from "../repositories/organization.repository";
import { findStage, listPipelines } from "../repositories/pipeline.repository";
import { recordTimelineEvent } from "../repositories/timeline.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";
import { assertAssignable } from "./company-input";
import { resolveCustomValues } from "./custom-values";

const stageNotInPipeline = () =>
  new AppError("stage_not_in_pipeline", "The stage belongs to another pipeline", {
    errors: [{ field: "stageId", code: "stage_not_in_pipeline", message: "Pick a stage of the deal's pipeline" }],
  });

const lostReasonRequired = () =>
  new AppError("lost_reason_required", "Say why the deal was lost", {
    errors: [{ field: "lostReason", code: "lost_reason_required", message: "Say why the deal was lost" }],
  });

/** A deal with product lines takes its amount and currency from them (PUT /deals/:id/items). */
const assertAmountTypable = async (tx: Tx, viewer: Viewer, deal: DealRow, input: UpdateDeal): Promise<void> => {
  const errors: FieldError[] = [];
  if (input.amountMinor !== undefined && input.amountMinor !== deal.amountMinor) {
    errors.push({ field: "amountMinor", code: "deal_has_items", message: "The amount is the sum of the deal's products" });
  }
  if (input.currency !== undefined && input.currency !== deal.currency) {
    errors.push({ field: "currency", code: "deal_has_items", message: "The deal's products are priced in its currency" });
  }
  if (errors.length > 0 && (await dealHasItems(tx, viewer, deal.id))) {
    throw new AppError("deal_has_items", "The amount and currency of a deal with products come from its lines", { errors });
  }
};

const readBack = async (tx: Tx, viewer: Viewer, id: string): Promise<DealRow> => {
  const row = await findDealJustWritten(tx, viewer, id);
  if (!row) throw notFound("The deal");
  return row;
};

/** A deal on a client the viewer sees, in the given (or default) pipeline and stage. */
export const createDeal = async (context: AppContext, viewer: Viewer, input: CreateDeal): Promise<DealRow> => {
  const now = context.now();
  const ownerId = input.ownerId ?? viewer.userId;
  return context.database.db.transaction(async (tx) => {
    const company = await findCompany(tx, viewer, input.companyId);
    if (!company) throw notFound("The client");
    await assertAssignable(tx, viewer, ownerId, "ownerId");
    const pipelines = await listPipelines(tx, viewer);
    const pipeline = input.pipelineId ? pipelines.find((p) => p.id === input.pipelineId) : (pipelines.find((p) => p.isDefault) ?? pipelines[0]);
    if (!pipeline) throw notFound("The pipeline");
    const stage = input.stageId ? pipeline.stages.find((s) => s.id === input.stageId) : pipeline.stages[0];
    if (!stage) throw stageNotInPipeline();
    const kind: StageKind = stageKindSchema.parse(stage.kind);
    if (kind === "lost") throw lostReasonRequired();
    const organization = await findOrganization(tx, viewer);
    const custom = await resolveCustomValues(tx, viewer, "deal", {}, input.custom);
    const id = await insertDeal(tx, viewer, {
      companyId: company.id,
      pipelineId: pipeline.id,
      stageId: stage.id,
      title: input.title,
      amountMinor: input.amountMinor ?? 0,
      currency: input.currency ?? organization?.currency ?? "USD",
      expectedCloseDate: input.expectedCloseDate ?? null,
      ownerId,
      custom,
      stageEnteredAt: now,
      closedAt: kind === "won" ? now : null,
      createdAt: now,
      updatedAt: now,
    });
    await openStageVisit(tx, viewer, { dealId: id, stageId: stage.id, enteredAt: now, movedById: viewer.userId });
    await recordTimelineEvent(tx, viewer, { companyId: company.id, kind: "deal_created", at: now, actorId: viewer.userId, dealId: id });
    // A deal opened straight in a late stage may meet the L1 → L2 "stage" rule.
    if (stage.position > (pipeline.stages[0]?.position ?? 0)) {
      await applyConveyorRules(tx, { organizationId: viewer.organizationId, companyId: company.id, trigger: "stage_changed", now, actorId: viewer.userId });
    }
    return readBack(tx, viewer, id);
  });
};

export const updateDeal = async (context: AppContext, viewer: Viewer, id: string, input: UpdateDeal): Promise<DealRow> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    // Locked: saving the deal's products at the same moment cannot slip between the check and the write.
    const before = await findDealForUpdate(tx, viewer, id);
    if (!before) throw notFound("The deal");
    if (input.ownerId !== undefined && input.ownerId !== before.ownerId) await assertAssignable(tx, viewer, input.ownerId, "ownerId");
    await assertAmountTypable(tx, viewer, before, input);
    const patch: DealPatch = { updatedAt: now };
    if (input.title !== undefined) patch.title = input.title;
    if (input.amountMinor !== undefined) patch.amountMinor = input.amountMinor;
    if (input.currency !== undefined) patch.currency = input.currency;
    if (input.expectedCloseDate !== undefined) patch.expectedCloseDate = input.expectedCloseDate;
    if (input.ownerId !== undefined) patch.ownerId = input.ownerId;
    if (input.acceptanceSignedOn !== undefined) patch.acceptanceSignedOn = input.acceptanceSignedOn;
    if (input.custom !== undefined) patch.custom = await resolveCustomValues(tx, viewer, "deal", before.custom, input.custom);
    await updateDealRow(tx, viewer, id, patch);
    if (input.ownerId !== undefined && input.ownerId !== before.ownerId) {
      await auditAs(tx, viewer, "owner_changed", now, { kind: "deal", id }, { from: before.ownerId, to: input.ownerId, via: "edit" });
    }
    // M1.4: the signed acceptance act of the first deal hands the client to L3.
    if (input.acceptanceSignedOn && input.acceptanceSignedOn !== before.acceptanceSignedOn) {
      await applyConveyorRules(tx, { organizationId: viewer.organizationId, companyId: before.companyId, trigger: "acceptance_act", now, actorId: viewer.userId });
    }
    return readBack(tx, viewer, id);
  });
};

/**
 * Moves a deal to another stage of its pipeline: the time in the old stage is closed off, the
 * new one starts, a lost deal must say why, and the move lands in the client's timeline.
 */
export const moveDeal = async (context: AppContext, viewer: Viewer, id: string, input: MoveDeal): Promise<DealRow> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => moveDealIn(tx, viewer, id, input, now));
};

/** moveDeal inside a caller's transaction (a review closes a deal as lost with its own writes). */
export const moveDealIn = async (tx: Tx, viewer: Viewer, id: string, input: MoveDeal, now: Date): Promise<DealRow> => {
  const before = await findDeal(tx, viewer, id);
  if (!before) throw notFound("The deal");
  const stage = await findStage(tx, viewer, input.stageId);
  if (!stage || stage.pipelineId !== before.pipelineId || stage.archivedAt !== null) throw stageNotInPipeline();
  if (stage.id === before.stageId) return before;
  const kind: StageKind = stageKindSchema.parse(stage.kind);
  if (lostReasonMissing(kind, input.lostReason)) throw lostReasonRequired();
  await updateDealRow(tx, viewer, id, {
    stageId: stage.id,
    stageEnteredAt: now,
    closedAt: kind === "open" ? null : now,
    lostReason: kind === "lost" ? (input.lostReason ?? null) : null,
    updatedAt: now,
  });
  await closeStageVisit(tx, viewer, id, now);
  await openStageVisit(tx, viewer, { dealId: id, stageId: stage.id, enteredAt: now, movedById: viewer.userId });
  await recordTimelineEvent(tx, viewer, {
    companyId: before.companyId,
    kind: "deal_stage_changed",
    at: now,
    actorId: viewer.userId,
    dealId: id,
    field: "stage",
    fromValue: before.stageId,
    toValue: stage.id,
    fromLabel: before.stageName,
    toLabel: stage.name,
  });
  await applyConveyorRules(tx, { organizationId: viewer.organizationId, companyId: before.companyId, trigger: "stage_changed", now, actorId: viewer.userId });
  return readBack(tx, viewer, id);
};
