import type { ReactNode } from "react";
import { Link } from "react-router";
import { Anchor, Badge, Card, CheckIcon, Group, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { apiTokensKey, listApiTokens } from "../settings/settings.api";
import { listUsers, usersKey } from "../users/users.api";

type Step = {
  to: string;
  title: string;
  hint: string;
  /** Null when the app cannot tell, e.g. whether the organization settings were reviewed. */
  done: boolean | null;
  testId: string;
};

const StepMark = ({ done }: { done: boolean | null }): ReactNode =>
  done ? (
    <ThemeIcon color="green" radius="xl" size="md">
      <CheckIcon size={12} />
    </ThemeIcon>
  ) : (
    <ThemeIcon color="gray" variant="light" radius="xl" size="md" />
  );

/** First steps for an administrator; a step is ticked only when the data shows it is done. */
export const AdminChecklist = () => {
  const { t } = useTranslation();
  const team = useQuery({
    queryKey: [...usersKey, "count"],
    queryFn: () => listUsers({}, { limit: 1 }),
  });
  const tokens = useQuery({ queryKey: apiTokensKey, queryFn: listApiTokens });

  const steps: Step[] = [
    {
      to: "/users",
      title: t("home.addTeam"),
      hint: t("home.addTeamHint"),
      done: team.data ? team.data.total > 1 : null,
      testId: "checklist-team",
    },
    {
      to: "/settings",
      title: t("home.organizationSettings"),
      hint: t("home.organizationSettingsHint"),
      done: null,
      testId: "checklist-organization",
    },
    {
      to: "/settings#api-tokens",
      title: t("home.apiToken"),
      hint: t("home.apiTokenHint"),
      done: tokens.data ? tokens.data.items.some((token) => token.revokedAt === null) : null,
      testId: "checklist-api-token",
    },
  ];

  const statusLabel = (done: boolean | null) => {
    if (done === null) return <Badge variant="light" color="gray">{t("home.review")}</Badge>;
    return done ? (
      <Badge variant="light" color="green">
        {t("home.done")}
      </Badge>
    ) : (
      <Badge variant="light" color="blue">
        {t("home.toDo")}
      </Badge>
    );
  };

  return (
    <Card withBorder radius="md" padding="lg" data-testid="admin-checklist">
      <Title order={2} size="h4">
        {t("home.checklistTitle")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("home.checklistIntro")}
      </Text>
      <Stack gap="md">
        {steps.map((step) => (
          <Group key={step.to} wrap="nowrap" align="flex-start" gap="md" data-testid={step.testId}>
            <StepMark done={step.done} />
            <div style={{ flex: 1 }}>
              <Anchor component={Link} to={step.to} fw={500}>
                {step.title}
              </Anchor>
              <Text size="sm" c="dimmed">
                {step.hint}
              </Text>
            </div>
            {statusLabel(step.done)}
          </Group>
        ))}
      </Stack>
    </Card>
  );
};
