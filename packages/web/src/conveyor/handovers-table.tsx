import { Link } from "react-router";
import { Anchor, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Handover } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { handoverTriggerLabel, handoverWhy } from "../client-card/timeline-change";
import { formatDateTime } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { figuresInline } from "./figures";
import { isolate, levelPair } from "./level-words";

/** Days are whole for reading; a fraction of a day is kept to one decimal. */
const roundDays = (days: number) => Math.round(days * 10) / 10;

/** Who handed which client to whom, when and why (the handover report). */
export const HandoversTable = ({ handovers }: { handovers: Handover[] }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const dash = "—";
  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="handovers-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("handoverReport.column.at")}</Table.Th>
            <Table.Th>{t("handoverReport.column.client")}</Table.Th>
            <Table.Th>{t("handoverReport.column.levels")}</Table.Th>
            <Table.Th>{t("handoverReport.column.people")}</Table.Th>
            <Table.Th>{t("handoverReport.column.why")}</Table.Th>
            <Table.Th>{t("handoverReport.column.trigger")}</Table.Th>
            <Table.Th>{t("handoverReport.column.figures")}</Table.Th>
            <Table.Th>{t("handoverReport.column.days")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {handovers.map((handover) => (
            <Table.Tr key={handover.id} data-testid="handover-row" data-company={handover.company.name} data-reason={handover.reason}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm">{formatDateTime(locale, handover.at, organization.timeZone)}</Text>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/clients/${handover.company.id}`} size="sm" fw={500}>
                  <bdi>{handover.company.name}</bdi>
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{levelPair(t, handover.fromLevel, handover.toLevel)}</Table.Td>
              <Table.Td>
                <Text size="sm">{t("handover.people", { from: isolate(handover.from.name), to: isolate(handover.to.name) })}</Text>
                {handover.comment && (
                  <Text size="xs" c="dimmed" lineClamp={2} title={handover.comment} dir="auto">
                    {handover.comment}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{handoverWhy(t, handover)}</Text>
                {handover.actor && handover.reason === "manual" && (
                  <Text size="xs" c="dimmed">
                    {handover.actor.name}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{handoverTriggerLabel(t, handover.trigger)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{Object.keys(handover.figures).length > 0 ? figuresInline(t, locale, handover.figures) : dash}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                {handover.daysAtLevel === null ? dash : t("handoverReport.days", { count: roundDays(handover.daysAtLevel) })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
