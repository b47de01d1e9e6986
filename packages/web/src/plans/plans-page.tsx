import { useMemo, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Group, Modal, Stack, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { FieldError, Plan, PlanList } from "@conveyor/contracts";
import type { TFunction } from "i18next";
import { isApiError } from "../api/client";
import { useCurrentSession } from "../auth/current-session";
import { conveyorPeopleKey, listConveyorPeople, useTeams } from "../department/department.api";
import { SectionHeader } from "../department/section-header";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { canEditPlans } from "../kpi/kpi-access";
import { fieldErrorMessage, problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { CopyPlansModal } from "./copy-modal";
import { periodKindFor, periodLabel, shiftPeriodKey } from "./plan-period";
import { buildGrid, cellOfField, draftToSave, plansByCell, type CellKey, type GridPerson, type GridRow, type PlansDraft } from "./plans-grid";
import { deletePlan, planListKey, plansKey, savePlans, usePlans } from "./plans.api";
import { PlansTable, rowName } from "./plans-table";
import { SplitPlanModal } from "./split-modal";

/** A cell's own words for the server's codes; zod's codes as every form shows them. */
const cellProblem = (t: TFunction, error: unknown, fieldError: FieldError): string => {
  switch (fieldError.code) {
    case "unknown":
      return t("plans.grid.unknownScope");
    case "duplicate":
      return t("plans.grid.duplicate");
    default:
      return fieldErrorMessage(t, error, fieldError.field) ?? t("plans.grid.invalid");
  }
};

/** The people a head plans for: active, selling or on a conveyor level (the server's rule for a seller). */
const useGridPeople = (enabled: boolean) =>
  useQuery({
    queryKey: conveyorPeopleKey,
    queryFn: listConveyorPeople,
    enabled,
    select: (people): GridPerson[] =>
      people
        .filter((p) => p.status === "active" && (p.role === "seller" || p.role === "team_lead" || p.level !== null))
        .map((p) => ({ userId: p.userId, name: p.name, level: p.level })),
  });

const PeriodBar = ({ list, dirty, onPeriod }: { list: PlanList; dirty: boolean; onPeriod: (key: string | null) => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { period } = list;
  const isCurrent = period.today >= period.start && period.today <= period.end;
  const move = (label: string, testId: string, onClick: () => void, children: string) => (
    <Tooltip label={t("plans.save.leave")} disabled={!dirty}>
      <Button size="xs" variant="default" aria-label={label} disabled={dirty} onClick={onClick} data-testid={testId}>
        {children}
      </Button>
    </Tooltip>
  );
  // Arrows point the way time runs in the reader's script.
  const [back, forward] = locale === "fa" ? ["→", "←"] : ["←", "→"];
  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="wrap">
        {move(t("plans.period.previous"), "plans-period-prev", () => onPeriod(shiftPeriodKey(period.key, -1)), back)}
        <Text fw={700} size="lg" miw={170} ta="center" data-testid="plans-period" data-period={period.key}>
          {periodLabel(locale, period.kind, period.start)}
        </Text>
        {move(t("plans.period.next"), "plans-period-next", () => onPeriod(shiftPeriodKey(period.key, 1)), forward)}
        {!isCurrent && !dirty && (
          <Button size="xs" variant="subtle" onClick={() => onPeriod(null)} data-testid="plans-period-current">
            {t("plans.period.current")}
          </Button>
        )}
        <Text size="sm" c="dimmed" data-testid="plans-working-days">
          {t("plans.period.days", { elapsed: formatNumber(locale, period.workingDaysElapsed), total: formatNumber(locale, period.workingDays) })}
        </Text>
      </Group>
      {period.calendarCoverage !== "official" && (
        <Alert color="yellow" variant="light" p="xs" data-testid="plans-calendar-warning">
          <Text size="sm">{t("plans.period.calendarIncomplete")}</Text>
        </Alert>
      )}
    </Stack>
  );
};

/**
 * M2.3, M5.9: the month's plans per seller, team, level and department, each with its fact and M5.2's % of plan to
 * date. Heads type plans in place and save them in one go, split a total across sellers and copy a month to the next;
 * team leads and sellers read what the server lets them.
 */
export const PlansPage = () => {
  const { t } = useTranslation();
  const { user, organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const editable = canEditPlans(user.role);
  const periodKind = periodKindFor(organization.country);
  const [period, setPeriod] = useState<string | null>(null);
  const [draft, setDraft] = useState<PlansDraft>({});
  const [cellErrors, setCellErrors] = useState<Record<CellKey, string>>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ plan: Plan; row: GridRow } | null>(null);
  const [dialog, setDialog] = useState<"split" | "copy" | null>(null);

  const plans = usePlans(periodKind, period);
  const teams = useTeams();
  const people = useGridPeople(editable);
  const list = plans.data;
  const currency = list?.currency ?? organization.currency;

  const sections = useMemo(
    () =>
      list
        ? buildGrid({
            plans: list.items,
            teams: (teams.data ?? []).map((team) => ({ id: team.id, name: team.name, level: team.level, members: team.members })),
            people: editable ? (people.data ?? []) : null,
          })
        : [],
    [list, teams.data, people.data, editable],
  );
  const byCell = useMemo(() => plansByCell(list?.items ?? []), [list]);
  const pending = list ? draftToSave(list.items, draft, currency) : { items: [], cells: [], problems: [] };
  const dirty = Object.keys(draft).length > 0;

  const refresh = () => queryClient.invalidateQueries({ queryKey: plansKey });
  const showPeriod = (key: string | null) => {
    setPeriod(key);
    setDraft({});
    setCellErrors({});
    setSaveError(null);
  };

  const save = useMutation({
    mutationFn: (body: Parameters<typeof savePlans>[0]) => savePlans(body),
    onSuccess: (saved, body) => {
      queryClient.setQueryData(planListKey(periodKind, period), saved);
      void refresh();
      setDraft({});
      setCellErrors({});
      setSaveError(null);
      notifications.show({ color: "green", message: t("plans.save.saved", { count: body.items.length }) });
    },
    onError: (error, body) => {
      const cells = pending.cells.length === body.items.length ? pending.cells : [];
      const errors: Record<CellKey, string> = {};
      if (isApiError(error)) {
        for (const fieldError of error.fieldErrors) {
          const cell = cellOfField(fieldError.field, cells);
          if (cell) errors[cell] = cellProblem(t, error, fieldError);
        }
      }
      setCellErrors(errors);
      setSaveError(Object.keys(errors).length > 0 ? t("plans.save.fixCells") : problemMessage(t, error));
    },
  });

  const remove = useMutation({
    mutationFn: (plan: Plan) => deletePlan(plan.id),
    onSuccess: () => {
      void refresh();
      setRemoving(null);
      notifications.show({ color: "green", message: t("plans.grid.removed") });
    },
    onError: (error) => notifications.show({ color: "red", message: problemMessage(t, error) }),
  });

  const submit = () => {
    if (!list) return;
    if (pending.problems.length > 0) {
      setCellErrors(Object.fromEntries(pending.problems.map((key) => [key, t("plans.grid.invalid")])));
      setSaveError(t("plans.save.fixCells"));
      return;
    }
    if (pending.items.length === 0) {
      setDraft({});
      return;
    }
    save.mutate({ periodKind, period: list.period.key, items: pending.items });
  };

  const onChange = (key: CellKey, value: number | string) => {
    setDraft((current) => ({ ...current, [key]: value }));
    if (cellErrors[key]) setCellErrors(({ [key]: _gone, ...rest }) => rest);
  };

  const changes = pending.items.length + pending.problems.length;

  return (
    <Stack gap="lg" data-testid="plans-page">
      <SectionHeader
        title={t("plans.title")}
        hint={editable ? t("plans.hint") : t("plans.hintReadOnly")}
        actions={
          editable &&
          list && (
            <Group gap="xs">
              <Button variant="light" size="sm" onClick={() => setDialog("split")} disabled={dirty} data-testid="plans-split-open">
                {t("plans.actions.split")}
              </Button>
              <Button variant="light" size="sm" onClick={() => setDialog("copy")} disabled={dirty || list.items.length === 0} data-testid="plans-copy-open">
                {t("plans.actions.copy")}
              </Button>
            </Group>
          )
        }
      />
      {plans.isPending ? (
        <PageLoader />
      ) : plans.isError ? (
        <LoadError error={plans.error} onRetry={() => void plans.refetch()} />
      ) : (
        <>
          <PeriodBar list={plans.data} dirty={dirty} onPeriod={showPeriod} />
          <Card withBorder radius="md" padding={0}>
            {sections.length === 0 ? (
              <Text size="sm" c="dimmed" p="lg" data-testid="plans-empty">
                {editable ? t("plans.grid.empty") : t("plans.grid.emptyReadOnly")}
              </Text>
            ) : (
              <PlansTable
                sections={sections}
                plans={byCell}
                currency={currency}
                viewerId={user.id}
                editable={editable}
                draft={draft}
                cellErrors={cellErrors}
                onChange={onChange}
                onRemove={(plan, row) => setRemoving({ plan, row })}
              />
            )}
          </Card>
          {editable && (dirty || saveError) && (
            <Card withBorder radius="md" padding="sm" pos="sticky" bottom={8} style={{ zIndex: 5 }} data-testid="plans-save-bar">
              <Group justify="space-between" gap="sm">
                <Stack gap={2}>
                  <Text size="sm" fw={600} data-testid="plans-changes">
                    {t("plans.save.changes", { count: changes })}
                  </Text>
                  {saveError && (
                    <Text size="sm" c="red" role="alert" data-testid="plans-save-error">
                      {saveError}
                    </Text>
                  )}
                </Stack>
                <Group gap="xs">
                  <Button variant="default" size="sm" onClick={() => showPeriod(period)} disabled={save.isPending} data-testid="plans-discard">
                    {t("plans.save.discard")}
                  </Button>
                  <Button size="sm" onClick={submit} loading={save.isPending} data-testid="plans-save">
                    {t("plans.save.submit")}
                  </Button>
                </Group>
              </Group>
            </Card>
          )}
          {editable && dialog === "split" && (
            <SplitPlanModal list={plans.data} people={people.data ?? []} onClose={() => setDialog(null)} onApplied={() => void refresh()} />
          )}
          {editable && dialog === "copy" && <CopyPlansModal list={plans.data} onClose={() => setDialog(null)} onCopied={() => void refresh()} />}
        </>
      )}
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t("plans.grid.remove")} size="sm">
        {removing && (
          <Stack gap="md" data-testid="plan-remove-confirm">
            <Text size="sm">{t("plans.grid.removeConfirm", { metric: t(`kpi.metrics.${removing.plan.metric}`), name: rowName(t, removing.row) })}</Text>
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setRemoving(null)}>
                {t("common.cancel")}
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(removing.plan)} data-testid="plan-remove-submit">
                {t("plans.grid.remove")}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
};
