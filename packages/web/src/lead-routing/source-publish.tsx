import { useState } from "react";
import { Alert, Anchor, Button, Code, CopyButton, Group, SegmentedControl, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { locales, type Locale } from "@conveyor/contracts";
import { embedSnippet, hostedFormUrl, signedCurlExample, webhookEndpoint } from "./source-snippets";

const origin = () => window.location.origin;

/** A piece of text to copy: shown as code (always left to right), with its copy button. */
export const CopyBlock = ({ label, value, testId, multiline = false }: { label: string; value: string; testId: string; multiline?: boolean }) => {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant={copied ? "filled" : "light"} color={copied ? "teal" : undefined} onClick={copy} data-testid={`${testId}-copy`}>
              {copied ? t("common.copied") : t("common.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block={multiline} dir="ltr" style={{ wordBreak: "break-all", whiteSpace: multiline ? "pre-wrap" : undefined, textAlign: "left" }} data-testid={testId}>
        {value}
      </Code>
    </Stack>
  );
};

type Language = Locale | "auto";
const isLanguage = (value: string): value is Language => value === "auto" || locales.some((locale) => locale === value);

/** Where a form source lives: the hosted page to link to and the snippet to paste into a site, in a chosen language or the visitor's. */
export const FormPublish = ({ publicKey }: { publicKey: string }) => {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<Language>("auto");
  const lang = language === "auto" ? null : language;
  const page = hostedFormUrl(origin(), publicKey, lang);
  return (
    <Stack gap="sm" data-testid="form-publish">
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t("leadRouting.publish.language")}
        </Text>
        <SegmentedControl
          size="xs"
          value={language}
          onChange={(value) => isLanguage(value) && setLanguage(value)}
          data={[{ value: "auto", label: t("leadRouting.publish.visitorLanguage") }, ...locales.map((locale) => ({ value: locale, label: t(`languages.${locale}`) }))]}
        />
      </Stack>
      <CopyBlock label={t("leadRouting.publish.hostedPage")} value={page} testId="form-hosted-link" />
      <Anchor href={page} target="_blank" rel="noopener" size="sm">
        {t("leadRouting.publish.open")}
      </Anchor>
      <CopyBlock label={t("leadRouting.publish.embed")} value={embedSnippet(origin(), publicKey, lang)} testId="form-embed-snippet" multiline />
      <Text size="xs" c="dimmed">
        {t("leadRouting.publish.embedHint")}
      </Text>
    </Stack>
  );
};

/**
 * How a webhook source delivers: the endpoint, the headers and a signed curl example. The secret is shown only
 * right after creation or rotation; the server never answers it again.
 */
export const WebhookPublish = ({ publicKey, secret, onRotate, rotating }: { publicKey: string; secret: string | null; onRotate?: () => void; rotating?: boolean }) => {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="webhook-publish">
      <CopyBlock label={t("leadRouting.publish.endpoint")} value={webhookEndpoint(origin())} testId="webhook-endpoint" />
      <CopyBlock label={t("leadRouting.publish.sourceKey")} value={publicKey} testId="webhook-key" />
      {secret ? (
        <Alert color="yellow" title={t("leadRouting.publish.secretOnce")} data-testid="webhook-secret-once">
          <CopyBlock label={t("leadRouting.publish.secret")} value={secret} testId="webhook-secret" />
        </Alert>
      ) : (
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed">
            {t("leadRouting.publish.secretHidden")}
          </Text>
          {onRotate && (
            <Button size="compact-sm" variant="light" color="orange" loading={rotating} onClick={onRotate} data-testid="webhook-rotate">
              {t("leadRouting.sources.rotate")}
            </Button>
          )}
        </Group>
      )}
      <Text size="xs" c="dimmed">
        {t("leadRouting.publish.signatureHint")}
      </Text>
      <CopyBlock
        label={t("leadRouting.publish.curl")}
        value={signedCurlExample({ origin: origin(), publicKey, secret, secretPlaceholder: t("leadRouting.publish.secretPlaceholder") })}
        testId="webhook-curl"
        multiline
      />
    </Stack>
  );
};
