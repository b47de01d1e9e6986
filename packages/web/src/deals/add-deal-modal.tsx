import { useState, type FormEvent } from "react";
import { FormFooter } from "../ui/form-footer";
import { useNavigate } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Group, Modal, NumberInput, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Deal } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { clientsKey } from "../clients/clients.api";
import { CustomFieldInputs } from "../custom-fields/custom-field-inputs";
import { useCustomFields } from "../custom-fields/custom-fields.api";
import { customValuesForCreate, type CustomDraft } from "../custom-fields/custom-values";
import { currencyDigits } from "../i18n/money";
import { usePeople } from "../people/people.api";
import { CompanyPicker, type PickedCompany } from "../quick-add/company-picker";
import { fieldErrorMessage, isExplainedByFields } from "../ui/errors";
import { orderStages } from "./board-state";
import { amountToMinor } from "./deal-draft";
import { createDeal, dealsKey } from "./deals.api";
import { usePipelines } from "./use-pipelines";

const fields = ["companyId", "title", "amountMinor", "expectedCloseDate", "pipelineId", "stageId", "ownerId"];

type AddDealModalProps = {
  opened: boolean;
  onClose: () => void;
  /** Prefilled on a client's card. */
  company?: PickedCompany | null;
  /** The pipeline on screen; else the default one. */
  pipelineId?: string;
  /** After creating: open the new deal (the board stays put, the card's list refreshes). */
  openCreated?: boolean;
  /** Told of the new deal, e.g. for the board to show it. */
  onCreated?: (deal: Deal) => void;
};

export const AddDealModal = ({ opened, onClose, ...rest }: AddDealModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("dealForm.addTitle")} size="lg">
      {opened && <AddDealForm onClose={onClose} {...rest} />}
    </Modal>
  );
};

const AddDealForm = ({
  onClose,
  company: initialCompany = null,
  pipelineId: initialPipelineId,
  openCreated,
  onCreated,
}: Omit<AddDealModalProps, "opened">) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { user, organization } = useCurrentSession();
  const people = usePeople();
  const pipelines = usePipelines();
  const [company, setCompany] = useState<PickedCompany | null>(initialCompany);
  const [title, setTitle] = useState("");
  const [amount, setAmount] = useState<number | string>("");
  const [expectedCloseDate, setExpectedCloseDate] = useState("");
  const [pipelineId, setPipelineId] = useState<string | null>(initialPipelineId ?? null);
  const [stageId, setStageId] = useState<string | null>(null);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [custom, setCustom] = useState<CustomDraft>({});
  const customFields = useCustomFields("deal");

  const pipelineList = pipelines.data ?? [];
  const pipeline =
    pipelineList.find((p) => p.id === pipelineId) ?? pipelineList.find((p) => p.isDefault) ?? pipelineList[0];
  const openStages = orderStages(pipeline?.stages ?? []).filter((stage) => stage.kind === "open");
  const stage = openStages.find((s) => s.id === stageId) ?? openStages[0];
  const currency = organization.currency;

  const customValues = customValuesForCreate(customFields.fields, custom);

  const mutation = useMutation({
    mutationFn: (companyId: string) =>
      createDeal({
        companyId,
        title: title.trim(),
        amountMinor: amountToMinor(amount, currency),
        currency,
        expectedCloseDate: expectedCloseDate || null,
        ...(pipeline ? { pipelineId: pipeline.id } : {}),
        ...(stage ? { stageId: stage.id } : {}),
        ...(ownerId && ownerId !== user.id ? { ownerId } : {}),
        ...(Object.keys(customValues).length > 0 ? { custom: customValues } : {}),
      }),
    onSuccess: (deal) => {
      void queryClient.invalidateQueries({ queryKey: dealsKey });
      void queryClient.invalidateQueries({ queryKey: clientsKey });
      notifications.show({ color: "green", message: t("dealForm.created", { title: deal.title }) });
      onClose();
      onCreated?.(deal);
      if (openCreated) void navigate(`/deals/${deal.id}`);
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (company && title.trim()) mutation.mutate(company.id);
  };

  const error = mutation.error;
  const others = (people.data ?? []).filter((person) => person.id !== user.id);

  return (
    <form onSubmit={submit} noValidate data-testid="deal-form">
      <Stack gap="sm">
        <CompanyPicker value={company} onChange={setCompany} data-testid="deal-client" />
        <TextInput
          label={t("dealForm.title")}
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldErrorMessage(t, error, "title")}
          data-testid="deal-title"
        />
        <Group grow align="flex-start">
          <NumberInput
            label={t("dealForm.amount", { currency })}
            min={0}
            decimalScale={currencyDigits(currency)}
            thousandSeparator=" "
            dir="ltr"
            value={amount}
            onChange={setAmount}
            error={fieldErrorMessage(t, error, "amountMinor")}
            data-testid="deal-amount"
          />
          <TextInput
            type="date"
            dir="ltr"
            label={t("dealForm.expectedClose")}
            value={expectedCloseDate}
            onChange={(e) => setExpectedCloseDate(e.currentTarget.value)}
            error={fieldErrorMessage(t, error, "expectedCloseDate")}
            data-testid="deal-expected-close"
          />
        </Group>
        <Group grow align="flex-start">
          {pipelineList.length > 1 && (
            <Select
              label={t("dealForm.pipeline")}
              allowDeselect={false}
              data={pipelineList.map((p) => ({ value: p.id, label: p.name }))}
              value={pipeline?.id ?? null}
              onChange={(value) => {
                setPipelineId(value);
                setStageId(null);
              }}
              data-testid="deal-pipeline"
            />
          )}
          <Select
            label={t("dealForm.stage")}
            allowDeselect={false}
            data={openStages.map((s) => ({ value: s.id, label: s.name }))}
            value={stage?.id ?? null}
            onChange={setStageId}
            error={fieldErrorMessage(t, error, "stageId")}
            data-testid="deal-stage"
          />
        </Group>
        {others.length > 0 && (
          <Select
            label={t("dealForm.owner")}
            placeholder={t("dealForm.ownerDefault")}
            clearable
            searchable
            data={[{ value: user.id, label: t("dealForm.ownerDefault") }, ...others.map((p) => ({ value: p.id, label: p.name }))]}
            value={ownerId}
            onChange={setOwnerId}
            error={fieldErrorMessage(t, error, "ownerId")}
            data-testid="deal-owner"
          />
        )}
        <CustomFieldInputs fields={customFields.fields} draft={custom} onChange={setCustom} error={error} testIdPrefix="deal-" />
        <FormFooter
          // A bad custom value is said under its input, not again below.
          error={isExplainedByFields(error, ["custom"]) ? null : error}
          fields={fields}
          pending={mutation.isPending}
          disabled={!company || title.trim() === ""}
          submitLabel={t("dealForm.submit")}
          submitTestId="deal-submit"
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
};
