import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDay } from "../deals/format-day";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { LoadError, PageLoader } from "../ui/page-states";
import { totalsByCurrency } from "./order-money";
import { listOrders, orderListKey } from "./orders.api";
import { PaymentStateBadge } from "./payment-state-badge";

/** What the client ordered and what money actually came in, order by order, on the client's card. */
export const ClientOrdersSection = ({ companyId }: { companyId: string }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const query = { companyId };
  const orders = useQuery({ queryKey: orderListKey(query), queryFn: () => listOrders(query) });
  const items = orders.data?.items ?? [];
  const totals = totalsByCurrency(items);

  return (
    <Card withBorder radius="md" padding="lg" data-testid="client-orders">
      <Title order={2} size="h4" mb="xs">
        {t("orders.title")}
      </Title>
      {orders.isPending ? (
        <PageLoader />
      ) : orders.isError ? (
        <LoadError error={orders.error} onRetry={() => void orders.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("orders.clientEmpty")}
        </Text>
      ) : (
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="sm">
            <div>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t("orders.totalOrdered")}
              </Text>
              <Stack gap={0} data-testid="client-orders-ordered">
                {totals.map((total) => (
                  <Text key={total.currency} size="sm" fw={600}>
                    {formatMoney(locale, total.orderedMinor, total.currency)}
                  </Text>
                ))}
              </Stack>
            </div>
            <div>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t("orders.totalPaid")}
              </Text>
              <Stack gap={0} data-testid="client-orders-paid">
                {totals.map((total) => (
                  <Text key={total.currency} size="sm" fw={600}>
                    {formatMoney(locale, total.paidMinor, total.currency)}
                  </Text>
                ))}
              </Stack>
            </div>
          </SimpleGrid>
          {items.map((order) => (
            <Group key={order.id} justify="space-between" wrap="nowrap" gap="xs" data-testid={`client-order-${order.number}`}>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={500}>
                  {t("orders.order", { number: order.number })}{" "}
                  <Text span size="sm" c="dimmed">
                    {t("orders.orderedOn", { date: formatDay(locale, order.orderedOn) })}
                  </Text>
                </Text>
                <Anchor component={Link} to={`/deals/${order.dealId}`} size="xs" truncate>
                  <bdi>{order.dealTitle}</bdi>
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatMoney(locale, order.paidMinor, order.currency)} / {formatMoney(locale, order.amountMinor, order.currency)}
                </Text>
              </Stack>
              <PaymentStateBadge order={order} />
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
};
