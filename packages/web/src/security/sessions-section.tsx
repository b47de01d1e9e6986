import { useMutation, useQuery } from "@tanstack/react-query";
import { Badge, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/current-session";
import { queryClient } from "../app/api";
import { formatDateTime } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { listSessions, revokeOtherSessions, revokeSession, sessionsKey } from "./security.api";

/** A readable device name from a user agent: the browser and the system, or the raw text. */
const deviceOf = (userAgent: string | null): string | null => {
  if (!userAgent) return null;
  const browser = /(Edg|OPR|Firefox|Chrome|Safari)\/[\d.]+/.exec(userAgent)?.[0]?.replace("Edg", "Edge").replace("OPR", "Opera");
  const system = /(Windows|Android|iPhone|iPad|Mac OS X|Linux)/.exec(userAgent)?.[0]?.replace("Mac OS X", "macOS");
  return browser || system ? [browser, system].filter(Boolean).join(" · ") : userAgent.slice(0, 60);
};

/** [anti-leak] Your sessions in the profile: device, address, last seen; end one or all the others. */
export const SessionsSection = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: listSessions });
  const onError = (error: unknown) => notifications.show({ color: "red", message: problemMessage(t, error) });
  const revokeOne = useMutation({ mutationFn: revokeSession, onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionsKey }), onError });
  const revokeOthers = useMutation({
    mutationFn: revokeOtherSessions,
    onSuccess: ({ revoked }) => {
      notifications.show({ color: "green", message: t("security.sessions.revokedOthers", { count: revoked }) });
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
    onError,
  });

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="profile-sessions" data-testid="sessions-section">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="profile-sessions">
          {t("security.sessions.title")}
        </Title>
        <Button
          variant="light"
          size="xs"
          onClick={() => revokeOthers.mutate()}
          loading={revokeOthers.isPending}
          disabled={(sessions.data?.items.length ?? 0) < 2}
          data-testid="sessions-revoke-others"
        >
          {t("security.sessions.revokeOthers")}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t("security.sessions.intro")}
      </Text>
      {sessions.isError ? (
        <LoadError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : !sessions.data ? (
        <PageLoader />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table data-testid="sessions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("security.sessions.device")}</Table.Th>
                <Table.Th>{t("security.sessions.ip")}</Table.Th>
                <Table.Th>{t("security.sessions.lastSeen")}</Table.Th>
                <Table.Th>{t("security.sessions.signedIn")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.items.map((session) => (
                <Table.Tr key={session.id} data-testid="session-row" data-current={session.current ? "yes" : "no"}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm" dir="ltr">
                        {deviceOf(session.userAgent) ?? t("security.sessions.unknownDevice")}
                      </Text>
                      {session.current && (
                        <Badge size="xs" variant="light" color="green">
                          {t("security.sessions.current")}
                        </Badge>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" dir="ltr">
                      {session.ip ?? ""}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(locale, session.lastSeenAt, organization.timeZone)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(locale, session.createdAt, organization.timeZone)}</Table.Td>
                  <Table.Td>
                    {!session.current && (
                      <Button variant="subtle" color="red" size="xs" onClick={() => revokeOne.mutate(session.id)} data-testid="session-revoke">
                        {t("security.sessions.revoke")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
};
