import { Link } from "react-router";
import { Anchor, Group, Stack, Stepper, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ImportStatus } from "@conveyor/contracts";

/** Where a job stands in the wizard: choosing the file, matching columns, running, the result (4: all done). */
export const importStep = (status: ImportStatus | "new"): number => {
  switch (status) {
    case "new":
      return 0;
    case "draft":
      return 1;
    case "running":
      return 2;
    case "failed":
      return 3;
    case "done":
      return 4;
  }
};

/** The wizard's heading: its title, the way to the history, and the four steps. */
export const ImportSteps = ({ status }: { status: ImportStatus | "new" }) => {
  const { t } = useTranslation();
  const active = importStep(status);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t("imports.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("imports.hint")}
          </Text>
        </Stack>
        <Anchor component={Link} to="/imports" size="sm" data-testid="imports-history-link">
          {t("imports.historyLink")}
        </Anchor>
      </Group>
      <Stepper active={active} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t("imports.steps.file")} />
        <Stepper.Step label={t("imports.steps.mapping")} />
        <Stepper.Step label={t("imports.steps.progress")} />
        <Stepper.Step label={t("imports.steps.result")} />
      </Stepper>
    </Stack>
  );
};
