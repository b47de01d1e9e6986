import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Deal } from "@conveyor/contracts";
import { clientsKey } from "../clients/clients.api";
import { currencyOptions } from "../i18n/intl";
import { currencyDigits } from "../i18n/money";
import { usePeople } from "../people/people.api";
import { CustomFieldInputs } from "../custom-fields/custom-field-inputs";
import { useCustomFields } from "../custom-fields/custom-fields.api";
import { fieldErrorMessage, isExplainedByFields, isOnlyFieldErrors, problemMessage } from "../ui/errors";
import { draftFromDeal, draftToUpdate, type DealDraft } from "./deal-draft";
import { dealsKey, updateDeal } from "./deals.api";

const fields = ["title", "amountMinor", "currency", "expectedCloseDate", "ownerId", "acceptanceSignedOn"];

/**
 * The deal's editable fields; only what changed is sent. A deal with products takes its amount
 * and currency from them, so those two are shown but not typed.
 */
export const DealFieldsForm = ({ deal, amountFromItems = false }: { deal: Deal; amountFromItems?: boolean }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const people = usePeople();
  const [draft, setDraft] = useState<DealDraft>(() => draftFromDeal(deal));
  const set = (patch: Partial<DealDraft>) => setDraft((previous) => ({ ...previous, ...patch }));
  const customFields = useCustomFields("deal");
  const changes = draftToUpdate(deal, draft, customFields.fields);

  const mutation = useMutation({
    mutationFn: () => updateDeal(deal.id, changes),
    onSuccess: (saved) => {
      setDraft(draftFromDeal(saved));
      void queryClient.invalidateQueries({ queryKey: dealsKey });
      void queryClient.invalidateQueries({ queryKey: clientsKey });
      notifications.show({ color: "green", message: t("dealForm.saved") });
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate();
  };

  const error = mutation.error;
  const owners = new Map((people.data ?? []).map((person) => [person.id, person.name]));
  if (!owners.has(deal.ownerId)) owners.set(deal.ownerId, deal.ownerName);

  return (
    <Card withBorder radius="md" padding="lg" component="form" onSubmit={submit} noValidate data-testid="deal-fields">
      <Title order={2} size="h4" mb="sm">
        {t("deal.details")}
      </Title>
      <Stack gap="sm">
        <TextInput
          label={t("dealForm.title")}
          required
          value={draft.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          error={fieldErrorMessage(t, error, "title")}
          data-testid="deal-edit-title"
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NumberInput
            label={t("dealForm.amount", { currency: draft.currency })}
            min={0}
            decimalScale={currencyDigits(draft.currency)}
            thousandSeparator=" "
            dir="ltr"
            value={draft.amount}
            onChange={(amount) => set({ amount })}
            disabled={amountFromItems}
            description={amountFromItems ? t("dealForm.amountFromItems") : undefined}
            error={fieldErrorMessage(t, error, "amountMinor")}
            data-testid="deal-edit-amount"
          />
          <Select
            label={t("dealForm.currency")}
            searchable
            allowDeselect={false}
            data={currencyOptions(draft.currency)}
            value={draft.currency}
            onChange={(currency) => currency && set({ currency })}
            disabled={amountFromItems}
            error={fieldErrorMessage(t, error, "currency")}
            data-testid="deal-edit-currency"
          />
          <TextInput
            type="date"
            dir="ltr"
            label={t("dealForm.expectedClose")}
            value={draft.expectedCloseDate}
            onChange={(e) => set({ expectedCloseDate: e.currentTarget.value })}
            error={fieldErrorMessage(t, error, "expectedCloseDate")}
            data-testid="deal-edit-expected-close"
          />
          <Select
            label={t("dealForm.owner")}
            searchable
            allowDeselect={false}
            data={[...owners].map(([value, label]) => ({ value, label }))}
            value={draft.ownerId}
            onChange={(ownerId) => ownerId && set({ ownerId })}
            error={fieldErrorMessage(t, error, "ownerId")}
            data-testid="deal-edit-owner"
          />
          <TextInput
            type="date"
            dir="ltr"
            label={t("dealForm.acceptanceSignedOn")}
            value={draft.acceptanceSignedOn}
            onChange={(e) => set({ acceptanceSignedOn: e.currentTarget.value })}
            error={fieldErrorMessage(t, error, "acceptanceSignedOn")}
            data-testid="deal-edit-acceptance"
          />
        </SimpleGrid>
        <CustomFieldInputs
          fields={customFields.fields}
          draft={draft.custom}
          onChange={(custom) => set({ custom })}
          error={error}
          testIdPrefix="deal-edit-"
        />
        {mutation.isError && !isOnlyFieldErrors(error, fields) && !isExplainedByFields(error, ["custom"]) && (
          <Alert color="red" role="alert">
            {problemMessage(t, error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={mutation.isPending}
            disabled={Object.keys(changes).length === 0 || draft.title.trim() === ""}
            data-testid="deal-save"
          >
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
};
