import { useState } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Anchor, Button, Card, Grid, Group, Stack, Stepper, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { idSchema, type Deal, type Pipeline, type Stage } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { useCurrentSession } from "../auth/current-session";
import { clientsKey } from "../clients/clients.api";
import { formatDateTime } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { problemMessage } from "../ui/errors";
import { DealOrdersSection } from "../orders/deal-orders-section";
import { LoadError, PageLoader } from "../ui/page-states";
import { orderStages } from "./board-state";
import { DealFieldsForm } from "./deal-fields-form";
import { DealItemsSection } from "./deal-items-section";
import { DealStageHistory } from "./deal-stage-history";
import { DealTasksSection } from "./deal-tasks-section";
import { dealDetailKey, dealsKey, getDeal, moveDeal } from "./deals.api";
import { DealStatusBadge } from "./deal-status-badge";
import { LostReasonModal } from "./lost-reason-modal";
import { usePipelines } from "./use-pipelines";

const DealNotFound = () => {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" gap="md" maw={560} data-testid="deal-not-found">
      <Title order={1} size="h2">
        {t("deal.notFoundTitle")}
      </Title>
      <Text>{t("deal.notFoundText")}</Text>
      <Button component={Link} to="/deals" variant="light">
        {t("deal.back")}
      </Button>
    </Stack>
  );
};

export const DealPage = () => {
  const { id = "" } = useParams();
  if (!idSchema.safeParse(id).success) return <DealNotFound />;
  return <DealCard key={id} id={id} />;
};

/**
 * The steps shown: the open stages, then the closing stage the deal is in (or, while open, the
 * won stages: where it is heading).
 */
const stepsOf = (pipeline: Pipeline | undefined, deal: Deal): Stage[] => {
  const stages = orderStages(pipeline?.stages ?? []);
  const open = stages.filter((stage) => stage.kind === "open");
  const closing = stages.filter((stage) => (deal.status === "open" ? stage.kind === "won" : stage.id === deal.stageId));
  return [...open, ...closing];
};

const StageStepper = ({ deal, pipeline, onMove, moving }: { deal: Deal; pipeline: Pipeline | undefined; onMove: (stage: Stage) => void; moving: boolean }) => {
  const { t } = useTranslation();
  const steps = stepsOf(pipeline, deal);
  const active = steps.findIndex((stage) => stage.id === deal.stageId);
  const others = orderStages(pipeline?.stages ?? []).filter((stage) => stage.id !== deal.stageId);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="deal-stepper">
      <Stepper
        active={deal.status === "open" ? active : steps.length}
        color={deal.status === "lost" ? "red" : deal.status === "won" ? "teal" : undefined}
        size="sm"
        allowNextStepsSelect={false}
      >
        {steps.map((stage) => (
          <Stepper.Step key={stage.id} label={stage.name} data-current={stage.id === deal.stageId || undefined} />
        ))}
      </Stepper>
      <Group gap="xs" mt="md" align="center">
        <Text size="sm" c="dimmed">
          {t("deal.moveTo")}:
        </Text>
        {others.map((stage) => (
          <Button
            key={stage.id}
            size="compact-sm"
            variant={stage.kind === "open" ? "default" : "light"}
            color={stage.kind === "won" ? "teal" : stage.kind === "lost" ? "red" : undefined}
            disabled={moving}
            onClick={() => onMove(stage)}
            data-testid={`deal-page-move-${stage.name}`}
          >
            {stage.name}
          </Button>
        ))}
      </Group>
    </Card>
  );
};

const DealCard = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: dealDetailKey(id), queryFn: () => getDeal(id) });
  const pipelines = usePipelines();
  const [losing, setLosing] = useState<Stage | null>(null);

  const mutation = useMutation({
    mutationFn: ({ stage, lostReason }: { stage: Stage; lostReason?: string }) => moveDeal(id, { stageId: stage.id, lostReason }),
    onSuccess: (deal) => {
      setLosing(null);
      notifications.show({ color: "green", message: t("deals.moved", { stage: deal.stageName }) });
      void queryClient.invalidateQueries({ queryKey: dealsKey });
      void queryClient.invalidateQueries({ queryKey: clientsKey });
    },
    onError: (error, move) => {
      if (!move.lostReason) notifications.show({ color: "red", message: problemMessage(t, error) });
    },
  });

  if (detail.isPending) return <PageLoader />;
  if (detail.isError) {
    if (isApiError(detail.error, "not_found")) return <DealNotFound />;
    return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const { deal, stageHistory, items } = detail.data;
  const pipeline = pipelines.data?.find((p) => p.id === deal.pipelineId);

  const requestMove = (stage: Stage) => {
    if (stage.kind === "lost") {
      mutation.reset();
      setLosing(stage);
      return;
    }
    mutation.mutate({ stage });
  };

  return (
    <Stack gap="lg" data-testid="deal-page">
      <Stack gap={6}>
        <Anchor component={Link} to="/deals" size="sm">
          {t("deal.back")}
        </Anchor>
        <Group justify="space-between" align="flex-start">
          <Stack gap={6}>
            <Title order={1} size="h2" data-testid="deal-name">
              <bdi>{deal.title}</bdi>
            </Title>
            <Group gap="xs">
              <DealStatusBadge status={deal.status} />
              <Text size="sm" data-testid="deal-stage">
                {deal.stageName}
              </Text>
              <Text size="sm" fw={600}>
                {formatMoney(locale, deal.amountMinor, deal.currency)}
              </Text>
              <Text size="sm" c="dimmed">
                {t("deal.client")}:{" "}
                <Anchor component={Link} to={`/clients/${deal.companyId}`} inherit data-testid="deal-client-link">
                  <bdi>{deal.companyName}</bdi>
                </Anchor>
              </Text>
              {deal.closedAt && (
                <Text size="sm" c="dimmed">
                  {t("deal.closedAt", { date: formatDateTime(locale, deal.closedAt, organization.timeZone) })}
                </Text>
              )}
            </Group>
          </Stack>
        </Group>
      </Stack>
      {deal.status === "lost" && deal.lostReason && (
        <Alert color="red" title={t("deal.lostReason")} data-testid="deal-lost-reason">
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {deal.lostReason}
          </Text>
        </Alert>
      )}
      <StageStepper deal={deal} pipeline={pipeline} onMove={requestMove} moving={mutation.isPending} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <DealFieldsForm
            key={`${deal.id}:${deal.title}:${deal.amountMinor}:${deal.currency}:${deal.ownerId}`}
            deal={deal}
            amountFromItems={items.length > 0}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <DealStageHistory history={stageHistory} />
        </Grid.Col>
      </Grid>
      <DealItemsSection key={`${deal.currency}:${items.map((item) => item.id).join(",")}`} deal={deal} items={items} />
      <DealTasksSection deal={deal} />
      <DealOrdersSection deal={deal} />
      <LostReasonModal
        dealTitle={losing ? deal.title : null}
        pending={mutation.isPending}
        error={mutation.error ?? undefined}
        onClose={() => setLosing(null)}
        onSubmit={(lostReason) => losing && mutation.mutate({ stage: losing, lostReason })}
      />
    </Stack>
  );
};
