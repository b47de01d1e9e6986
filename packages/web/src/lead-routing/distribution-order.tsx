import { Card, List, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** M5.5: the order in which a new lead finds its seller, said once above the rules that take part in it. */
export const DistributionOrder = () => {
  const { t } = useTranslation();
  const steps = [
    t("leadRouting.order.owner"),
    t("leadRouting.order.rules"),
    t("leadRouting.order.roundRobin"),
    t("leadRouting.order.fallback"),
  ];
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="distribution-order-title" data-testid="distribution-order">
      <Title order={2} size="h4" id="distribution-order-title" mb="xs">
        {t("leadRouting.order.title")}
      </Title>
      <List type="ordered" spacing={6} size="sm">
        {steps.map((step) => (
          <List.Item key={step}>
            <Text size="sm">{step}</Text>
          </List.Item>
        ))}
      </List>
    </Card>
  );
};
