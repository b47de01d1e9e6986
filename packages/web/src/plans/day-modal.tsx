import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Alert, Badge, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { WorkingCalendar } from "@conveyor/contracts";
import { formatLongDate } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { fieldErrorMessage, problemMessage } from "../ui/errors";
import { canChangeYear, dayTone, overrideChoices, type CalendarDay } from "./calendar-layout";
import { clearCalendarDay, setCalendarDay } from "./plans.api";

type OverrideKind = "working" | "day_off" | "shortened";

/** One day of the calendar changed by hand: made a working day, a day off or a shortened day, with a note; or given back. */
export const DayModal = ({
  day,
  weekend,
  thisYear,
  onClose,
  onChanged,
}: {
  day: CalendarDay;
  weekend: readonly number[];
  thisYear: number;
  onClose: () => void;
  onChanged: (calendar: WorkingCalendar | null) => void;
}) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const choices = overrideChoices(day.kind);
  const [kind, setKind] = useState<OverrideKind>(choices[0] ?? "day_off");
  const [note, setNote] = useState("");
  const inRange = canChangeYear(Number(day.date.slice(0, 4)), thisYear);
  const label = formatLongDate(locale, `${day.date}T12:00:00Z`, "UTC");

  const save = useMutation({
    mutationFn: () => setCalendarDay(day.date, { kind, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: (calendar) => {
      onChanged(calendar);
      notifications.show({ color: "green", message: t("workCalendar.day.saved", { date: label }) });
      onClose();
    },
  });
  const clear = useMutation({
    mutationFn: () => clearCalendarDay(day.date),
    onSuccess: () => {
      onChanged(null);
      notifications.show({ color: "green", message: t("workCalendar.day.cleared", { date: label }) });
      onClose();
    },
  });
  const error = save.error ?? clear.error;
  const isKind = (value: string): value is OverrideKind => choices.some((choice) => choice === value);

  return (
    <Modal opened onClose={onClose} title={label}>
      <Stack gap="md" data-testid="calendar-day-form" data-date={day.date}>
        <Group gap="xs">
          <Text size="sm">{t("workCalendar.day.now", { kind: t(`workCalendar.tones.${dayTone(day, weekend)}`) })}</Text>
          {day.name && (
            <Badge variant="light" color="gray">
              <bdi>{day.name}</bdi>
            </Badge>
          )}
          {day.overridden && (
            <Badge variant="outline" color="violet">
              {t("workCalendar.overridden")}
            </Badge>
          )}
        </Group>
        {!inRange ? (
          <Text size="sm" c="dimmed">
            {t("workCalendar.day.outOfRange")}
          </Text>
        ) : (
          <>
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t("workCalendar.day.make")}
              </Text>
              <SegmentedControl
                value={kind}
                onChange={(value) => isKind(value) && setKind(value)}
                data={choices.map((choice) => ({ value: choice, label: <span data-testid={`calendar-day-kind-${choice}`}>{t(`workCalendar.day.kinds.${choice}`)}</span> }))}
              />
            </Stack>
            <TextInput
              label={t("workCalendar.day.note")}
              placeholder={t("workCalendar.day.notePlaceholder")}
              maxLength={200}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              error={fieldErrorMessage(t, error, "note")}
              data-testid="calendar-day-note"
            />
          </>
        )}
        {error && !fieldErrorMessage(t, error, "note") && (
          <Alert color="red" role="alert">
            {problemMessage(t, error)}
          </Alert>
        )}
        <Group justify="space-between" gap="xs">
          {day.overridden ? (
            <Button variant="subtle" color="violet" loading={clear.isPending} onClick={() => clear.mutate()} data-testid="calendar-day-reset">
              {t("workCalendar.day.reset")}
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            {inRange && (
              <Button loading={save.isPending} onClick={() => save.mutate()} data-testid="calendar-day-save">
                {t("workCalendar.day.save")}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
};
