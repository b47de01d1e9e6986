import { useState } from "react";
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Anchor, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { LoadError, PageLoader } from "../ui/page-states";
import { AddDealModal } from "./add-deal-modal";
import { dealListKey, listDeals } from "./deals.api";
import { DealStatusBadge } from "./deal-status-badge";

const shown = 20;

/** The client's deals on its card, with a way to start one for this client. */
export const ClientDealsSection = ({ company }: { company: { id: string; name: string } }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [adding, setAdding] = useState(false);
  const query = { companyId: company.id, limit: shown };
  const deals = useQuery({ queryKey: dealListKey(query), queryFn: () => listDeals(query) });
  const items = deals.data?.items ?? [];

  return (
    <Card withBorder radius="md" padding="lg" data-testid="client-deals">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t("deal.clientDeals")}
        </Title>
        <Button size="xs" variant="light" onClick={() => setAdding(true)} data-testid="client-deal-add">
          {t("deals.add")}
        </Button>
      </Group>
      {deals.isPending ? (
        <PageLoader />
      ) : deals.isError ? (
        <LoadError error={deals.error} onRetry={() => void deals.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("deal.noClientDeals")}
        </Text>
      ) : (
        <Stack gap="xs">
          {items.map((deal) => (
            <Group key={deal.id} justify="space-between" wrap="nowrap" gap="xs" data-testid={`client-deal-${deal.title}`}>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/deals/${deal.id}`} size="sm" fw={500} truncate>
                  <bdi>{deal.title}</bdi>
                </Anchor>
                <Text size="xs" c="dimmed">
                  {deal.stageName} · {formatMoney(locale, deal.amountMinor, deal.currency)}
                </Text>
              </Stack>
              <DealStatusBadge status={deal.status} />
            </Group>
          ))}
          {deals.data.total > items.length && (
            <Anchor component={Link} to="/deals?view=list" size="sm">
              {t("deal.moreClientDeals")}
            </Anchor>
          )}
        </Stack>
      )}
      <AddDealModal opened={adding} onClose={() => setAdding(false)} company={company} />
    </Card>
  );
};
