import { describe, expect, it } from "vitest";
import type { CustomField, Deal } from "@conveyor/contracts";
import { draftFromDeal, draftToUpdate } from "./deal-draft";
import { addStage, draftToSave, isSavable, moveStage, removeStage, type PipelineDraft, type StageDraft } from "./pipeline-draft";

const deal: Deal = {
  id: "00000000-0000-4000-8000-000000000101",
  title: "Поставка",
  companyId: "00000000-0000-4000-8000-000000000900",
  companyName: "ООО Ромашка",
  pipelineId: "00000000-0000-4000-8000-000000000800",
  stageId: "00000000-0000-4000-8000-000000000001",
  stageName: "Лид",
  status: "open",
  amountMinor: 15005000,
  currency: "RUB",
  expectedCloseDate: "2025-04-01",
  ownerId: "00000000-0000-4000-8000-000000000700",
  ownerName: "Анна",
  lostReason: null,
  acceptanceSignedOn: null,
  custom: {},
  stageEnteredAt: "2025-03-01T10:00:00.000Z",
  closedAt: null,
  createdAt: "2025-03-01T10:00:00.000Z",
};

describe("deal draft", () => {
  it("sends nothing when nothing changed", () => {
    expect(draftToUpdate(deal, draftFromDeal(deal))).toEqual({});
  });

  it("sends only the changes, amounts in minor units and cleared dates as null", () => {
    const draft = { ...draftFromDeal(deal), amount: 200000.5, expectedCloseDate: "", acceptanceSignedOn: "2025-03-15" };
    expect(draftToUpdate(deal, draft)).toEqual({
      amountMinor: 20000050,
      expectedCloseDate: null,
      acceptanceSignedOn: "2025-03-15",
    });
  });

  it("re-sends the amount with a new currency", () => {
    const draft = { ...draftFromDeal(deal), currency: "IRR", amount: 5000 };
    expect(draftToUpdate(deal, draft)).toEqual({ currency: "IRR", amountMinor: 5000 });
  });

  it("sends changed custom values", () => {
    const source: CustomField = {
      id: "00000000-0000-4000-8000-000000000030",
      entity: "deal",
      key: "source",
      label: "Источник",
      type: "select",
      options: ["Тендер", "Рекомендация"],
      position: 0,
      archived: false,
      createdAt: "2025-03-01T00:00:00Z",
    };
    const withSource = { ...deal, custom: { source: "Тендер" } };
    expect(draftToUpdate(withSource, draftFromDeal(withSource), [source])).toEqual({});
    expect(draftToUpdate(withSource, { ...draftFromDeal(withSource), custom: { source: "Рекомендация" } }, [source])).toEqual({
      custom: { source: "Рекомендация" },
    });
  });
});

const stage = (key: string, kind: StageDraft["kind"] = "open"): StageDraft => ({ key, id: key === "new" ? undefined : key, name: key, probability: 10, kind });

describe("pipeline draft", () => {
  const stages = [stage("a"), stage("b"), stage("won", "won"), stage("lost", "lost")];

  it("moves stages up and down within bounds", () => {
    expect(moveStage(stages, 1, -1).map((s) => s.key)).toEqual(["b", "a", "won", "lost"]);
    expect(moveStage(stages, 0, -1).map((s) => s.key)).toEqual(["a", "b", "won", "lost"]);
    expect(moveStage(stages, 3, 1).map((s) => s.key)).toEqual(["a", "b", "won", "lost"]);
  });

  it("adds a new stage before the closing stages and removes by index", () => {
    expect(addStage(stages, stage("new")).map((s) => s.key)).toEqual(["a", "b", "new", "won", "lost"]);
    expect(removeStage(stages, 1).map((s) => s.key)).toEqual(["a", "won", "lost"]);
  });

  it("keeps ids of existing stages and needs a won and a lost stage", () => {
    const draft: PipelineDraft = { name: " Продажи ", isDefault: true, stages: addStage(stages, stage("new")) };
    const body = draftToSave(draft);
    expect(body.name).toBe("Продажи");
    expect(body.stages[2]).toEqual({ name: "new", probability: 10, kind: "open" });
    expect(body.stages[0]).toEqual({ id: "a", name: "a", probability: 10, kind: "open" });
    expect(isSavable({ ...draft, stages: draft.stages.map((s, i) => ({ ...s, id: undefined, key: String(i) })) })).toBe(true);
    expect(isSavable({ ...draft, stages: [stage("x"), stage("y"), stage("won", "won")].map((s) => ({ ...s, id: undefined })) })).toBe(false);
  });
});
