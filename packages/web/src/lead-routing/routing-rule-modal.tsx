import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Checkbox, Divider, Group, Modal, MultiSelect, SegmentedControl, Select, Stack, Switch, TagsInput, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { temperatures, type RoutingRule, type Temperature } from "@conveyor/contracts";
import { useTeams } from "../department/department.api";
import { fieldErrorMessage } from "../ui/errors";
import { FormFooter } from "../ui/form-footer";
import { createRoutingRule, routingRulesKey, updateRoutingRule, useAvailability } from "./lead-routing.api";
import { draftFromRoutingRule, draftToSave, emptyRoutingDraft, type DraftProblem, type RoutingRuleDraft, type RuleTarget } from "./routing-draft";
import { describeRoutingRule } from "./routing-words";
import { useRoutingNames } from "./use-routing-names";

const fields = ["name", "conditions", "targetTeamId", "targetUserIds"];

type RoutingRuleModalProps = { opened: boolean; rule: RoutingRule | null; onClose: () => void };

export const RoutingRuleModal = ({ opened, rule, onClose }: RoutingRuleModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={rule ? t("leadRouting.ruleForm.editTitle", { name: rule.name }) : t("leadRouting.ruleForm.newTitle")}>
      {opened && <RoutingRuleForm key={rule?.id ?? "new"} rule={rule} onClose={onClose} />}
    </Modal>
  );
};

const isTemperature = (value: string): value is Temperature => temperatures.some((temperature) => temperature === value);

/**
 * A routing rule (M5.5): conditions on channel, audience, product, territory, warmth, amount and source, the skills
 * the receiver must hold, and the team or sellers who take the leads. The sentence below reads the rule back.
 */
const RoutingRuleForm = ({ rule, onClose }: Omit<RoutingRuleModalProps, "opened">) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const names = useRoutingNames();
  const teams = useTeams();
  const sellers = useAvailability();
  const [draft, setDraft] = useState<RoutingRuleDraft>(() => (rule ? draftFromRoutingRule(rule, names.currency) : emptyRoutingDraft()));
  const [shown, setShown] = useState<DraftProblem[]>([]);
  const set = (patch: Partial<RoutingRuleDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const result = draftToSave(draft, names.currency);

  const mutation = useMutation({
    mutationFn: () => {
      if (!result.ok) throw new Error("The rule is not complete");
      return rule ? updateRoutingRule(rule.id, result.rule) : createRoutingRule(result.rule);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: routingRulesKey });
      notifications.show({ color: "green", message: t("leadRouting.ruleForm.saved", { name: saved.name }) });
      onClose();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (result.ok) mutation.mutate();
    else setShown(result.problems);
  };
  const problem = (name: DraftProblem) => shown.includes(name) && !result.ok && result.problems.includes(name);
  const error = mutation.error;

  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  const sellerOptions = [
    ...(sellers.data?.items ?? []).map((person) => ({ value: person.user.id, label: person.user.name })),
    // People the rule names who are no longer in the list stay visible, so saving does not drop them silently.
    ...(rule?.targetUsers ?? []).filter((user) => !(sellers.data?.items ?? []).some((person) => person.user.id === user.id)).map((user) => ({ value: user.id, label: user.name })),
  ];
  const skillOptions = [...new Set((sellers.data?.items ?? []).flatMap((person) => person.skills))].sort();

  const labelOf = (options: { value: string; label: string }[], value: string) => options.find((option) => option.value === value)?.label;
  const preview = result.ok
    ? describeRoutingRule(
        t,
        {
          conditions: result.rule.conditions,
          targetTeam: result.rule.targetTeamId ? { id: result.rule.targetTeamId, name: labelOf(teamOptions, result.rule.targetTeamId) ?? "…" } : null,
          targetUsers: (result.rule.targetUserIds ?? []).map((userId) => ({ id: userId, name: labelOf(sellerOptions, userId) ?? "…" })),
        },
        names,
      )
    : null;

  return (
    <form onSubmit={submit} noValidate data-testid="routing-rule-form">
      <Stack gap="sm">
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={t("leadRouting.ruleForm.name")}
            placeholder={t("leadRouting.ruleForm.namePlaceholder")}
            required
            maxLength={200}
            value={draft.name}
            onChange={(event) => set({ name: event.currentTarget.value })}
            error={problem("name") ? t("leadRouting.ruleForm.nameMissing") : fieldErrorMessage(t, error, "name")}
            data-autofocus
            data-testid="routing-rule-name"
          />
          <Switch mb={8} label={t("leadRouting.ruleForm.enabled")} checked={draft.enabled} onChange={(event) => set({ enabled: event.currentTarget.checked })} />
        </Group>

        <Divider label={t("leadRouting.ruleForm.conditions")} labelPosition="left" />
        <Text size="xs" c="dimmed">
          {t("leadRouting.ruleForm.conditionsHint")}
        </Text>
        <Group grow align="flex-start">
          <TagsInput
            label={t("leadRouting.ruleForm.channels")}
            placeholder={t("leadRouting.ruleForm.tagsPlaceholder")}
            value={draft.channels}
            onChange={(channels) => set({ channels })}
            clearable
            data-testid="routing-rule-channels"
          />
          <TagsInput
            label={t("leadRouting.ruleForm.audiences")}
            placeholder={t("leadRouting.ruleForm.tagsPlaceholder")}
            value={draft.audiences}
            onChange={(audiences) => set({ audiences })}
            clearable
            data-testid="routing-rule-audiences"
          />
        </Group>
        <TagsInput
          label={t("leadRouting.ruleForm.regions")}
          placeholder={t("leadRouting.ruleForm.tagsPlaceholder")}
          value={draft.regions}
          onChange={(regions) => set({ regions })}
          clearable
          data-testid="routing-rule-regions"
        />
        <Group grow align="flex-start">
          <MultiSelect
            label={t("leadRouting.ruleForm.productGroups")}
            placeholder={t("leadRouting.ruleForm.any")}
            searchable
            data={names.groups}
            value={draft.productGroupIds}
            onChange={(productGroupIds) => set({ productGroupIds })}
            data-testid="routing-rule-groups"
          />
          <MultiSelect
            label={t("leadRouting.ruleForm.products")}
            placeholder={t("leadRouting.ruleForm.any")}
            searchable
            data={names.products}
            value={draft.productIds}
            onChange={(productIds) => set({ productIds })}
            data-testid="routing-rule-products"
          />
        </Group>
        <MultiSelect
          label={t("leadRouting.ruleForm.sources")}
          placeholder={t("leadRouting.ruleForm.any")}
          searchable
          data={names.sources}
          value={draft.sourceIds}
          onChange={(sourceIds) => set({ sourceIds })}
          data-testid="routing-rule-sources"
        />
        <Group grow align="flex-start">
          <TextInput
            label={t("leadRouting.ruleForm.minAmount", { currency: names.currency })}
            inputMode="decimal"
            value={String(draft.minAmount)}
            onChange={(event) => set({ minAmount: event.currentTarget.value })}
            error={problem("minAmount") ? t("leadRouting.ruleForm.amountInvalid") : problem("amountOrder") ? t("leadRouting.ruleForm.amountOrder") : undefined}
            data-testid="routing-rule-min"
          />
          <TextInput
            label={t("leadRouting.ruleForm.maxAmount", { currency: names.currency })}
            inputMode="decimal"
            value={String(draft.maxAmount)}
            onChange={(event) => set({ maxAmount: event.currentTarget.value })}
            error={problem("maxAmount") ? t("leadRouting.ruleForm.amountInvalid") : undefined}
            data-testid="routing-rule-max"
          />
        </Group>
        <Checkbox.Group
          label={t("leadRouting.ruleForm.temperatures")}
          description={t("leadRouting.ruleForm.temperaturesHint")}
          value={draft.temperatures}
          onChange={(values) => set({ temperatures: values.filter(isTemperature) })}
        >
          <Group gap="md" mt={4}>
            {temperatures.map((temperature) => (
              <Checkbox key={temperature} value={temperature} label={t(`leadRouting.words.temperatures.${temperature}`)} data-testid={`routing-rule-temperature-${temperature}`} />
            ))}
          </Group>
        </Checkbox.Group>

        <Divider label={t("leadRouting.ruleForm.receivers")} labelPosition="left" />
        <SegmentedControl<RuleTarget>
          value={draft.target}
          onChange={(target) => set({ target })}
          data={[
            { value: "team", label: t("leadRouting.ruleForm.toTeam") },
            { value: "sellers", label: t("leadRouting.ruleForm.toSellers") },
          ]}
          data-testid="routing-rule-target"
        />
        {draft.target === "team" ? (
          <Select
            label={t("leadRouting.ruleForm.team")}
            placeholder={t("leadRouting.ruleForm.teamPlaceholder")}
            searchable
            data={teamOptions}
            value={draft.targetTeamId}
            onChange={(targetTeamId) => set({ targetTeamId })}
            error={problem("target") ? t("leadRouting.ruleForm.targetMissing") : fieldErrorMessage(t, error, "targetTeamId")}
            data-testid="routing-rule-team"
          />
        ) : (
          <MultiSelect
            label={t("leadRouting.ruleForm.sellers")}
            placeholder={t("leadRouting.ruleForm.sellersPlaceholder")}
            searchable
            data={sellerOptions}
            value={draft.targetUserIds}
            onChange={(targetUserIds) => set({ targetUserIds })}
            error={problem("target") ? t("leadRouting.ruleForm.targetMissing") : fieldErrorMessage(t, error, "targetUserIds")}
            data-testid="routing-rule-sellers"
          />
        )}
        <TagsInput
          label={t("leadRouting.ruleForm.skills")}
          description={t("leadRouting.ruleForm.skillsHint")}
          placeholder={t("leadRouting.ruleForm.tagsPlaceholder")}
          data={skillOptions}
          value={draft.skills}
          onChange={(skills) => set({ skills })}
          clearable
          data-testid="routing-rule-skills"
        />
        {preview && (
          <Text size="sm" c="dimmed" data-testid="routing-rule-preview">
            {preview}
          </Text>
        )}
        <FormFooter
          error={error}
          fields={fields}
          pending={mutation.isPending}
          disabled={false}
          submitLabel={rule ? t("common.save") : t("leadRouting.rules.add")}
          submitTestId="routing-rule-submit"
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
};
