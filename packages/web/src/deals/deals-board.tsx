import { useCallback, useMemo, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Board, Deal, Stage } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { clientsKey } from "../clients/clients.api";
import { zonedDayKey } from "../i18n/zoned-time";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { BoardColumn, type RevealDeal } from "./board-column";
import { appendToColumn, moveDealOnBoard, orderColumns, orderStages, replaceDeal } from "./board-state";
import { boardKey, dealPageSize, dealsKey, getBoard, listDeals, moveDeal } from "./deals.api";
import { LostReasonModal } from "./lost-reason-modal";

type Move = { deal: Deal; stage: Stage; lostReason?: string };

type DealsBoardProps = {
  pipelineId: string;
  ownerId: string | undefined;
  /** The deal to bring into view in its column (just created or moved). */
  reveal: RevealDeal | null;
  onReveal: (reveal: RevealDeal) => void;
};

/** The pipeline as columns of deals; a card moves by drag and drop or by its "Move to…" menu. */
export const DealsBoard = ({ pipelineId, ownerId, reveal, onReveal }: DealsBoardProps) => {
  const { t } = useTranslation();
  const { organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const key = boardKey(pipelineId, ownerId);
  const board = useQuery({ queryKey: key, queryFn: () => getBoard(pipelineId, ownerId) });
  const [losing, setLosing] = useState<{ deal: Deal; stage: Stage } | null>(null);

  const mutation = useMutation({
    mutationFn: ({ deal, stage, lostReason }: Move) => moveDeal(deal.id, { stageId: stage.id, lostReason }),
    onMutate: async ({ deal, stage }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Board>(key);
      if (previous) queryClient.setQueryData<Board>(key, moveDealOnBoard(previous, deal.id, stage.id));
      // The card lands in its place by amount, maybe far down the column: show it there.
      onReveal({ dealId: deal.id });
      return { previous };
    },
    onError: (error, move, context) => {
      // The server said no: the card goes back where it was.
      if (context?.previous) queryClient.setQueryData<Board>(key, context.previous);
      if (!move.lostReason) notifications.show({ color: "red", message: problemMessage(t, error) });
    },
    onSuccess: (deal) => {
      queryClient.setQueryData<Board>(key, (current) => (current ? replaceDeal(current, deal) : current));
      setLosing(null);
      notifications.show({ color: "green", message: t("deals.moved", { stage: deal.stageName }) });
      // Not the board itself: a refetch would drop the pages loaded with "load more".
      void queryClient.invalidateQueries({
        queryKey: dealsKey,
        predicate: (query) => query.queryKey[1] !== "board",
      });
      void queryClient.invalidateQueries({ queryKey: clientsKey });
    },
  });
  const { mutate, reset } = mutation;

  const requestMove = useCallback(
    (deal: Deal, stage: Stage) => {
      if (deal.stageId === stage.id) return;
      if (stage.kind === "lost") {
        reset();
        setLosing({ deal, stage });
        return;
      }
      mutate({ deal, stage });
    },
    [mutate, reset],
  );

  const data = board.data;
  const dropDeal = useCallback(
    (dealId: string, stage: Stage) => {
      const deal = data?.columns.flatMap((column) => column.deals).find((d) => d.id === dealId);
      if (deal) requestMove(deal, stage);
    },
    [data, requestMove],
  );

  const loadMore = useCallback(
    async (stageId: string, cursor: string) => {
      const page = await listDeals({ pipelineId, stageId, ownerId, cursor, limit: dealPageSize });
      queryClient.setQueryData<Board>(boardKey(pipelineId, ownerId), (current) =>
        current ? appendToColumn(current, stageId, page) : current,
      );
    },
    [pipelineId, ownerId, queryClient],
  );

  // Stable between renders, so the memoized cards re-render only when their own deal changes.
  const columns = useMemo(() => orderColumns(data?.columns ?? []), [data]);
  const pipeline = data?.pipeline;
  const stages = useMemo(() => orderStages(pipeline?.stages ?? []), [pipeline]);

  if (board.isPending) return <PageLoader />;
  if (board.isError) return <LoadError error={board.error} onRetry={() => void board.refetch()} />;

  const todayKey = zonedDayKey(new Date(), organization.timeZone);

  return (
    <>
      <Text size="xs" c="dimmed">
        {t("deals.dragHint")}
      </Text>
      <Group
        align="flex-start"
        wrap="nowrap"
        gap="sm"
        style={{ overflowX: "auto", paddingBottom: "var(--mantine-spacing-sm)" }}
        data-testid="deals-board"
      >
        {columns.map((column) => (
          <BoardColumn
            key={column.stage.id}
            column={column}
            stages={stages}
            currency={organization.currency}
            todayKey={todayKey}
            onMove={requestMove}
            onDropDeal={dropDeal}
            onLoadMore={loadMore}
            reveal={reveal}
          />
        ))}
      </Group>
      <LostReasonModal
        dealTitle={losing?.deal.title ?? null}
        pending={mutation.isPending}
        error={mutation.error ?? undefined}
        onClose={() => setLosing(null)}
        onSubmit={(lostReason) => losing && mutate({ ...losing, lostReason })}
      />
    </>
  );
};
