import { ActionIcon, Checkbox, Chip, Group, Paper, Select, Stack, Tabs, TagsInput, Text, TextInput, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useLocale } from "../i18n/locale-provider";
import { formFieldKeys, locales, type Locale, type LocalizedText } from "@conveyor/contracts";
import { moveField, toggleField, type FieldDraft, type FieldType, type FormDraft, type SourceProblem } from "./source-draft";

const fieldTypes: readonly FieldType[] = ["text", "email", "tel", "textarea"];
const isFieldType = (value: string | null): value is FieldType => fieldTypes.some((type) => type === value);

const ArrowIcon = ({ up }: { up: boolean }) => (
  <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
    <path d={up ? "M12 19V5M5 12l7-7 7 7" : "M12 5v14M5 12l7 7 7-7"} />
  </svg>
);

/** Persian is typed right to left; the other two left to right whatever the page's direction. */
const dirOf = (locale: Locale) => (locale === "fa" ? "rtl" : "ltr");

const withText = (text: LocalizedText, locale: Locale, value: string): LocalizedText => ({ ...text, [locale]: value });

type FormBuilderProps = { form: FormDraft; onChange: (form: FormDraft) => void; problems: readonly SourceProblem[] };

/**
 * The form builder of a form source (M5.5): which of the standard fields it asks, in what order, which are
 * required, and its texts — title, labels, consent and thank-you — in each of the three languages. A blank text
 * falls back to the standard one in the visitor's language.
 */
export const FormBuilder = ({ form, onChange, problems }: FormBuilderProps) => {
  const { t } = useTranslation();
  // The texts are written first in the language the head of sales reads; the other two are a tab away.
  const { locale: readerLocale } = useLocale();
  const set = (patch: Partial<FormDraft>) => onChange({ ...form, ...patch });
  const setField = (index: number, patch: Partial<FieldDraft>) => set({ fields: form.fields.map((field, i) => (i === index ? { ...field, ...patch } : field)) });
  const chosen = new Set(form.fields.map((field) => field.key));

  return (
    <Stack gap="sm" data-testid="form-builder">
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t("leadRouting.formBuilder.fields")}
        </Text>
        <Text size="xs" c="dimmed">
          {t("leadRouting.formBuilder.fieldsHint")}
        </Text>
        <Group gap={6}>
          {formFieldKeys.map((key) => (
            <Chip key={key} size="xs" checked={chosen.has(key)} onChange={() => set({ fields: toggleField(form.fields, key) })} data-testid={`form-field-toggle-${key}`}>
              {t(`leadRouting.formBuilder.keys.${key}`)}
            </Chip>
          ))}
        </Group>
        {problems.includes("fields") && (
          <Text size="xs" c="red" role="alert">
            {t("leadRouting.formBuilder.noFields")}
          </Text>
        )}
        {problems.includes("contactField") && (
          <Text size="xs" c="red" role="alert">
            {t("leadRouting.formBuilder.noContact")}
          </Text>
        )}
      </Stack>

      <Stack gap={6} data-testid="form-builder-fields">
        {form.fields.map((field, index) => (
          <Paper key={field.key} withBorder radius="sm" p="xs" data-testid={`form-field-${field.key}`}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {t(`leadRouting.formBuilder.keys.${field.key}`)}
                </Text>
                <Group gap="xs" wrap="nowrap">
                  <Select
                    size="xs"
                    w={130}
                    aria-label={t("leadRouting.formBuilder.type")}
                    data={fieldTypes.map((type) => ({ value: type, label: t(`leadRouting.formBuilder.types.${type}`) }))}
                    value={field.type}
                    onChange={(type) => isFieldType(type) && setField(index, { type })}
                    allowDeselect={false}
                  />
                  <Checkbox
                    size="xs"
                    label={t("leadRouting.formBuilder.required")}
                    checked={field.required}
                    onChange={(event) => setField(index, { required: event.currentTarget.checked })}
                    data-testid={`form-field-required-${field.key}`}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    disabled={index === 0}
                    onClick={() => set({ fields: moveField(form.fields, index, index - 1) })}
                    aria-label={t("leadRouting.formBuilder.moveUp")}
                  >
                    <ArrowIcon up />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    disabled={index === form.fields.length - 1}
                    onClick={() => set({ fields: moveField(form.fields, index, index + 1) })}
                    aria-label={t("leadRouting.formBuilder.moveDown")}
                  >
                    <ArrowIcon up={false} />
                  </ActionIcon>
                </Group>
              </Group>
              <Group grow gap="xs">
                {locales.map((locale) => (
                  <TextInput
                    key={locale}
                    size="xs"
                    dir={dirOf(locale)}
                    label={t("leadRouting.formBuilder.labelIn", { language: t(`languages.${locale}`) })}
                    placeholder={t("leadRouting.formBuilder.standardLabel")}
                    maxLength={500}
                    value={field.label[locale] ?? ""}
                    onChange={(event) => setField(index, { label: withText(field.label, locale, event.currentTarget.value) })}
                  />
                ))}
              </Group>
            </Stack>
          </Paper>
        ))}
      </Stack>

      <Tabs defaultValue={readerLocale} variant="outline">
        <Tabs.List>
          {locales.map((locale) => (
            <Tabs.Tab key={locale} value={locale} data-testid={`form-texts-tab-${locale}`}>
              {t(`languages.${locale}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {locales.map((locale) => (
          <Tabs.Panel key={locale} value={locale} pt="xs" dir={dirOf(locale)}>
            <Stack gap="xs">
              <TextInput
                label={t("leadRouting.formBuilder.title")}
                placeholder={t("leadRouting.formBuilder.titlePlaceholder")}
                maxLength={500}
                value={form.title[locale] ?? ""}
                onChange={(event) => set({ title: withText(form.title, locale, event.currentTarget.value) })}
                data-testid={`form-title-${locale}`}
              />
              <Textarea
                label={t("leadRouting.formBuilder.consent")}
                description={t("leadRouting.formBuilder.consentHint")}
                autosize
                minRows={2}
                maxLength={500}
                value={form.consentText[locale] ?? ""}
                onChange={(event) => set({ consentText: withText(form.consentText, locale, event.currentTarget.value) })}
                data-testid={`form-consent-${locale}`}
              />
              <Textarea
                label={t("leadRouting.formBuilder.thankYou")}
                placeholder={t("leadRouting.formBuilder.thankYouPlaceholder")}
                autosize
                minRows={2}
                maxLength={500}
                value={form.thankYou[locale] ?? ""}
                onChange={(event) => set({ thankYou: withText(form.thankYou, locale, event.currentTarget.value) })}
                data-testid={`form-thank-you-${locale}`}
              />
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>

      <TagsInput
        label={t("leadRouting.formBuilder.origins")}
        description={t("leadRouting.formBuilder.originsHint")}
        placeholder="https://example.com"
        value={form.allowedOrigins}
        onChange={(allowedOrigins) => set({ allowedOrigins })}
        error={problems.includes("origins") ? t("leadRouting.formBuilder.originsInvalid") : undefined}
        clearable
        data-testid="form-origins"
      />
    </Stack>
  );
};
