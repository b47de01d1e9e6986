import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Alert, Badge, Button, Checkbox, Group, Modal, NumberInput, ScrollArea, SegmentedControl, Select, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { currencyDigits, planMetrics, type PlanList, type PlanMetric, type PlanSplitResult } from "@conveyor/contracts";
import { formatNumber } from "../i18n/intl";
import { directionOf, useLocale } from "../i18n/locale-provider";
import { fromMinorUnits, toMinorUnits } from "../i18n/money";
import { fieldErrorMessage, problemMessage } from "../ui/errors";
import { periodLabel } from "./plan-period";
import { cellKey, plansByCell, type GridPerson } from "./plans-grid";
import { splitPlan } from "./plans.api";
import { formatMetricValue } from "./plans-table";
import { splitFigures, splitInputsKey, weightsToSend, type SplitMethod } from "./split-figures";

const methods: readonly SplitMethod[] = ["even", "weight", "last_quarter"];
const isMetric = (value: string | null): value is PlanMetric => planMetrics.some((m) => m === value);
const isMethod = (value: string): value is SplitMethod => methods.some((m) => m === value);

/**
 * M5.9 "goals for the department split into tasks per seller": a total split evenly, by weight or by last quarter's
 * share, each share pro-rated for the seller's absences; previewed first, then applied as the sellers' plans.
 */
export const SplitPlanModal = ({ list, people, onClose, onApplied }: { list: PlanList; people: GridPerson[]; onClose: () => void; onApplied: () => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { period, currency } = list;
  const plans = plansByCell(list.items);
  const departmentPlan = (metric: PlanMetric) => plans.get(cellKey("department", "", metric));
  const shownTotal = (metric: PlanMetric): number | string => {
    const plan = departmentPlan(metric);
    if (!plan) return "";
    return metric === "revenue" ? fromMinorUnits(plan.target, currency) : plan.target;
  };
  const [metric, setMetric] = useState<PlanMetric>("revenue");
  const [total, setTotal] = useState<number | string>(() => shownTotal("revenue"));
  const [method, setMethod] = useState<SplitMethod>("last_quarter");
  const [weights, setWeights] = useState<Record<string, number | string>>({});
  const [prorate, setProrate] = useState(true);
  const [preview, setPreview] = useState<{ key: string; result: PlanSplitResult } | null>(null);

  const totalNumber = typeof total === "number" ? total : total.trim() === "" ? null : Number(total.replace(/\s/g, ""));
  const totalMinor = totalNumber === null || !Number.isFinite(totalNumber) || totalNumber < 0 ? null : metric === "revenue" ? toMinorUnits(totalNumber, currency) : Math.round(totalNumber);
  const sentWeights = weightsToSend(weights);
  const inputsKey = splitInputsKey({ metric, total: totalMinor, method, weights: sentWeights, prorate });
  const body = (apply: boolean) => ({
    periodKind: period.kind,
    period: period.key,
    metric,
    total: totalMinor ?? 0,
    method,
    prorateAbsences: prorate,
    apply,
    ...(method === "weight" ? { weights: sentWeights } : {}),
  });

  const previewing = useMutation({
    mutationFn: () => splitPlan(body(false)),
    onSuccess: (result) => setPreview({ key: inputsKey, result }),
  });
  const applying = useMutation({
    mutationFn: () => splitPlan(body(true)),
    onSuccess: (result) => {
      onApplied();
      notifications.show({ color: "green", message: t("plans.split.applied", { count: result.items.length }) });
      onClose();
    },
  });
  const error = applying.error ?? previewing.error;
  const stale = preview !== null && preview.key !== inputsKey;
  const figures = preview && !stale ? splitFigures(preview.result, totalMinor ?? 0, period.workingDays, prorate) : null;
  const money = (value: number) => formatMetricValue(locale, metric, value, currency);
  const basisOf = (basis: number) => (method === "even" ? t("plans.split.basisEven") : method === "weight" ? formatNumber(locale, basis) : money(basis));

  const chooseMetric = (value: string | null) => {
    if (!isMetric(value)) return;
    setMetric(value);
    setTotal(shownTotal(value));
  };
  const planned = departmentPlan(metric);

  return (
    <Modal opened onClose={onClose} size="xl" title={`${t("plans.split.title")} · ${periodLabel(locale, period.kind, period.start)}`}>
      <Stack gap="md" data-testid="split-form">
        <Text size="sm" c="dimmed">
          {t("plans.split.hint")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t("plans.split.metric")}
            data={planMetrics.map((m) => ({ value: m, label: t(`kpi.metrics.${m}`) }))}
            value={metric}
            onChange={chooseMetric}
            allowDeselect={false}
            data-testid="split-metric"
          />
          <NumberInput
            label={t("plans.split.total")}
            description={planned ? t("plans.split.totalFromPlan", { total: money(planned.target) }) : undefined}
            min={0}
            allowNegative={false}
            hideControls
            thousandSeparator=" "
            decimalScale={metric === "revenue" ? currencyDigits(currency) : 0}
            value={total}
            onChange={setTotal}
            error={fieldErrorMessage(t, error, "total")}
            styles={{ input: { direction: "ltr", textAlign: directionOf(locale) === "rtl" ? "right" : "left" } }}
            data-testid="split-total"
          />
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("plans.split.method")}
          </Text>
          <SegmentedControl
            value={method}
            onChange={(value) => isMethod(value) && setMethod(value)}
            data={methods.map((m) => ({ value: m, label: <span data-testid={`split-method-${m}`}>{t(`plans.split.methods.${m}`)}</span> }))}
          />
          <Text size="xs" c="dimmed">
            {t(`plans.split.methodHints.${method}`)}
          </Text>
        </Stack>
        {method === "weight" && (
          <ScrollArea.Autosize mah={220}>
            <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" data-testid="split-weights">
              {people.map((person) => (
                <NumberInput
                  key={person.userId}
                  size="xs"
                  label={person.name}
                  aria-label={t("plans.split.weight", { name: person.name })}
                  min={0}
                  max={1000}
                  decimalScale={2}
                  placeholder="1"
                  value={weights[person.userId] ?? ""}
                  onChange={(value) => setWeights((current) => ({ ...current, [person.userId]: value }))}
                  data-testid={`split-weight-${person.userId}`}
                />
              ))}
            </SimpleGrid>
          </ScrollArea.Autosize>
        )}
        <Checkbox
          label={t("plans.split.prorate")}
          description={t("plans.split.prorateHint")}
          checked={prorate}
          onChange={(event) => setProrate(event.currentTarget.checked)}
          data-testid="split-prorate"
        />
        {error && !fieldErrorMessage(t, error, "total") && (
          <Alert color="red" role="alert" data-testid="split-error">
            {problemMessage(t, error)}
          </Alert>
        )}
        {stale && (
          <Text size="sm" c="orange" data-testid="split-stale">
            {t("plans.split.stale")}
          </Text>
        )}
        {figures && (
          <Stack gap="xs" data-testid="split-preview">
            {figures.lines.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("plans.split.nobody")}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={620}>
                <Table striped verticalSpacing={4} fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("plans.split.seller")}</Table.Th>
                      <Table.Th style={{ textAlign: "end" }}>{t("plans.split.basis")}</Table.Th>
                      <Table.Th style={{ textAlign: "end" }}>{t("plans.split.share")}</Table.Th>
                      <Table.Th style={{ textAlign: "end" }}>{t("plans.split.presentDays")}</Table.Th>
                      <Table.Th style={{ textAlign: "end" }}>{t("plans.split.target")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {figures.lines.map((line) => (
                      <Table.Tr key={line.userId} data-testid={`split-line-${line.userId}`} data-name={line.name} data-target={line.target}>
                        <Table.Td>
                          <bdi>{line.name}</bdi>
                        </Table.Td>
                        <Table.Td style={{ textAlign: "end" }}>{basisOf(line.basis)}</Table.Td>
                        <Table.Td style={{ textAlign: "end" }}>{formatNumber(locale, line.sharePercent / 100, { style: "percent", maximumFractionDigits: 1 })}</Table.Td>
                        <Table.Td style={{ textAlign: "end" }}>
                          <Group gap={4} justify="flex-end" wrap="nowrap">
                            {line.prorated && (
                              <Badge size="xs" color="orange" variant="light" data-testid="split-prorated">
                                {t("plans.split.prorated")}
                              </Badge>
                            )}
                            <span data-testid="split-present">
                              {t("plans.split.presentOf", { present: formatNumber(locale, line.presentWorkingDays), total: formatNumber(locale, period.workingDays) })}
                            </span>
                          </Group>
                        </Table.Td>
                        <Table.Td style={{ textAlign: "end" }} fw={600}>
                          {money(line.target)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                  <Table.Tfoot>
                    <Table.Tr>
                      <Table.Th colSpan={4}>{t("plans.split.sum")}</Table.Th>
                      <Table.Th style={{ textAlign: "end" }} data-testid="split-sum">
                        {money(figures.sum)}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Tfoot>
                </Table>
              </Table.ScrollContainer>
            )}
            {figures.difference !== 0 && (
              <Text size="sm" c="orange">
                {t("plans.split.difference", { sum: money(figures.sum), total: money(totalMinor ?? 0) })}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {t("plans.split.replaces")}
            </Text>
          </Stack>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button variant="light" onClick={() => previewing.mutate()} loading={previewing.isPending} disabled={totalMinor === null} data-testid="split-preview-submit">
            {t("plans.split.preview")}
          </Button>
          <Button
            onClick={() => applying.mutate()}
            loading={applying.isPending}
            disabled={figures === null || figures.lines.length === 0}
            data-testid="split-apply"
          >
            {t("plans.split.apply")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};
