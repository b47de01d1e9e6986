import { useMemo, useState, type FormEvent } from "react";
import { FormFooter } from "../ui/form-footer";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Group, Modal, NumberInput, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Product } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { currencyLabel, currencyOptions } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { currencyDigits } from "../i18n/money";
import { fieldErrorMessage } from "../ui/errors";
import { draftFromProduct, draftToCreate, draftToUpdate, emptyProductDraft, type ProductDraft } from "./product-draft";
import { createProduct, productsKey, updateProduct, useProductGroups } from "./products.api";

const fields = ["name", "sku", "groupId", "priceMinor", "currency"];

type ProductModalProps = {
  opened: boolean;
  /** The product being edited; null adds a new one. */
  product: Product | null;
  onClose: () => void;
};

export const ProductModal = ({ opened, product, onClose }: ProductModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={product ? t("products.editTitle", { name: product.name }) : t("products.addTitle")}>
      {opened && <ProductForm key={product?.id ?? "new"} product={product} onClose={onClose} />}
    </Modal>
  );
};

const ProductForm = ({ product, onClose }: Omit<ProductModalProps, "opened">) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const groups = useProductGroups();
  const [draft, setDraft] = useState<ProductDraft>(() => (product ? draftFromProduct(product) : emptyProductDraft(organization.currency)));
  const set = (patch: Partial<ProductDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const currencies = useMemo(
    () => currencyOptions(draft.currency).map((code) => ({ value: code, label: currencyLabel(locale, code) })),
    [draft.currency, locale],
  );

  const mutation = useMutation({
    mutationFn: () => (product ? updateProduct(product.id, draftToUpdate(product, draft)) : createProduct(draftToCreate(draft))),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: productsKey });
      notifications.show({ color: "green", message: product ? t("products.saved") : t("products.created", { name: saved.name }) });
      onClose();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft.name.trim()) mutation.mutate();
  };
  const error = mutation.error;

  return (
    <form onSubmit={submit} noValidate data-testid="product-form">
      <Stack gap="sm">
        <TextInput
          label={t("products.name")}
          required
          maxLength={300}
          value={draft.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={fieldErrorMessage(t, error, "name")}
          data-autofocus
          data-testid="product-name"
        />
        <Group grow align="flex-start">
          <TextInput
            label={t("products.sku")}
            dir="ltr"
            maxLength={100}
            value={draft.sku}
            onChange={(e) => set({ sku: e.currentTarget.value })}
            error={fieldErrorMessage(t, error, "sku")}
            data-testid="product-sku"
          />
          <Select
            label={t("products.group")}
            placeholder={t("products.noGroup")}
            clearable
            data={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
            value={draft.groupId}
            onChange={(groupId) => set({ groupId })}
            error={fieldErrorMessage(t, error, "groupId")}
            data-testid="product-group"
          />
        </Group>
        <Group grow align="flex-start">
          <NumberInput
            label={t("products.price", { currency: draft.currency })}
            min={0}
            decimalScale={currencyDigits(draft.currency)}
            thousandSeparator=" "
            dir="ltr"
            value={draft.price}
            onChange={(price) => set({ price })}
            error={fieldErrorMessage(t, error, "priceMinor")}
            data-testid="product-price"
          />
          <Select
            label={t("products.currency")}
            searchable
            allowDeselect={false}
            data={currencies}
            value={draft.currency}
            onChange={(currency) => currency && set({ currency })}
            error={fieldErrorMessage(t, error, "currency")}
            data-testid="product-currency"
          />
        </Group>
        <FormFooter
          error={mutation.error}
          fields={fields}
          pending={mutation.isPending}
          disabled={draft.name.trim() === ""}
          submitLabel={product ? t("common.save") : t("products.add")}
          submitTestId="product-submit"
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
};
