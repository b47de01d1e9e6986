import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Switch, Table, Text, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Product } from "@conveyor/contracts";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { problemMessage } from "../ui/errors";
import { productsKey, updateProduct } from "./products.api";

type ProductsTableProps = {
  products: Product[];
  onEdit: (product: Product) => void;
};

export const ProductsTable = ({ products, onEdit }: ProductsTableProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: ({ product, active }: { product: Product; active: boolean }) => updateProduct(product.id, { active }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: productsKey }),
    onError: (error) => notifications.show({ color: "red", message: problemMessage(t, error) }),
  });
  const dash = "—";

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="products-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("products.column.name")}</Table.Th>
            <Table.Th>{t("products.column.sku")}</Table.Th>
            <Table.Th>{t("products.column.group")}</Table.Th>
            <Table.Th>{t("products.column.price")}</Table.Th>
            <Table.Th>{t("products.column.active")}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t("products.edit")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {products.map((product) => (
            <Table.Tr key={product.id} data-testid={`product-row-${product.name}`}>
              <Table.Td>
                <Text size="sm" fw={500} c={product.active ? undefined : "dimmed"}>
                  <bdi>{product.name}</bdi>
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" span dir="ltr">
                  {product.sku ?? dash}
                </Text>
              </Table.Td>
              <Table.Td>{product.groupName ?? dash}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatMoney(locale, product.priceMinor, product.currency)}</Table.Td>
              <Table.Td>
                <Switch
                  checked={product.active}
                  disabled={toggle.isPending && toggle.variables.product.id === product.id}
                  onChange={(e) => toggle.mutate({ product, active: e.currentTarget.checked })}
                  aria-label={t("products.activeLabel", { name: product.name })}
                  data-testid={`product-active-${product.name}`}
                />
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  onClick={() => onEdit(product)}
                  aria-label={t("products.editLabel", { name: product.name })}
                  data-testid={`product-edit-${product.name}`}
                >
                  {t("products.edit")}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
