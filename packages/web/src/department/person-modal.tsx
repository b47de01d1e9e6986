import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ActionIcon, Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { levels, matrixKinds, type ConveyorProfile, type Level, type MatrixKind, type SalesRole } from "@conveyor/contracts";
import { useProductGroups, useProducts } from "../products/products.api";
import { fieldErrorMessage } from "../ui/errors";
import { FormFooter } from "../ui/form-footer";
import { conveyorKey, updateConveyorProfile, useTeams } from "./department.api";
import { draftFromProfile, draftToProfileUpdate, matrixValueSource, type MatrixRow, type ProfileDraft } from "./profile-draft";
import { groupedSalesRoleOptions } from "./sales-roles";

const fields = ["level", "salesRole", "clientCap", "matrix"];

type PersonModalProps = {
  /** The person being edited; null keeps the modal closed. */
  person: ConveyorProfile | null;
  /** The department's cap for receivers, shown as what an empty cap means. */
  defaultCap: number | null;
  onClose: () => void;
};

export const PersonModal = ({ person, defaultCap, onClose }: PersonModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={person !== null} onClose={onClose} title={person ? t("department.people.editTitle", { name: person.name }) : ""} size="lg">
      {person && <PersonForm key={person.userId} person={person} defaultCap={defaultCap} onClose={onClose} />}
    </Modal>
  );
};

let rowCounter = 0;
const newRowKey = () => {
  rowCounter += 1;
  return `new-${rowCounter}`;
};

const PersonForm = ({ person, defaultCap, onClose }: { person: ConveyorProfile; defaultCap: number | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ProfileDraft>(() => draftFromProfile(person));
  const set = (patch: Partial<ProfileDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const setRow = (key: string, patch: Partial<MatrixRow>) =>
    set({ matrix: draft.matrix.map((row) => (row.key === key ? { ...row, ...patch } : row)) });

  const mutation = useMutation({
    mutationFn: () => updateConveyorProfile(person.userId, draftToProfileUpdate(person, draft)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: conveyorKey });
      notifications.show({ color: "green", message: t("department.people.saved") });
      onClose();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (Object.keys(draftToProfileUpdate(person, draft)).length === 0) {
      onClose();
      return;
    }
    mutation.mutate();
  };
  const error = mutation.error;

  return (
    <form onSubmit={submit} noValidate data-testid="person-form">
      <Stack gap="sm">
        <Group grow align="flex-start">
          <Select<Level>
            label={t("department.people.level")}
            description={t("department.people.levelHint")}
            placeholder={t("department.noLevel")}
            clearable
            allowDeselect={false}
            data={levels.map((value) => ({ value, label: t(`levels.${value}`) }))}
            value={draft.level}
            onChange={(level) => set({ level })}
            error={fieldErrorMessage(t, error, "level")}
            data-testid="person-level"
          />
          <NumberInput
            label={t("department.people.cap")}
            description={
              defaultCap === null ? t("department.people.capHint") : t("department.people.capHintWithDefault", { cap: defaultCap })
            }
            min={1}
            max={1_000_000}
            allowDecimal={false}
            allowNegative={false}
            dir="ltr"
            value={draft.clientCap}
            onChange={(clientCap) => set({ clientCap })}
            error={fieldErrorMessage(t, error, "clientCap")}
            data-testid="person-cap"
          />
        </Group>
        <Select<SalesRole>
          label={t("department.people.job")}
          placeholder={t("department.people.jobPlaceholder")}
          clearable
          allowDeselect={false}
          data={groupedSalesRoleOptions(
            (family) => t(`department.families.${family}`),
            (role) => t(`department.salesRoles.${role}`),
          )}
          value={draft.salesRole}
          onChange={(salesRole) => set({ salesRole })}
          error={fieldErrorMessage(t, error, "salesRole")}
          data-testid="person-job"
        />
        <Stack gap={4} mt="xs">
          <Title order={3} size="h6">
            {t("department.people.matrixTitle")}
          </Title>
          <Text size="xs" c="dimmed">
            {t("department.people.matrixHelp")}
          </Text>
        </Stack>
        {draft.matrix.map((row, index) => (
          <Group key={row.key} gap="xs" align="flex-end" wrap="wrap" data-testid={`person-matrix-row-${index}`}>
            <Select<MatrixKind>
              label={t("department.people.kind")}
              allowDeselect={false}
              w={{ base: "100%", xs: 160 }}
              data={matrixKinds.map((value) => ({ value, label: t(`department.matrixKinds.${value}`) }))}
              value={row.kind}
              onChange={(kind) => kind && setRow(row.key, { kind, value: matrixValueSource(kind) === matrixValueSource(row.kind) ? row.value : "" })}
              data-testid="person-matrix-kind"
            />
            <MatrixValueInput row={row} savedLabels={person.matrix} onChange={(value) => setRow(row.key, { value })} />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              mb={2}
              onClick={() => set({ matrix: draft.matrix.filter((item) => item.key !== row.key) })}
              aria-label={t("department.people.removeAttachment")}
              data-testid="person-matrix-remove"
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        {fieldErrorMessage(t, error, "matrix") && (
          <Text size="sm" c="red">
            {fieldErrorMessage(t, error, "matrix")}
          </Text>
        )}
        <Group>
          <Button
            variant="light"
            size="xs"
            onClick={() => set({ matrix: [...draft.matrix, { key: newRowKey(), kind: "product", value: "" }] })}
            data-testid="person-matrix-add"
          >
            {t("department.people.addAttachment")}
          </Button>
        </Group>
        <FormFooter
          error={error}
          fields={fields}
          pending={mutation.isPending}
          disabled={false}
          submitLabel={t("common.save")}
          submitTestId="person-submit"
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
};

type MatrixValueInputProps = {
  row: MatrixRow;
  /** Labels the server resolved for saved attachments: a product no longer listed still shows its name. */
  savedLabels: ConveyorProfile["matrix"];
  onChange: (value: string) => void;
};

/** Products, product groups and teams are picked from their lists (ids); regions and audiences are typed (M4.4). */
const MatrixValueInput = ({ row, savedLabels, onChange }: MatrixValueInputProps) => {
  const { t } = useTranslation();
  const source = matrixValueSource(row.kind);
  const products = useProducts();
  const groups = useProductGroups();
  const teams = useTeams();

  if (source === "text") {
    return (
      <TextInput
        label={t("department.people.value")}
        placeholder={t("department.people.textValue")}
        maxLength={200}
        style={{ flex: "1 1 160px", minWidth: 0 }}
        value={row.value}
        onChange={(event) => onChange(event.currentTarget.value)}
        data-testid="person-matrix-value"
      />
    );
  }
  const options = (() => {
    switch (source) {
      case "product":
        return (products.data ?? []).map((product) => ({ value: product.id, label: product.name }));
      case "product_group":
        return (groups.data ?? []).map((group) => ({ value: group.id, label: group.name }));
      case "team":
        return (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
    }
  })();
  const saved = savedLabels.find((item) => item.kind === row.kind && item.value === row.value);
  const data = row.value && !options.some((option) => option.value === row.value) ? [...options, { value: row.value, label: saved?.label ?? row.value }] : options;
  return (
    <Select
      label={t("department.people.value")}
      placeholder={t("department.people.pickValue")}
      nothingFoundMessage={t("department.people.noOptions")}
      searchable
      style={{ flex: "1 1 160px", minWidth: 0 }}
      data={data}
      value={row.value || null}
      onChange={(value) => onChange(value ?? "")}
      data-testid="person-matrix-value"
    />
  );
};
