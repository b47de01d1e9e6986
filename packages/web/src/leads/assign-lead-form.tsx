import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Group, Select, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { ClockedLead, LeadAvailability } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { leadRoutingKey, useAvailability } from "../lead-routing/lead-routing.api";
import { fieldErrorMessage, problemMessage } from "../ui/errors";
import { assignLead, leadsKey } from "./leads.api";

/** "Anna Smirnova · 3 untouched leads · paused": what a head weighs before giving a lead by hand. */
export const assigneeLabel = (t: TFunction, person: LeadAvailability, currentAssigneeId: string | null): string => {
  const notes = [t("leads.assign.openLeads", { count: person.openLeads })];
  if (person.user.id === currentAssigneeId) notes.push(t("leads.assign.current"));
  if (person.paused) notes.push(t("leads.assign.paused"));
  if (person.absentToday) notes.push(t("leads.assign.absent"));
  else if (!person.withinHours) notes.push(t("leads.assign.offHours"));
  return [person.user.name, ...notes].join(" · ");
};

/** The server says why a hand-over was refused under the picker; a touched lead belongs to its client's owner now. */
const assignError = (t: TFunction, error: unknown): string | undefined => {
  if (isApiError(error, "validation_failed") && error.fieldError("userId")?.code === "lead_touched") return t("leads.assign.touched");
  return fieldErrorMessage(t, error, "userId");
};

/** "Assign to…" (M5.5): the head gives the lead to a seller; the seller's SLA timers start again and both hear of it. */
export const AssignLeadForm = ({ lead }: { lead: ClockedLead }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const availability = useAvailability();
  const [userId, setUserId] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (to: string) => assignLead(lead.id, to),
    onSuccess: (moved) => {
      setUserId(null);
      // The seller's count of untouched leads changes as well.
      void queryClient.invalidateQueries({ queryKey: leadsKey });
      void queryClient.invalidateQueries({ queryKey: leadRoutingKey });
      notifications.show({ color: "green", message: t("leads.assign.done", { name: moved.assignee?.name ?? "" }) });
    },
  });
  const people = (availability.data?.items ?? []).filter((person) => person.active);
  const currentId = lead.assignee?.id ?? null;
  const fieldError = assignError(t, mutation.error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (userId) mutation.mutate(userId);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="lead-assign">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t("leads.assign.title")}
        </Title>
        <Group gap="sm" align="flex-start" wrap="nowrap">
          <Select
            flex={1}
            aria-label={t("leads.assign.label")}
            placeholder={t("leads.assign.placeholder")}
            searchable
            data={people.map((person) => ({
              value: person.user.id,
              label: assigneeLabel(t, person, currentId),
              disabled: person.user.id === currentId,
            }))}
            value={userId}
            onChange={setUserId}
            error={fieldError}
            disabled={availability.isPending}
            comboboxProps={{ withinPortal: true }}
            data-testid="lead-assign-select"
          />
          <Button type="submit" disabled={!userId} loading={mutation.isPending} data-testid="lead-assign-submit">
            {t("leads.assign.submit")}
          </Button>
        </Group>
        {availability.isError && <Alert color="red">{problemMessage(t, availability.error)}</Alert>}
        {mutation.isError && !fieldError && (
          <Alert color="red" role="alert">
            {problemMessage(t, mutation.error)}
          </Alert>
        )}
      </Stack>
    </form>
  );
};
