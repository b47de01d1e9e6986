import { Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { contestValueText } from "./contests-tab";
import { useLiveLeaderboards } from "./pay.api";

/** M5.10 on the wall: this month's contests, the top five of each and the prize; nothing when there is no contest. */
export const TvContests = ({ refreshSeconds }: { refreshSeconds: number }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const live = useLiveLeaderboards(refreshSeconds);
  const items = live.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card radius="md" padding="lg" data-testid="tv-contests">
      <Title order={2} fz={30} mb="md">
        {t("pay.contests.tv")}
      </Title>
      <SimpleGrid cols={{ base: 1, md: Math.min(items.length, 3) }} spacing="lg">
        {items.map((board) => (
          <Stack key={board.contest.id} gap={6}>
            <Text fz={24} fw={700}>
              {board.contest.name}
            </Text>
            <Text fz={18} c="dimmed">
              {t(`pay.contests.metrics.${board.contest.metric}`)} · {t("pay.contests.prize")}: {board.contest.prize}
            </Text>
            {board.rows.slice(0, 5).map((row) => (
              <Group key={row.seller.id} justify="space-between" fz={22} data-testid="tv-contest-row">
                <Text inherit fw={row.rank === 1 ? 800 : 500}>
                  {row.rank === null ? "—" : formatNumber(locale, row.rank)}. {row.seller.name}
                </Text>
                <Text inherit style={{ fontVariantNumeric: "tabular-nums" }}>
                  {contestValueText(locale, board, row.value)}
                </Text>
              </Group>
            ))}
          </Stack>
        ))}
      </SimpleGrid>
    </Card>
  );
};
