import type { ReactNode } from "react";
import { ActionIcon, Badge, Button, Group, Select, Text, useDirection } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { levelSchema, type Period } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { useTeams } from "../department/department.api";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { scopeChoices, scopeValueOf, type ScopeChoice, type ScopeKind } from "./kpi-figures";
import { useDashboard, type KpiQuery } from "./kpi.api";
import { periodLabel, shiftPeriodKey } from "./kpi-period";

/** A scope's name for people: the department and levels in the reader's language, teams and sellers by their names. */
export const scopeName = (t: TFunction, scope: { kind: ScopeKind; name: string; id?: string }): string => {
  switch (scope.kind) {
    case "department":
      return t("kpi.scope.department");
    case "level": {
      const level = levelSchema.safeParse(scope.name || scope.id);
      return level.success ? t(`levels.${level.data}`) : scope.name;
    }
    case "team":
    case "seller":
      return scope.name;
  }
};

/** The month shown, with the previous and next ones a click away; "this month" returns to today's. */
export const PeriodPicker = ({ period, onChange }: { period: Period; onChange: (key: string | undefined) => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { dir } = useDirection();
  const current = period.today >= period.start && period.today <= period.end;
  return (
    <Group gap={4} wrap="nowrap" data-testid="kpi-period" data-period={period.key}>
      <ActionIcon variant="default" size="lg" aria-label={t("kpi.period.previous")} onClick={() => onChange(shiftPeriodKey(period.key, -1))} data-testid="kpi-period-previous">
        {dir === "rtl" ? "›" : "‹"}
      </ActionIcon>
      <Text fw={600} miw={150} ta="center" data-testid="kpi-period-label">
        {periodLabel(locale, period)}
      </Text>
      <ActionIcon variant="default" size="lg" aria-label={t("kpi.period.next")} onClick={() => onChange(shiftPeriodKey(period.key, 1))} data-testid="kpi-period-next">
        {dir === "rtl" ? "‹" : "›"}
      </ActionIcon>
      {!current && (
        <Button variant="subtle" size="compact-sm" onClick={() => onChange(undefined)} data-testid="kpi-period-current">
          {t("kpi.period.current")}
        </Button>
      )}
    </Group>
  );
};

/** "5 of 22 working days elapsed", and a warning when the calendar of the period is not the official one. */
export const WorkingDays = ({ period }: { period: Period }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const number = (value: number) => formatNumber(locale, value);
  return (
    <Group gap="xs">
      <Text size="sm" c="dimmed" data-testid="kpi-working-days" data-elapsed={period.workingDaysElapsed} data-total={period.workingDays}>
        {t("kpi.period.days", { elapsed: number(period.workingDaysElapsed), total: number(period.workingDays) })}
      </Text>
      {(period.calendarCoverage === "partial" || period.calendarCoverage === "missing") && (
        <Badge color="yellow" variant="light" maw="none" data-testid="kpi-calendar-warning">
          {t("kpi.period.calendarIncomplete")}
        </Badge>
      )}
    </Group>
  );
};

const groupOf: Record<ScopeKind, "department" | "levels" | "teams" | "sellers"> = { department: "department", level: "levels", team: "teams", seller: "sellers" };

const selectData = (t: TFunction, choices: readonly ScopeChoice[]) => {
  const groups = new Map<string, Array<{ value: string; label: string }>>();
  for (const choice of choices) {
    const group = t(`kpi.scope.groups.${groupOf[choice.kind]}`);
    groups.set(group, [...(groups.get(group) ?? []), { value: choice.value, label: scopeName(t, choice) }]);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
};

/**
 * Whose figures: only the scopes this viewer may open. A seller gets no picker — their personal view is all there is.
 * The sellers come from the viewer's default dashboard (already cached on the dashboard), which lists exactly the
 * sellers they may see.
 */
export const ScopePicker = ({ query, onChange }: { query: KpiQuery; onChange: (scope: string | undefined) => void }) => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const seller = user.role === "seller";
  const teams = useTeams();
  const base = useDashboard({ periodKind: query.periodKind, period: undefined, scope: undefined });
  if (seller) {
    return (
      <Badge variant="light" size="lg" maw="none" data-testid="kpi-scope-personal">
        {t("kpi.scope.personal")}
      </Badge>
    );
  }
  const choices = scopeChoices(user, teams.data ?? [], base.data?.sellers ?? []);
  // Without a scope in the address the screen shows the viewer's default one: the department, or a lead's team.
  const value = query.scope ?? (base.data ? scopeValueOf(base.data.scope) : null);
  return (
    <Select
      w={260}
      aria-label={t("kpi.scope.label")}
      searchable
      allowDeselect={false}
      data={selectData(t, choices)}
      value={choices.some((c) => c.value === value) ? value : null}
      placeholder={t("kpi.scope.label")}
      onChange={(next) => onChange(next ?? undefined)}
      data-testid="kpi-scope"
      comboboxProps={{ withinPortal: true }}
    />
  );
};

/** The bar above a results screen: what it shows on the inline start, its actions on the end. */
export const KpiToolbar = ({ children, actions }: { children: ReactNode; actions?: ReactNode }) => (
  <Group justify="space-between" align="flex-end" gap="sm">
    <Group gap="sm" align="center">
      {children}
    </Group>
    {actions && <Group gap="xs">{actions}</Group>}
  </Group>
);
