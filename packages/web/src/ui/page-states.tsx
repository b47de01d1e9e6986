import { Alert, Button, Center, Loader, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { problemMessage } from "./errors";

export const PageLoader = () => {
  const { t } = useTranslation();
  return (
    <Center mih={200} w="100%">
      <Loader aria-label={t("common.loading")} />
    </Center>
  );
};

export const FullPageLoader = () => (
  <Center mih="100vh">
    <PageLoader />
  </Center>
);

/** A failed load with a way out: the reason in the reader's language and a retry button. */
export const LoadError = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" title={t("common.loadFailed")}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{problemMessage(t, error)}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        )}
      </Stack>
    </Alert>
  );
};
