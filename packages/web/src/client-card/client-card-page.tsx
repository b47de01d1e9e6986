import { useState, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Anchor, Badge, Button, Card, Grid, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { idSchema, type Company } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { useCurrentSession } from "../auth/current-session";
import { LogActivityForm } from "../activities/log-activity-form";
import { LevelBadge, PermanentBadge, StatusBadge, TemperatureBadge } from "../clients/client-badges";
import { clientCardKey, getCompanyCard } from "../clients/clients.api";
import { legalIdLabelKey } from "../clients/legal-id-label";
import { CustomFieldFacts } from "../custom-fields/custom-field-facts";
import { useCustomFields } from "../custom-fields/custom-fields.api";
import { ClientDealsSection } from "../deals/client-deals-section";
import { formatDateTime, formatShortDate } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { ClientOrdersSection } from "../orders/client-orders-section";
import { LoadError, PageLoader } from "../ui/page-states";
import { ClientTimeline } from "./client-timeline";
import { ContactsSection } from "./contacts-section";
import { EditClientModal } from "./edit-client-modal";
import { HandOverButton } from "./hand-over-button";
import { OpenTasksSection } from "./open-tasks-section";

/** Shown for an unknown id and for a client outside the viewer's scope: the API answers 404 to both. */
const ClientNotFound = () => {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" gap="md" maw={560} data-testid="client-not-found">
      <Title order={1} size="h2">
        {t("card.notFoundTitle")}
      </Title>
      <Text>{t("card.notFoundText")}</Text>
      <Button component={Link} to="/clients" variant="light">
        {t("card.back")}
      </Button>
    </Stack>
  );
};

const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <div>
    <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
      {label}
    </Text>
    <Text size="sm" component="div">
      {children}
    </Text>
  </div>
);

const Details = ({ company }: { company: Company }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const customFields = useCustomFields("company");
  const dash = "—";
  return (
    <Card withBorder radius="md" padding="lg" data-testid="client-details">
      <Title order={2} size="h4" mb="sm">
        {t("card.details")}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <Fact label={t(legalIdLabelKey(organization.country))}>
          <span dir="ltr">{company.legalId ?? dash}</span>
        </Fact>
        <Fact label={t("clientForm.region")}>{company.region ?? dash}</Fact>
        <Fact label={t("clientForm.industry")}>{company.industry ?? dash}</Fact>
        <Fact label={t("clientForm.audience")}>{company.audience ?? dash}</Fact>
        <Fact label={t("clientForm.channel")}>{company.channel ?? dash}</Fact>
        <Fact label={t("card.createdAt")}>{formatDateTime(locale, company.createdAt, organization.timeZone)}</Fact>
        <Fact label={t("card.lastActivity")}>
          {company.lastActivityAt ? formatDateTime(locale, company.lastActivityAt, organization.timeZone) : t("clients.noActivity")}
        </Fact>
        <Fact label={t("card.tags")}>
          {company.tags.length === 0 ? (
            dash
          ) : (
            <Group gap={4}>
              {company.tags.map((tag) => (
                <Badge key={tag} size="sm" variant="default">
                  {tag}
                </Badge>
              ))}
            </Group>
          )}
        </Fact>
      </SimpleGrid>
      <CustomFieldFacts fields={customFields.fields} values={company.custom} testIdPrefix="client-" />
    </Card>
  );
};

const Header = ({ company, onEdit }: { company: Company; onEdit: () => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const date = (value: string) => formatShortDate(locale, value, organization.timeZone);
  return (
    <Stack gap={6}>
      <Anchor component={Link} to="/clients" size="sm">
        {t("card.back")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1} size="h2" data-testid="client-name">
            {/* A name is in its own script: isolated, «ООО …» stays whole inside a Persian page. */}
            <bdi>{company.name}</bdi>
          </Title>
          <Group gap="xs">
            {company.status === "permanent" ? (
              <PermanentBadge
                serviceLevel={company.serviceLevel}
                title={
                  company.permanentSince
                    ? t("handover.permanentSince", { date: date(company.permanentSince), service: company.serviceLevel ?? "—" })
                    : undefined
                }
              />
            ) : (
              <StatusBadge status={company.status} />
            )}
            <TemperatureBadge temperature={company.temperature} />
            {company.level && (
              <LevelBadge
                level={company.level}
                title={
                  company.levelEnteredAt
                    ? t("handover.levelSince", { level: t(`levels.${company.level}`), date: date(company.levelEnteredAt) })
                    : undefined
                }
              />
            )}
            <Text size="sm" c="dimmed" data-testid="client-owner">
              {t("clientForm.owner")}: {company.ownerName}
            </Text>
          </Group>
        </Stack>
        <Group gap="xs">
          <HandOverButton company={company} />
          <Button variant="default" onClick={onEdit} data-testid="client-edit">
            {t("card.edit")}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
};

export const ClientCardPage = () => {
  const { id = "" } = useParams();
  // A malformed id can never exist: answer like the API would, without asking it.
  if (!idSchema.safeParse(id).success) return <ClientNotFound />;
  return <ClientCard key={id} id={id} />;
};

const ClientCard = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const card = useQuery({ queryKey: clientCardKey(id), queryFn: () => getCompanyCard(id) });

  if (card.isPending) return <PageLoader />;
  if (card.isError) {
    if (isApiError(card.error, "not_found")) return <ClientNotFound />;
    return <LoadError error={card.error} onRetry={() => void card.refetch()} />;
  }
  const { company, contacts, openTasks } = card.data;

  return (
    <Stack gap="lg" data-testid="client-card">
      <Header company={company} onEdit={() => setEditing(true)} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Details company={company} />
            <ContactsSection companyId={company.id} contacts={contacts} />
            <ClientDealsSection company={{ id: company.id, name: company.name }} />
            <ClientOrdersSection companyId={company.id} />
            <OpenTasksSection companyId={company.id} tasks={openTasks} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Card withBorder radius="md" padding="lg">
              <Title order={2} size="h4" mb="sm">
                {t("activity.logTitle")}
              </Title>
              <LogActivityForm companyId={company.id} />
            </Card>
            <ClientTimeline companyId={company.id} />
          </Stack>
        </Grid.Col>
      </Grid>
      <EditClientModal company={editing ? company : null} onClose={() => setEditing(false)} />
    </Stack>
  );
};
