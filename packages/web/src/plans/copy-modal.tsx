import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { PlanList } from "@conveyor/contracts";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { problemMessage } from "../ui/errors";
import { PageLoader } from "../ui/page-states";
import { dayInPeriodAfter, periodLabel, shiftPeriodKey } from "./plan-period";
import { copyPlans, usePlans } from "./plans.api";
import { copySummary } from "./split-figures";

/**
 * Copies this period's plans to the next (or another) one, saying first how many are copied and how many of those
 * already set there are replaced or kept.
 */
export const CopyPlansModal = ({ list, onClose, onCopied }: { list: PlanList; onClose: () => void; onCopied: () => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { period } = list;
  const [to, setTo] = useState(() => shiftPeriodKey(period.key, 1));
  const [overwrite, setOverwrite] = useState(false);
  const target = usePlans(period.kind, to);
  const choices = Array.from({ length: 12 }, (_, i) => ({
    key: shiftPeriodKey(period.key, i + 1),
    label: periodLabel(locale, period.kind, dayInPeriodAfter(period.start, i + 1)),
  }));
  const from = periodLabel(locale, period.kind, period.start);
  const toLabel = choices.find((choice) => choice.key === to)?.label ?? to;
  const summary = target.data ? copySummary(list.items, target.data.items, overwrite) : null;

  const copy = useMutation({
    mutationFn: () => copyPlans({ periodKind: period.kind, from: period.key, to, overwrite }),
    onSuccess: (result) => {
      onCopied();
      notifications.show({ color: "green", message: t("plans.copy.done", { copied: formatNumber(locale, result.copied), kept: formatNumber(locale, result.kept) }) });
      onClose();
    },
  });

  return (
    <Modal opened onClose={onClose} title={t("plans.copy.title")}>
      <Stack gap="md" data-testid="copy-form">
        <Text size="sm">
          {t("plans.copy.from")}: <b>{from}</b>
        </Text>
        <Select
          label={t("plans.copy.to")}
          data={choices.map((choice) => ({ value: choice.key, label: choice.label }))}
          value={to}
          onChange={(value) => value && setTo(value)}
          allowDeselect={false}
          data-testid="copy-to"
        />
        <Checkbox label={t("plans.copy.overwrite")} checked={overwrite} onChange={(event) => setOverwrite(event.currentTarget.checked)} data-testid="copy-overwrite" />
        {target.isPending ? (
          <PageLoader />
        ) : summary === null ? null : list.items.length === 0 ? (
          <Text size="sm">{t("plans.copy.nothing")}</Text>
        ) : (
          <Alert color={summary.overwritten > 0 ? "orange" : "blue"} variant="light" data-testid="copy-summary" data-copied={summary.copied} data-overwritten={summary.overwritten} data-kept={summary.kept}>
            <Stack gap={2}>
              <Text size="sm">{t("plans.copy.summary", { count: summary.copied, from, to: toLabel })}</Text>
              {summary.overwritten > 0 && <Text size="sm">{t("plans.copy.overwritten", { count: summary.overwritten })}</Text>}
              {summary.kept > 0 && <Text size="sm">{t("plans.copy.kept", { count: summary.kept })}</Text>}
            </Stack>
          </Alert>
        )}
        {copy.error && (
          <Alert color="red" role="alert">
            {problemMessage(t, copy.error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={() => copy.mutate()} loading={copy.isPending} disabled={!summary || list.items.length === 0} data-testid="copy-submit">
            {t("plans.copy.submit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};
