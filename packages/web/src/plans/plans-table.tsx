import { ActionIcon, Badge, Group, NumberInput, Stack, Table, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { currencyDigits, planMetrics, type Locale, type Plan, type PlanMetric } from "@conveyor/contracts";
import type { TFunction } from "i18next";
import { formatNumber, intlLocale } from "../i18n/intl";
import { directionOf, useLocale } from "../i18n/locale-provider";
import { formatMoney, fromMinorUnits } from "../i18n/money";
import { cellInputValue, cellKey, completionTone, type CellKey, type GridRow, type GridSection, type PlansDraft } from "./plans-grid";

/** Plans are round sums: money without its minor units unless a sum has them, e.g. "RUB 49,780,000". */
const formatPlanMoney = (locale: Locale, amountMinor: number, currency: string): string => {
  const major = fromMinorUnits(amountMinor, currency);
  if (!Number.isInteger(Math.round(major * 100) / 100) || Math.abs(major) < 100) return formatMoney(locale, amountMinor, currency);
  try {
    return new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency, maximumFractionDigits: 0 }).format(Math.round(major));
  } catch {
    return formatMoney(locale, amountMinor, currency);
  }
};

/** Revenue as money in the organization's currency (whole units from a hundred up); counts in the reader's digits. */
export const formatMetricValue = (locale: Locale, metric: PlanMetric, value: number, currency: string): string =>
  metric === "revenue" ? formatPlanMoney(locale, value, currency) : formatNumber(locale, value);

/** "87 %", "۸۷٪": M5.2's percentage in the reader's language. */
export const formatCompletion = (locale: Locale, completion: number): string =>
  formatNumber(locale, completion / 100, { style: "percent", maximumFractionDigits: 0 });

const TrashIcon = () => (
  <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
    <path d="M4 7h16M10 11v6M14 11v6M5 7l1 13h12l1-13M9 7V4h6v3" />
  </svg>
);

export const rowName = (t: TFunction, row: GridRow): string => {
  switch (row.scopeKind) {
    case "department":
      return t("plans.grid.department");
    case "level":
      return t("plans.grid.levelName", { level: row.scopeId });
    case "seller":
    case "team":
    case "channel":
    case "product_group":
      return row.name;
  }
};

export type PlansTableProps = {
  sections: GridSection[];
  plans: Map<CellKey, Plan>;
  currency: string;
  viewerId: string;
  editable: boolean;
  draft: PlansDraft;
  /** Messages under cells: the client's own checks and the server's field errors. */
  cellErrors: Readonly<Record<CellKey, string>>;
  onChange: (key: CellKey, value: number | string) => void;
  onRemove: (plan: Plan, row: GridRow) => void;
};

const sectionTitle = (t: TFunction, section: GridSection): string | null => {
  switch (section.kind) {
    case "department":
    case "team":
      return null;
    case "levels":
      return t("plans.grid.levels");
    case "no_team":
      return t("plans.grid.noTeam");
    case "other":
      return t("plans.grid.other");
  }
};

const PlanCell = ({ row, metric, props }: { row: GridRow; metric: PlanMetric; props: PlansTableProps }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { plans, currency, editable, draft, cellErrors, onChange, onRemove } = props;
  const key = cellKey(row.scopeKind, row.scopeId, metric);
  const plan = plans.get(key);
  const tone = completionTone(plan?.completionToDate ?? null);
  const typed = draft[key];
  const name = rowName(t, row);
  const facts = plan && (
    <Group gap={4} wrap="wrap" justify="flex-end">
      <Text size="xs" c="dimmed" data-testid="plan-fact">
        {plan.fact === null ? t("plans.grid.noPlan") : formatMetricValue(locale, metric, plan.fact, currency)}
      </Text>
      {plan.completionToDate !== null && (
        <Badge size="sm" variant="light" color={tone === "behind" ? "red" : "green"} data-testid="plan-completion" data-tone={tone}>
          {formatCompletion(locale, plan.completionToDate)}
        </Badge>
      )}
    </Group>
  );
  return (
    <Table.Td data-testid={`plan-cell-${row.scopeKind}-${row.scopeId || "department"}-${metric}`} data-planned={plan ? "true" : "false"} style={{ minWidth: metric === "revenue" ? 210 : 130, verticalAlign: "top" }}>
      <Stack gap={4}>
        {editable ? (
          <Group gap={4} wrap="nowrap">
            <NumberInput
              size="xs"
              hideControls
              min={0}
              allowNegative={false}
              allowDecimal={metric === "revenue" && currencyDigits(currency) > 0}
              decimalScale={metric === "revenue" ? currencyDigits(currency) : 0}
              thousandSeparator=" "
              value={typed ?? cellInputValue(plan, currency)}
              onChange={(value) => onChange(key, value)}
              error={cellErrors[key]}
              aria-label={t("plans.grid.cellLabel", { metric: t(`kpi.metrics.${metric}`), name })}
              // Digits grouped by spaces read left to right in Persian too; the column still lines up at its end.
              styles={{ input: { direction: "ltr", textAlign: directionOf(locale) === "rtl" ? "left" : "right" } }}
              style={{ flex: 1 }}
              data-testid="plan-input"
              data-dirty={typed !== undefined ? "true" : undefined}
            />
            {plan && (
              <Tooltip label={t("plans.grid.remove")}>
                <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t("plans.grid.remove")} onClick={() => onRemove(plan, row)} data-testid="plan-remove">
                  <TrashIcon />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        ) : (
          <Text size="sm" fw={600} ta="end" data-testid="plan-target">
            {plan ? formatMetricValue(locale, metric, plan.target, currency) : t("plans.grid.noPlan")}
          </Text>
        )}
        {facts}
      </Stack>
    </Table.Td>
  );
};

const RowHeader = ({ row, viewerId }: { row: GridRow; viewerId: string }) => {
  const { t } = useTranslation();
  const total = row.scopeKind !== "seller";
  return (
    <Table.Th scope="row" style={{ minWidth: 210, fontWeight: total ? 700 : 500 }}>
      <Stack gap={2} align="flex-start">
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={total ? 700 : 500}>
            <bdi>{rowName(t, row)}</bdi>
            {row.scopeKind === "seller" && row.scopeId === viewerId && ` (${t("plans.grid.you")})`}
          </Text>
          {row.scopeKind === "seller" && row.level && (
            <Badge size="xs" variant="outline">
              {row.level}
            </Badge>
          )}
        </Group>
        {row.scopeKind === "team" && (
          <Text size="xs" c="dimmed" fw={400}>
            {t("plans.grid.teamTotal")}
          </Text>
        )}
      </Stack>
    </Table.Th>
  );
};

/** Rows of sellers grouped by team, with the department's, teams' and levels' totals; one column per metric. */
export const PlansTable = (props: PlansTableProps) => {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table verticalSpacing="xs" withRowBorders aria-label={t("plans.grid.label")} data-testid="plans-grid">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("plans.grid.who")}</Table.Th>
            {planMetrics.map((metric) => (
              <Table.Th key={metric} style={{ textAlign: "end" }} data-testid={`plans-column-${metric}`}>
                <Text size="sm" fw={700}>
                  {t(`kpi.metrics.${metric}`)}
                </Text>
                <Text size="xs" c="dimmed" fw={400}>
                  {t("plans.grid.plan")} · {t("plans.grid.fact")} · {t("plans.grid.completionToDate")}
                </Text>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.sections.map((section) => {
            const title = sectionTitle(t, section);
            return [
              title && (
                <Table.Tr key={`${section.key}-title`} bg="var(--mantine-color-gray-light)">
                  <Table.Td colSpan={planMetrics.length + 1}>
                    <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                      {title}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ),
              ...section.rows.map((row) => (
                <Table.Tr
                  key={`${section.key}-${row.scopeKind}-${row.scopeId}`}
                  bg={row.scopeKind === "seller" || section.kind === "levels" || section.kind === "other" ? undefined : "var(--mantine-color-blue-light)"}
                  data-testid={`plan-row-${row.scopeKind}-${row.scopeId || "department"}`}
                  data-name={row.name}
                >
                  <RowHeader row={row} viewerId={props.viewerId} />
                  {planMetrics.map((metric) => (
                    <PlanCell key={metric} row={row} metric={metric} props={props} />
                  ))}
                </Table.Tr>
              )),
            ];
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
