import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Alert, Anchor, Button, Code, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Session, TwoFactorEnrollment } from "@conveyor/contracts";
import { problemMessage } from "../ui/errors";
import { completeSignIn, startSignInEnrollment } from "./security.api";
import { RecoveryCodesList } from "./recovery-codes-list";

type Props = {
  /** "verify": a code is due; "enroll": the organization requires two-factor and the person has none yet. */
  kind: "verify" | "enroll";
  /** The session, once the person has seen their recovery codes (after enrolling). */
  onSignedIn: (session: Session) => void;
  onBack: () => void;
};

/** [anti-leak] The sign-in second step, after a right password: a code from the app, a recovery code, or enrollment. */
export const TwoFactorStep = ({ kind, onSignedIn, onBack }: Props) => {
  const { t } = useTranslation();
  const [mode, setMode] = useState<"code" | "recovery">("code");
  const [value, setValue] = useState("");
  const [enrollment, setEnrollment] = useState<TwoFactorEnrollment | null>(null);
  const [pending, setPending] = useState<{ session: Session; codes: string[] } | null>(null);
  const enroll = useMutation({ mutationFn: startSignInEnrollment, onSuccess: setEnrollment });
  const submit = useMutation({
    mutationFn: () => completeSignIn(mode === "code" ? { code: value.trim() } : { recoveryCode: value.trim() }),
    onSuccess: ({ recoveryCodes, ...session }) => {
      if (recoveryCodes && recoveryCodes.length > 0) setPending({ session, codes: recoveryCodes });
      else onSignedIn(session);
    },
  });

  if (pending) {
    return (
      <Stack gap="md" data-testid="sign-in-recovery-codes">
        <Title order={2} size="h4">
          {t("security.twoFactor.recoveryTitle")}
        </Title>
        <Text size="sm">{t("security.twoFactor.recoveryHint")}</Text>
        <RecoveryCodesList codes={pending.codes} />
        <Button onClick={() => onSignedIn(pending.session)} data-testid="sign-in-recovery-done">
          {t("security.twoFactor.done")}
        </Button>
      </Stack>
    );
  }

  const needsSetup = kind === "enroll" && !enrollment;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" data-testid="two-factor-step" data-kind={kind}>
        <Title order={2} size="h4">
          {t("security.signInStep.title")}
        </Title>
        <Text size="sm">{kind === "enroll" ? t("security.signInStep.enrollIntro") : t("security.signInStep.verifyIntro")}</Text>
        {needsSetup ? (
          <Button onClick={() => enroll.mutate()} loading={enroll.isPending} data-testid="two-factor-step-start">
            {t("security.signInStep.start")}
          </Button>
        ) : (
          <>
            {enrollment && <EnrollmentKey enrollment={enrollment} />}
            <TextInput
              label={mode === "code" ? t("security.signInStep.code") : t("security.signInStep.recoveryCode")}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              autoComplete="one-time-code"
              inputMode={mode === "code" ? "numeric" : "text"}
              dir="ltr"
              autoFocus
              data-testid="two-factor-code"
            />
            <Button type="submit" loading={submit.isPending} disabled={value.trim() === ""} data-testid="two-factor-submit">
              {t("security.signInStep.submit")}
            </Button>
          </>
        )}
        {(submit.isError || enroll.isError) && (
          <Alert color="red" role="alert" data-testid="two-factor-error">
            {problemMessage(t, submit.error ?? enroll.error)}
          </Alert>
        )}
        <Group justify="space-between">
          <Anchor component="button" type="button" size="sm" onClick={onBack}>
            {t("security.signInStep.back")}
          </Anchor>
          {kind === "verify" && (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setMode(mode === "code" ? "recovery" : "code");
                setValue("");
              }}
              data-testid="two-factor-switch"
            >
              {mode === "code" ? t("security.signInStep.useRecovery") : t("security.signInStep.useCode")}
            </Anchor>
          )}
        </Group>
      </Stack>
    </form>
  );
};

/** The secret to type into an authenticator app, and the otpauth:// link that apps on the same device open. */
export const EnrollmentKey = ({ enrollment }: { enrollment: TwoFactorEnrollment }) => {
  const { t } = useTranslation();
  const grouped = enrollment.secret.replace(/(.{4})/g, "$1 ").trim();
  return (
    <Stack gap={4}>
      <Text size="sm">{t("security.twoFactor.scanHint")}</Text>
      <Text size="xs" c="dimmed" fw={600}>
        {t("security.twoFactor.secret")}
      </Text>
      <Code dir="ltr" fz="md" data-testid="two-factor-secret" data-secret={enrollment.secret}>
        {grouped}
      </Code>
      <Anchor href={enrollment.otpauthUri} size="sm" dir="ltr" data-testid="two-factor-uri">
        {t("security.twoFactor.uri")}
      </Anchor>
    </Stack>
  );
};
