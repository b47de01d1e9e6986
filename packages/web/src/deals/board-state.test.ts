import { describe, expect, it } from "vitest";
import type { Board, Deal, Stage } from "@conveyor/contracts";
import { appendToColumn, isOverdue, moveDealOnBoard, orderStages, replaceDeal } from "./board-state";
import { durationParts } from "./stage-duration";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const stage = (n: number, name: string, kind: Stage["kind"], position: number): Stage => ({
  id: id(n),
  name,
  position,
  probability: 10,
  kind,
});

const deal = (n: number, stageOf: Stage, amountMinor: number): Deal => ({
  id: id(100 + n),
  title: `Deal ${n}`,
  companyId: id(900),
  companyName: "ООО Ромашка",
  pipelineId: id(800),
  stageId: stageOf.id,
  stageName: stageOf.name,
  status: "open",
  amountMinor,
  currency: "RUB",
  expectedCloseDate: null,
  ownerId: id(700),
  ownerName: "Анна",
  lostReason: null,
  acceptanceSignedOn: null,
  custom: {},
  stageEnteredAt: "2025-03-01T10:00:00.000Z",
  closedAt: null,
  createdAt: "2025-03-01T10:00:00.000Z",
});

const lead = stage(1, "Lead", "open", 1);
const proposal = stage(2, "Proposal", "open", 2);
const won = stage(3, "Won", "won", 3);
const lost = stage(4, "Lost", "lost", 0);

const board = (): Board => ({
  pipeline: { id: id(800), name: "Sales", isDefault: true, stages: [lead, proposal, won, lost] },
  columns: [
    { stage: lead, deals: [deal(1, lead, 500), deal(2, lead, 100)], count: 7, sumMinor: 5000, nextCursor: "c1" },
    { stage: proposal, deals: [deal(3, proposal, 900), deal(4, proposal, 200)], count: 2, sumMinor: 1100, nextCursor: null },
    { stage: won, deals: [], count: 0, sumMinor: 0, nextCursor: null },
    { stage: lost, deals: [], count: 0, sumMinor: 0, nextCursor: null },
  ],
});

describe("board order", () => {
  it("puts open stages first by position, then won, then lost", () => {
    expect(orderStages([lost, won, proposal, lead]).map((s) => s.name)).toEqual(["Lead", "Proposal", "Won", "Lost"]);
  });
});

describe("moveDealOnBoard", () => {
  it("moves the deal with its amount into place by amount, and updates counts and sums", () => {
    const next = moveDealOnBoard(board(), id(101), proposal.id);
    const [from, to] = next.columns;
    expect(from?.deals.map((d) => d.title)).toEqual(["Deal 2"]);
    expect({ count: from?.count, sum: from?.sumMinor }).toEqual({ count: 6, sum: 4500 });
    expect(to?.deals.map((d) => d.title)).toEqual(["Deal 3", "Deal 1", "Deal 4"]);
    expect({ count: to?.count, sum: to?.sumMinor }).toEqual({ count: 3, sum: 1600 });
    expect(to?.deals[1]).toMatchObject({ stageId: proposal.id, stageName: "Proposal", status: "open" });
  });

  it("closes the deal when it lands in a won or lost stage", () => {
    const next = moveDealOnBoard(board(), id(101), lost.id);
    expect(next.columns[3]?.deals[0]?.status).toBe("lost");
  });

  it("leaves the board alone for an unknown deal or the same column", () => {
    const before = board();
    expect(moveDealOnBoard(before, id(999), proposal.id)).toBe(before);
    expect(moveDealOnBoard(before, id(101), lead.id)).toBe(before);
  });
});

describe("appendToColumn and replaceDeal", () => {
  it("appends a page without showing a deal twice", () => {
    const next = appendToColumn(board(), lead.id, { items: [deal(2, lead, 100), deal(5, lead, 50)], nextCursor: null });
    expect(next.columns[0]?.deals.map((d) => d.title)).toEqual(["Deal 1", "Deal 2", "Deal 5"]);
    expect(next.columns[0]?.nextCursor).toBeNull();
  });

  it("replaces a deal with the server's answer", () => {
    const next = replaceDeal(board(), { ...deal(3, proposal, 900), title: "Renamed" });
    expect(next.columns[1]?.deals[0]?.title).toBe("Renamed");
  });
});

describe("isOverdue", () => {
  it.each([
    { status: "open", expectedCloseDate: "2025-03-20", overdue: true },
    { status: "open", expectedCloseDate: "2025-03-21", overdue: false },
    { status: "open", expectedCloseDate: null, overdue: false },
    { status: "won", expectedCloseDate: "2025-03-01", overdue: false },
  ] as const)("$status $expectedCloseDate → $overdue", ({ status, expectedCloseDate, overdue }) => {
    expect(isOverdue({ status, expectedCloseDate }, "2025-03-21")).toBe(overdue);
  });
});

describe("durationParts", () => {
  it.each([
    [0, { unit: "minutes", minutes: 0 }],
    [7 * 60 + 30, { unit: "minutes", minutes: 7 }],
    [5 * 3600 + 10 * 60, { unit: "hours", hours: 5, minutes: 10 }],
    [3 * 86400 + 4 * 3600 + 59 * 60, { unit: "days", days: 3, hours: 4 }],
  ])("%i s", (seconds, parts) => {
    expect(durationParts(seconds)).toEqual(parts);
  });
});
