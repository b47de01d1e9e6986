import { NumberInput, Select, SimpleGrid, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CustomField } from "@conveyor/contracts";
import { fieldErrorMessage } from "../ui/errors";
import { selectChoices, type CustomDraft } from "./custom-values";

type CustomFieldInputsProps = {
  /** The active fields, in order. */
  fields: readonly CustomField[];
  draft: CustomDraft;
  onChange: (draft: CustomDraft) => void;
  /** The last failed submit: the server names a bad value as `custom.<key>`. */
  error: unknown;
  testIdPrefix: string;
};

/** One input per custom field, by its type; nothing when the organization has none. */
export const CustomFieldInputs = ({ fields, draft, onChange, error, testIdPrefix }: CustomFieldInputsProps) => {
  const { t } = useTranslation();
  if (fields.length === 0) return null;
  const set = (key: string, value: string | number) => onChange({ ...draft, [key]: value });

  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" data-testid={`${testIdPrefix}custom-fields`}>
      {fields.map((field) => {
        const value = draft[field.key];
        const common = {
          label: field.label,
          error: fieldErrorMessage(t, error, `custom.${field.key}`),
          "data-testid": `${testIdPrefix}custom-${field.key}`,
        };
        switch (field.type) {
          case "text":
            return (
              <TextInput key={field.key} {...common} value={value === undefined ? "" : String(value)} onChange={(e) => set(field.key, e.currentTarget.value)} />
            );
          case "number":
            return (
              <NumberInput
                key={field.key}
                {...common}
                dir="ltr"
                thousandSeparator=" "
                value={value ?? ""}
                onChange={(next) => set(field.key, next)}
              />
            );
          case "date":
            return (
              <TextInput
                key={field.key}
                {...common}
                type="date"
                dir="ltr"
                value={value === undefined ? "" : String(value)}
                onChange={(e) => set(field.key, e.currentTarget.value)}
              />
            );
          case "select":
            return (
              <Select
                key={field.key}
                {...common}
                clearable
                searchable
                placeholder={t("common.notSet")}
                data={selectChoices(field, value)}
                value={value === undefined || value === "" ? null : String(value)}
                onChange={(next) => set(field.key, next ?? "")}
              />
            );
        }
      })}
    </SimpleGrid>
  );
};
