import { Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/current-session";
import { isAdmin } from "../auth/permissions";
import { currencyLabel, formatLongDate, formatTimeOfDay, timeZoneLongName } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { AdminChecklist } from "./admin-checklist";

const Fact = ({ label, value, hint }: { label: string; value: string; hint?: string }) => (
  <div>
    <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
      {label}
    </Text>
    <Text fw={500}>{value}</Text>
    {hint && (
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    )}
  </div>
);

export const HomePage = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { user, organization } = useCurrentSession();
  const now = new Date();
  const { start, end } = organization.workingHours;

  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={1} size="h2" data-testid="home-greeting">
          {t("home.greeting", { name: user.name })}
        </Title>
        <Text c="dimmed">
          {t("home.roleIn", { role: t(`roles.${user.role}`), organization: organization.name })}
        </Text>
      </div>

      <Card withBorder radius="md" padding="lg">
        <Text size="sm" c="dimmed">
          {t("home.today", { timeZone: timeZoneLongName(locale, organization.timeZone, now) ?? organization.timeZone })}
        </Text>
        <Text size="xl" fw={600} data-testid="home-today">
          {formatLongDate(locale, now, organization.timeZone)}
        </Text>
      </Card>

      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" mb="md">
          <Title order={2} size="h4">
            {t("home.organization")}: {organization.name}
          </Title>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="lg">
          <Fact label={t("home.country")} value={t(`countries.${organization.country}`)} />
          <Fact
            label={t("home.timeZone")}
            value={timeZoneLongName(locale, organization.timeZone, now) ?? organization.timeZone}
            hint={organization.timeZone}
          />
          <Fact label={t("home.currency")} value={currencyLabel(locale, organization.currency)} />
          <Fact
            label={t("home.workingHours")}
            value={t("home.workingHoursValue", {
              start: formatTimeOfDay(locale, start),
              end: formatTimeOfDay(locale, end),
            })}
          />
        </SimpleGrid>
      </Card>

      {isAdmin(user.role) && <AdminChecklist />}
    </Stack>
  );
};
