import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ActionIcon, Badge, Button, Card, Group, Modal, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { absenceKinds, type Absence, type AbsenceKind, type PersonRef } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatShortDate } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { zonedDayKey } from "../i18n/zoned-time";
import { fieldErrorMessage, problemMessage } from "../ui/errors";
import { FormFooter } from "../ui/form-footer";
import { LoadError, PageLoader } from "../ui/page-states";
import { absenceDays, absenceToCreate, absenceWhen, emptyAbsenceDraft, type AbsenceDraft, type AbsenceProblem } from "./availability-draft";
import { absencesKey, createAbsence, deleteAbsence, leadRoutingKey, listAbsences } from "./lead-routing.api";

const TrashIcon = () => (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
    <path d="M4 7h16M10 11v6M14 11v6M5 7l1 13h12l1-13M9 7V4h6v3" />
  </svg>
);

const kindColor = (kind: AbsenceKind): string => {
  switch (kind) {
    case "vacation":
      return "blue";
    case "sick_leave":
      return "red";
    case "day_off":
      return "gray";
    case "other":
      return "violet";
  }
};

const isAbsenceKind = (value: string | null): value is AbsenceKind => absenceKinds.some((kind) => kind === value);

/** A local day ("YYYY-MM-DD") in the reader's calendar; noon UTC keeps it on the same day in every zone. */
const dayLabel = (locale: ReturnType<typeof useLocale>["locale"], day: string) => formatShortDate(locale, `${day}T12:00:00Z`, "UTC");

const shiftDay = (day: string, days: number): string => {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

const AbsenceForm = ({ people, today, onClose }: { people: PersonRef[]; today: string; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<AbsenceDraft>(() => emptyAbsenceDraft(today));
  const [shown, setShown] = useState(false);
  const set = (patch: Partial<AbsenceDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const result = absenceToCreate(draft);
  const problems: AbsenceProblem[] = shown && !result.ok ? result.problems : [];
  const mutation = useMutation({
    mutationFn: createAbsence,
    onSuccess: (absence) => {
      // An absence today takes the person out of distribution: the table and the tester change too.
      void queryClient.invalidateQueries({ queryKey: leadRoutingKey });
      notifications.show({ color: "green", message: t("leadRouting.absences.added", { name: absence.user.name }) });
      onClose();
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setShown(true);
    if (result.ok) mutation.mutate(result.body);
  };
  const error = mutation.error;
  return (
    <form onSubmit={submit} noValidate data-testid="absence-form">
      <Stack gap="sm">
        <Select
          label={t("leadRouting.absences.person")}
          searchable
          required
          data={people.map((person) => ({ value: person.id, label: person.name }))}
          value={draft.userId}
          onChange={(userId) => set({ userId })}
          error={problems.includes("userId") ? t("leadRouting.absences.personMissing") : fieldErrorMessage(t, error, "userId")}
          data-testid="absence-person"
        />
        <SegmentedControl
          fullWidth
          value={draft.kind}
          onChange={(kind) => isAbsenceKind(kind) && set({ kind })}
          data={absenceKinds.map((kind) => ({ value: kind, label: t(`leadRouting.absences.kinds.${kind}`) }))}
          data-testid="absence-kind"
        />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t("leadRouting.absences.from")}
            required
            value={draft.startsOn}
            onChange={(event) => set({ startsOn: event.currentTarget.value, endsOn: draft.endsOn < event.currentTarget.value ? event.currentTarget.value : draft.endsOn })}
            error={problems.includes("startsOn") ? t("leadRouting.absences.dayMissing") : fieldErrorMessage(t, error, "startsOn")}
            data-testid="absence-from"
          />
          <TextInput
            type="date"
            label={t("leadRouting.absences.to")}
            required
            min={draft.startsOn}
            value={draft.endsOn}
            onChange={(event) => set({ endsOn: event.currentTarget.value })}
            error={
              problems.includes("endsOn")
                ? t("leadRouting.absences.dayMissing")
                : problems.includes("order")
                  ? t("leadRouting.absences.endsBeforeStart")
                  : fieldErrorMessage(t, error, "endsOn")
            }
            data-testid="absence-to"
          />
        </Group>
        <TextInput label={t("leadRouting.absences.note")} maxLength={500} value={draft.note} onChange={(event) => set({ note: event.currentTarget.value })} data-testid="absence-note" />
        <FormFooter
          error={error}
          fields={["userId", "startsOn", "endsOn"]}
          pending={mutation.isPending}
          disabled={false}
          submitLabel={t("leadRouting.absences.add")}
          submitTestId="absence-submit"
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
};

/** Vacations, sick leaves and days off — now and ahead, or the last two months as well; distribution skips these people on those days. */
export const AbsencesCard = ({ people }: { people: PersonRef[] }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const today = zonedDayKey(new Date(), organization.timeZone);
  const [withPast, setWithPast] = useState(false);
  const [adding, setAdding] = useState(false);
  const from = withPast ? shiftDay(today, -60) : today;
  const absences = useQuery({ queryKey: [...absencesKey, from], queryFn: () => listAbsences({ from }) });
  const remove = useMutation({
    mutationFn: (absence: Absence) => deleteAbsence(absence.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: leadRoutingKey });
      notifications.show({ color: "green", message: t("leadRouting.absences.deleted") });
    },
    onError: (error) => notifications.show({ color: "red", message: problemMessage(t, error) }),
  });
  const sorted = [...(absences.data ?? [])].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.user.name.localeCompare(b.user.name));

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="absences-title" data-testid="absences-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="absences-title">
            {t("leadRouting.absences.title")}
          </Title>
          <Group gap="xs">
            <SegmentedControl
              size="xs"
              value={withPast ? "past" : "ahead"}
              onChange={(value) => setWithPast(value === "past")}
              data={[
                { value: "ahead", label: t("leadRouting.absences.ahead") },
                { value: "past", label: t("leadRouting.absences.withPast") },
              ]}
            />
            <Button size="xs" onClick={() => setAdding(true)} disabled={people.length === 0} data-testid="absence-add">
              {t("leadRouting.absences.add")}
            </Button>
          </Group>
        </Group>
        {absences.isPending ? (
          <PageLoader />
        ) : absences.isError ? (
          <LoadError error={absences.error} onRetry={() => void absences.refetch()} />
        ) : sorted.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="absences-empty">
            {t("leadRouting.absences.empty")}
          </Text>
        ) : (
          <Table verticalSpacing="xs" data-testid="absences-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("leadRouting.absences.person")}</Table.Th>
                <Table.Th>{t("leadRouting.absences.kind")}</Table.Th>
                <Table.Th>{t("leadRouting.absences.when")}</Table.Th>
                <Table.Th>{t("leadRouting.absences.note")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((absence) => {
                const when = absenceWhen(absence, today);
                return (
                  <Table.Tr key={absence.id} style={{ opacity: when === "past" ? 0.6 : 1 }} data-testid={`absence-${absence.user.name}`}>
                    <Table.Td>
                      <bdi>{absence.user.name}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge size="sm" variant="light" color={kindColor(absence.kind)}>
                          {t(`leadRouting.absences.kinds.${absence.kind}`)}
                        </Badge>
                        {when === "now" && (
                          <Badge size="sm" color="orange">
                            {t("leadRouting.absences.now")}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {absence.startsOn === absence.endsOn
                          ? dayLabel(locale, absence.startsOn)
                          : t("leadRouting.absences.range", { from: dayLabel(locale, absence.startsOn), to: dayLabel(locale, absence.endsOn) })}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t("leadRouting.absences.days", { count: absenceDays(absence) })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" dir="auto">
                        {absence.note ?? ""}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        loading={remove.isPending && remove.variables.id === absence.id}
                        onClick={() => remove.mutate(absence)}
                        aria-label={t("leadRouting.absences.delete", { name: absence.user.name })}
                        data-testid="absence-delete"
                      >
                        <TrashIcon />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t("leadRouting.absences.addTitle")}>
        {adding && <AbsenceForm people={people} today={today} onClose={() => setAdding(false)} />}
      </Modal>
    </Card>
  );
};
