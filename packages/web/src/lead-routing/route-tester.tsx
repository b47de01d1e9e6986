import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { temperatures, type RouteTrial, type Temperature } from "@conveyor/contracts";
import { problemMessage } from "../ui/errors";
import { tryRoute } from "./lead-routing.api";
import { emptyTrialDraft, trialInput, type TrialDraft } from "./routing-draft";
import { skipReasonLabel } from "./skip-reasons";
import { useRoutingNames } from "./use-routing-names";

const isTemperature = (value: string | null): value is Temperature => temperatures.some((temperature) => temperature === value);

/** The answer of the tester: who would take the lead, by which step of the order, and who was passed by and why. */
const TrialAnswer = ({ trial }: { trial: RouteTrial }) => {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="route-trial-answer">
      <Alert color={trial.assignee ? "green" : "orange"} title={trial.assignee ? t("leadRouting.tester.goesTo", { name: trial.assignee.name }) : t("leadRouting.tester.nobody")}>
        <Group gap="xs">
          <Badge variant="light" data-testid="route-trial-route">
            {t(`leadRouting.routes.${trial.route}`)}
          </Badge>
          {trial.ruleName && (
            <Text size="sm">
              {/* A rule can match and still find none of its sellers free: then it is not the one that assigned. */}
              {t(trial.route === "rule" ? "leadRouting.tester.byRule" : "leadRouting.tester.matchedRule")} <bdi data-testid="route-trial-rule">{trial.ruleName}</bdi>
            </Text>
          )}
        </Group>
        <Text size="sm" mt={4}>
          {t(`leadRouting.tester.why.${trial.route}`)}
        </Text>
      </Alert>
      {trial.skipped.length > 0 && (
        <Table striped withTableBorder data-testid="route-trial-skipped">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("leadRouting.tester.seller")}</Table.Th>
              <Table.Th>{t("leadRouting.tester.skippedBecause")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {trial.skipped.map((skip) => (
              <Table.Tr key={skip.user.id}>
                <Table.Td>
                  <bdi>{skip.user.name}</bdi>
                </Table.Td>
                <Table.Td>{skipReasonLabel(t, skip.reason)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
};

/** "Try a lead": the facts of an imagined lead, and where it would go right now (nothing is written). */
export const RouteTester = () => {
  const { t } = useTranslation();
  const names = useRoutingNames();
  const [draft, setDraft] = useState<TrialDraft>(emptyTrialDraft);
  const [amountWrong, setAmountWrong] = useState(false);
  const set = (patch: Partial<TrialDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const mutation = useMutation({ mutationFn: tryRoute });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = trialInput(draft, names.currency);
    setAmountWrong(!parsed.ok);
    if (parsed.ok) mutation.mutate(parsed.input);
  };

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="route-tester-title" data-testid="route-tester">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="route-tester-title">
            {t("leadRouting.tester.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("leadRouting.tester.hint")}
          </Text>
          <Group grow align="flex-start">
            <TextInput label={t("leadRouting.tester.channel")} value={draft.channel} onChange={(event) => set({ channel: event.currentTarget.value })} data-testid="route-trial-channel" />
            <TextInput label={t("leadRouting.tester.audience")} value={draft.audience} onChange={(event) => set({ audience: event.currentTarget.value })} data-testid="route-trial-audience" />
            <TextInput label={t("leadRouting.tester.region")} value={draft.region} onChange={(event) => set({ region: event.currentTarget.value })} data-testid="route-trial-region" />
          </Group>
          <Group grow align="flex-start">
            <Select
              label={t("leadRouting.tester.product")}
              placeholder={t("leadRouting.tester.none")}
              clearable
              searchable
              data={names.products}
              value={draft.productId}
              onChange={(productId) => set({ productId })}
              data-testid="route-trial-product"
            />
            <Select
              label={t("leadRouting.tester.source")}
              placeholder={t("leadRouting.tester.none")}
              clearable
              data={names.sources}
              value={draft.sourceId}
              onChange={(sourceId) => set({ sourceId })}
              data-testid="route-trial-source"
            />
            <Select
              label={t("leadRouting.tester.temperature")}
              placeholder={t("leadRouting.tester.none")}
              clearable
              data={temperatures.map((temperature) => ({ value: temperature, label: t(`leadRouting.words.temperatures.${temperature}`) }))}
              value={draft.temperature}
              onChange={(value) => set({ temperature: isTemperature(value) ? value : null })}
              data-testid="route-trial-temperature"
            />
            <TextInput
              label={t("leadRouting.tester.amount", { currency: names.currency })}
              inputMode="decimal"
              value={String(draft.amount)}
              onChange={(event) => set({ amount: event.currentTarget.value })}
              error={amountWrong ? t("leadRouting.ruleForm.amountInvalid") : undefined}
              data-testid="route-trial-amount"
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={mutation.isPending} data-testid="route-trial-submit">
              {t("leadRouting.tester.submit")}
            </Button>
          </Group>
          {mutation.isError && (
            <Alert color="red" role="alert">
              {problemMessage(t, mutation.error)}
            </Alert>
          )}
          {mutation.isSuccess && <TrialAnswer trial={mutation.data} />}
        </Stack>
      </form>
    </Card>
  );
};
