import { useState, type FormEvent } from "react";
import { FormFooter } from "../ui/form-footer";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Group, Modal, NumberInput, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Deal } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { amountToMinor } from "../deals/deal-draft";
import { currencyDigits, fromMinorUnits } from "../i18n/money";
import { zonedDayKey } from "../i18n/zoned-time";
import { useProducts } from "../products/products.api";
import { fieldErrorMessage } from "../ui/errors";
import { createOrder, invalidateAfterMoney } from "./orders.api";

const fields = ["amountMinor", "orderedOn", "number", "productId"];

type OrderModalProps = {
  /** The won deal the order belongs to; null keeps the modal closed. */
  deal: Deal | null;
  /** What the form starts with, in minor units of the deal's currency: the part of the deal not ordered yet. */
  suggestedMinor: number;
  onClose: () => void;
};

export const OrderModal = ({ deal, suggestedMinor, onClose }: OrderModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={deal !== null} onClose={onClose} title={t("orders.addTitle")}>
      {deal && <OrderForm deal={deal} suggestedMinor={suggestedMinor} onClose={onClose} />}
    </Modal>
  );
};

const OrderForm = ({ deal, suggestedMinor, onClose }: { deal: Deal; suggestedMinor: number; onClose: () => void }) => {
  const { t } = useTranslation();
  const { organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const products = useProducts(true);
  const currency = deal.currency;
  const [amount, setAmount] = useState<number | string>(suggestedMinor > 0 ? fromMinorUnits(suggestedMinor, currency) : "");
  const [orderedOn, setOrderedOn] = useState(() => zonedDayKey(new Date(), organization.timeZone));
  const [number, setNumber] = useState("");
  const [productId, setProductId] = useState<string | null>(null);
  const amountMinor = amountToMinor(amount, currency);

  const mutation = useMutation({
    mutationFn: () =>
      createOrder(deal.id, {
        amountMinor,
        orderedOn,
        ...(number.trim() ? { number: number.trim() } : {}),
        ...(productId ? { productId } : {}),
      }),
    onSuccess: (order) => {
      void invalidateAfterMoney(queryClient);
      notifications.show({ color: "green", message: t("orders.created", { number: order.number }) });
      onClose();
    },
  });

  // Picking a product fills an empty amount with its list price, when it is priced in the deal's currency.
  const pickProduct = (id: string | null) => {
    setProductId(id);
    const product = products.data?.find((p) => p.id === id);
    if (product && product.currency === currency && amountToMinor(amount, currency) === 0) {
      setAmount(fromMinorUnits(product.priceMinor, currency));
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (amountMinor > 0 && orderedOn) mutation.mutate();
  };
  const error = mutation.error;

  return (
    <form onSubmit={submit} noValidate data-testid="order-form">
      <Stack gap="sm">
        <Select
          label={t("orders.product")}
          placeholder={t("orders.noProduct")}
          clearable
          searchable
          data={(products.data ?? []).map((p) => ({ value: p.id, label: p.sku ? `${p.name} (${p.sku})` : p.name }))}
          value={productId}
          onChange={pickProduct}
          error={fieldErrorMessage(t, error, "productId")}
          data-testid="order-product"
        />
        <Group grow align="flex-start">
          <NumberInput
            label={t("orders.amount", { currency })}
            required
            min={0}
            decimalScale={currencyDigits(currency)}
            thousandSeparator=" "
            dir="ltr"
            value={amount}
            onChange={setAmount}
            error={fieldErrorMessage(t, error, "amountMinor")}
            data-autofocus
            data-testid="order-amount"
          />
          <TextInput
            type="date"
            dir="ltr"
            label={t("orders.date")}
            required
            value={orderedOn}
            onChange={(e) => setOrderedOn(e.currentTarget.value)}
            error={fieldErrorMessage(t, error, "orderedOn")}
            data-testid="order-date"
          />
        </Group>
        <TextInput
          label={t("orders.number")}
          description={t("orders.numberHint")}
          dir="ltr"
          maxLength={50}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          error={fieldErrorMessage(t, error, "number")}
          data-testid="order-number"
        />
        <FormFooter
          error={mutation.error}
          fields={fields}
          pending={mutation.isPending}
          disabled={amountMinor <= 0 || !orderedOn}
          submitLabel={t("orders.submit")}
          submitTestId="order-submit"
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
};
