import { useState, type DragEvent } from "react";
import { Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Board, Deal, Stage } from "@conveyor/contracts";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { problemMessage } from "../ui/errors";
import { DealBoardCard, dealDragType } from "./deal-board-card";

type BoardColumnProps = {
  column: Board["columns"][number];
  stages: readonly Stage[];
  currency: string;
  todayKey: string;
  onMove: (deal: Deal, stage: Stage) => void;
  /** Drops carry only the deal's id; the board knows the deal. */
  onDropDeal: (dealId: string, stage: Stage) => void;
  onLoadMore: (stageId: string, cursor: string) => Promise<void>;
};

const stageColor = (stage: Stage) => (stage.kind === "won" ? "teal" : stage.kind === "lost" ? "red" : "blue");

/** One stage: its numbers, the loaded deals (a page at a time) and a drop target. */
export const BoardColumn = ({ column, stages, currency, todayKey, onMove, onDropDeal, onLoadMore }: BoardColumnProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [over, setOver] = useState(false);
  const [loading, setLoading] = useState(false);
  const { stage } = column;

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
  const loadMore = (cursor: string) => {
    setLoading(true);
    onLoadMore(stage.id, cursor)
      .catch((error: unknown) => notifications.show({ color: "red", message: problemMessage(t, error) }))
      .finally(() => setLoading(false));
  };

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
      <Stack gap="xs" style={{ overflowY: "auto", flex: 1 }}>
        {column.deals.length === 0 && (
          <Text size="xs" c="dimmed" ta="center" py="md">
            {t("deals.empty")}
          </Text>
        )}
        {column.deals.map((deal) => (
          <DealBoardCard key={deal.id} deal={deal} stages={stages} todayKey={todayKey} onMove={onMove} />
        ))}
        {column.nextCursor && (
          <Button
            variant="subtle"
            size="xs"
            loading={loading}
            onClick={() => column.nextCursor && loadMore(column.nextCursor)}
            data-testid={`board-load-more-${stage.name}`}
          >
            {t("deals.loadMore")}
          </Button>
        )}
      </Stack>
    </Paper>
  );
};
