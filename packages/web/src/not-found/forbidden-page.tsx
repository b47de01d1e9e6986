import { Link } from "react-router";
import { Button, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

export const ForbiddenPage = () => {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" gap="md" maw={560} data-testid="forbidden">
      <Title order={1} size="h2">
        {t("forbidden.title")}
      </Title>
      <Text>{t("forbidden.text")}</Text>
      <Button component={Link} to="/" variant="light">
        {t("notFound.home")}
      </Button>
    </Stack>
  );
};
