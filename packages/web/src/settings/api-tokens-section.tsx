import { useState, type CSSProperties } from "react";
import { useQuery } from "@tanstack/react-query";
import { Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ApiToken } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatDateTime } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { LoadError, PageLoader } from "../ui/page-states";
import { CreateTokenModal, RevokeTokenModal } from "./api-token-modals";
import { apiTokensKey, listApiTokens } from "./settings.api";

const noWrap: CSSProperties = { whiteSpace: "nowrap" };

export const ApiTokensSection = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const tokens = useQuery({ queryKey: apiTokensKey, queryFn: listApiTokens });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const when = (iso: string | null) => (iso ? formatDateTime(locale, iso, organization.timeZone) : t("common.never"));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" style={{ flex: "1 1 300px" }}>
          {t("settings.apiTokensHint")}
        </Text>
        <Button onClick={() => setCreating(true)} data-testid="api-token-create">
          {t("settings.createToken")}
        </Button>
      </Group>
      {tokens.isPending ? (
        <PageLoader />
      ) : tokens.isError ? (
        <LoadError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.items.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="api-tokens-empty">
          {t("settings.noTokens")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" data-testid="api-tokens-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("settings.tokenName")}</Table.Th>
                <Table.Th>{t("settings.tokenPrefix")}</Table.Th>
                <Table.Th>{t("settings.tokenCreated")}</Table.Th>
                <Table.Th>{t("settings.tokenLastUsed")}</Table.Th>
                <Table.Th>{t("settings.tokenStatus")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.items.map((token) => (
                <Table.Tr key={token.id} data-testid={`api-token-row-${token.name}`}>
                  <Table.Td fw={500}>{token.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      <span dir="ltr">{token.prefix}…</span>
                    </Text>
                  </Table.Td>
                  <Table.Td style={noWrap}>{when(token.createdAt)}</Table.Td>
                  <Table.Td style={noWrap}>{when(token.lastUsedAt)}</Table.Td>
                  <Table.Td style={noWrap}>
                    {token.revokedAt ? (
                      <Badge color="gray" variant="light">
                        {t("settings.tokenRevoked")}
                      </Badge>
                    ) : (
                      <Badge color="green" variant="light">
                        {t("settings.tokenActive")}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="end">
                    {!token.revokedAt && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setRevoking(token)}
                        data-testid="api-token-revoke"
                      >
                        {t("settings.revoke")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateTokenModal opened={creating} onClose={() => setCreating(false)} />
      <RevokeTokenModal token={revoking} onClose={() => setRevoking(null)} />
    </Stack>
  );
};
