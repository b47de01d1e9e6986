import { useMemo, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Checkbox, Group, Modal, MultiSelect, NumberInput, Select, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { handoverRuleKinds, type HandoverRule, type HandoverRuleKind } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { usePipelines } from "../deals/use-pipelines";
import { currencyLabel, currencyOptions } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { currencyDigits } from "../i18n/money";
import { useProductGroups, useProducts } from "../products/products.api";
import { fieldErrorMessage, problemMessage } from "../ui/errors";
import { FormFooter } from "../ui/form-footer";
import { createRule, previewRule, rulesKey, updateRule } from "./conveyor.api";
import { draftFromRule, draftToParams, emptyRuleDraft, paramsKey, type RuleDraft } from "./rule-draft";
import { RulePreview } from "./rule-preview";
import { ruleLevels } from "./rule-words";

type RuleModalProps = {
  opened: boolean;
  /** The rule being edited; null adds a new one. */
  rule: HandoverRule | null;
  onClose: () => void;
};

export const RuleModal = ({ opened, rule, onClose }: RuleModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={rule ? t("handoverRules.editTitle", { name: rule.name }) : t("handoverRules.addTitle")}>
      {opened && <RuleForm key={rule?.id ?? "new"} rule={rule} onClose={onClose} />}
    </Modal>
  );
};

const fields = ["name"];

const useKindOptions = () => {
  const { t } = useTranslation();
  const of = (kinds: readonly HandoverRuleKind[]) => kinds.map((kind) => ({ value: kind, label: t(`handoverRules.kinds.${kind}`) }));
  return [
    { group: t("handoverRules.groupL1"), items: of(handoverRuleKinds.filter((kind) => ruleLevels(kind).from === "L1")) },
    { group: t("handoverRules.groupL2"), items: of(handoverRuleKinds.filter((kind) => ruleLevels(kind).from === "L2")) },
  ];
};

const isRuleKind = (value: string | null): value is HandoverRuleKind => handoverRuleKinds.some((kind) => kind === value);

/** The parameters of the chosen kind (M1.4, M4.1); the others keep what was typed, hidden. */
const KindParameters = ({ draft, set }: { draft: RuleDraft; set: (patch: Partial<RuleDraft>) => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const pipelines = usePipelines();
  const products = useProducts();
  const groups = useProductGroups();
  const currencies = useMemo(
    () => currencyOptions(draft.currency).map((code) => ({ value: code, label: currencyLabel(locale, code) })),
    [draft.currency, locale],
  );

  const money = (
    <Group grow align="flex-start">
      <NumberInput
        label={t("handoverRules.amount", { currency: draft.currency })}
        min={0}
        decimalScale={currencyDigits(draft.currency)}
        thousandSeparator=" "
        dir="ltr"
        value={draft.amount}
        onChange={(amount) => set({ amount })}
        data-testid="rule-amount"
      />
      <Select
        label={t("handoverRules.currency")}
        searchable
        allowDeselect={false}
        data={currencies}
        value={draft.currency}
        onChange={(currency) => currency && set({ currency })}
        data-testid="rule-currency"
      />
    </Group>
  );

  switch (draft.kind) {
    case "hot":
    case "acceptance_act":
      return null;
    case "stage":
      return (
        <Select
          label={t("handoverRules.stage")}
          placeholder={t("handoverRules.stagePlaceholder")}
          searchable
          data={(pipelines.data ?? []).map((pipeline) => ({
            group: pipeline.name,
            // A lost deal never makes a client ready for the first deal.
            items: pipeline.stages.filter((stage) => stage.kind !== "lost").map((stage) => ({ value: stage.id, label: stage.name })),
          }))}
          value={draft.stageId}
          onChange={(stageId) => set({ stageId })}
          data-testid="rule-stage"
        />
      );
    case "orders":
      return (
        <NumberInput
          label={t("handoverRules.count")}
          min={1}
          max={1000}
          allowDecimal={false}
          dir="ltr"
          value={draft.count}
          onChange={(count) => set({ count })}
          data-testid="rule-count"
        />
      );
    case "volume":
      return money;
    case "product":
      return (
        <Stack gap="xs">
          <MultiSelect
            label={t("handoverRules.products")}
            searchable
            data={(products.data ?? []).map((product) => ({ value: product.id, label: product.name }))}
            value={draft.productIds}
            onChange={(productIds) => set({ productIds })}
            data-testid="rule-products"
          />
          <MultiSelect
            label={t("handoverRules.productGroups")}
            description={t("handoverRules.productsHint")}
            searchable
            data={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
            value={draft.productGroupIds}
            onChange={(productGroupIds) => set({ productGroupIds })}
            data-testid="rule-groups"
          />
        </Stack>
      );
    case "monthly_minimum":
      return (
        <Stack gap="xs">
          <NumberInput
            label={t("handoverRules.months")}
            min={1}
            max={24}
            allowDecimal={false}
            dir="ltr"
            value={draft.months}
            onChange={(months) => set({ months })}
            data-testid="rule-months"
          />
          {money}
        </Stack>
      );
  }
};

/**
 * Add or change a handover rule. It can be switched on only after a preview of the rule as it
 * stands (the issue: "a preview shows which clients a rule would move before it is switched on").
 */
const RuleForm = ({ rule, onClose }: { rule: HandoverRule | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const { organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const kindOptions = useKindOptions();
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? draftFromRule(rule, organization.currency) : emptyRuleDraft(organization.currency)));
  const [enabled, setEnabled] = useState(rule?.enabled ?? false);
  const set = (patch: Partial<RuleDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const params = draftToParams(draft);
  const currentKey = paramsKey(params);

  const preview = useMutation({ mutationFn: previewRule });
  const previewedKey = preview.isSuccess ? paramsKey(preview.variables) : null;
  // An enabled rule whose parameters did not change needs no new preview to stay on.
  const mayEnable = params !== null && (previewedKey === currentKey || (rule !== null && rule.enabled && paramsKey(rule.rule) === currentKey));
  const willEnable = enabled && mayEnable;

  const save = useMutation({
    mutationFn: () => {
      if (params === null) throw new Error("incomplete rule");
      const body = { name: draft.name.trim(), enabled: willEnable, rule: params };
      return rule ? updateRule(rule.id, body) : createRule(body);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: rulesKey });
      notifications.show({ color: "green", message: rule ? t("handoverRules.saved") : t("handoverRules.created", { name: saved.name }) });
      onClose();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft.name.trim() && params !== null) save.mutate();
  };
  const levels = ruleLevels(draft.kind);

  return (
    <form onSubmit={submit} noValidate data-testid="rule-modal">
      <Stack gap="sm">
        <TextInput
          label={t("handoverRules.name")}
          placeholder={t("handoverRules.namePlaceholder")}
          required
          maxLength={200}
          value={draft.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={fieldErrorMessage(t, save.error, "name")}
          data-autofocus
          data-testid="rule-name"
        />
        <Select
          label={t("handoverRules.kind")}
          allowDeselect={false}
          data={kindOptions}
          value={draft.kind}
          onChange={(kind) => isRuleKind(kind) && set({ kind })}
          description={t("handover.levels", { from: levels.from, to: levels.to })}
          data-testid="rule-kind"
        />
        <KindParameters draft={draft} set={set} />
        <Group justify="flex-end" align="center">
          {params === null && (
            <Text size="xs" c="dimmed">
              {t("handoverRules.incomplete")}
            </Text>
          )}
          <Button
            variant="light"
            disabled={params === null}
            loading={preview.isPending}
            onClick={() => params && preview.mutate(params)}
            data-testid="rule-preview-run"
          >
            {t("handoverRules.preview")}
          </Button>
        </Group>
        {preview.isError && <Text size="sm" c="red">{problemMessage(t, preview.error)}</Text>}
        {preview.isSuccess && <RulePreview preview={preview.data} stale={previewedKey !== currentKey} />}
        <Checkbox
          label={t("handoverRules.enabled")}
          description={mayEnable ? undefined : t("handoverRules.enabledHint")}
          checked={willEnable}
          disabled={!mayEnable}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
          data-testid="rule-enabled"
        />
        <FormFooter
          error={save.error}
          fields={fields}
          pending={save.isPending}
          disabled={draft.name.trim() === "" || params === null}
          submitLabel={rule ? t("common.save") : t("handoverRules.create")}
          submitTestId="rule-submit"
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
};
