import { useState } from "react";
import { Link } from "react-router";
import { Anchor, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LoadError, PageLoader } from "../ui/page-states";
import { PipelineEditor } from "./pipeline-editor";
import { usePipelines } from "./use-pipelines";

/** Pipelines and their stages, for the administrator and the head of sales. */
export const PipelinesPage = () => {
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const [adding, setAdding] = useState(false);

  return (
    <Stack gap="lg" maw={880} data-testid="pipelines-page">
      <Stack gap={4}>
        <Anchor component={Link} to="/deals" size="sm">
          {t("deal.back")}
        </Anchor>
        <Group justify="space-between">
          <Title order={1} size="h2">
            {t("pipelines.title")}
          </Title>
          {!adding && (
            <Button variant="light" onClick={() => setAdding(true)} data-testid="pipeline-add">
              {t("pipelines.add")}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t("pipelines.hint")}
        </Text>
      </Stack>
      {pipelines.isPending ? (
        <PageLoader />
      ) : pipelines.isError ? (
        <LoadError error={pipelines.error} onRetry={() => void pipelines.refetch()} />
      ) : (
        pipelines.data.map((pipeline, index) => (
          <Card key={pipeline.id} withBorder radius="md" padding="lg" component="section" data-testid={`pipeline-${pipeline.name}`}>
            <PipelineEditor pipeline={pipeline} testIdPrefix={index === 0 ? "" : `p${index}-`} />
          </Card>
        ))
      )}
      {adding && (
        <Card withBorder radius="md" padding="lg" component="section" data-testid="pipeline-new">
          <PipelineEditor pipeline={null} testIdPrefix="new-" onSaved={() => setAdding(false)} />
        </Card>
      )}
    </Stack>
  );
};
