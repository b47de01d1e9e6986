import { useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { Badge, Button, Card, Divider, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Deal, Order } from "@conveyor/contracts";
import { formatDay } from "../deals/format-day";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { LoadError, PageLoader } from "../ui/page-states";
import { remainingMinor } from "./order-money";
import { OrderModal } from "./order-modal";
import { listOrders, orderListKey } from "./orders.api";
import { PaymentModal } from "./payment-modal";
import { PaymentStateBadge } from "./payment-state-badge";

const Amount = ({ label, children, testId }: { label: string; children: ReactNode; testId: string }) => (
  <div>
    <Text size="xs" c="dimmed">
      {label}
    </Text>
    <Text size="sm" fw={600} data-testid={testId}>
      {children}
    </Text>
  </div>
);

const OrderRow = ({ order, onPay }: { order: Order; onPay: () => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const money = (minor: number) => formatMoney(locale, minor, order.currency);
  return (
    <Stack gap="xs" data-testid={`order-row-${order.number}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={0}>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {t("orders.order", { number: order.number })}
            </Text>
            <Text size="sm" c="dimmed">
              {t("orders.orderedOn", { date: formatDay(locale, order.orderedOn) })}
            </Text>
            <PaymentStateBadge order={order} />
          </Group>
          {order.productName && (
            <Text size="xs" c="dimmed">
              <bdi>{order.productName}</bdi>
            </Text>
          )}
        </Stack>
        <Button
          size="compact-sm"
          variant="light"
          onClick={onPay}
          aria-label={t("payments.addLabel", { number: order.number })}
          data-testid={`payment-add-${order.number}`}
        >
          {t("payments.add")}
        </Button>
      </Group>
      <SimpleGrid cols={3} spacing="sm">
        <Amount label={t("orders.ordered")} testId={`order-amount-${order.number}`}>
          {money(order.amountMinor)}
        </Amount>
        <Amount label={t("orders.paid")} testId={`order-paid-${order.number}`}>
          {money(order.paidMinor)}
        </Amount>
        <Amount label={t("orders.remaining")} testId={`order-remaining-${order.number}`}>
          {money(remainingMinor(order))}
        </Amount>
      </SimpleGrid>
      {order.payments.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t("orders.noPayments")}
        </Text>
      ) : (
        <Stack gap={4} data-testid={`order-payments-${order.number}`}>
          {order.payments.map((payment) => (
            <Group key={payment.id} gap="xs" wrap="nowrap" data-testid="payment-row">
              <Text size="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                {formatDay(locale, payment.paidOn)}
              </Text>
              <Text size="sm" fw={500} c={payment.amountMinor < 0 ? "red" : undefined} style={{ whiteSpace: "nowrap" }}>
                {money(payment.amountMinor)}
              </Text>
              {payment.amountMinor < 0 && (
                <Badge size="xs" variant="light" color="red">
                  {t("payments.refundTag")}
                </Badge>
              )}
              <Text size="xs" c="dimmed" truncate>
                {payment.note ? `${payment.note} · ` : ""}
                {payment.createdByName}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
};

/** Orders and payments of one deal: only a won deal produces orders; money comes in against each order. */
export const DealOrdersSection = ({ deal }: { deal: Deal }) => {
  const { t } = useTranslation();
  const query = { dealId: deal.id };
  const orders = useQuery({ queryKey: orderListKey(query), queryFn: () => listOrders(query) });
  const [adding, setAdding] = useState(false);
  const [paying, setPaying] = useState<Order | null>(null);
  const won = deal.status === "won";
  const items = orders.data?.items ?? [];
  // Totals are per deal, so in the deal's currency.
  const notOrderedMinor = Math.max(deal.amountMinor - (orders.data?.orderedMinor ?? 0), 0);

  return (
    <Card withBorder radius="md" padding="lg" component="section" data-testid="deal-orders">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t("orders.title")}
        </Title>
        {won && (
          <Button size="xs" variant="light" onClick={() => setAdding(true)} disabled={orders.isPending} data-testid="order-add">
            {t("orders.add")}
          </Button>
        )}
      </Group>
      {!won && (
        <Text size="sm" c="dimmed" mb={items.length > 0 ? "sm" : 0} data-testid="deal-orders-not-won">
          {t("orders.notWon")}
        </Text>
      )}
      {orders.isPending ? (
        <PageLoader />
      ) : orders.isError ? (
        <LoadError error={orders.error} onRetry={() => void orders.refetch()} />
      ) : items.length === 0 ? (
        won && (
          <Text size="sm" c="dimmed">
            {t("orders.empty")}
          </Text>
        )
      ) : (
        <Stack gap="md">
          {items.map((order, index) => (
            <Stack key={order.id} gap="md">
              {index > 0 && <Divider />}
              <OrderRow order={order} onPay={() => setPaying(order)} />
            </Stack>
          ))}
        </Stack>
      )}
      <OrderModal deal={adding ? deal : null} suggestedMinor={notOrderedMinor} onClose={() => setAdding(false)} />
      <PaymentModal order={paying} onClose={() => setPaying(null)} />
    </Card>
  );
};
