import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Modal, Select, Stack, TagsInput, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { customFieldTypes, type CustomField, type CustomFieldEntity, type CustomFieldType } from "@conveyor/contracts";
import { fieldErrorMessage } from "../ui/errors";
import { FormFooter } from "../ui/form-footer";
import { createCustomField, customFieldsKey, updateCustomField } from "./custom-fields.api";

const fields = ["label", "type", "options"];

type CustomFieldModalProps = {
  opened: boolean;
  entity: CustomFieldEntity;
  /** The field being edited; null adds one. */
  field: CustomField | null;
  onClose: () => void;
};

export const CustomFieldModal = ({ opened, entity, field, onClose }: CustomFieldModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={field ? t("customFields.editTitle", { label: field.label }) : t("customFields.addTitle")}>
      {opened && <CustomFieldForm key={field?.id ?? "new"} entity={entity} field={field} onClose={onClose} />}
    </Modal>
  );
};

const sameOptions = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((option, i) => option === b[i]);

/** Name, type (fixed once created) and, for a choice, its options. */
const CustomFieldForm = ({ entity, field, onClose }: Omit<CustomFieldModalProps, "opened">) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState(field?.label ?? "");
  const [type, setType] = useState<CustomFieldType>(field?.type ?? "text");
  const [options, setOptions] = useState<string[]>(field?.options ?? []);
  const cleanOptions = [...new Set(options.map((o) => o.trim()).filter(Boolean))];

  const mutation = useMutation({
    mutationFn: () => {
      if (!field) return createCustomField({ entity, label: label.trim(), type, ...(type === "select" ? { options: cleanOptions } : {}) });
      return updateCustomField(field.id, {
        ...(label.trim() !== field.label ? { label: label.trim() } : {}),
        ...(field.type === "select" && !sameOptions(cleanOptions, field.options) ? { options: cleanOptions } : {}),
      });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: customFieldsKey });
      notifications.show({ color: "green", message: field ? t("customFields.saved") : t("customFields.created", { label: saved.label }) });
      onClose();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate();
  };
  const error = mutation.error;
  const removedOptions = field ? field.options.filter((o) => !cleanOptions.includes(o)) : [];
  const invalid = label.trim() === "" || (type === "select" && cleanOptions.length === 0);

  return (
    <form onSubmit={submit} noValidate data-testid="custom-field-form">
      <Stack gap="sm">
        <TextInput
          label={t("customFields.label")}
          required
          maxLength={100}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          error={fieldErrorMessage(t, error, "label")}
          data-autofocus
          data-testid="custom-field-label"
        />
        <Select<CustomFieldType>
          label={t("customFields.type")}
          description={field ? undefined : t("customFields.typeFixed")}
          allowDeselect={false}
          disabled={field !== null}
          data={customFieldTypes.map((value) => ({ value, label: t(`customFields.types.${value}`) }))}
          value={type}
          onChange={(value) => value && setType(value)}
          error={fieldErrorMessage(t, error, "type")}
          data-testid="custom-field-type"
        />
        {type === "select" && (
          <TagsInput
            label={t("customFields.options")}
            description={t("customFields.optionsHint")}
            required
            value={options}
            onChange={setOptions}
            error={fieldErrorMessage(t, error, "options")}
            data-testid="custom-field-options"
          />
        )}
        {removedOptions.length > 0 && (
          <Text size="sm" c="dimmed">
            {t("customFields.optionsRemovedHint")}
          </Text>
        )}
        {field && (
          <Text size="xs" c="dimmed" dir="ltr" ta="start">
            {t("customFields.key", { key: field.key })}
          </Text>
        )}
        <FormFooter
          error={error}
          fields={fields}
          pending={mutation.isPending}
          disabled={invalid}
          submitLabel={field ? t("common.save") : t("customFields.add")}
          submitTestId="custom-field-submit"
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
};
