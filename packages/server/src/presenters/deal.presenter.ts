import { dealStatusSchema, stageKindSchema, type Deal, type DealItem, type Pipeline, type Stage, type StageVisit } from "@conveyor/contracts";
import { secondsInStage } from "@conveyor/domain";
import type { DealItemRow } from "../repositories/deal-item.repository";
import type { DealRow, StageVisitRow } from "../repositories/deal.repository";
import type { PipelineRow, StageRow } from "../repositories/pipeline.repository";

export const presentStage = (s: StageRow): Stage => ({
  id: s.id,
  name: s.name,
  position: s.position,
  probability: s.probability,
  kind: stageKindSchema.parse(s.kind),
});

export const presentPipeline = (row: PipelineRow): Pipeline => ({
  id: row.id,
  name: row.name,
  isDefault: row.isDefault,
  stages: row.stages.map(presentStage),
});

export const presentDeal = (row: DealRow): Deal => ({
  id: row.id,
  title: row.title,
  companyId: row.companyId,
  companyName: row.companyName,
  pipelineId: row.pipelineId,
  stageId: row.stageId,
  stageName: row.stageName,
  status: dealStatusSchema.parse(row.stageKind),
  amountMinor: row.amountMinor,
  currency: row.currency,
  expectedCloseDate: row.expectedCloseDate,
  ownerId: row.ownerId,
  ownerName: row.ownerName,
  lostReason: row.lostReason,
  acceptanceSignedOn: row.acceptanceSignedOn,
  custom: row.custom,
  stageEnteredAt: row.stageEnteredAt.toISOString(),
  closedAt: row.closedAt ? row.closedAt.toISOString() : null,
  createdAt: row.createdAt.toISOString(),
});

export const presentStageVisit = (row: StageVisitRow, now: Date): StageVisit => ({
  stageId: row.stageId,
  stageName: row.stageName,
  enteredAt: row.enteredAt.toISOString(),
  leftAt: row.leftAt ? row.leftAt.toISOString() : null,
  seconds: secondsInStage(row.enteredAt, row.leftAt, now),
  movedByName: row.movedByName,
});

export const presentDealItem = (row: DealItemRow): DealItem => ({
  id: row.id,
  productId: row.productId,
  productName: row.productName,
  sku: row.sku,
  productActive: row.productActive,
  quantity: row.quantity,
  unitPriceMinor: row.unitPriceMinor,
  amountMinor: row.amountMinor,
  position: row.position,
});
