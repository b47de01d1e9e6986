import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Group, Modal, MultiSelect, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { levels, type Department, type Level, type Team } from "@conveyor/contracts";
import { peopleKey } from "../people/people.api";
import { fieldErrorMessage } from "../ui/errors";
import { FormFooter } from "../ui/form-footer";
import { conveyorKey, createTeam, updateTeam, useConveyorPeople } from "./department.api";
import { draftFromTeam, emptyTeamDraft, personOptions, teamDraftToSave, teamDraftToUpdate, type TeamDraft } from "./team-draft";

const fields = ["name", "departmentId", "level", "leadUserId", "memberIds"];

type TeamModalProps = {
  opened: boolean;
  /** The team being edited; null adds one. */
  team: Team | null;
  departments: Department[];
  onClose: () => void;
};

export const TeamModal = ({ opened, team, departments, onClose }: TeamModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={team ? t("department.teams.editTeam", { name: team.name }) : t("department.teams.newTeam")}>
      {opened && <TeamForm key={team?.id ?? "new"} team={team} departments={departments} onClose={onClose} />}
    </Modal>
  );
};

/** A team: its department, the level of the conveyor it works (M1.1), its lead and members. */
const TeamForm = ({ team, departments, onClose }: Omit<TeamModalProps, "opened">) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const people = useConveyorPeople();
  const [draft, setDraft] = useState<TeamDraft>(() => (team ? draftFromTeam(team) : emptyTeamDraft(departments.length === 1 ? (departments[0]?.id ?? null) : null)));
  const set = (patch: Partial<TeamDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const active = people.data ?? [];

  const mutation = useMutation({
    mutationFn: () => (team ? updateTeam(team.id, teamDraftToUpdate(team, draft)) : createTeam(teamDraftToSave(draft))),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: conveyorKey });
      // Team membership decides whom a team lead oversees, and so the people they may pick.
      void queryClient.invalidateQueries({ queryKey: peopleKey });
      notifications.show({ color: "green", message: t("department.teams.teamSaved") });
      onClose();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft.name.trim()) mutation.mutate();
  };
  const error = mutation.error;

  return (
    <form onSubmit={submit} noValidate data-testid="team-form">
      <Stack gap="sm">
        <TextInput
          label={t("department.teams.teamName")}
          required
          maxLength={200}
          value={draft.name}
          onChange={(event) => set({ name: event.currentTarget.value })}
          error={fieldErrorMessage(t, error, "name")}
          data-autofocus
          data-testid="team-name"
        />
        <Group grow align="flex-start">
          <Select
            label={t("department.teams.department")}
            placeholder={t("department.teams.noDepartment")}
            clearable
            data={departments.map((department) => ({ value: department.id, label: department.name }))}
            value={draft.departmentId}
            onChange={(departmentId) => set({ departmentId })}
            error={fieldErrorMessage(t, error, "departmentId")}
            data-testid="team-department"
          />
          <Select<Level>
            label={t("department.teams.level")}
            placeholder={t("department.noLevel")}
            clearable
            data={levels.map((value) => ({ value, label: t(`levels.${value}`) }))}
            value={draft.level}
            onChange={(level) => set({ level })}
            error={fieldErrorMessage(t, error, "level")}
            data-testid="team-level"
          />
        </Group>
        <Select
          label={t("department.teams.lead")}
          placeholder={t("department.teams.noLead")}
          clearable
          searchable
          data={personOptions(active, team?.lead ? [team.lead] : [])}
          value={draft.leadUserId}
          onChange={(leadUserId) => set({ leadUserId })}
          error={fieldErrorMessage(t, error, "leadUserId")}
          data-testid="team-lead-select"
        />
        <MultiSelect
          label={t("department.teams.members")}
          placeholder={t("department.teams.membersPlaceholder")}
          searchable
          data={personOptions(active, team?.members ?? [])}
          value={draft.memberIds}
          onChange={(memberIds) => set({ memberIds })}
          error={fieldErrorMessage(t, error, "memberIds")}
          data-testid="team-members"
        />
        <FormFooter
          error={error}
          fields={fields}
          pending={mutation.isPending}
          disabled={draft.name.trim() === ""}
          submitLabel={team ? t("common.save") : t("department.teams.addTeam")}
          submitTestId="team-submit"
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
};
