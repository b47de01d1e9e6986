import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ActionIcon, Alert, Button, Card, Checkbox, Group, NumberInput, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import {
  clientScopeValues,
  departmentKinds,
  kpiBonusMetricValues,
  levelSchema,
  salesRoles,
  schemeTargetKindValues,
  type CoefficientCurveInput,
  type PayScheme,
  type PaySchemeDefinitionData,
  type SchemeAssignmentInput,
} from "@conveyor/contracts";
import { fromMinorUnits, toMinorUnits } from "../i18n/money";
import { usePeople } from "../people/people.api";
import { useProductGroups } from "../products/products.api";
import type { TFunction } from "i18next";
import { isApiError } from "../api/client";
import { fieldErrorMessage as sharedFieldError, isExplainedByFields, problemMessage } from "../ui/errors";
import { addSchemeVersion, refreshPay, replaceAssignments } from "./pay.api";

/*
 * M1.6: the head's editor of a scheme — a new version from a month on with every part of the definition (the
 * plan-coefficient curve's threshold, points and cap; KPI bonus items; rates per product group; the per-level
 * payments), and whom the scheme applies to. The server's field errors show under the field they name.
 */

type Definition = PaySchemeDefinitionData;
type Part = Definition["variable"][number];
type NumberValue = number | string;

const num = (value: NumberValue, fallback = 0): number => (value === "" || Number.isNaN(Number(value)) ? fallback : Number(value));
const defaultCurve: CoefficientCurveInput = {
  thresholdPercent: 70,
  points: [
    { completionPercent: 70, coefficient: 0.7 },
    { completionPercent: 100, coefficient: 1 },
  ],
  capCoefficient: null,
};
const levelValues = levelSchema.options;

const payErrorCodes = ["points_not_ascending", "threshold_after_first_point", "curve_without_points", "negative", "duplicate", "weights_sum_to_zero", "unknown_target", "unknown_product_group"] as const;

/** The message under a field: the scheme's own codes in the reader's language, then the shared ones. */
const fieldErrorMessage = (t: TFunction, error: unknown, field: string): string | undefined => {
  const code = isApiError(error) ? error.fieldError(field)?.code : undefined;
  const known = payErrorCodes.find((c) => c === code);
  // i18next reads a key ending in "_zero" as a plural form: that code's message has its own key.
  return known ? t(`pay.editor.errors.${known === "weights_sum_to_zero" ? "zero_weights" : known}`) : sharedFieldError(t, error, field);
};

/** The curve's threshold, points and cap; `at` is the field path the server names ("definition.variable.0.curve"). */
const CurveEditor = ({ curve, onChange, at, error }: { curve: CoefficientCurveInput; onChange: (c: CoefficientCurveInput) => void; at: string; error: unknown }) => {
  const { t } = useTranslation();
  const fieldError = (field: string) => fieldErrorMessage(t, error, `${at}.${field}`);
  const setPoint = (index: number, change: Partial<CoefficientCurveInput["points"][number]>) =>
    onChange({ ...curve, points: curve.points.map((p, i) => (i === index ? { ...p, ...change } : p)) });
  return (
    <Stack gap="xs" data-testid="pay-curve">
      <Group align="flex-start">
        <NumberInput
          label={t("pay.editor.threshold")}
          value={curve.thresholdPercent}
          onChange={(v) => onChange({ ...curve, thresholdPercent: num(v) })}
          min={0}
          max={1000}
          w={180}
          error={fieldError("thresholdPercent")}
          data-testid="pay-curve-threshold"
        />
        <NumberInput
          label={t("pay.editor.cap")}
          description={t("pay.editor.capHint")}
          value={curve.capCoefficient ?? ""}
          onChange={(v) => onChange({ ...curve, capCoefficient: v === "" ? null : num(v) })}
          min={0}
          decimalScale={4}
          w={180}
          error={fieldError("capCoefficient")}
          data-testid="pay-curve-cap"
        />
      </Group>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("pay.editor.completion")}</Table.Th>
            <Table.Th>{t("pay.editor.coefficient")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {curve.points.map((point, i) => (
            <Table.Tr key={i} data-testid="pay-curve-point">
              <Table.Td>
                <NumberInput
                  aria-label={t("pay.editor.completion")}
                  value={point.completionPercent}
                  onChange={(v) => setPoint(i, { completionPercent: num(v) })}
                  min={0}
                  max={1000}
                  error={fieldErrorMessage(t, error, `${at}.points.${i}.completionPercent`)}
                  data-testid="pay-curve-point-completion"
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={t("pay.editor.coefficient")}
                  value={point.coefficient}
                  onChange={(v) => setPoint(i, { coefficient: num(v) })}
                  min={0}
                  decimalScale={4}
                  error={fieldErrorMessage(t, error, `${at}.points.${i}.coefficient`)}
                  data-testid="pay-curve-point-coefficient"
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon variant="subtle" color="red" aria-label={t("pay.editor.remove")} disabled={curve.points.length <= 1} onClick={() => onChange({ ...curve, points: curve.points.filter((_, j) => j !== i) })}>
                  ×
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {fieldError("points") && (
        <Text c="red" size="sm">
          {fieldError("points")}
        </Text>
      )}
      <Group>
        <Button
          size="xs"
          variant="default"
          onClick={() => {
            const last = curve.points.at(-1);
            onChange({ ...curve, points: [...curve.points, { completionPercent: (last?.completionPercent ?? 0) + 20, coefficient: (last?.coefficient ?? 0) + 0.4 }] });
          }}
          data-testid="pay-curve-add-point"
        >
          {t("pay.editor.addPoint")}
        </Button>
      </Group>
    </Stack>
  );
};

/** One variable part: a percentage (with rates per product group) or an on-target amount, each with its curve. */
const PartEditor = ({ part, index, onChange, onRemove, currency, error }: { part: Part; index: number; onChange: (p: Part) => void; onRemove: () => void; currency: string; error: unknown }) => {
  const { t } = useTranslation();
  const groups = useProductGroups();
  const at = `definition.variable.${index}`;
  const curve = part.curve;
  return (
    <Card withBorder data-testid="pay-part" data-kind={part.kind}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t(`pay.editor.partKinds.${part.kind}`)}</Text>
          <Button size="xs" variant="subtle" color="red" onClick={onRemove}>
            {t("pay.editor.remove")}
          </Button>
        </Group>
        {part.kind === "percent" ? (
          <>
            <Group align="flex-start">
              <Select
                label={t("pay.editor.basis")}
                data={(["money", "margin"] as const).map((value) => ({ value, label: t(`pay.editor.bases.${value}`) }))}
                value={part.basis}
                onChange={(v) => onChange({ ...part, basis: v === "margin" ? "margin" : "money" })}
                allowDeselect={false}
                w={220}
              />
              <NumberInput label={t("pay.schemes.ratePercent")} value={part.ratePercent} onChange={(v) => onChange({ ...part, ratePercent: num(v) })} min={0} decimalScale={2} w={220} error={fieldErrorMessage(t, error, `${at}.ratePercent`)} data-testid="pay-part-rate" />
              <Select
                label={t("pay.editor.clientScope")}
                data={clientScopeValues.map((value) => ({ value, label: t(`pay.editor.clientScopes.${value}`) }))}
                value={part.clientScope}
                onChange={(v) => onChange({ ...part, clientScope: clientScopeValues.find((s) => s === v) ?? "all" })}
                allowDeselect={false}
                w={220}
              />
            </Group>
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t("pay.editor.ratesByGroup")}
              </Text>
              {Object.entries(part.ratesByProductGroup).map(([groupId, rate]) => (
                <Group key={groupId} align="flex-start" data-testid="pay-group-rate">
                  <Text w={220}>{groups.data?.find((g) => g.id === groupId)?.name ?? groupId}</Text>
                  <NumberInput
                    aria-label={t("pay.schemes.ratePercent")}
                    value={rate}
                    onChange={(v) => onChange({ ...part, ratesByProductGroup: { ...part.ratesByProductGroup, [groupId]: num(v) } })}
                    min={0}
                    decimalScale={2}
                    w={140}
                    error={fieldErrorMessage(t, error, `${at}.ratesByProductGroup.${groupId}`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t("pay.editor.remove")}
                    onClick={() => onChange({ ...part, ratesByProductGroup: Object.fromEntries(Object.entries(part.ratesByProductGroup).filter(([id]) => id !== groupId)) })}
                  >
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <Select
                placeholder={t("pay.editor.addGroupRate")}
                data={(groups.data ?? []).filter((g) => !(g.id in part.ratesByProductGroup)).map((g) => ({ value: g.id, label: g.name }))}
                value={null}
                onChange={(v) => v && onChange({ ...part, ratesByProductGroup: { ...part.ratesByProductGroup, [v]: part.ratePercent } })}
                w={260}
                data-testid="pay-group-rate-add"
              />
            </Stack>
            <Checkbox
              label={t("pay.editor.withCurve")}
              checked={curve !== null}
              onChange={(e) => onChange({ ...part, curve: e.currentTarget.checked ? defaultCurve : null })}
              data-testid="pay-part-curve-toggle"
            />
          </>
        ) : (
          <NumberInput
            label={t("pay.schemes.onTarget")}
            value={fromMinorUnits(part.onTargetMinor, currency)}
            onChange={(v) => onChange({ ...part, onTargetMinor: toMinorUnits(num(v), currency) })}
            min={0}
            w={240}
            error={fieldErrorMessage(t, error, `${at}.onTargetMinor`)}
            data-testid="pay-part-on-target"
          />
        )}
        {curve && <CurveEditor curve={curve} at={`${at}.curve`} error={error} onChange={(c) => onChange(part.kind === "percent" ? { ...part, curve: c } : { ...part, curve: c })} />}
      </Stack>
    </Card>
  );
};

/** A new version of the scheme: every part of the definition, from a month on. */
export const SchemeVersionEditor = ({ scheme, month, currency, onDone }: { scheme: PayScheme; month: string; currency: string; onDone: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const latest = scheme.versions.at(-1);
  const [definition, setDefinition] = useState<Definition | null>(latest ? structuredClone(latest.definition) : null);
  const [from, setFrom] = useState(month);
  const save = useMutation({
    mutationFn: (d: Definition) => addSchemeVersion(scheme.id, { effectiveFrom: from, definition: d }),
    onSuccess: async () => {
      await refreshPay(queryClient);
      onDone();
    },
  });
  if (!definition) return null;
  const set = (change: Partial<Definition>) => setDefinition({ ...definition, ...change });
  const money = (minor: number) => fromMinorUnits(minor, currency);
  const minor = (value: NumberValue) => toMinorUnits(num(value), currency);
  const error = save.error;
  const kpi = definition.kpiBonus;
  return (
    <Stack gap="sm" data-testid="pay-version-editor">
      <Title order={5}>{t("pay.editor.versionTitle")}</Title>
      <Group align="flex-start">
        <Select
          label={t("pay.schemes.effectiveFrom")}
          data={[month, ...monthsAfter(month, 12)].map((value) => ({ value, label: value }))}
          value={from}
          onChange={(v) => v && setFrom(v)}
          allowDeselect={false}
          w={160}
          error={fieldErrorMessage(t, error, "effectiveFrom")}
          data-testid="pay-version-from"
        />
        <NumberInput label={t("pay.schemes.baseSalary")} value={money(definition.baseSalaryMinor)} onChange={(v) => set({ baseSalaryMinor: minor(v) })} min={0} w={200} error={fieldErrorMessage(t, error, "definition.baseSalaryMinor")} data-testid="pay-editor-base" />
      </Group>
      <Title order={6}>{t("pay.editor.variable")}</Title>
      {definition.variable.map((part, i) => (
        <PartEditor
          key={i}
          part={part}
          index={i}
          currency={currency}
          error={error}
          onChange={(p) => set({ variable: definition.variable.map((q, j) => (j === i ? p : q)) })}
          onRemove={() => set({ variable: definition.variable.filter((_, j) => j !== i) })}
        />
      ))}
      <Group>
        <Button size="xs" variant="default" onClick={() => set({ variable: [...definition.variable, { kind: "percent", basis: "money", ratePercent: 5, ratesByProductGroup: {}, clientScope: "all", curve: null }] })} data-testid="pay-add-percent">
          {t("pay.editor.addPercent")}
        </Button>
        <Button size="xs" variant="default" onClick={() => set({ variable: [...definition.variable, { kind: "on_target", onTargetMinor: definition.baseSalaryMinor, curve: defaultCurve }] })} data-testid="pay-add-on-target">
          {t("pay.editor.addOnTarget")}
        </Button>
      </Group>

      <Title order={6}>{t("pay.editor.kpi")}</Title>
      <NumberInput
        label={t("pay.editor.kpiPool")}
        value={money(kpi?.poolMinor ?? 0)}
        onChange={(v) => set({ kpiBonus: { poolMinor: minor(v), items: kpi?.items ?? [] } })}
        min={0}
        w={220}
        error={fieldErrorMessage(t, error, "definition.kpiBonus.poolMinor")}
        data-testid="pay-kpi-pool"
      />
      {(kpi?.items ?? []).map((item, i) => {
        const setItem = (change: Partial<typeof item>) => set({ kpiBonus: { poolMinor: kpi?.poolMinor ?? 0, items: (kpi?.items ?? []).map((x, j) => (j === i ? { ...x, ...change } : x)) } });
        return (
          <Group key={i} align="flex-start" data-testid="pay-kpi-item">
            <Select
              label={t("pay.editor.metric")}
              data={kpiBonusMetricValues.map((value) => ({ value, label: t(`pay.kpiMetrics.${value}`) }))}
              value={item.metric}
              onChange={(v) => setItem({ metric: kpiBonusMetricValues.find((m) => m === v) ?? item.metric })}
              allowDeselect={false}
              w={280}
              error={fieldErrorMessage(t, error, `definition.kpiBonus.items.${i}.metric`)}
              data-testid="pay-kpi-metric"
            />
            <NumberInput label={t("pay.editor.weight")} value={item.weight} onChange={(v) => setItem({ weight: num(v) })} min={0} w={120} error={fieldErrorMessage(t, error, `definition.kpiBonus.items.${i}.weight`)} data-testid="pay-kpi-weight" />
            <NumberInput label={t("pay.editor.target")} value={item.target} onChange={(v) => setItem({ target: num(v) })} min={0} w={140} error={fieldErrorMessage(t, error, `definition.kpiBonus.items.${i}.target`)} data-testid="pay-kpi-target" />
            <ActionIcon mt={28} variant="subtle" color="red" aria-label={t("pay.editor.remove")} onClick={() => set({ kpiBonus: { poolMinor: kpi?.poolMinor ?? 0, items: (kpi?.items ?? []).filter((_, j) => j !== i) } })}>
              ×
            </ActionIcon>
          </Group>
        );
      })}
      {fieldErrorMessage(t, error, "definition.kpiBonus.items") && <Text c="red" size="sm">{fieldErrorMessage(t, error, "definition.kpiBonus.items")}</Text>}
      <Group>
        <Button
          size="xs"
          variant="default"
          onClick={() => {
            const unused = kpiBonusMetricValues.find((m) => !(kpi?.items ?? []).some((i) => i.metric === m)) ?? "activity_norm";
            set({ kpiBonus: { poolMinor: kpi?.poolMinor ?? 0, items: [...(kpi?.items ?? []), { metric: unused, weight: 1, target: 100 }] } });
          }}
          data-testid="pay-kpi-add"
        >
          {t("pay.editor.addKpi")}
        </Button>
      </Group>

      <Title order={6}>{t("pay.editor.perLevel")}</Title>
      <Group align="flex-start">
        <NumberInput label={t("pay.editor.perAcceptedLead")} value={money(definition.perAcceptedLeadMinor)} onChange={(v) => set({ perAcceptedLeadMinor: minor(v) })} min={0} w={220} error={fieldErrorMessage(t, error, "definition.perAcceptedLeadMinor")} />
        <NumberInput label={t("pay.editor.firstDeal")} value={money(definition.firstDealMinor)} onChange={(v) => set({ firstDealMinor: minor(v) })} min={0} w={220} error={fieldErrorMessage(t, error, "definition.firstDealMinor")} />
        <NumberInput label={t("pay.editor.retention")} value={money(definition.retentionPerClientMinor)} onChange={(v) => set({ retentionPerClientMinor: minor(v) })} min={0} w={220} error={fieldErrorMessage(t, error, "definition.retentionPerClientMinor")} />
      </Group>
      <Checkbox label={t("pay.editor.clawback")} checked={definition.clawbackOnRefunds} onChange={(e) => set({ clawbackOnRefunds: e.currentTarget.checked })} />

      {save.isError && !isExplainedByFields(save.error, ["definition", "effectiveFrom"]) && <Alert color="red">{problemMessage(t, save.error)}</Alert>}
      {save.isError && isExplainedByFields(save.error, ["definition", "effectiveFrom"]) && (
        <Text c="red" size="sm" data-testid="pay-editor-invalid">
          {t("pay.editor.fixFields")}
        </Text>
      )}
      <Group>
        <Button onClick={() => save.mutate(definition)} loading={save.isPending} data-testid="pay-version-save">
          {t("pay.schemes.save")}
        </Button>
        <Button variant="subtle" onClick={onDone}>
          {t("pay.editor.cancel")}
        </Button>
      </Group>
    </Stack>
  );
};

/** "2026-12" and the `count` months after it. */
const monthsAfter = (key: string, count: number): string[] => {
  const [year, month] = key.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) + i + 1;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
};

/** Whom the scheme applies to: people, jobs, department kinds, levels (the most specific wins). */
export const AssignmentsEditor = ({ scheme, onDone }: { scheme: PayScheme; onDone: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const people = usePeople();
  const [rows, setRows] = useState<SchemeAssignmentInput[]>(scheme.assignments.map((a) => ({ targetKind: a.targetKind, targetValue: a.targetValue })));
  const save = useMutation({
    mutationFn: () => replaceAssignments(scheme.id, { assignments: rows }),
    onSuccess: async () => {
      await refreshPay(queryClient);
      onDone();
    },
  });
  const valuesOf = (kind: SchemeAssignmentInput["targetKind"]): Array<{ value: string; label: string }> => {
    switch (kind) {
      case "person":
        return (people.data ?? []).filter((p) => p.role === "seller" || p.role === "team_lead").map((p) => ({ value: p.id, label: p.name }));
      case "sales_role":
        return salesRoles.map((value) => ({ value, label: t(`department.salesRoles.${value}`) }));
      case "department_kind":
        return departmentKinds.map((value) => ({ value, label: t(`pay.schemes.departmentKinds.${value}`) }));
      case "level":
        return levelValues.map((value) => ({ value, label: t(`levels.${value}`) }));
    }
  };
  return (
    <Stack gap="xs" data-testid="pay-assignments-editor">
      <Title order={5}>{t("pay.schemes.assignedTo")}</Title>
      <Text size="sm" c="dimmed">
        {t("pay.editor.assignmentHint")}
      </Text>
      {rows.map((row, i) => (
        <Group key={i} align="flex-start" data-testid="pay-assignment">
          <Select
            aria-label={t("pay.editor.targetKind")}
            data={schemeTargetKindValues.map((value) => ({ value, label: t(`pay.schemes.targets.${value}`) }))}
            value={row.targetKind}
            onChange={(v) => {
              const kind = schemeTargetKindValues.find((k) => k === v) ?? "level";
              setRows(rows.map((r, j) => (j === i ? { targetKind: kind, targetValue: "" } : r)));
            }}
            allowDeselect={false}
            w={180}
            data-testid="pay-assignment-kind"
          />
          <Select
            aria-label={t("pay.editor.targetValue")}
            data={valuesOf(row.targetKind)}
            value={row.targetValue || null}
            onChange={(v) => setRows(rows.map((r, j) => (j === i ? { ...r, targetValue: v ?? "" } : r)))}
            searchable
            w={280}
            error={fieldErrorMessage(t, save.error, `assignments.${i}.targetValue`)}
            data-testid="pay-assignment-value"
          />
          <ActionIcon mt={4} variant="subtle" color="red" aria-label={t("pay.editor.remove")} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
            ×
          </ActionIcon>
        </Group>
      ))}
      {save.isError && !isExplainedByFields(save.error, ["assignments"]) && <Alert color="red">{problemMessage(t, save.error)}</Alert>}
      <Group>
        <Button size="xs" variant="default" onClick={() => setRows([...rows, { targetKind: "person", targetValue: "" }])} data-testid="pay-assignment-add">
          {t("pay.editor.addAssignment")}
        </Button>
        <Button size="xs" onClick={() => save.mutate()} loading={save.isPending} data-testid="pay-assignments-save">
          {t("pay.editor.saveAssignments")}
        </Button>
        <Button size="xs" variant="subtle" onClick={onDone}>
          {t("pay.editor.cancel")}
        </Button>
      </Group>
    </Stack>
  );
};
