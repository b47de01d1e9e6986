import { Link } from "react-router";
import { Button, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";

export const NotFoundPage = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (
    <Stack align="flex-start" gap="md" maw={560} data-testid="not-found">
      <Text c="dimmed" fw={700} size="xl">
        {formatNumber(locale, 404, { useGrouping: false })}
      </Text>
      <Title order={1} size="h2">
        {t("notFound.title")}
      </Title>
      <Text>{t("notFound.text")}</Text>
      <Button component={Link} to="/">
        {t("notFound.home")}
      </Button>
    </Stack>
  );
};
