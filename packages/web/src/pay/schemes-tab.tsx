import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { departmentKindSchema, levelSchema, payPresetKeyValues, type PayPresetKey, type PayScheme } from "@conveyor/contracts";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney, fromMinorUnits, toMinorUnits } from "../i18n/money";
import { periodLabel } from "../kpi/kpi-period";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { addSchemeVersion, applyPreset, payKey, useSchemes } from "./pay.api";

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

/** A new version from a month on with the main amounts changed: base, the first percentage or on-target part. */
const NewVersion = ({ scheme, month, currency }: { scheme: PayScheme; month: string; currency: string }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const latest = scheme.versions.at(-1);
  const definition = latest?.definition;
  const first = definition?.variable[0];
  const [base, setBase] = useState<number | string>(definition ? fromMinorUnits(definition.baseSalaryMinor, currency) : 0);
  const [rate, setRate] = useState<number | string>(first?.kind === "percent" ? first.ratePercent : 0);
  const [onTarget, setOnTarget] = useState<number | string>(first?.kind === "on_target" ? fromMinorUnits(first.onTargetMinor, currency) : 0);
  const save = useMutation({
    mutationFn: () => {
      if (!definition) throw new Error("no version");
      const variable = definition.variable.map((part, i) => {
        if (i !== 0) return part;
        return part.kind === "percent" ? { ...part, ratePercent: Number(rate) } : { ...part, onTargetMinor: toMinorUnits(Number(onTarget), currency) };
      });
      return addSchemeVersion(scheme.id, { effectiveFrom: month, definition: { ...definition, baseSalaryMinor: toMinorUnits(Number(base), currency), variable } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: payKey }),
  });
  if (!definition) return null;
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <NumberInput label={t("pay.schemes.baseSalary")} value={base} onChange={setBase} min={0} w={200} data-testid="pay-version-base" />
        {first?.kind === "percent" && <NumberInput label={t("pay.schemes.ratePercent")} value={rate} onChange={setRate} min={0} max={100} decimalScale={2} w={220} />}
        {first?.kind === "on_target" && <NumberInput label={t("pay.schemes.onTarget")} value={onTarget} onChange={setOnTarget} min={0} w={220} />}
        <Button variant="default" onClick={() => save.mutate()} loading={save.isPending} data-testid="pay-version-save">
          {t("pay.schemes.save")}
        </Button>
      </Group>
      {save.isSuccess && <Text c="green">{t("pay.schemes.saved")}</Text>}
      {save.isError && <Alert color="red">{problemMessage(t, save.error)}</Alert>}
    </Stack>
  );
};

/** The presets of the method and the organization's schemes with their versions and assignments. */
export const SchemesTab = ({ month, canManage, currency }: { month: string; canManage: boolean; currency: string }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const schemes = useSchemes();
  const apply = useMutation({
    mutationFn: (key: PayPresetKey) => applyPreset(key, { effectiveFrom: month, names: Object.fromEntries(schemeNameKeys.map((k) => [k, t(`pay.schemeNames.${k}`)])) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: payKey }),
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
                      {t("pay.schemes.effectiveFrom")}: {periodLabel(locale, { kind: "month", start: `${month}-01` })}
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
            <Card withBorder key={scheme.id} data-testid="pay-scheme">
              <Stack gap="xs">
                <Group justify="space-between">
                  <Text fw={600}>{scheme.name}</Text>
                  <Group gap={4}>
                    {scheme.versions.map((v) => (
                      <Badge key={v.version} variant="outline" color="gray">
                        {t("pay.schemes.version", { version: v.version, month: periodLabel(locale, { kind: "month", start: `${v.effectiveFrom}-01` }) })}
                      </Badge>
                    ))}
                  </Group>
                </Group>
                {latest && (
                  <Text size="sm">
                    {t("pay.schemes.baseSalary")}: {formatMoney(locale, latest.definition.baseSalaryMinor, currency)}
                  </Text>
                )}
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
                {canManage && <NewVersion scheme={scheme} month={month} currency={currency} />}
              </Stack>
            </Card>
          );
        })
      )}
    </Stack>
  );
};
