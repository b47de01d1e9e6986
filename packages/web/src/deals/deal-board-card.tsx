import { memo, type DragEvent } from "react";
import { Link } from "react-router";
import { Anchor, Card, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Deal, Stage } from "@conveyor/contracts";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { isOverdue } from "./board-state";
import { formatDay } from "./format-day";
import { MoveDealMenu } from "./move-deal-menu";

/** The drag payload's type: only our cards can be dropped on a column. */
export const dealDragType = "application/x-conveyor-deal";

type DealBoardCardProps = {
  deal: Deal;
  stages: readonly Stage[];
  todayKey: string;
  onMove: (deal: Deal, stage: Stage) => void;
};

/** One deal on the board. Memoized: a move re-renders two columns' changed cards, not thousands. */
export const DealBoardCard = memo(({ deal, stages, todayKey, onMove }: DealBoardCardProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const overdue = isOverdue(deal, todayKey);
  const startDrag = (event: DragEvent<HTMLDivElement>) => {
    event.dataTransfer.setData(dealDragType, deal.id);
    event.dataTransfer.effectAllowed = "move";
  };
  return (
    <Card
      withBorder
      padding="sm"
      radius="sm"
      draggable
      onDragStart={startDrag}
      // In the column's scrolling flex box a card keeps its height instead of shrinking to fit.
      style={{ cursor: "grab", flexShrink: 0 }}
      data-testid={`deal-card-${deal.title}`}
      data-stage={deal.stageName}
    >
      <Stack gap={4}>
        <Anchor component={Link} to={`/deals/${deal.id}`} size="sm" fw={600} draggable={false}>
          <bdi>{deal.title}</bdi>
        </Anchor>
        <Text size="xs" c="dimmed" truncate>
          <bdi>{deal.companyName}</bdi>
        </Text>
        <Text size="sm" fw={600}>
          {formatMoney(locale, deal.amountMinor, deal.currency)}
        </Text>
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed" truncate>
            {deal.ownerName}
          </Text>
          {deal.expectedCloseDate && (
            <Text
              size="xs"
              c={overdue ? "red" : "dimmed"}
              fw={overdue ? 600 : undefined}
              title={overdue ? t("deals.overdue") : undefined}
              data-overdue={overdue || undefined}
            >
              {formatDay(locale, deal.expectedCloseDate)}
            </Text>
          )}
        </Group>
        <Group justify="flex-end">
          <MoveDealMenu dealTitle={deal.title} currentStageId={deal.stageId} stages={stages} onMove={(stage) => onMove(deal, stage)} />
        </Group>
      </Stack>
    </Card>
  );
});
DealBoardCard.displayName = "DealBoardCard";
