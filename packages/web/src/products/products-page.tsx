import { useState } from "react";
import { Link } from "react-router";
import { Anchor, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Product } from "@conveyor/contracts";
import { LoadError, PageLoader } from "../ui/page-states";
import { ProductGroupsSection } from "./product-groups-section";
import { ProductModal } from "./product-modal";
import { ProductsTable } from "./products-table";
import { useProducts } from "./products.api";

/** The price list, for the administrator and the head of sales: groups, products, on sale or not. */
export const ProductsPage = () => {
  const { t } = useTranslation();
  const products = useProducts();
  const [editing, setEditing] = useState<Product | null>(null);
  const [adding, setAdding] = useState(false);
  const close = () => {
    setEditing(null);
    setAdding(false);
  };

  return (
    <Stack gap="lg" maw={1080} data-testid="products-page">
      <Stack gap={4}>
        <Anchor component={Link} to="/deals" size="sm">
          {t("deal.back")}
        </Anchor>
        <Title order={1} size="h2">
          {t("products.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("products.hint")}
        </Text>
      </Stack>

      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="products-groups">
        <Title order={2} size="h4" mb="sm" id="products-groups">
          {t("products.groups")}
        </Title>
        <ProductGroupsSection />
      </Card>

      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="products-list">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="products-list">
            {t("products.list")}
          </Title>
          <Button variant="light" onClick={() => setAdding(true)} data-testid="product-add">
            {t("products.add")}
          </Button>
        </Group>
        {products.isPending ? (
          <PageLoader />
        ) : products.isError ? (
          <LoadError error={products.error} onRetry={() => void products.refetch()} />
        ) : products.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("products.empty")}
          </Text>
        ) : (
          <ProductsTable products={products.data} onEdit={setEditing} />
        )}
      </Card>

      <ProductModal opened={adding || editing !== null} product={editing} onClose={close} />
    </Stack>
  );
};
