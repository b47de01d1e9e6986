import type { Board, Deal, DealStatus, Stage, StageKind } from "@conveyor/contracts";

type BoardColumn = Board["columns"][number];

const kindOrder = (kind: StageKind): number => {
  switch (kind) {
    case "open":
      return 0;
    case "won":
      return 1;
    case "lost":
      return 2;
  }
};

/** The board's order: the open stages as the pipeline orders them, then won, then lost. */
export const orderStages = <T extends Pick<Stage, "kind" | "position">>(stages: readonly T[]): T[] =>
  [...stages].sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.position - b.position);

export const orderColumns = (columns: readonly BoardColumn[]): BoardColumn[] => {
  const byStage = new Map(columns.map((column) => [column.stage, column]));
  return orderStages(columns.map((column) => column.stage)).flatMap((stage) => byStage.get(stage) ?? []);
};

/** A deal in a won or lost stage is closed with that outcome. */
export const statusOfStage = (kind: StageKind): DealStatus => kind;

const byAmountDesc = (a: Deal, b: Deal) => b.amountMinor - a.amountMinor;

/**
 * The board after `dealId` moved to `toStageId`, as the server will answer it: counts and sums follow
 * the deal, and it lands in its place by amount. Used for the optimistic update; unchanged if unknown.
 */
export const moveDealOnBoard = (board: Board, dealId: string, toStageId: string): Board => {
  const from = board.columns.find((column) => column.deals.some((deal) => deal.id === dealId));
  const to = board.columns.find((column) => column.stage.id === toStageId);
  const deal = from?.deals.find((d) => d.id === dealId);
  if (!from || !to || !deal || from === to) return board;
  const moved: Deal = { ...deal, stageId: to.stage.id, stageName: to.stage.name, status: statusOfStage(to.stage.kind) };
  return {
    ...board,
    columns: board.columns.map((column) => {
      if (column === from) {
        return {
          ...column,
          deals: column.deals.filter((d) => d.id !== dealId),
          count: Math.max(0, column.count - 1),
          sumMinor: column.sumMinor - deal.amountMinor,
        };
      }
      if (column === to) {
        return {
          ...column,
          deals: [...column.deals, moved].sort(byAmountDesc),
          count: column.count + 1,
          sumMinor: column.sumMinor + deal.amountMinor,
        };
      }
      return column;
    }),
  };
};

/** One more page of a column ("load more"); a deal already shown (moved in meanwhile) is not shown twice. */
export const appendToColumn = (
  board: Board,
  stageId: string,
  page: { items: readonly Deal[]; nextCursor: string | null },
): Board => ({
  ...board,
  columns: board.columns.map((column) => {
    if (column.stage.id !== stageId) return column;
    const shown = new Set(column.deals.map((deal) => deal.id));
    return { ...column, deals: [...column.deals, ...page.items.filter((deal) => !shown.has(deal.id))], nextCursor: page.nextCursor };
  }),
});

/** The server's answer replaces our guess of a deal, wherever it is on the board. */
export const replaceDeal = (board: Board, deal: Deal): Board => ({
  ...board,
  columns: board.columns.map((column) =>
    column.deals.some((d) => d.id === deal.id)
      ? { ...column, deals: column.deals.map((d) => (d.id === deal.id ? deal : d)) }
      : column,
  ),
});

/** An open deal whose expected close date is before `todayKey` ("YYYY-MM-DD" on the organization's calendar). */
export const isOverdue = (deal: Pick<Deal, "status" | "expectedCloseDate">, todayKey: string): boolean =>
  deal.status === "open" && deal.expectedCloseDate !== null && deal.expectedCloseDate < todayKey;
