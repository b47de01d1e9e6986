import type { ReactNode } from "react";
import { Link } from "react-router";
import { Anchor, Badge, Button, Divider, Drawer, Group, SimpleGrid, Stack, Text, Timeline, Title, useDirection } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ClockedLead } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { TemperatureBadge } from "../clients/client-badges";
import { formatBusinessMinutes } from "../lead-routing/durations";
import { formatDateTime } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { LoadError, PageLoader } from "../ui/page-states";
import { AssignLeadForm } from "./assign-lead-form";
import { assignmentMove, leadPeople, routeText, statusKey } from "./lead-words";
import { canAssignLeads } from "./leads-access";
import { useLead, useLeadAssignments } from "./leads.api";
import { SlaCell } from "./sla-cell";
import { isMaskedValue, RevealableValues } from "../export-control/reveal-button";

const statusColor = { waiting: "blue", touched: "green", unassigned: "red", escalated: "red" } as const;

const Fact = ({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) => (
  <div>
    <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
      {label}
    </Text>
    <Text size="sm" component="div" style={{ overflowWrap: "anywhere" }} data-testid={testId}>
      {children}
    </Text>
  </div>
);

const Section = ({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) => (
  <Stack gap="xs" data-testid={testId}>
    <Title order={3} size="h5">
      {title}
    </Title>
    {children}
  </Stack>
);

/** Text a visitor typed, in its own direction. */
const Typed = ({ value }: { value: string | null }) => (value ? <bdi>{value}</bdi> : <>—</>);
/** A phone, an address, a URL: always left to right. */
const Ltr = ({ value }: { value: string | null }) => (value ? <span dir="ltr">{value}</span> : <>—</>);

/** Who held the lead, oldest first: the distribution, the SLA's reassignments and the hands of people. */
const AssignmentHistory = ({ leadId }: { leadId: string }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const history = useLeadAssignments(leadId);
  if (history.isPending) return <PageLoader />;
  if (history.isError) return <LoadError error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <Text size="sm" c="dimmed">{t("leads.drawer.historyEmpty")}</Text>;
  return (
    <Timeline active={history.data.length - 1} bulletSize={14} lineWidth={2} data-testid="lead-history">
      {history.data.map((entry) => (
        <Timeline.Item
          key={`${entry.at}-${entry.to?.id ?? "nobody"}-${entry.cause}`}
          title={assignmentMove(t, entry)}
          data-testid="lead-history-entry"
          data-cause={entry.cause}
          color={entry.cause === "sla_reassign" || entry.cause === "sla_escalate" ? "orange" : undefined}
        >
          <Text size="xs">
            {t(`leads.history.causes.${entry.cause}`)} · {routeText(t, { route: entry.route, ruleName: null })}
            {entry.actor && entry.cause === "manual" ? ` · ${t("leads.history.by", { name: entry.actor.name })}` : ""}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(locale, entry.at, organization.timeZone)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
};

const LeadCard = ({ lead }: { lead: ClockedLead }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { user, organization } = useCurrentSession();
  const when = (value: string | null) => (value ? formatDateTime(locale, value, organization.timeZone) : "—");
  const people = leadPeople(lead);
  const status = statusKey(lead);
  const utm = Object.entries(lead.utm);

  return (
    <Stack gap="lg" data-testid="lead-card" data-lead-id={lead.id} data-status={status}>
      <Stack gap="xs">
        <Group gap="xs" justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h3" data-testid="lead-card-client">
              <bdi>{people.client}</bdi>
            </Title>
            {people.contact && (
              <Text size="sm">
                <bdi>{people.contact}</bdi>
              </Text>
            )}
          </Stack>
          <Badge color={statusColor[status]} variant="light" data-testid="lead-card-status">
            {t(`leads.statuses.${status}`)}
          </Badge>
        </Group>
        <SlaCell lead={lead} />
        <Group gap="sm">
          <Button component={Link} to={`/clients/${lead.company.id}`} size="xs" variant="light" data-testid="lead-open-client">
            {t("leads.drawer.openClient")}
          </Button>
          {lead.dealId ? (
            <Button component={Link} to={`/deals/${lead.dealId}`} size="xs" variant="light" data-testid="lead-open-deal">
              {t("leads.drawer.openDeal")}
            </Button>
          ) : (
            <Text size="xs" c="dimmed">
              {t("leads.drawer.noDeal")}
            </Text>
          )}
        </Group>
      </Stack>

      {canAssignLeads(user.role) && lead.status !== "touched" && <AssignLeadForm lead={lead} />}

      <Divider />
      <Section title={t("leads.drawer.contact")}>
        <SimpleGrid cols={2} spacing="sm">
          <Fact label={t("leads.field.name")}>
            <Typed value={lead.name} />
          </Fact>
          <Fact label={t("leads.field.companyName")}>
            <Typed value={lead.companyName} />
          </Fact>
          {/* [anti-leak] masked for roles without "reveal": a Show button asks for the real value. */}
          <Fact label={t("leads.field.phone")} testId="lead-card-phone">
            {lead.phone && isMaskedValue(lead.phone) ? <RevealableValues leadId={lead.id} field="phones" values={[lead.phone]} /> : <Ltr value={lead.phone} />}
          </Fact>
          <Fact label={t("leads.field.email")}>
            {lead.email && isMaskedValue(lead.email) ? <RevealableValues leadId={lead.id} field="emails" values={[lead.email]} /> : <Ltr value={lead.email} />}
          </Fact>
        </SimpleGrid>
      </Section>

      <Section title={t("leads.drawer.request")}>
        {lead.message && (
          <Text size="sm" dir="auto" style={{ whiteSpace: "pre-wrap" }} data-testid="lead-card-message">
            {lead.message}
          </Text>
        )}
        <SimpleGrid cols={2} spacing="sm">
          <Fact label={t("leads.field.productInterest")}>
            <Typed value={lead.productInterest} />
          </Fact>
          <Fact label={t("leads.field.region")}>
            <Typed value={lead.region} />
          </Fact>
          <Fact label={t("leads.field.audience")}>
            <Typed value={lead.audience} />
          </Fact>
          <Fact label={t("leads.field.temperature")}>
            <TemperatureBadge temperature={lead.temperature} />
          </Fact>
          {lead.amountMinor !== null && (
            <Fact label={t("leads.field.amount")}>{formatMoney(locale, lead.amountMinor, organization.currency)}</Fact>
          )}
        </SimpleGrid>
      </Section>

      <Section title={t("leads.drawer.origin")}>
        <SimpleGrid cols={2} spacing="sm">
          <Fact label={t("leads.field.source")}>
            <bdi>{lead.source.name}</bdi> · {t(`leads.sourceKinds.${lead.source.kind}`)}
          </Fact>
          <Fact label={t("leads.field.channel")}>
            <Typed value={lead.channel} />
          </Fact>
          <Fact label={t("leads.field.receivedAt")}>{when(lead.receivedAt)}</Fact>
          <Fact label={t("leads.field.utm")} testId="lead-card-utm">
            {utm.length === 0 ? (
              "—"
            ) : (
              <Stack gap={0}>
                {utm.map(([key, value]) => (
                  <span key={key} dir="ltr">
                    utm_{key}={value}
                  </span>
                ))}
              </Stack>
            )}
          </Fact>
        </SimpleGrid>
        <Fact label={t("leads.field.pageUrl")}>
          <Ltr value={lead.pageUrl} />
        </Fact>
        <Fact label={t("leads.field.referrer")}>
          <Ltr value={lead.referrer} />
        </Fact>
      </Section>

      <Section title={t("leads.drawer.assignment")}>
        <SimpleGrid cols={2} spacing="sm">
          <Fact label={t("leads.field.assignee")} testId="lead-card-assignee">
            {lead.assignee ? <bdi>{lead.assignee.name}</bdi> : t("leads.nobody")}
          </Fact>
          <Fact label={t("leads.field.route")} testId="lead-card-route">
            {routeText(t, lead)}
            {lead.reassignCount > 0 && (
              <Text size="xs" c="orange">
                {t("leads.reassigned", { count: lead.reassignCount })}
              </Text>
            )}
          </Fact>
          <Fact label={t("leads.field.assignedAt")}>{when(lead.assignedAt)}</Fact>
          <Fact label={t("leads.field.client")}>
            <Anchor component={Link} to={`/clients/${lead.company.id}`} size="sm">
              <bdi>{lead.company.name}</bdi>
            </Anchor>
            {lead.knownClient && (
              <Text size="xs" c="dimmed">
                {t("leads.knownClient")}
              </Text>
            )}
          </Fact>
          {lead.status === "waiting" && (
            <>
              <Fact label={t("leads.field.remindAt")}>{when(lead.remindAt)}</Fact>
              <Fact label={t("leads.field.reassignAt")}>{when(lead.reassignAt)}</Fact>
            </>
          )}
          {lead.escalatedAt && <Fact label={t("leads.field.escalatedAt")}>{when(lead.escalatedAt)}</Fact>}
          {lead.firstTouchAt && (
            <>
              <Fact label={t("leads.field.firstTouchAt")}>{when(lead.firstTouchAt)}</Fact>
              <Fact label={t("leads.field.speed")}>{formatBusinessMinutes(t, lead.businessMinutesToTouch)}</Fact>
            </>
          )}
        </SimpleGrid>
      </Section>

      <Section title={t("leads.drawer.history")}>
        <AssignmentHistory leadId={lead.id} />
      </Section>
    </Stack>
  );
};

/** A lead's card beside the queue: everything it carried, its client and deal, its history, and "Assign to…" for heads. */
export const LeadDrawer = ({ leadId, onClose }: { leadId: string | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const { dir } = useDirection();
  const lead = useLead(leadId);
  return (
    <Drawer
      opened={leadId !== null}
      onClose={onClose}
      position={dir === "rtl" ? "left" : "right"}
      size="lg"
      title={t("leads.drawer.title")}
      closeButtonProps={{ "aria-label": t("common.close") }}
      data-testid="lead-drawer"
    >
      {leadId === null ? null : lead.isPending ? (
        <PageLoader />
      ) : lead.isError ? (
        <LoadError error={lead.error} onRetry={() => void lead.refetch()} />
      ) : (
        <LeadCard lead={lead.data} />
      )}
    </Drawer>
  );
};
