import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { updateMe } from "../auth/auth.api";
import { useCurrentSession } from "../auth/current-session";
import { updateSessionUser } from "../auth/session";
import { fromLocaleChoice, localeOptions, toLocaleChoice, unsetLocale, type LocaleChoice } from "../i18n/locale-options";
import { fieldErrorMessage, isOnlyFieldErrors, problemMessage } from "../ui/errors";
import { SessionsSection } from "../security/sessions-section";
import { TwoFactorSection } from "../security/two-factor-section";

export const ProfilePage = () => {
  const { user } = useCurrentSession();
  // The header's language switch also changes user.locale; start the form again from the new value.
  return <ProfileForm key={toLocaleChoice(user.locale)} />;
};

const ProfileForm = () => {
  const { t } = useTranslation();
  const { user, organization } = useCurrentSession();
  const [name, setName] = useState(user.name);
  const [language, setLanguage] = useState<LocaleChoice>(toLocaleChoice(user.locale));
  const mutation = useMutation({
    mutationFn: updateMe,
    onSuccess: (updated) => {
      updateSessionUser(updated);
      notifications.show({ color: "green", message: t("profile.saved") });
    },
  });

  const languageOptions: { value: LocaleChoice; label: string }[] = [
    {
      value: unsetLocale,
      label: organization.defaultLocale
        ? t("profile.languageDefault", { language: t(`languages.${organization.defaultLocale}`) })
        : t("profile.languageBrowser"),
    },
    ...localeOptions(t),
  ];

  const unchanged = name.trim() === user.name && fromLocaleChoice(language) === user.locale;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate({
      ...(name.trim() !== user.name ? { name: name.trim() } : {}),
      ...(fromLocaleChoice(language) !== user.locale ? { locale: fromLocaleChoice(language) } : {}),
    });
  };

  return (
    <Stack gap="lg" maw={560}>
      <Title order={1} size="h2">
        {t("profile.title")}
      </Title>
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <div>
              <Text size="xs" c="dimmed" fw={600}>
                {t("profile.email")}
              </Text>
              <Text>
                <span dir="ltr">{user.email}</span>
              </Text>
            </div>
            <div>
              <Text size="xs" c="dimmed" fw={600}>
                {t("profile.role")}
              </Text>
              <Text>{t(`roles.${user.role}`)}</Text>
            </div>
            <TextInput
              label={t("profile.name")}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={name.trim() === "" ? t("validation.required") : fieldErrorMessage(t, mutation.error, "name")}
              data-testid="profile-name"
            />
            <Select<LocaleChoice>
              label={t("profile.language")}
              allowDeselect={false}
              data={languageOptions}
              value={language}
              onChange={(value) => value && setLanguage(value)}
              error={fieldErrorMessage(t, mutation.error, "locale")}
              data-testid="profile-language"
            />
            {mutation.isError && !isOnlyFieldErrors(mutation.error, ["name", "locale"]) && (
              <Alert color="red" role="alert">
                {problemMessage(t, mutation.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button
                type="submit"
                loading={mutation.isPending}
                disabled={unchanged || name.trim() === ""}
                data-testid="profile-save"
              >
                {t("common.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <TwoFactorSection />
      <SessionsSection />
    </Stack>
  );
};
