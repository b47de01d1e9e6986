import { useCallback, useEffect, useRef, useState, type DragEvent } from "react";
import { Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Board, Deal, Stage } from "@conveyor/contracts";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { problemMessage } from "../ui/errors";
import { shouldLoadMore } from "../ui/virtual-range";
import { DealBoardCard, dealDragType } from "./deal-board-card";

/** A deal the board should bring into view (just created or moved); a new object each time it asks. */
export type RevealDeal = { dealId: string };

type BoardColumnProps = {
  column: Board["columns"][number];
  stages: readonly Stage[];
  currency: string;
  todayKey: string;
  onMove: (deal: Deal, stage: Stage) => void;
  /** Drops carry only the deal's id; the board knows the deal. */
  onDropDeal: (dealId: string, stage: Stage) => void;
  onLoadMore: (stageId: string, cursor: string) => Promise<void>;
  reveal: RevealDeal | null;
};

/** A card's height before it is measured, and the space between cards (Mantine's xs). */
const cardEstimate = 150;
const cardGap = 10;
/** How many cards before the end of the loaded ones the next page is asked for. */
const loadAheadCards = 5;

const stageColor = (stage: Stage) => (stage.kind === "won" ? "teal" : stage.kind === "lost" ? "red" : "blue");

/**
 * One stage: its numbers, the loaded deals and a drop target. Only the cards near the column's
 * visible part are in the DOM; the next page loads as the reader scrolls toward the end.
 */
export const BoardColumn = ({ column, stages, currency, todayKey, onMove, onDropDeal, onLoadMore, reveal }: BoardColumnProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [over, setOver] = useState(false);
  const [loading, setLoading] = useState(false);
  // A page that failed is not asked for again by scrolling; the button retries it.
  const [failedCursor, setFailedCursor] = useState<string | null>(null);
  const inFlight = useRef<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const { stage, deals } = column;

  const virtualizer = useVirtualizer({
    count: deals.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => cardEstimate,
    gap: cardGap,
    overscan: 3,
    getItemKey: (index) => deals[index]?.id ?? index,
    initialRect: { width: 260, height: 600 },
  });
  const cards = virtualizer.getVirtualItems();
  const lastRenderedIndex = cards.at(-1)?.index ?? -1;

  const dragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes(dealDragType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!over) setOver(true);
  };
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const dealId = event.dataTransfer.getData(dealDragType);
    if (dealId) onDropDeal(dealId, stage);
  };
  const loadMore = useCallback(
    (cursor: string) => {
      if (inFlight.current === cursor) return;
      inFlight.current = cursor;
      setLoading(true);
      onLoadMore(stage.id, cursor)
        .then(() => setFailedCursor(null))
        .catch((error: unknown) => {
          setFailedCursor(cursor);
          notifications.show({ color: "red", message: problemMessage(t, error) });
        })
        .finally(() => {
          inFlight.current = null;
          setLoading(false);
        });
    },
    [onLoadMore, stage.id, t],
  );

  const cursor = column.nextCursor;
  useEffect(() => {
    if (!cursor || cursor === failedCursor) return;
    if (shouldLoadMore({ lastRenderedIndex, loadedCount: deals.length, hasMore: true, loading, ahead: loadAheadCards })) loadMore(cursor);
  }, [cursor, failedCursor, lastRenderedIndex, deals.length, loading, loadMore]);

  // A deal just created or moved here is scrolled into view once, when it shows up in this column.
  const revealIndex = reveal ? deals.findIndex((deal) => deal.id === reveal.dealId) : -1;
  const revealed = useRef<RevealDeal | null>(null);
  useEffect(() => {
    if (!reveal || revealIndex < 0 || revealed.current === reveal) return;
    revealed.current = reveal;
    virtualizer.scrollToIndex(revealIndex, { align: "auto" });
  }, [reveal, revealIndex, virtualizer]);

  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      bg={over ? "var(--mantine-color-blue-light)" : "var(--mantine-color-gray-0)"}
      style={{ flex: "0 0 280px", display: "flex", flexDirection: "column", maxHeight: "calc(100vh - 230px)" }}
      onDragOver={dragOver}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid={`board-column-${stage.name}`}
      aria-label={stage.name}
      component="section"
    >
      <Stack gap={2} mb="xs">
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Text fw={700} size="sm" truncate>
            {stage.name}
          </Text>
          <Badge size="sm" variant="light" color={stageColor(stage)}>
            {t("deals.probability", { probability: stage.probability })}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" data-testid="board-column-summary">
          {t("deals.columnSummary", {
            count: formatNumber(locale, column.count),
            sum: formatMoney(locale, column.sumMinor, currency),
          })}
        </Text>
      </Stack>
      <div ref={scrollRef} style={{ overflowY: "auto", flex: 1, minHeight: 0 }} data-testid={`board-column-cards-${stage.name}`}>
        {deals.length === 0 && (
          <Text size="xs" c="dimmed" ta="center" py="md">
            {t("deals.empty")}
          </Text>
        )}
        <div style={{ position: "relative", height: virtualizer.getTotalSize() }}>
          {cards.map((card) => {
            const deal = deals[card.index];
            if (!deal) return null;
            return (
              <div
                key={card.key}
                ref={virtualizer.measureElement}
                data-index={card.index}
                style={{ position: "absolute", top: 0, insetInlineStart: 0, width: "100%", transform: `translateY(${card.start}px)` }}
              >
                <DealBoardCard deal={deal} stages={stages} todayKey={todayKey} onMove={onMove} />
              </div>
            );
          })}
        </div>
        {cursor && (
          <Button
            variant="subtle"
            size="xs"
            fullWidth
            mt="xs"
            loading={loading}
            onClick={() => loadMore(cursor)}
            data-testid={`board-load-more-${stage.name}`}
          >
            {t("deals.loadMore")}
          </Button>
        )}
      </div>
    </Paper>
  );
};
