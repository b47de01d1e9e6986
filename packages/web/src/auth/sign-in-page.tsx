import { useState, type FormEvent } from "react";
import { Navigate, useSearchParams } from "react-router";
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { isApiError } from "../api/client";
import { LanguageSwitch } from "../i18n/language-switch";
import { problemMessage } from "../ui/errors";
import { FullPageLoader } from "../ui/page-states";
import { TwoFactorStep } from "../security/two-factor-step";
import { signIn } from "./auth.api";
import { safeNext } from "./safe-next";
import { rememberSession, useSession } from "./session";

const signInErrorMessage = (t: TFunction, error: unknown): string => {
  if (isApiError(error, "sign_in_throttled") && error.retryAfterSeconds !== null) {
    return t("signIn.throttled", { count: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) });
  }
  // The API answers 403 `forbidden` at sign-in only for a deactivated account.
  if (isApiError(error, "forbidden")) return t("signIn.deactivated");
  return problemMessage(t, error);
};

export const SignInPage = () => {
  const { t } = useTranslation();
  const { data: session, isPending } = useSession();
  const [searchParams] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // [anti-leak] A right password of someone with two-factor answers which second step is due.
  const [secondStep, setSecondStep] = useState<"verify" | "enroll" | null>(null);
  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: (result) => {
      if ("twoFactor" in result) setSecondStep(result.twoFactor);
    },
  });

  // Whoever is already signed in (or just signed in) goes on to where they were heading.
  if (session) return <Navigate to={safeNext(searchParams.get("next"))} replace />;
  // If the session check itself failed (server down), show the form: signing in will say why.
  if (isPending) return <FullPageLoader />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate({ email: email.trim(), password });
  };

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Stack w="100%" maw={420} gap="md">
        <Group justify="flex-end">
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md" component="main">
          <Stack gap="lg">
            <div>
              <Title order={1} size="h2">
                {t("product.name")}
              </Title>
              <Text c="dimmed" size="sm">
                {t("product.tagline")}
              </Text>
            </div>
            {secondStep ? (
              <TwoFactorStep
                kind={secondStep}
                onSignedIn={rememberSession}
                onBack={() => {
                  setSecondStep(null);
                  setPassword("");
                  mutation.reset();
                }}
              />
            ) : (
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <Title order={2} size="h4">
                  {t("signIn.title")}
                </Title>
                <TextInput
                  label={t("signIn.email")}
                  type="email"
                  autoComplete="username"
                  dir="ltr"
                  required
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  data-testid="sign-in-email"
                />
                <PasswordInput
                  label={t("signIn.password")}
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  data-testid="sign-in-password"
                />
                {mutation.isError && (
                  <Alert color="red" role="alert" data-testid="sign-in-error">
                    {signInErrorMessage(t, mutation.error)}
                  </Alert>
                )}
                <Button
                  type="submit"
                  fullWidth
                  loading={mutation.isPending}
                  disabled={email.trim() === "" || password === ""}
                  data-testid="sign-in-submit"
                >
                  {t("signIn.submit")}
                </Button>
              </Stack>
            </form>
            )}
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
};
