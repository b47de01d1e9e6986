import { Autocomplete, Group, Select, Stack, TagsInput, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CompanyStatus, Level, Temperature } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { useCurrentSession } from "../auth/current-session";
import { CustomFieldInputs } from "../custom-fields/custom-field-inputs";
import { useCustomFields } from "../custom-fields/custom-fields.api";
import { usePeople } from "../people/people.api";
import { fieldErrorMessage } from "../ui/errors";
import type { ClientDraft } from "./client-draft";
import { levelOptions, statusOptions, temperatureOptions } from "./client-options";
import type { TextFilterKey } from "./client-filters";
import { legalIdLabelKey } from "./legal-id-label";
import { useCompanyFacets } from "./use-company-facets";

export const clientFormFields = [
  "name",
  "legalId",
  "region",
  "industry",
  "audience",
  "channel",
  "temperature",
  "level",
  "ownerId",
  "tags",
  "status",
];

type ClientFormFieldsProps = {
  draft: ClientDraft;
  onChange: (patch: Partial<ClientDraft>) => void;
  error: unknown;
  /** "add-client-" or "edit-client-". */
  testIdPrefix: string;
  /** Editing shows the status; a new client always starts as "new". */
  withStatus?: boolean;
  /** The current owner, who may no longer be among the people the viewer can pick. */
  currentOwner?: { id: string; name: string };
};

/** The fields of a client shared by the add and edit dialogs. */
export const ClientFormFields = ({ draft, onChange, error, testIdPrefix, withStatus, currentOwner }: ClientFormFieldsProps) => {
  const { t } = useTranslation();
  const { user, organization } = useCurrentSession();
  const { facets } = useCompanyFacets();
  const people = usePeople();
  const customFields = useCustomFields("company");
  const testId = (name: string) => `${testIdPrefix}${name}`;
  const legalIdError = isApiError(error, "legal_id_taken")
    ? t("clientForm.legalIdTaken")
    : fieldErrorMessage(t, error, "legalId");

  const suggestions = (field: TextFilterKey) => facets[field].map((facet) => facet.value).filter(Boolean);
  const suggested = (field: TextFilterKey, label: string) => (
    <Autocomplete
      label={label}
      data={suggestions(field)}
      value={draft[field]}
      onChange={(value) => onChange({ [field]: value })}
      error={fieldErrorMessage(t, error, field)}
      data-testid={testId(field)}
    />
  );

  const ownerChoices = new Map<string, string>();
  if (currentOwner) ownerChoices.set(currentOwner.id, currentOwner.name);
  for (const person of people.data ?? []) ownerChoices.set(person.id, person.id === user.id ? `${person.name} (${t("common.you")})` : person.name);
  // A seller can only own their own clients: no picker when there is nobody else to pick.
  const canPickOwner = [...ownerChoices.keys()].some((id) => id !== user.id);

  return (
    <Stack gap="sm">
      <TextInput
        label={t("clientForm.name")}
        required
        value={draft.name}
        onChange={(e) => onChange({ name: e.currentTarget.value })}
        error={fieldErrorMessage(t, error, "name")}
        data-testid={testId("name")}
      />
      <TextInput
        label={t(legalIdLabelKey(organization.country))}
        dir="ltr"
        value={draft.legalId}
        onChange={(e) => onChange({ legalId: e.currentTarget.value })}
        error={legalIdError}
        data-testid={testId("legal-id")}
      />
      <Group grow align="flex-start">
        {suggested("region", t("clientForm.region"))}
        {suggested("industry", t("clientForm.industry"))}
      </Group>
      <Group grow align="flex-start">
        {suggested("audience", t("clientForm.audience"))}
        {suggested("channel", t("clientForm.channel"))}
      </Group>
      <Group grow align="flex-start">
        <Select<Temperature>
          label={t("clientForm.temperature")}
          allowDeselect={false}
          data={temperatureOptions(t)}
          value={draft.temperature}
          onChange={(value) => value && onChange({ temperature: value })}
          error={fieldErrorMessage(t, error, "temperature")}
          data-testid={testId("temperature")}
        />
        <Select<Level>
          label={t("clientForm.level")}
          placeholder={t("clientForm.noLevel")}
          clearable
          data={levelOptions(t)}
          value={draft.level}
          onChange={(value) => onChange({ level: value })}
          error={fieldErrorMessage(t, error, "level")}
          data-testid={testId("level")}
        />
      </Group>
      {(withStatus || canPickOwner) && (
        <Group grow align="flex-start">
          {withStatus && (
            <Select<CompanyStatus>
              label={t("clientForm.status")}
              allowDeselect={false}
              data={statusOptions(t)}
              value={draft.status}
              onChange={(value) => value && onChange({ status: value })}
              error={fieldErrorMessage(t, error, "status")}
              data-testid={testId("status")}
            />
          )}
          {canPickOwner && (
            <Select
              label={t("clientForm.owner")}
              placeholder={t("clientForm.ownerDefault")}
              searchable
              clearable={!currentOwner}
              allowDeselect={!currentOwner}
              data={[...ownerChoices].map(([value, label]) => ({ value, label }))}
              value={draft.ownerId}
              onChange={(value) => onChange({ ownerId: value })}
              error={fieldErrorMessage(t, error, "ownerId")}
              data-testid={testId("owner")}
            />
          )}
        </Group>
      )}
      <TagsInput
        label={t("clientForm.tags")}
        description={t("clientForm.tagsHint")}
        value={draft.tags}
        onChange={(tags) => onChange({ tags })}
        error={fieldErrorMessage(t, error, "tags")}
        data-testid={testId("tags")}
      />
      <CustomFieldInputs
        fields={customFields.fields}
        draft={draft.custom}
        onChange={(custom) => onChange({ custom })}
        error={error}
        testIdPrefix={testIdPrefix}
      />
    </Stack>
  );
};
