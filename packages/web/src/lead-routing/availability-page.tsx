import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Group, Modal, NumberInput, Select, Stack, Switch, Table, TagsInput, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { LeadAvailability, LeadAvailabilityList, Locale, UpdateLeadAvailability } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { SectionHeader } from "../department/section-header";
import { formatNumber, formatTimeOfDay, timeOfDayOptions } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { problemMessage } from "../ui/errors";
import { FormFooter } from "../ui/form-footer";
import { LoadError, PageLoader } from "../ui/page-states";
import { AbsencesCard } from "./absences-card";
import { availabilityUpdate, draftFromAvailability, type AvailabilityDraft, type AvailabilityProblem } from "./availability-draft";
import { leadRoutingKey, updateAvailability, useAvailability } from "./lead-routing.api";

const usePatch = () => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: UpdateLeadAvailability }) => updateAvailability(userId, body),
    // A pause or a weight changes the tester's answers and the proposals as well.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: leadRoutingKey }),
    onError: (error) => notifications.show({ color: "red", message: problemMessage(t, error) }),
  });
};

/** M2.2: sellers with no client from whom money can come soon; more fresh leads to them, by a heavier weight. */
const ProposalsBanner = ({ proposals }: { proposals: LeadAvailabilityList["proposals"] }) => {
  const { t } = useTranslation();
  const patch = usePatch();
  if (proposals.length === 0) return null;
  const boost = (proposal: (typeof proposals)[number]) => patch.mutateAsync({ userId: proposal.user.id, body: { weight: proposal.proposedWeight } });
  const boostAll = async () => {
    for (const proposal of proposals) await boost(proposal);
    notifications.show({ color: "green", message: t("leadRouting.availability.boosted", { count: proposals.length }) });
  };
  return (
    <Alert color="yellow" title={t("leadRouting.availability.proposalsTitle")} data-testid="prospect-proposals">
      <Stack gap="xs">
        <Text size="sm">{t("leadRouting.availability.proposalsText")}</Text>
        {proposals.map((proposal) => (
          <Group key={proposal.user.id} justify="space-between" gap="xs" data-testid={`prospect-proposal-${proposal.user.name}`}>
            <Text size="sm">
              <bdi>{proposal.user.name}</bdi> — {t("leadRouting.availability.weightFromTo", { from: proposal.currentWeight, to: proposal.proposedWeight })}
            </Text>
            <Button
              size="compact-xs"
              variant="light"
              color="yellow"
              loading={patch.isPending && patch.variables.userId === proposal.user.id}
              onClick={() => void boost(proposal)}
              data-testid="prospect-boost"
            >
              {t("leadRouting.availability.boost")}
            </Button>
          </Group>
        ))}
        {proposals.length > 1 && (
          <Group justify="flex-end">
            <Button size="xs" color="yellow" loading={patch.isPending} onClick={() => void boostAll()} data-testid="prospect-boost-all">
              {t("leadRouting.availability.boostAll")}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
};

/** A seller's cap, weight, skills and own working hours; only what changed is sent. */
const AvailabilityForm = ({ person, skills, onClose }: { person: LeadAvailability; skills: string[]; onClose: () => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<AvailabilityDraft>(() => draftFromAvailability(person));
  const [shown, setShown] = useState(false);
  const set = (patch: Partial<AvailabilityDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const result = availabilityUpdate(person, draft);
  const problems = shown && !result.ok ? result.problems : [];
  const mutation = useMutation({
    mutationFn: (body: UpdateLeadAvailability) => updateAvailability(person.user.id, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: leadRoutingKey });
      notifications.show({ color: "green", message: t("leadRouting.availability.saved", { name: person.user.name }) });
      onClose();
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setShown(true);
    if (!result.ok) return;
    if (Object.keys(result.update).length === 0) onClose();
    else mutation.mutate(result.update);
  };
  const times = (current: string | null) => timeOfDayOptions(current ?? "").map((value) => ({ value, label: formatTimeOfDay(locale, value) }));
  const wrong = (problem: AvailabilityProblem) => (problems.includes(problem) ? t(`leadRouting.availability.problems.${problem}`) : undefined);

  return (
    <form onSubmit={submit} noValidate data-testid="availability-form">
      <Stack gap="sm">
        <Group grow align="flex-start">
          <NumberInput
            label={t("leadRouting.availability.cap")}
            description={t("leadRouting.availability.capHint")}
            min={0}
            max={100_000}
            allowDecimal={false}
            value={draft.leadCap}
            onChange={(leadCap) => set({ leadCap })}
            error={wrong("leadCap")}
            data-testid="availability-cap"
          />
          <NumberInput
            label={t("leadRouting.availability.weight")}
            description={t("leadRouting.availability.weightHint")}
            min={0}
            max={100}
            allowDecimal={false}
            value={draft.weight}
            onChange={(weight) => set({ weight })}
            error={wrong("weight")}
            data-testid="availability-weight"
          />
        </Group>
        <TagsInput
          label={t("leadRouting.availability.skills")}
          description={t("leadRouting.availability.skillsHint")}
          data={skills}
          value={draft.skills}
          onChange={(value) => set({ skills: value })}
          clearable
          data-testid="availability-skills"
        />
        <Group grow align="flex-start">
          <Select
            label={t("leadRouting.availability.workStart")}
            placeholder={t("leadRouting.availability.orgHours")}
            clearable
            searchable
            data={times(draft.workStart)}
            value={draft.workStart}
            onChange={(workStart) => set({ workStart })}
            error={wrong("hours")}
            data-testid="availability-start"
          />
          <Select
            label={t("leadRouting.availability.workEnd")}
            placeholder={t("leadRouting.availability.orgHours")}
            clearable
            searchable
            data={times(draft.workEnd)}
            value={draft.workEnd}
            onChange={(workEnd) => set({ workEnd })}
            data-testid="availability-end"
          />
        </Group>
        <FormFooter
          error={mutation.error}
          fields={[]}
          pending={mutation.isPending}
          disabled={false}
          submitLabel={t("common.save")}
          submitTestId="availability-submit"
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
};

const hoursOf = (t: TFunction, locale: Locale, person: LeadAvailability): string =>
  person.workStart && person.workEnd
    ? t("leadRouting.availability.hoursRange", { from: formatTimeOfDay(locale, person.workStart), to: formatTimeOfDay(locale, person.workEnd) })
    : t("leadRouting.availability.orgHours");

const SellersTable = ({ items, onEdit }: { items: LeadAvailability[]; onEdit: (person: LeadAvailability) => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { user } = useCurrentSession();
  const patch = usePatch();
  const pending = (userId: string) => patch.isPending && patch.variables.userId === userId;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="availability-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("leadRouting.availability.seller")}</Table.Th>
            <Table.Th>{t("leadRouting.availability.taking")}</Table.Th>
            <Table.Th style={{ textAlign: "end" }}>{t("leadRouting.availability.openOfCap")}</Table.Th>
            <Table.Th style={{ textAlign: "end" }}>{t("leadRouting.availability.today")}</Table.Th>
            <Table.Th style={{ textAlign: "end" }}>{t("leadRouting.availability.weight")}</Table.Th>
            <Table.Th>{t("leadRouting.availability.skills")}</Table.Th>
            <Table.Th>{t("leadRouting.availability.onDuty")}</Table.Th>
            <Table.Th>{t("leadRouting.availability.hours")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((person) => {
            const full = person.leadCap !== null && person.openLeads >= person.leadCap;
            return (
              <Table.Tr key={person.user.id} data-testid={`availability-${person.user.name}`} style={{ opacity: person.active ? 1 : 0.6 }}>
                <Table.Td>
                  <Group gap={6} wrap="wrap">
                    <Text size="sm" fw={600}>
                      <bdi>{person.user.name}</bdi>
                      {person.user.id === user.id && ` (${t("common.you")})`}
                    </Text>
                    {person.level && (
                      <Badge size="xs" variant="outline">
                        {person.level}
                      </Badge>
                    )}
                    {!person.active && (
                      <Badge size="xs" color="gray">
                        {t("leadRouting.availability.inactive")}
                      </Badge>
                    )}
                    {person.absentToday && (
                      <Badge size="xs" color="orange" data-testid="availability-absent">
                        {t("leadRouting.availability.absent")}
                      </Badge>
                    )}
                    {!person.withinHours && !person.absentToday && (
                      <Badge size="xs" color="gray" variant="light">
                        {t("leadRouting.availability.offHours")}
                      </Badge>
                    )}
                    {person.noProspects && (
                      <Tooltip label={t("leadRouting.availability.noProspectsHint")} multiline w={260}>
                        <Badge size="xs" color="yellow" variant="light">
                          {t("leadRouting.availability.noProspects")}
                        </Badge>
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Switch
                    checked={!person.paused}
                    disabled={pending(person.user.id)}
                    onChange={() => patch.mutate({ userId: person.user.id, body: { paused: !person.paused } })}
                    label={person.paused ? t("leadRouting.availability.paused") : t("leadRouting.availability.takes")}
                    aria-label={t("leadRouting.availability.pauseLabel", { name: person.user.name })}
                    data-testid="availability-paused"
                  />
                </Table.Td>
                <Table.Td style={{ textAlign: "end" }}>
                  <Text size="sm" c={full ? "red" : undefined} fw={full ? 600 : undefined} data-testid="availability-open">
                    {person.leadCap === null
                      ? t("leadRouting.availability.openNoCap", { open: formatNumber(locale, person.openLeads) })
                      : t("leadRouting.availability.openOf", { open: formatNumber(locale, person.openLeads), cap: formatNumber(locale, person.leadCap) })}
                  </Text>
                </Table.Td>
                <Table.Td style={{ textAlign: "end" }}>{formatNumber(locale, person.assignedToday)}</Table.Td>
                <Table.Td style={{ textAlign: "end" }}>{formatNumber(locale, person.weight)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {person.skills.length === 0 ? (
                      <Text size="xs" c="dimmed">
                        —
                      </Text>
                    ) : (
                      person.skills.map((skill) => (
                        <Badge key={skill} size="xs" variant="light" color="gray">
                          <bdi>{skill}</bdi>
                        </Badge>
                      ))
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Switch
                    checked={person.onDuty}
                    disabled={pending(person.user.id)}
                    onChange={() => patch.mutate({ userId: person.user.id, body: { onDuty: !person.onDuty } })}
                    aria-label={t("leadRouting.availability.onDutyLabel", { name: person.user.name })}
                    data-testid="availability-on-duty"
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{hoursOf(t, locale, person)}</Text>
                </Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" onClick={() => onEdit(person)} data-testid="availability-edit">
                    {t("leadRouting.availability.edit")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};

/**
 * M5.5 availability: who takes leads now and how many — pause, cap of untouched leads, weight of the round-robin,
 * skills the rules ask for, on duty, own hours — with absences, and M2.2's proposal to feed sellers without prospects.
 */
export const AvailabilityPage = () => {
  const { t } = useTranslation();
  const availability = useAvailability();
  const [editing, setEditing] = useState<LeadAvailability | null>(null);
  const items = availability.data?.items ?? [];
  const skills = [...new Set(items.flatMap((person) => person.skills))].sort();

  return (
    <Stack gap="lg" maw={1280} data-testid="availability-page">
      <SectionHeader title={t("leadRouting.availability.title")} hint={t("leadRouting.availability.hint")} />
      {availability.isSuccess && <ProposalsBanner proposals={availability.data.proposals} />}
      <Card withBorder radius="md" padding={0}>
        {availability.isPending ? (
          <PageLoader />
        ) : availability.isError ? (
          <LoadError error={availability.error} onRetry={() => void availability.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" p="lg">
            {t("leadRouting.availability.empty")}
          </Text>
        ) : (
          <SellersTable items={items} onEdit={setEditing} />
        )}
      </Card>
      <AbsencesCard people={items.map((person) => person.user)} />
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? t("leadRouting.availability.editTitle", { name: editing.user.name }) : ""}>
        {editing && <AvailabilityForm key={editing.user.id} person={editing} skills={skills} onClose={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
};
