import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Group, NumberInput, SegmentedControl, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { activityTypes, type ActivityType } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { clientsKey, createActivity } from "../clients/clients.api";
import { currencyDigits, toMinorUnits } from "../i18n/money";
import { fromZonedInputValue, toZonedInputValue } from "../i18n/zoned-time";
import { fieldErrorMessage, isOnlyFieldErrors, problemMessage } from "../ui/errors";
import { ZonedDateTimeInput } from "../ui/zoned-date-time-input";
import { ActivityIcon } from "./timeline-icons";

const fields = ["type", "occurredAt", "durationMinutes", "outcome", "body", "amountMinor"];

const isActivityType = (value: string): value is ActivityType => activityTypes.some((type) => type === value);

type LogActivityFormProps = {
  /** Null until a client is picked (quick add); the form then stays disabled. */
  companyId: string | null;
  /** Prefix for test ids, so the card's form and the quick-add one never share ids. */
  testIdPrefix?: string;
  onLogged?: () => void;
};

/** Writes what just happened with a client: a call, a meeting, an email, a proposal or a note. */
export const LogActivityForm = ({ companyId, testIdPrefix = "", onLogged }: LogActivityFormProps) => {
  const { t } = useTranslation();
  const { organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const [type, setType] = useState<ActivityType>("call");
  const [outcome, setOutcome] = useState("");
  const [body, setBody] = useState("");
  const [duration, setDuration] = useState<number | string>("");
  const [amount, setAmount] = useState<number | string>("");
  const [occurredAt, setOccurredAt] = useState(() => toZonedInputValue(new Date(), organization.timeZone));
  const [occurredAtError, setOccurredAtError] = useState<string | undefined>();
  const testId = (name: string) => `${testIdPrefix}${name}`;

  const reset = () => {
    setOutcome("");
    setBody("");
    setDuration("");
    setAmount("");
    setOccurredAt(toZonedInputValue(new Date(), organization.timeZone));
  };

  const mutation = useMutation({
    mutationFn: (target: string) => {
      const at = fromZonedInputValue(occurredAt, organization.timeZone);
      return createActivity(target, {
        type,
        occurredAt: at ? at.toISOString() : undefined,
        durationMinutes: typeof duration === "number" ? duration : null,
        outcome: outcome.trim() || null,
        body: body.trim() || null,
        amountMinor: type === "proposal" && typeof amount === "number" ? toMinorUnits(amount, organization.currency) : null,
      });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientsKey });
      notifications.show({ color: "green", message: t("activity.logged") });
      reset();
      onLogged?.();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!companyId) return;
    if (!fromZonedInputValue(occurredAt, organization.timeZone)) {
      setOccurredAtError(t("dateInput.invalid"));
      return;
    }
    setOccurredAtError(undefined);
    mutation.mutate(companyId);
  };

  const error = mutation.error;
  const digits = currencyDigits(organization.currency);

  return (
    <form onSubmit={submit} noValidate data-testid={testId("log-activity")}>
      <Stack gap="sm">
        <SegmentedControl
          fullWidth
          aria-label={t("activity.type")}
          value={type}
          onChange={(value) => isActivityType(value) && setType(value)}
          data={activityTypes.map((value) => ({
            value,
            label: (
              <Group gap={6} justify="center" wrap="nowrap" data-testid={testId(`activity-type-${value}`)}>
                <ActivityIcon type={value} />
                <span>{t(`activityTypes.${value}`)}</span>
              </Group>
            ),
          }))}
        />
        <TextInput
          label={t("activity.outcome")}
          placeholder={t("activity.outcomePlaceholder")}
          value={outcome}
          onChange={(e) => setOutcome(e.currentTarget.value)}
          error={fieldErrorMessage(t, error, "outcome")}
          data-testid={testId("activity-outcome")}
        />
        <Textarea
          label={t("activity.body")}
          autosize
          minRows={2}
          maxRows={8}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={fieldErrorMessage(t, error, "body")}
          data-testid={testId("activity-body")}
        />
        <Group grow align="flex-start">
          <ZonedDateTimeInput
            label={t("activity.occurredAt")}
            value={occurredAt}
            onChange={setOccurredAt}
            error={occurredAtError ?? fieldErrorMessage(t, error, "occurredAt")}
            data-testid={testId("activity-occurred-at")}
          />
          {type === "proposal" ? (
            <NumberInput
              label={t("activity.amount", { currency: organization.currency })}
              min={0}
              decimalScale={digits}
              thousandSeparator=" "
              dir="ltr"
              value={amount}
              onChange={setAmount}
              error={fieldErrorMessage(t, error, "amountMinor")}
              data-testid={testId("activity-amount")}
            />
          ) : (
            <NumberInput
              label={t("activity.duration")}
              min={0}
              max={24 * 60}
              allowDecimal={false}
              dir="ltr"
              value={duration}
              onChange={setDuration}
              error={fieldErrorMessage(t, error, "durationMinutes")}
              data-testid={testId("activity-duration")}
            />
          )}
        </Group>
        {mutation.isError && !isOnlyFieldErrors(error, fields) && (
          <Alert color="red" role="alert">
            {problemMessage(t, error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending} disabled={!companyId} data-testid={testId("activity-submit")}>
            {t("activity.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
