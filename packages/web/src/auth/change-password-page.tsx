import { Paper, Stack, Title } from "@mantine/core";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { ChangePasswordForm } from "./change-password-form";

/** The same form as the forced screen, reached from the user menu at any time. */
export const ChangePasswordPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Stack maw={480} gap="lg">
      <Title order={1} size="h2">
        {t("changePassword.title")}
      </Title>
      <Paper withBorder p="lg" radius="md">
        <ChangePasswordForm forced={false} onDone={() => void navigate("/")} />
      </Paper>
    </Stack>
  );
};
