import { useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ActionIcon, Alert, Button, Card, Group, NumberInput, Select, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { dealItemErrorCodes, type Deal, type DealItem, type DealItemErrorCode } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { clientsKey } from "../clients/clients.api";
import { useLocale } from "../i18n/locale-provider";
import { currencyDigits, formatMoney } from "../i18n/money";
import { useProducts } from "../products/products.api";
import { fieldErrorMessage, isExplainedByFields, problemMessage } from "../ui/errors";
import {
  emptyLine,
  lineTotalMinor,
  linesChanged,
  linesFromItems,
  linesReady,
  linesToReplace,
  linesTotalMinor,
  withProduct,
  type ItemLine,
} from "./deal-items-draft";
import { dealsKey, replaceDealItems } from "./deals.api";

const isItemErrorCode = (code: string): code is DealItemErrorCode => dealItemErrorCodes.some((c) => c === code);

/** The message under a line's field: the line codes in the reader's language, else the usual field message. */
const lineErrorMessage = (t: TFunction, error: unknown, field: string): string | undefined => {
  if (!isApiError(error)) return undefined;
  const code = error.fieldError(field)?.code;
  return code && isItemErrorCode(code) ? t(`dealItems.errors.${code}`) : fieldErrorMessage(t, error, field);
};

/**
 * The deal's products (M5.4 "By product" reads them): lines of product × quantity × unit price.
 * The list is saved as a whole; while it has lines, the deal's amount is their total.
 */
export const DealItemsSection = ({ deal, items }: { deal: Deal; items: DealItem[] }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const products = useProducts(true);
  const currency = deal.currency;
  const [lines, setLines] = useState<ItemLine[]>(() => linesFromItems(items, currency));
  const nextKey = useRef(0);

  const mutation = useMutation({
    mutationFn: () => replaceDealItems(deal.id, linesToReplace(lines, currency)),
    onSuccess: (saved) => {
      setLines(linesFromItems(saved.items, currency));
      void queryClient.invalidateQueries({ queryKey: dealsKey });
      void queryClient.invalidateQueries({ queryKey: clientsKey });
      notifications.show({ color: "green", message: t("dealItems.saved") });
    },
  });

  // What can be added: products on sale in the deal's currency; a saved line keeps its product even if taken off sale.
  const onSale = (products.data ?? []).filter((product) => product.currency === currency);
  const options = onSale.map((product) => ({ value: product.id, label: product.sku ? `${product.name} (${product.sku})` : product.name }));
  for (const item of items) {
    if (!options.some((option) => option.value === item.productId)) {
      options.push({ value: item.productId, label: t("dealItems.offSale", { name: item.productName }) });
    }
  }

  const pickable = (productId: string | null) => {
    const saved = items.find((item) => item.productId === productId);
    return onSale.find((product) => product.id === productId) ?? (saved && { id: saved.productId, priceMinor: saved.unitPriceMinor, currency });
  };
  const setLine = (index: number, next: ItemLine) => setLines((previous) => previous.map((line, i) => (i === index ? next : line)));
  const addLine = () => {
    nextKey.current += 1;
    setLines((previous) => [...previous, emptyLine(`new-${nextKey.current}`)]);
  };
  const removeLine = (index: number) => setLines((previous) => previous.filter((_, i) => i !== index));

  const error = mutation.error;
  const changed = linesChanged(lines, items, currency);
  const money = (minor: number) => formatMoney(locale, minor, currency);
  const optionLabel = (productId: string | null) => options.find((option) => option.value === productId)?.label ?? "";

  return (
    <Card withBorder radius="md" padding="lg" component="section" data-testid="deal-items">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t("dealItems.title")}
        </Title>
        <Button size="xs" variant="light" onClick={addLine} disabled={products.isPending} data-testid="deal-items-add">
          {t("dealItems.add")}
        </Button>
      </Group>
      {lines.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="deal-items-empty">
          {onSale.length === 0 && !products.isPending ? t("dealItems.noProducts", { currency }) : t("dealItems.empty")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" data-testid="deal-items-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("dealItems.product")}</Table.Th>
                <Table.Th w={120}>{t("dealItems.quantity")}</Table.Th>
                <Table.Th w={160}>{t("dealItems.unitPrice", { currency })}</Table.Th>
                <Table.Th w={150} ta="end">
                  {t("dealItems.amount")}
                </Table.Th>
                <Table.Th w={48} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line, index) => (
                <Table.Tr key={line.key} data-testid={`deal-item-${index}`}>
                  <Table.Td>
                    <Select
                      aria-label={t("dealItems.product")}
                      placeholder={t("dealItems.pickProduct")}
                      searchable
                      allowDeselect={false}
                      data={options}
                      value={line.productId}
                      onChange={(productId) => setLine(index, withProduct(line, pickable(productId), currency))}
                      error={lineErrorMessage(t, error, `items.${index}.productId`)}
                      data-testid={`deal-item-product-${index}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t("dealItems.quantity")}
                      min={0}
                      decimalScale={3}
                      dir="ltr"
                      value={line.quantity}
                      onChange={(quantity) => setLine(index, { ...line, quantity })}
                      error={lineErrorMessage(t, error, `items.${index}.quantity`)}
                      data-testid={`deal-item-quantity-${index}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t("dealItems.unitPrice", { currency })}
                      min={0}
                      decimalScale={currencyDigits(currency)}
                      thousandSeparator=" "
                      dir="ltr"
                      value={line.price}
                      onChange={(price) => setLine(index, { ...line, price })}
                      error={lineErrorMessage(t, error, `items.${index}.unitPriceMinor`)}
                      data-testid={`deal-item-price-${index}`}
                    />
                  </Table.Td>
                  <Table.Td ta="end" style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm" data-testid={`deal-item-amount-${index}`}>
                      {money(lineTotalMinor(line, currency))}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => removeLine(index)}
                      aria-label={t("dealItems.remove", { name: optionLabel(line.productId) || t("dealItems.newLine") })}
                      data-testid={`deal-item-remove-${index}`}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {mutation.isError && !isExplainedByFields(error, ["items"]) && (
        <Alert color="red" role="alert" mt="sm">
          {problemMessage(t, error)}
        </Alert>
      )}
      {mutation.isError && lineErrorMessage(t, error, "items") && (
        <Alert color="red" role="alert" mt="sm">
          {lineErrorMessage(t, error, "items")}
        </Alert>
      )}
      <Group justify="space-between" mt="md">
        <Text size="sm" fw={600} data-testid="deal-items-total">
          {t("dealItems.total", { amount: money(linesTotalMinor(lines, currency)) })}
        </Text>
        <Button
          size="sm"
          onClick={() => mutation.mutate()}
          loading={mutation.isPending}
          disabled={!changed || !linesReady(lines)}
          data-testid="deal-items-save"
        >
          {t("dealItems.save")}
        </Button>
      </Group>
    </Card>
  );
};
