import { useEffect, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Group, MultiSelect, Radio, SegmentedControl, Select, Stack, Stepper, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { PersonRef, Redistribution, RedistributionPreview, RedistributionUndo } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { useTeams } from "../department/department.api";
import { formatDateTime, formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { SectionHeader } from "../department/section-header";
import { formatUndoLeft, undoLeft } from "./durations";
import { leadRoutingKey, previewRedistribution, redistribute, undoRedistribution, useAvailability, useRedistributions } from "./lead-routing.api";
import {
  assignmentsFromPreview,
  emptyRedistributionDraft,
  receiverRows,
  redistributionBody,
  redistributionReasons,
  type Receivers,
  type RedistributionDraft,
  type RedistributionProblem,
  type RedistributionReason,
  type SplitMode,
} from "./redistribution-draft";
import { skipReasonLabel } from "./skip-reasons";

/** The clock of the undo banners: a tick every 15 seconds is enough for minutes. */
const useNow = () => {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
};

const isReason = (value: string): value is RedistributionReason => redistributionReasons.some((reason) => reason === value);
const isReceivers = (value: string): value is Receivers => value === "rules" || value === "team" || value === "sellers";
const isSplit = (value: string): value is SplitMode => value === "evenly" || value === "by_hand";

/** Money of open deals in each currency they are in, "—" for none. */
const Money = ({ amounts }: { amounts: RedistributionPreview["byReceiver"][number]["amounts"] }) => {
  const { locale } = useLocale();
  if (amounts.length === 0) return <>—</>;
  return <>{amounts.map((amount) => formatMoney(locale, amount.amountMinor, amount.currency)).join(" · ")}</>;
};

const PreviewTable = ({ preview }: { preview: RedistributionPreview }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const n = (value: number) => formatNumber(locale, value);
  return (
    <Stack gap="xs">
      <Table withTableBorder striped data-testid="redistribution-preview">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("leadRouting.redistribution.receiver")}</Table.Th>
            <Table.Th style={{ textAlign: "end" }}>{t("leadRouting.redistribution.clients")}</Table.Th>
            <Table.Th style={{ textAlign: "end" }}>{t("leadRouting.redistribution.deals")}</Table.Th>
            <Table.Th style={{ textAlign: "end" }}>{t("leadRouting.redistribution.tasks")}</Table.Th>
            <Table.Th style={{ textAlign: "end" }}>{t("leadRouting.redistribution.money")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {receiverRows(preview).map((row) => (
            <Table.Tr key={row.user.id} data-testid={`redistribution-receiver-${row.user.name}`}>
              <Table.Td>
                <bdi>{row.user.name}</bdi>
              </Table.Td>
              <Table.Td style={{ textAlign: "end" }}>{n(row.clients)}</Table.Td>
              <Table.Td style={{ textAlign: "end" }}>{n(row.deals)}</Table.Td>
              <Table.Td style={{ textAlign: "end" }}>{n(row.tasks)}</Table.Td>
              <Table.Td style={{ textAlign: "end" }}>
                <Money amounts={row.amounts} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th>{t("leadRouting.redistribution.total")}</Table.Th>
            <Table.Th style={{ textAlign: "end" }}>{n(preview.totals.clients)}</Table.Th>
            <Table.Th style={{ textAlign: "end" }}>{n(preview.totals.deals)}</Table.Th>
            <Table.Th style={{ textAlign: "end" }}>{n(preview.totals.tasks)}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      {preview.totals.unplaced > 0 && (
        <Alert color="orange" data-testid="redistribution-unplaced">
          {t("leadRouting.redistribution.unplaced", { count: preview.totals.unplaced })}
        </Alert>
      )}
      {preview.skipped.length > 0 && (
        <Text size="sm" c="dimmed" data-testid="redistribution-skipped">
          {t("leadRouting.redistribution.skippedPeople")}{" "}
          {preview.skipped.map((skip) => `${skip.user.name} — ${skipReasonLabel(t, skip.reason)}`).join("; ")}
        </Text>
      )}
    </Stack>
  );
};

/** By hand: each listed client with a receiver to pick among the chosen people. */
const ByHandTable = ({
  preview,
  candidates,
  assignments,
  onChange,
}: {
  preview: RedistributionPreview;
  candidates: PersonRef[];
  assignments: Record<string, string>;
  onChange: (assignments: Record<string, string>) => void;
}) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const options = candidates.map((person) => ({ value: person.id, label: person.name }));
  return (
    <Stack gap="xs">
      {preview.clients.length < preview.totals.clients && (
        <Text size="xs" c="dimmed">
          {t("leadRouting.redistribution.byHandListed", { listed: preview.clients.length, total: preview.totals.clients })}
        </Text>
      )}
      <Table.ScrollContainer minWidth={600} mah={420}>
        <Table striped withTableBorder data-testid="redistribution-by-hand">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("leadRouting.redistribution.client")}</Table.Th>
              <Table.Th style={{ textAlign: "end" }}>{t("leadRouting.redistribution.deals")}</Table.Th>
              <Table.Th style={{ textAlign: "end" }}>{t("leadRouting.redistribution.tasks")}</Table.Th>
              <Table.Th>{t("leadRouting.redistribution.receiver")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.clients.map((client) => (
              <Table.Tr key={client.company.id}>
                <Table.Td>
                  <bdi>{client.company.name}</bdi>
                </Table.Td>
                <Table.Td style={{ textAlign: "end" }}>{formatNumber(locale, client.openDeals)}</Table.Td>
                <Table.Td style={{ textAlign: "end" }}>{formatNumber(locale, client.openTasks)}</Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    searchable
                    placeholder={t("leadRouting.redistribution.keep")}
                    data={options}
                    value={assignments[client.company.id] ?? null}
                    onChange={(userId) => {
                      const next = { ...assignments };
                      if (userId) next[client.company.id] = userId;
                      else delete next[client.company.id];
                      onChange(next);
                    }}
                    aria-label={t("leadRouting.redistribution.receiverOf", { name: client.company.name })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
};

const UndoSummary = ({ undo }: { undo: RedistributionUndo }) => {
  const { t } = useTranslation();
  const left = undo.skipped.clients + undo.skipped.deals + undo.skipped.tasks;
  return (
    <Alert color={left > 0 ? "yellow" : "green"} title={t("leadRouting.redistribution.undone")} data-testid="redistribution-undone">
      <Text size="sm">{t("leadRouting.redistribution.restored", { clients: undo.restored.clients, deals: undo.restored.deals, tasks: undo.restored.tasks })}</Text>
      {left > 0 && (
        <Stack gap={2} mt="xs">
          <Text size="sm">{t("leadRouting.redistribution.leftAsIs", { clients: undo.skipped.clients, deals: undo.skipped.deals, tasks: undo.skipped.tasks })}</Text>
          {undo.skipped.items.slice(0, 20).map((item) => (
            <Text key={`${item.entity}-${item.id}`} size="xs" c="dimmed">
              <bdi>{item.label}</bdi> — {t(`leadRouting.redistribution.why.${item.why}`, { name: item.heldBy.name })}
            </Text>
          ))}
        </Stack>
      )}
    </Alert>
  );
};

/** The last redistribution made here, with its Undo until the window closes. */
const UndoBanner = ({ done, onUndone }: { done: Redistribution; onUndone: (undo: RedistributionUndo) => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const now = useNow();
  const left = undoLeft(now, done.undoUntil);
  const undo = useMutation({
    mutationFn: () => undoRedistribution(done.id),
    onSuccess: (answer) => {
      void queryClient.invalidateQueries({ queryKey: leadRoutingKey });
      onUndone(answer);
    },
    onError: (error) => notifications.show({ color: "red", message: problemMessage(t, error) }),
  });
  return (
    <Alert color="green" title={t("leadRouting.redistribution.doneTitle", { name: done.from.name })} data-testid="redistribution-done">
      <Group justify="space-between" gap="sm">
        <Stack gap={2}>
          <Text size="sm">{t("leadRouting.redistribution.doneText", { clients: done.clients, deals: done.deals, tasks: done.tasks })}</Text>
          <Text size="xs" c="dimmed">
            {formatUndoLeft(t, left)}
          </Text>
        </Stack>
        {left.kind === "left" && (
          <Button color="orange" variant="light" loading={undo.isPending} onClick={() => undo.mutate()} data-testid="redistribution-undo">
            {t("leadRouting.redistribution.undo")}
          </Button>
        )}
      </Group>
    </Alert>
  );
};

const RecentRedistributions = ({ onUndone }: { onUndone: (undo: RedistributionUndo) => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const list = useRedistributions();
  const now = useNow();
  const undo = useMutation({
    mutationFn: undoRedistribution,
    onSuccess: (answer) => {
      void queryClient.invalidateQueries({ queryKey: leadRoutingKey });
      onUndone(answer);
    },
    onError: (error) => notifications.show({ color: "red", message: problemMessage(t, error) }),
  });
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="recent-redistributions-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="recent-redistributions-title">
          {t("leadRouting.redistribution.recent")}
        </Title>
        {list.isPending ? (
          <PageLoader />
        ) : list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("leadRouting.redistribution.noneYet")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" data-testid="redistributions-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("leadRouting.redistribution.at")}</Table.Th>
                  <Table.Th>{t("leadRouting.redistribution.from")}</Table.Th>
                  <Table.Th>{t("leadRouting.redistribution.reason")}</Table.Th>
                  <Table.Th style={{ textAlign: "end" }}>{t("leadRouting.redistribution.moved")}</Table.Th>
                  <Table.Th>{t("leadRouting.redistribution.by")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((item) => {
                  const left = undoLeft(now, item.undoUntil);
                  return (
                    <Table.Tr key={item.id} data-testid={`redistribution-${item.from.name}`}>
                      <Table.Td>{formatDateTime(locale, item.at, organization.timeZone)}</Table.Td>
                      <Table.Td>
                        <bdi>{item.from.name}</bdi>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" dir="auto">
                          {item.reason}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t(`leadRouting.redistribution.modes.${item.mode}`)}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ textAlign: "end" }}>
                        {t("leadRouting.redistribution.movedCounts", { clients: item.clients, deals: item.deals, tasks: item.tasks })}
                      </Table.Td>
                      <Table.Td>
                        <bdi>{item.actor.name}</bdi>
                      </Table.Td>
                      <Table.Td>
                        {item.undoneAt ? (
                          <Badge color="gray" variant="light">
                            {t("leadRouting.redistribution.undoneBadge")}
                          </Badge>
                        ) : item.canUndo && left.kind === "left" ? (
                          <Group gap="xs" wrap="nowrap" justify="flex-end">
                            <Text size="xs" c="dimmed">
                              {formatUndoLeft(t, left)}
                            </Text>
                            <Button
                              size="compact-xs"
                              variant="light"
                              color="orange"
                              loading={undo.isPending && undo.variables === item.id}
                              onClick={() => undo.mutate(item.id)}
                              data-testid="redistribution-list-undo"
                            >
                              {t("leadRouting.redistribution.undo")}
                            </Button>
                          </Group>
                        ) : (
                          <Text size="xs" c="dimmed">
                            {t("leadRouting.redistribution.final")}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
};

/**
 * M5.5 redistribution: a leaving seller's clients, with their open deals and open tasks, handed to others in one
 * go — by the routing rules, evenly over a team or chosen sellers, or client by client — after a preview of what
 * each receiver gets, and undoable for the organization's undo window.
 */
export const RedistributePage = () => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const sellers = useAvailability();
  const teams = useTeams();
  const [draft, setDraft] = useState<RedistributionDraft>(emptyRedistributionDraft);
  const [step, setStep] = useState(0);
  const [shown, setShown] = useState<RedistributionProblem[]>([]);
  const [done, setDone] = useState<Redistribution | null>(null);
  const [undone, setUndone] = useState<RedistributionUndo | null>(null);
  const [stale, setStale] = useState(false);
  const set = (patch: Partial<RedistributionDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setStale(true);
  };
  const reasonWords = t(`leadRouting.redistribution.reasons.${draft.reason}`);

  const people = (sellers.data?.items ?? []).map((person) => person.user);
  const team = (teams.data ?? []).find((candidate) => candidate.id === draft.teamId);
  const candidates = (draft.receivers === "team" ? (team?.members ?? []) : people.filter((person) => draft.toUserIds.includes(person.id))).filter(
    (person) => person.id !== draft.fromUserId,
  );
  const byHand = draft.receivers !== "rules" && draft.split === "by_hand";

  const preview = useMutation({
    mutationFn: async (evenOnly: boolean) => {
      const built = redistributionBody(draft, reasonWords, { evenOnly });
      if (!built.ok) throw new Error("The redistribution is not complete");
      return previewRedistribution(built.body);
    },
    onSuccess: (answer, evenOnly) => {
      setStale(false);
      if (evenOnly && byHand) setDraft((current) => ({ ...current, assignments: assignmentsFromPreview(answer) }));
    },
  });
  const apply = useMutation({
    mutationFn: async () => {
      const built = redistributionBody(draft, reasonWords);
      if (!built.ok) throw new Error("The redistribution is not complete");
      return redistribute(built.body);
    },
    onSuccess: (answer) => {
      void queryClient.invalidateQueries({ queryKey: leadRoutingKey });
      setDone(answer);
      setUndone(null);
      setDraft(emptyRedistributionDraft());
      setStep(0);
      preview.reset();
    },
  });

  const check = (evenOnly: boolean, only: RedistributionProblem[]) => {
    const built = redistributionBody(draft, reasonWords, { evenOnly });
    const problems = built.ok ? [] : built.problems.filter((problem) => only.includes(problem));
    setShown(problems);
    return problems.length === 0;
  };
  const toReceivers = () => check(true, ["fromUserId", "note"]) && setStep(1);
  const toPreview = () => {
    if (!check(true, ["fromUserId", "note", "teamId", "toUserIds", "selfTarget"])) return;
    setStep(2);
    preview.mutate(true);
  };
  const wrong = (problem: RedistributionProblem) => (shown.includes(problem) ? t(`leadRouting.redistribution.problems.${problem}`) : undefined);
  const teamOptions = (teams.data ?? []).map((candidate) => ({ value: candidate.id, label: t("leadRouting.redistribution.teamOption", { name: candidate.name, count: candidate.members.length }) }));
  const personOptions = people.map((person) => ({ value: person.id, label: person.name }));

  return (
    <Stack gap="lg" maw={1180} data-testid="redistribute-page">
      <SectionHeader title={t("leadRouting.redistribution.title")} hint={t("leadRouting.redistribution.hint")} />
      {done && !undone && <UndoBanner done={done} onUndone={setUndone} />}
      {undone && <UndoSummary undo={undone} />}
      <Card withBorder radius="md" padding="lg">
        {sellers.isPending ? (
          <PageLoader />
        ) : sellers.isError ? (
          <LoadError error={sellers.error} onRetry={() => void sellers.refetch()} />
        ) : (
          <Stepper active={step} onStepClick={(next) => next < step && setStep(next)} size="sm">
            <Stepper.Step label={t("leadRouting.redistribution.stepWho")}>
              <Stack gap="sm" mt="md">
                <Select
                  label={t("leadRouting.redistribution.leaving")}
                  placeholder={t("leadRouting.redistribution.leavingPlaceholder")}
                  searchable
                  data={personOptions}
                  value={draft.fromUserId}
                  onChange={(fromUserId) => set({ fromUserId })}
                  error={wrong("fromUserId")}
                  data-testid="redistribution-from"
                />
                <Radio.Group label={t("leadRouting.redistribution.reason")} value={draft.reason} onChange={(value) => isReason(value) && set({ reason: value })}>
                  <Group gap="md" mt={4}>
                    {redistributionReasons.map((reason) => (
                      <Radio key={reason} value={reason} label={t(`leadRouting.redistribution.reasons.${reason}`)} data-testid={`redistribution-reason-${reason}`} />
                    ))}
                  </Group>
                </Radio.Group>
                <TextInput
                  label={t("leadRouting.redistribution.note")}
                  placeholder={t("leadRouting.redistribution.notePlaceholder")}
                  maxLength={400}
                  value={draft.note}
                  onChange={(event) => set({ note: event.currentTarget.value })}
                  error={wrong("note")}
                  data-testid="redistribution-note"
                />
                <Group justify="flex-end">
                  <Button onClick={toReceivers} data-testid="redistribution-next">
                    {t("leadRouting.redistribution.next")}
                  </Button>
                </Group>
              </Stack>
            </Stepper.Step>
            <Stepper.Step label={t("leadRouting.redistribution.stepTo")}>
              <Stack gap="sm" mt="md">
                <SegmentedControl
                  value={draft.receivers}
                  onChange={(value) => isReceivers(value) && set({ receivers: value })}
                  data={[
                    { value: "sellers", label: t("leadRouting.redistribution.toSellers") },
                    { value: "team", label: t("leadRouting.redistribution.toTeam") },
                    { value: "rules", label: t("leadRouting.redistribution.byRules") },
                  ]}
                  data-testid="redistribution-receivers"
                />
                {draft.receivers === "rules" && (
                  <Text size="sm" c="dimmed">
                    {t("leadRouting.redistribution.byRulesHint")}
                  </Text>
                )}
                {draft.receivers === "team" && (
                  <Select
                    label={t("leadRouting.redistribution.team")}
                    searchable
                    data={teamOptions}
                    value={draft.teamId}
                    onChange={(teamId) => set({ teamId })}
                    error={wrong("teamId")}
                    data-testid="redistribution-team"
                  />
                )}
                {draft.receivers === "sellers" && (
                  <MultiSelect
                    label={t("leadRouting.redistribution.sellers")}
                    searchable
                    data={personOptions.filter((option) => option.value !== draft.fromUserId)}
                    value={draft.toUserIds}
                    onChange={(toUserIds) => set({ toUserIds })}
                    error={wrong("toUserIds") ?? wrong("selfTarget")}
                    data-testid="redistribution-sellers"
                  />
                )}
                {draft.receivers !== "rules" && (
                  <Radio.Group label={t("leadRouting.redistribution.split")} value={draft.split} onChange={(value) => isSplit(value) && set({ split: value })}>
                    <Stack gap={6} mt={4}>
                      <Radio value="evenly" label={t("leadRouting.redistribution.evenly")} description={t("leadRouting.redistribution.evenlyHint")} data-testid="redistribution-evenly" />
                      <Radio value="by_hand" label={t("leadRouting.redistribution.byHand")} description={t("leadRouting.redistribution.byHandHint")} data-testid="redistribution-by-hand-mode" />
                    </Stack>
                  </Radio.Group>
                )}
                <Group justify="space-between">
                  <Button variant="default" onClick={() => setStep(0)}>
                    {t("leadRouting.redistribution.back")}
                  </Button>
                  <Button onClick={toPreview} data-testid="redistribution-preview-button">
                    {t("leadRouting.redistribution.preview")}
                  </Button>
                </Group>
              </Stack>
            </Stepper.Step>
            <Stepper.Step label={t("leadRouting.redistribution.stepCheck")}>
              <Stack gap="sm" mt="md">
                {preview.isPending && <PageLoader />}
                {preview.isError && (
                  <Alert color="red" role="alert">
                    {problemMessage(t, preview.error)}
                  </Alert>
                )}
                {preview.isSuccess && byHand && (
                  <ByHandTable preview={preview.data} candidates={candidates} assignments={draft.assignments} onChange={(assignments) => set({ assignments })} />
                )}
                {preview.isSuccess && <PreviewTable preview={preview.data} />}
                {wrong("assignments") && (
                  <Text size="sm" c="red" role="alert">
                    {wrong("assignments")}
                  </Text>
                )}
                {apply.isError && (
                  <Alert color="red" role="alert">
                    {problemMessage(t, apply.error)}
                  </Alert>
                )}
                <Group justify="space-between">
                  <Button variant="default" onClick={() => setStep(1)}>
                    {t("leadRouting.redistribution.back")}
                  </Button>
                  <Group gap="xs">
                    {byHand && stale && (
                      <Button variant="light" loading={preview.isPending} onClick={() => preview.mutate(false)} data-testid="redistribution-refresh">
                        {t("leadRouting.redistribution.refresh")}
                      </Button>
                    )}
                    <Button
                      color="orange"
                      loading={apply.isPending}
                      disabled={!preview.isSuccess || preview.data.totals.clients === preview.data.totals.unplaced}
                      onClick={() => check(false, ["assignments"]) && apply.mutate()}
                      data-testid="redistribution-apply"
                    >
                      {t("leadRouting.redistribution.apply")}
                    </Button>
                  </Group>
                </Group>
              </Stack>
            </Stepper.Step>
          </Stepper>
        )}
      </Card>
      <RecentRedistributions onUndone={setUndone} />
    </Stack>
  );
};
