import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { departmentKindSchema, levelSchema, payPresetKeyValues, type Locale, type PayPeriodKindValue, type PayPresetKey, type PayScheme } from "@conveyor/contracts";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { periodLabel } from "../kpi/kpi-period";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { applyPreset, refreshPay, useSchemes } from "./pay.api";
import { AssignmentsEditor, SchemeVersionEditor } from "./scheme-editor";

/** A period key in words: "November 2026"; a Jalali key ("1405-12") as written, its name needs its first day. */
const keyLabel = (locale: Locale, kind: PayPeriodKindValue, key: string): string => (kind === "month" ? periodLabel(locale, { kind, start: `${key}-01` }) : key);

const schemeNameKeys = ["half_and_half", "new_business", "client", "L1", "L2", "L3"] as const;

/** Whom a scheme applies to, in words. */
const TargetBadge = ({ a }: { a: PayScheme["assignments"][number] }) => {
  const { t } = useTranslation();
  const kind = t(`pay.schemes.targets.${a.targetKind}`);
  const level = levelSchema.safeParse(a.targetValue);
  const department = departmentKindSchema.safeParse(a.targetValue);
  const value =
    a.targetKind === "person"
      ? (a.targetName ?? a.targetValue)
      : a.targetKind === "level" && level.success
        ? t(`levels.${level.data}`)
        : a.targetKind === "department_kind" && department.success
          ? t(`pay.schemes.departmentKinds.${department.data}`)
          : a.targetValue;
  return (
    <Badge variant="light" data-testid="pay-scheme-target">
      {kind}: {value}
    </Badge>
  );
};

/** The head's buttons on a scheme: edit its definition as a new version, or whom it applies to. */
const SchemeActions = ({ scheme, month, currency }: { scheme: PayScheme; month: string; currency: string }) => {
  const { t } = useTranslation();
  const [open, setOpen] = useState<"version" | "assignments" | null>(null);
  if (open === "version") return <SchemeVersionEditor scheme={scheme} month={month} currency={currency} onDone={() => setOpen(null)} />;
  if (open === "assignments") return <AssignmentsEditor scheme={scheme} onDone={() => setOpen(null)} />;
  return (
    <Group gap="xs">
      <Button size="xs" variant="default" onClick={() => setOpen("version")} data-testid="pay-scheme-edit">
        {t("pay.editor.edit")}
      </Button>
      <Button size="xs" variant="default" onClick={() => setOpen("assignments")} data-testid="pay-scheme-assign">
        {t("pay.editor.editAssignments")}
      </Button>
    </Group>
  );
};

/** What a version pays, in one line: base, the parts and the curve's points. */
const DefinitionSummary = ({ definition, currency }: { definition: PayScheme["versions"][number]["definition"]; currency: string }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const money = (minor: number) => formatMoney(locale, minor, currency);
  const curveText = (curve: { thresholdPercent: number; points: ReadonlyArray<{ completionPercent: number; coefficient: number }>; capCoefficient: number | null } | null) =>
    curve
      ? t("pay.editor.curveSummary", {
          threshold: curve.thresholdPercent,
          points: curve.points.map((p) => `${p.completionPercent}% → ${p.coefficient}`).join(", "),
          cap: curve.capCoefficient ?? "—",
        })
      : "";
  return (
    <Stack gap={2} data-testid="pay-scheme-summary">
      <Text size="sm">
        {t("pay.schemes.baseSalary")}: {money(definition.baseSalaryMinor)}
      </Text>
      {definition.variable.map((part, i) => (
        <Text size="sm" key={i} data-testid="pay-scheme-part">
          {part.kind === "percent" ? `${part.ratePercent}% · ${t(`pay.editor.bases.${part.basis}`)}` : `${t("pay.schemes.onTarget")}: ${money(part.onTargetMinor)}`}
          {part.curve ? ` · ${curveText(part.curve)}` : ""}
        </Text>
      ))}
    </Stack>
  );
};

/** The presets of the method and the organization's schemes with their versions and assignments. */
export const SchemesTab = ({ month, canManage, currency, periodKind = "month" }: { month: string; canManage: boolean; currency: string; periodKind?: PayPeriodKindValue }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const schemes = useSchemes();
  const apply = useMutation({
    mutationFn: (key: PayPresetKey) => applyPreset(key, { effectiveFrom: month, names: Object.fromEntries(schemeNameKeys.map((k) => [k, t(`pay.schemeNames.${k}`)])) }),
    onSuccess: () => refreshPay(queryClient),
  });
  return (
    <Stack>
      {canManage && (
        <Stack gap="xs">
          <Title order={4}>{t("pay.schemes.presets")}</Title>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            {payPresetKeyValues.map((key) => (
              <Card withBorder key={key} data-testid="pay-preset" data-preset={key}>
                <Stack gap="xs" h="100%" justify="space-between">
                  <div>
                    <Text fw={600}>{t(`pay.presets.${key}.name`)}</Text>
                    <Text size="sm" c="dimmed">
                      {t(`pay.presets.${key}.text`)}
                    </Text>
                  </div>
                  <Group>
                    <Button size="xs" onClick={() => apply.mutate(key)} loading={apply.isPending && apply.variables === key} data-testid="pay-preset-apply">
                      {t("pay.schemes.apply")}
                    </Button>
                    <Text size="xs" c="dimmed">
                      {t("pay.schemes.effectiveFrom")}: {keyLabel(locale, periodKind, month)}
                    </Text>
                  </Group>
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
          {apply.isSuccess && <Text c="green">{t("pay.schemes.applied")}</Text>}
          {apply.isError && <Alert color="red">{problemMessage(t, apply.error)}</Alert>}
        </Stack>
      )}
      <Title order={4}>{t("pay.schemes.list")}</Title>
      {schemes.isPending ? (
        <PageLoader />
      ) : schemes.isError ? (
        <LoadError error={schemes.error} onRetry={() => void schemes.refetch()} />
      ) : schemes.data.items.length === 0 ? (
        <Text c="dimmed">{t("pay.schemes.empty")}</Text>
      ) : (
        schemes.data.items.map((scheme) => {
          const latest = scheme.versions.at(-1);
          return (
            <Card withBorder key={scheme.id} data-testid="pay-scheme" data-scheme={scheme.id}>
              <Stack gap="xs">
                <Group justify="space-between">
                  <Text fw={600}>{scheme.name}</Text>
                  <Group gap={4}>
                    {scheme.versions.map((v) => (
                      <Badge key={v.version} variant="outline" color="gray">
                        {t("pay.schemes.version", { version: v.version, month: keyLabel(locale, periodKind, v.effectiveFrom) })}
                      </Badge>
                    ))}
                  </Group>
                </Group>
                {latest && <DefinitionSummary definition={latest.definition} currency={currency} />}
                <Group gap={4}>
                  <Text size="sm" c="dimmed">
                    {t("pay.schemes.assignedTo")}:
                  </Text>
                  {scheme.assignments.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t("pay.schemes.unassigned")}
                    </Text>
                  ) : (
                    scheme.assignments.map((a) => <TargetBadge key={`${a.targetKind}:${a.targetValue}`} a={a} />)
                  )}
                </Group>
                {canManage && <SchemeActions scheme={scheme} month={month} currency={currency} />}
              </Stack>
            </Card>
          );
        })
      )}
    </Stack>
  );
};
