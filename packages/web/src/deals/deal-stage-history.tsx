import { Card, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { Locale, StageVisit } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatDateTime, formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { durationParts } from "./stage-duration";

/** "3 d 4 h" in the reader's language and digits. */
export const formatStageDuration = (t: TFunction, locale: Locale, seconds: number): string => {
  const parts = durationParts(seconds);
  const n = (value: number) => formatNumber(locale, value);
  switch (parts.unit) {
    case "days":
      return t("duration.days", { days: n(parts.days), hours: n(parts.hours) });
    case "hours":
      return t("duration.hours", { hours: n(parts.hours), minutes: n(parts.minutes) });
    case "minutes":
      return t("duration.minutes", { minutes: n(parts.minutes) });
  }
};

/** Every stage the deal went through: when, for how long, and who moved it there. */
export const DealStageHistory = ({ history }: { history: readonly StageVisit[] }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="deal-stage-history">
      <Title order={2} size="h4" mb="sm">
        {t("deal.history")}
      </Title>
      {history.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("deal.noHistory")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("deal.stage")}</Table.Th>
                <Table.Th>{t("deal.enteredAt")}</Table.Th>
                <Table.Th>{t("deal.timeInStage")}</Table.Th>
                <Table.Th>{t("deal.movedBy")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.map((visit) => (
                <Table.Tr key={`${visit.stageId}:${visit.enteredAt}`} data-testid="deal-stage-visit">
                  <Table.Td>
                    <Text size="sm" fw={visit.leftAt === null ? 700 : undefined}>
                      {visit.stageName}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm">{formatDateTime(locale, visit.enteredAt, organization.timeZone)}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm">
                      {formatStageDuration(t, locale, visit.seconds)}
                      {visit.leftAt === null ? ` · ${t("deal.now")}` : ""}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{visit.movedByName ?? "—"}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
};
