import { Button, Center, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../i18n/language-switch";
import { useSignOut } from "./use-sign-out";
import { ChangePasswordForm } from "./change-password-form";
import { useCurrentSession } from "./current-session";

/** Shown instead of the whole app while the person still holds a temporary password. */
export const ForcedChangePasswordPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useCurrentSession();
  const signOut = useSignOut();
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Stack w="100%" maw={460} gap="md">
        <Group justify="space-between">
          <Text fw={700}>{t("product.name")}</Text>
          <Group gap="xs">
            <LanguageSwitch />
            <Button variant="subtle" size="xs" onClick={signOut} data-testid="sign-out">
              {t("shell.signOut")}
            </Button>
          </Group>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md" component="main">
          <Stack gap="md">
            <div>
              <Title order={1} size="h3">
                {t("changePassword.forcedTitle")}
              </Title>
              <Text c="dimmed" size="sm">
                {user.name} · <span dir="ltr">{user.email}</span>
              </Text>
            </div>
            <Text size="sm">{t("changePassword.forcedExplanation")}</Text>
            <ChangePasswordForm forced onDone={() => void navigate("/", { replace: true })} />
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
};
