import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Modal, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { departmentKinds, type Department, type DepartmentKind } from "@conveyor/contracts";
import { fieldErrorMessage } from "../ui/errors";
import { FormFooter } from "../ui/form-footer";
import { conveyorKey, createDepartment, updateDepartment, useConveyorPeople } from "./department.api";
import { departmentDraftToSave, departmentDraftToUpdate, draftFromDepartment, personOptions, type DepartmentDraft } from "./team-draft";

const fields = ["name", "kind", "headUserId"];

type DepartmentModalProps = {
  opened: boolean;
  /** The department being edited; null adds one. */
  department: Department | null;
  onClose: () => void;
};

export const DepartmentModal = ({ opened, department, onClose }: DepartmentModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={department ? t("department.teams.editDepartment", { name: department.name }) : t("department.teams.newDepartment")}
    >
      {opened && <DepartmentForm key={department?.id ?? "new"} department={department} onClose={onClose} />}
    </Modal>
  );
};

/** M3.1: a department is general, new business, the client department or a development team. */
const DepartmentForm = ({ department, onClose }: Omit<DepartmentModalProps, "opened">) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const people = useConveyorPeople();
  const [draft, setDraft] = useState<DepartmentDraft>(() => draftFromDepartment(department));
  const set = (patch: Partial<DepartmentDraft>) => setDraft((current) => ({ ...current, ...patch }));

  const mutation = useMutation({
    mutationFn: () =>
      department ? updateDepartment(department.id, departmentDraftToUpdate(department, draft)) : createDepartment(departmentDraftToSave(draft)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: conveyorKey });
      notifications.show({ color: "green", message: t("department.teams.departmentSaved") });
      onClose();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft.name.trim()) mutation.mutate();
  };
  const error = mutation.error;

  return (
    <form onSubmit={submit} noValidate data-testid="department-form">
      <Stack gap="sm">
        <TextInput
          label={t("department.teams.departmentName")}
          required
          maxLength={200}
          value={draft.name}
          onChange={(event) => set({ name: event.currentTarget.value })}
          error={fieldErrorMessage(t, error, "name")}
          data-autofocus
          data-testid="department-name"
        />
        <Select<DepartmentKind>
          label={t("department.teams.kind")}
          description={t(`department.kindHints.${draft.kind}`)}
          allowDeselect={false}
          data={departmentKinds.map((value) => ({ value, label: t(`department.kinds.${value}`) }))}
          value={draft.kind}
          onChange={(kind) => kind && set({ kind })}
          error={fieldErrorMessage(t, error, "kind")}
          data-testid="department-kind"
        />
        <Select
          label={t("department.teams.head")}
          placeholder={t("department.teams.noHead")}
          clearable
          searchable
          data={personOptions(people.data ?? [], department?.head ? [department.head] : [])}
          value={draft.headUserId}
          onChange={(headUserId) => set({ headUserId })}
          error={fieldErrorMessage(t, error, "headUserId")}
          data-testid="department-head"
        />
        <FormFooter
          error={error}
          fields={fields}
          pending={mutation.isPending}
          disabled={draft.name.trim() === ""}
          submitLabel={department ? t("common.save") : t("department.teams.addDepartment")}
          submitTestId="department-submit"
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
};
