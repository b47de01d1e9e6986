import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Badge, Box, Button, Card, Group, SimpleGrid, Stack, Text, Tooltip, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Locale, WorkingCalendar } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { SectionHeader } from "../department/section-header";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { zonedDayKey } from "../i18n/zoned-time";
import { canEditCalendar } from "../kpi/kpi-access";
import { LoadError, PageLoader } from "../ui/page-states";
import { coverageWarning, dayTone, dayTones, monthWeeks, patternWeekend, weekdayOrder, weekStartFor, type CalendarDay, type DayTone } from "./calendar-layout";
import { DayModal } from "./day-modal";
import { calendarLocale } from "./plan-period";
import { calendarKey, plansAreaKey, useWorkingCalendar } from "./plans.api";

/** The colours of the legend and the grid: one per kind of day. */
export const toneStyle: Record<DayTone, { bg: string; c: string }> = {
  working: { bg: "var(--mantine-color-body)", c: "var(--mantine-color-text)" },
  weekend: { bg: "var(--mantine-color-gray-light)", c: "var(--mantine-color-dimmed)" },
  holiday: { bg: "var(--mantine-color-red-light)", c: "var(--mantine-color-red-light-color)" },
  shortened: { bg: "var(--mantine-color-yellow-light)", c: "var(--mantine-color-yellow-light-color)" },
  transferred: { bg: "var(--mantine-color-blue-light)", c: "var(--mantine-color-blue-light-color)" },
};
const overriddenOutline = "2px dashed var(--mantine-color-violet-6)";

const coverageColor: Record<WorkingCalendar["coverage"], string> = { official: "green", partial: "yellow", missing: "red", pattern_only: "gray" };

const utc = (date: string) => new Date(`${date}T12:00:00Z`);

const monthName = (locale: Locale, year: number, month: number): string => {
  const text = new Intl.DateTimeFormat(calendarLocale(locale, "gregory"), { month: "long", timeZone: "UTC" }).format(utc(`${year}-${String(month).padStart(2, "0")}-15`));
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
};

/** For Persian readers: the Solar Hijri months a Gregorian month spans, "اسفند – فروردین". */
const jalaliSpan = (locale: Locale, first: string, last: string): string => {
  const format = new Intl.DateTimeFormat(calendarLocale(locale, "persian"), { month: "long", timeZone: "UTC" });
  const [from, to] = [format.format(utc(first)), format.format(utc(last))];
  return from === to ? from : `${from} – ${to}`;
};

const weekdayNames = (locale: Locale, weekStart: number): string[] => {
  // 1 March 2026 is a Sunday: weekday d falls on the (1 + d)th.
  const format = new Intl.DateTimeFormat(calendarLocale(locale, "gregory"), { weekday: locale === "fa" ? "narrow" : "short", timeZone: "UTC" });
  return weekdayOrder(weekStart).map((d) => format.format(utc(`2026-03-0${1 + d}`)));
};

const dayNumber = (locale: Locale, date: string) => formatNumber(locale, Number(date.slice(8, 10)));

type MonthProps = {
  month: WorkingCalendar["months"][number];
  year: number;
  weekStart: number;
  weekend: readonly number[];
  today: string;
  editable: boolean;
  onDay: (day: CalendarDay) => void;
};

const MonthCard = ({ month, year, weekStart, weekend, today, editable, onDay }: MonthProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const weeks = monthWeeks(month.days, weekStart);
  const first = month.days[0]?.date;
  const last = month.days.at(-1)?.date;
  const tip = (day: CalendarDay, tone: DayTone) =>
    [t(`workCalendar.tones.${tone}`), day.name, day.overridden ? t("workCalendar.overridden") : null].filter(Boolean).join(" · ");
  return (
    <Card withBorder radius="md" padding="sm" data-testid={`calendar-month-${month.month}`}>
      <Group justify="space-between" align="baseline" gap={4} mb={6}>
        <Stack gap={0}>
          <Text fw={700} size="sm">
            {monthName(locale, year, month.month)}
          </Text>
          {(locale === "fa" || organization.country === "IR") && first && last && (
            <Text size="xs" c="dimmed">
              {jalaliSpan(locale, first, last)}
            </Text>
          )}
        </Stack>
        <Text size="xs" fw={600} c="dimmed" data-testid={`calendar-month-${month.month}-working`} data-count={month.workingDays}>
          {t("workCalendar.month.working", { count: month.workingDays })}
        </Text>
      </Group>
      <Box style={{ display: "grid", gridTemplateColumns: "repeat(7, 1fr)", gap: 2 }}>
        {weekdayNames(locale, weekStart).map((name, i) => (
          <Text key={`h${i}`} size="xs" c="dimmed" ta="center">
            {name}
          </Text>
        ))}
        {weeks.flat().map((day, i) => {
          if (!day) return <span key={`e${i}`} />;
          const tone = dayTone(day, weekend);
          const style = {
            backgroundColor: toneStyle[tone].bg,
            color: toneStyle[tone].c,
            outline: day.overridden ? overriddenOutline : undefined,
            outlineOffset: -2,
            borderRadius: 4,
            fontWeight: day.date === today ? 800 : 500,
            textDecoration: day.date === today ? "underline" : undefined,
            fontSize: "var(--mantine-font-size-xs)",
            textAlign: "center" as const,
            padding: "3px 0",
            width: "100%",
          };
          const common = {
            "data-testid": `calendar-day-${day.date}`,
            "data-kind": day.kind,
            "data-tone": tone,
            "data-overridden": day.overridden ? "true" : "false",
            "aria-label": `${day.date}: ${tip(day, tone)}`,
          };
          return (
            <Tooltip key={day.date} label={tip(day, tone)} openDelay={300} withinPortal>
              {editable ? (
                <UnstyledButton style={style} onClick={() => onDay(day)} {...common}>
                  {dayNumber(locale, day.date)}
                </UnstyledButton>
              ) : (
                <Box style={style} {...common}>
                  {dayNumber(locale, day.date)}
                </Box>
              )}
            </Tooltip>
          );
        })}
      </Box>
    </Card>
  );
};

const Legend = () => {
  const { t } = useTranslation();
  return (
    <Group gap="md" aria-label={t("workCalendar.legend")} data-testid="calendar-legend">
      {dayTones.map((tone) => (
        <Group key={tone} gap={6} wrap="nowrap">
          <Box w={14} h={14} style={{ backgroundColor: toneStyle[tone].bg, border: "1px solid var(--mantine-color-default-border)", borderRadius: 3 }} />
          <Text size="xs">{t(`workCalendar.tones.${tone}`)}</Text>
        </Group>
      ))}
      <Group gap={6} wrap="nowrap">
        <Box w={14} h={14} style={{ outline: overriddenOutline, outlineOffset: -2, borderRadius: 3 }} />
        <Text size="xs">{t("workCalendar.overridden")}</Text>
      </Group>
    </Group>
  );
};

/**
 * M5.2's working days: the year of the country's production calendar with the organization's own days, month by
 * month, with a plain warning where no official data exists yet. Heads and admins change a day; others read.
 */
export const CalendarPage = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { user, organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const editable = canEditCalendar(user.role);
  const [year, setYear] = useState<number | null>(null);
  const [open, setOpen] = useState<CalendarDay | null>(null);
  const calendar = useWorkingCalendar(year);
  const today = zonedDayKey(new Date(), organization.timeZone);
  const thisYear = Number(today.slice(0, 4));

  const changed = (next: WorkingCalendar | null) => {
    if (next) queryClient.setQueryData(calendarKey(year), next);
    // Working days move every period's % of plan to date.
    void queryClient.invalidateQueries({ queryKey: plansAreaKey });
  };

  return (
    <Stack gap="lg" data-testid="calendar-page">
      <SectionHeader title={t("workCalendar.title")} hint={`${t("workCalendar.hint")}${editable ? ` ${t("workCalendar.hintEdit")}` : ""}`} />
      {calendar.isPending ? (
        <PageLoader />
      ) : calendar.isError ? (
        <LoadError error={calendar.error} onRetry={() => void calendar.refetch()} />
      ) : (
        (() => {
          const data = calendar.data;
          const warning = coverageWarning(data);
          const weekStart = weekStartFor(locale, data.country);
          const weekend = patternWeekend(data.country, data.thursdayOff);
          const [back, forward] = locale === "fa" ? ["→", "←"] : ["←", "→"];
          return (
            <>
              <Group gap="sm" wrap="wrap">
                <Button size="xs" variant="default" aria-label={t("workCalendar.year.previous")} onClick={() => setYear(data.year - 1)} data-testid="calendar-year-prev">
                  {back}
                </Button>
                <Text fw={700} size="lg" data-testid="calendar-year" data-year={data.year}>
                  {formatNumber(locale, data.year, { useGrouping: false })}
                </Text>
                <Button size="xs" variant="default" aria-label={t("workCalendar.year.next")} onClick={() => setYear(data.year + 1)} data-testid="calendar-year-next">
                  {forward}
                </Button>
                {data.year !== thisYear && (
                  <Button size="xs" variant="subtle" onClick={() => setYear(null)} data-testid="calendar-year-current">
                    {t("workCalendar.year.current")}
                  </Button>
                )}
                <Badge color={coverageColor[data.coverage]} variant="light" data-testid="calendar-coverage" data-coverage={data.coverage}>
                  {t(`workCalendar.coverage.${data.coverage}`)}
                </Badge>
                <Text size="sm" fw={600} data-testid="calendar-year-total" data-count={data.workingDays}>
                  {t("workCalendar.year.total", { count: data.workingDays, year: formatNumber(locale, data.year, { useGrouping: false }) })}
                </Text>
              </Group>
              {data.source && (
                <Text size="xs" c="dimmed" data-testid="calendar-source">
                  {t("workCalendar.source", { source: data.source })}
                </Text>
              )}
              {warning.kind && (
                <Alert color={warning.kind === "partial" ? "yellow" : "orange"} variant="light" role="alert" data-testid="calendar-warning" data-kind={warning.kind}>
                  <Text size="sm">{t(`workCalendar.warnings.${warning.kind}`, { year: formatNumber(locale, data.year, { useGrouping: false }) })}</Text>
                </Alert>
              )}
              {warning.otherYears.length > 0 && (
                <Text size="sm" c="orange" data-testid="calendar-other-years">
                  {t("workCalendar.warnings.otherYears", { years: warning.otherYears.map((y) => formatNumber(locale, y, { useGrouping: false })).join(", ") })}
                </Text>
              )}
              <Legend />
              <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="sm" data-testid="calendar-months">
                {data.months.map((month) => (
                  <MonthCard key={month.month} month={month} year={data.year} weekStart={weekStart} weekend={weekend} today={today} editable={editable} onDay={setOpen} />
                ))}
              </SimpleGrid>
              {open && <DayModal day={open} weekend={weekend} thisYear={thisYear} onClose={() => setOpen(null)} onChanged={changed} />}
            </>
          );
        })()
      )}
    </Stack>
  );
};
