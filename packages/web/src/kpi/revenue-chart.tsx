import { Box, Group, Stack, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Dashboard, Period } from "@conveyor/contracts";
import { useLocale } from "../i18n/locale-provider";
import { barShares, formatWholeMoney } from "./kpi-figures";
import { dayOfPeriodLabel, periodDateLabel, periodLabel } from "./kpi-period";

const chartHeight = 160;

/**
 * Money received per day of the period (M2.3 daily revenue) as plain bars: no chart library for one row of columns.
 * Days after today are faint. In Persian the days run right to left with the page.
 */
export const RevenueChart = ({ days, period, currency }: { days: Dashboard["revenueByDay"]; period: Period; currency: string }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const shares = barShares(days.map((day) => day.revenueMinor));
  const total = days.reduce((sum, day) => sum + day.revenueMinor, 0);
  if (total === 0) {
    return (
      <Text size="sm" c="dimmed" ta="center" py="md" data-testid="revenue-chart-empty">
        {t("kpi.chart.empty")}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Group
        gap={2}
        align="flex-end"
        wrap="nowrap"
        h={chartHeight}
        role="img"
        aria-label={t("kpi.chart.label", { period: periodLabel(locale, period), total: formatWholeMoney(locale, total, currency) })}
        data-testid="revenue-chart"
      >
        {days.map((day, index) => {
          const share = shares[index] ?? 0;
          const future = day.date > period.today;
          return (
            <Tooltip key={day.date} label={`${periodDateLabel(locale, period.kind, day.date)}: ${formatWholeMoney(locale, day.revenueMinor, currency)}`} withinPortal>
              <Box
                style={{ flex: "1 1 0", height: "100%", display: "flex", alignItems: "flex-end" }}
                data-testid="revenue-bar"
                data-date={day.date}
                data-value={day.revenueMinor}
              >
                <Box
                  w="100%"
                  bg={future ? "gray.3" : day.date === period.today ? "blue.7" : "blue.5"}
                  style={{ height: `${Math.max(share * 100, day.revenueMinor > 0 ? 2 : 0.5)}%`, borderRadius: 2 }}
                />
              </Box>
            </Tooltip>
          );
        })}
      </Group>
      <Group gap={2} wrap="nowrap" aria-hidden>
        {days.map((day) => (
          <Text key={day.date} fz={10} c="dimmed" ta="center" style={{ flex: "1 1 0", overflow: "hidden" }}>
            {dayOfPeriodLabel(locale, period.kind, day.date)}
          </Text>
        ))}
      </Group>
    </Stack>
  );
};
