import { useEffect } from "react";
import { Link, useLocation } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Anchor, Card, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LoadError, PageLoader } from "../ui/page-states";
import { SecuritySettingsSection } from "../security/security-settings-section";
import { ApiTokensSection } from "./api-tokens-section";
import { OrganizationForm } from "./organization-form";
import { getOrganization, organizationKey } from "./settings.api";

export const SettingsPage = () => {
  const { t } = useTranslation();
  const { hash } = useLocation();
  const organization = useQuery({ queryKey: organizationKey, queryFn: getOrganization });

  // The router does not scroll to #fragments (the home checklist links to #api-tokens).
  useEffect(() => {
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView({ block: "start" });
  }, [hash]);

  return (
    <Stack gap="lg" maw={880}>
      <Title order={1} size="h2">
        {t("settings.title")}
      </Title>

      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="settings-organization">
        <Title order={2} size="h4" mb="md" id="settings-organization">
          {t("settings.organization")}
        </Title>
        {organization.isError ? (
          <LoadError error={organization.error} onRetry={() => void organization.refetch()} />
        ) : organization.data ? (
          <OrganizationForm key={organization.data.id} organization={organization.data} />
        ) : (
          <PageLoader />
        )}
      </Card>

      <Card withBorder radius="md" padding="lg" component="section" id="api-tokens" aria-labelledby="settings-api-tokens">
        <Title order={2} size="h4" mb="xs" id="settings-api-tokens">
          {t("settings.apiTokens")}
        </Title>
        <ApiTokensSection />
      </Card>

      <Card withBorder radius="md" padding="lg" component="section" id="security" aria-labelledby="settings-security">
        <Title order={2} size="h4" mb="md" id="settings-security">
          {t("security.settings.title")}
        </Title>
        <SecuritySettingsSection />
      </Card>

      <Card withBorder radius="md" padding="lg" component="section" id="pipelines">
        <Anchor component={Link} to="/settings/pipelines" fw={500} data-testid="settings-pipelines-link">
          {t("pipelines.title")}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t("pipelines.hint")}
        </Text>
      </Card>

      <Card withBorder radius="md" padding="lg" component="section" id="products">
        <Anchor component={Link} to="/settings/products" fw={500} data-testid="settings-products-link">
          {t("products.title")}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t("products.hint")}
        </Text>
      </Card>

      <Card withBorder radius="md" padding="lg" component="section" id="custom-fields">
        <Anchor component={Link} to="/settings/custom-fields" fw={500} data-testid="settings-custom-fields-link">
          {t("customFields.title")}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t("customFields.hint")}
        </Text>
      </Card>

      <Card withBorder radius="md" padding="lg" component="section">
        <Anchor href="/api/docs" target="_blank" rel="noopener" fw={500} data-testid="api-docs-link">
          {t("settings.apiDocs")}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t("settings.apiDocsHint")}
        </Text>
      </Card>
    </Stack>
  );
};
