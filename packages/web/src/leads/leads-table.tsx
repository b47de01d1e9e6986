import { Anchor, Badge, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ClockedLead, Locale } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { TemperatureBadge } from "../clients/client-badges";
import { formatDateTime, formatTime } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { zonedDayKey } from "../i18n/zoned-time";
import { leadPeople, routeText } from "./lead-words";
import { SlaCell } from "./sla-cell";

/** Today's arrivals by their time, older ones with the date. */
export const receivedAtText = (locale: Locale, receivedAt: string, timeZone: string, now: Date): string =>
  zonedDayKey(new Date(receivedAt), timeZone) === zonedDayKey(now, timeZone)
    ? formatTime(locale, receivedAt, timeZone)
    : formatDateTime(locale, receivedAt, timeZone);

type LeadsTableProps = { leads: ClockedLead[]; now: Date; onOpen: (leadId: string) => void };

/** The live queue, a row per lead: who, from where, about what, with whom, how long and why this seller. */
export const LeadsTable = ({ leads, now, onOpen }: LeadsTableProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const dash = "—";
  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="leads-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("leads.column.client")}</Table.Th>
            <Table.Th>{t("leads.column.source")}</Table.Th>
            <Table.Th>{t("leads.column.facts")}</Table.Th>
            <Table.Th>{t("leads.column.assignee")}</Table.Th>
            <Table.Th>{t("leads.column.sla")}</Table.Th>
            <Table.Th>{t("leads.column.route")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {leads.map((lead) => {
            const people = leadPeople(lead);
            return (
              <Table.Tr
                key={lead.id}
                onClick={() => onOpen(lead.id)}
                style={{ cursor: "pointer" }}
                data-testid="lead-row"
                data-lead-id={lead.id}
                data-client={lead.company.name}
                data-status={lead.status}
                data-assignee={lead.assignee?.name ?? ""}
                data-route={lead.route}
              >
                <Table.Td>
                  <Stack gap={2}>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      fw={500}
                      ta="start"
                      onClick={(event) => {
                        event.stopPropagation();
                        onOpen(lead.id);
                      }}
                      data-testid="lead-open"
                    >
                      <bdi>{people.client}</bdi>
                    </Anchor>
                    {people.contact && (
                      <Text size="xs">
                        <bdi>{people.contact}</bdi>
                      </Text>
                    )}
                    {(lead.phone ?? lead.email) && (
                      <Text size="xs" c="dimmed" dir="ltr" ta="start">
                        {lead.phone ?? lead.email}
                      </Text>
                    )}
                    {lead.knownClient && (
                      <Badge size="xs" variant="outline" color="gray" maw="none">
                        {t("leads.knownClient")}
                      </Badge>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm">
                      <bdi>{lead.source.name}</bdi>
                    </Text>
                    <Text size="xs" c="dimmed">
                      {lead.channel ? <bdi>{lead.channel}</bdi> : t(`leads.sourceKinds.${lead.source.kind}`)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t("leads.received", { time: receivedAtText(locale, lead.receivedAt, organization.timeZone, now) })}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <Text size="sm">{lead.region ? <bdi>{lead.region}</bdi> : dash}</Text>
                    {lead.productInterest && (
                      <Text size="xs" c="dimmed" lineClamp={1} title={lead.productInterest}>
                        <bdi>{lead.productInterest}</bdi>
                      </Text>
                    )}
                    <TemperatureBadge temperature={lead.temperature} />
                  </Stack>
                </Table.Td>
                <Table.Td>
                  {lead.assignee ? (
                    <Text size="sm" data-testid="lead-assignee">
                      <bdi>{lead.assignee.name}</bdi>
                    </Text>
                  ) : (
                    <Text size="sm" c="red" data-testid="lead-assignee">
                      {t("leads.nobody")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <SlaCell lead={lead} />
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm" data-testid="lead-route">
                      {routeText(t, lead)}
                    </Text>
                    {lead.reassignCount > 0 && (
                      <Text size="xs" c="orange">
                        {t("leads.reassigned", { count: lead.reassignCount })}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
