import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Order } from "@conveyor/contracts";
import { paymentState, type PaymentState } from "./order-money";

const colors: Record<PaymentState, string> = { unpaid: "gray", partial: "yellow", paid: "teal" };

export const PaymentStateBadge = ({ order }: { order: Pick<Order, "amountMinor" | "paidMinor"> }) => {
  const { t } = useTranslation();
  const state = paymentState(order);
  return (
    <Badge variant="light" color={colors[state]} data-state={state}>
      {t(`orders.states.${state}`)}
    </Badge>
  );
};
