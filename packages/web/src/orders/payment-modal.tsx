import { useState, type FormEvent } from "react";
import { FormFooter } from "../ui/form-footer";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Checkbox, Group, Modal, NumberInput, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Order } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { useLocale } from "../i18n/locale-provider";
import { currencyDigits, formatMoney, fromMinorUnits } from "../i18n/money";
import { zonedDayKey } from "../i18n/zoned-time";
import { fieldErrorMessage } from "../ui/errors";
import { paymentAmountMinor, remainingMinor } from "./order-money";
import { createPayment, invalidateAfterMoney } from "./orders.api";

const fields = ["amountMinor", "paidOn", "note"];

type PaymentModalProps = {
  /** The order being paid; null keeps the modal closed. */
  order: Order | null;
  onClose: () => void;
};

export const PaymentModal = ({ order, onClose }: PaymentModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={order !== null} onClose={onClose} title={t("payments.addTitle", { number: order?.number ?? "" })}>
      {order && <PaymentForm order={order} onClose={onClose} />}
    </Modal>
  );
};

const PaymentForm = ({ order, onClose }: { order: Order; onClose: () => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const { currency } = order;
  const owed = remainingMinor(order);
  const [amount, setAmount] = useState<number | string>(owed > 0 ? fromMinorUnits(owed, currency) : "");
  const [paidOn, setPaidOn] = useState(() => zonedDayKey(new Date(), organization.timeZone));
  const [refund, setRefund] = useState(false);
  const [note, setNote] = useState("");
  const amountMinor = paymentAmountMinor(amount, refund, currency);

  const mutation = useMutation({
    mutationFn: () => createPayment(order.id, { amountMinor, paidOn, note: note.trim() || null }),
    onSuccess: (payment) => {
      void invalidateAfterMoney(queryClient);
      notifications.show({ color: "green", message: payment.amountMinor < 0 ? t("payments.refundCreated") : t("payments.created") });
      onClose();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (amountMinor !== 0 && paidOn) mutation.mutate();
  };
  const error = mutation.error;

  return (
    <form onSubmit={submit} noValidate data-testid="payment-form">
      <Stack gap="sm">
        <Group grow align="flex-start">
          <NumberInput
            label={t("payments.amount", { currency })}
            required
            min={0}
            decimalScale={currencyDigits(currency)}
            thousandSeparator=" "
            dir="ltr"
            value={amount}
            onChange={setAmount}
            error={fieldErrorMessage(t, error, "amountMinor")}
            data-autofocus
            data-testid="payment-amount"
          />
          <TextInput
            type="date"
            dir="ltr"
            label={t("payments.date")}
            required
            value={paidOn}
            onChange={(e) => setPaidOn(e.currentTarget.value)}
            error={fieldErrorMessage(t, error, "paidOn")}
            data-testid="payment-date"
          />
        </Group>
        <Checkbox
          label={t("payments.refund")}
          description={refund ? t("payments.refundHint", { amount: formatMoney(locale, Math.max(order.paidMinor, 0), currency) }) : undefined}
          checked={refund}
          onChange={(e) => setRefund(e.currentTarget.checked)}
          data-testid="payment-refund"
        />
        <Textarea
          label={t("payments.note")}
          autosize
          minRows={2}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={fieldErrorMessage(t, error, "note")}
          data-testid="payment-note"
        />
        <FormFooter
          error={mutation.error}
          fields={fields}
          pending={mutation.isPending}
          disabled={amountMinor === 0 || !paidOn}
          submitLabel={refund ? t("payments.submitRefund") : t("payments.submit")}
          submitTestId="payment-submit"
          submitColor={refund ? "red" : undefined}
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
};
