import { Link } from "react-router";
import { Alert, Anchor, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { HandoverPreview } from "@conveyor/contracts";
import { useLocale } from "../i18n/locale-provider";
import { figuresInline } from "./figures";
import { levelPair } from "./level-words";

/** M4.1: whom a rule would move now, with the figures it saw for each, before anyone switches it on. */
export const RulePreview = ({ preview, stale = false }: { preview: HandoverPreview; stale?: boolean }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (
    <Stack gap="xs" data-testid="rule-preview" data-total={preview.total} data-stale={stale || undefined}>
      <Text size="sm" fw={600}>
        {t("handoverRules.previewTitle")}
      </Text>
      {stale && (
        <Alert color="yellow" py={6}>
          {t("handoverRules.previewStale")}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t("handoverRules.previewExamined", { count: preview.examined, level: preview.fromLevel })}{" "}
        {preview.total === 0
          ? t("handoverRules.previewNone")
          : t("handoverRules.previewTotal", { count: preview.total, levels: levelPair(t, preview.fromLevel, preview.toLevel) })}
      </Text>
      {preview.clients.length > 0 && (
        <Table.ScrollContainer minWidth={480} maxHeight={320}>
          <Table verticalSpacing={4} fz="sm" data-testid="rule-preview-clients">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("handoverRules.previewClient")}</Table.Th>
                <Table.Th>{t("handoverRules.previewOwner")}</Table.Th>
                <Table.Th>{t("handoverRules.previewFigures")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.clients.map((client) => (
                <Table.Tr key={client.companyId} data-testid="rule-preview-client">
                  <Table.Td>
                    <Anchor component={Link} to={`/clients/${client.companyId}`} size="sm" target="_blank">
                      <bdi>{client.name}</bdi>
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{client.owner.name}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{figuresInline(t, locale, client.figures)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {preview.truncated && (
        <Text size="xs" c="dimmed">
          {t("handoverRules.previewTruncated", { count: preview.clients.length })}
        </Text>
      )}
    </Stack>
  );
};
