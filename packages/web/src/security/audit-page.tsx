import { useState, type FormEvent } from "react";
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Code, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { auditActionValues, type AuditAction, type AuditEntry } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { isAdmin } from "../auth/permissions";
import { formatDateTime } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { listUsers, usersKey } from "../users/users.api";
import { auditKey, searchAudit, verifyAudit, type AuditFilters } from "./security.api";

const noFilters: AuditFilters = { actorId: null, action: null, from: null, to: null, targetKind: null, targetId: null };

const isAction = (value: string | null): value is AuditAction => value !== null && (auditActionValues as readonly string[]).includes(value);

/** [anti-leak] The audit log screen (admins and heads of sales): search by person, action, period and target; paged. */
export const AuditPage = () => {
  const { t } = useTranslation();
  const { user, organization } = useCurrentSession();
  const [draft, setDraft] = useState({ actorId: null as string | null, action: null as AuditAction | null, from: "", to: "", targetKind: "", targetId: "" });
  const [filters, setFilters] = useState<AuditFilters>(noFilters);
  const people = useQuery({ queryKey: [...usersKey, "audit-picker"], queryFn: () => listUsers({}, { limit: 100 }) });
  const entries = useInfiniteQuery({
    queryKey: [...auditKey, filters],
    queryFn: ({ pageParam }) => searchAudit(filters, pageParam || undefined),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const verify = useMutation({ mutationFn: verifyAudit });

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilters({
      actorId: draft.actorId,
      action: draft.action,
      // The server reads a date as that day in the organization's time zone, as the times below are shown.
      from: draft.from || null,
      to: draft.to || null,
      targetKind: draft.targetKind.trim() || null,
      targetId: draft.targetId.trim() || null,
    });
  };
  const reset = () => {
    setDraft({ actorId: null, action: null, from: "", to: "", targetKind: "", targetId: "" });
    setFilters(noFilters);
  };

  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const total = entries.data?.pages[0]?.total ?? 0;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {t("security.audit.title")}
          </Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t("security.audit.intro")}
          </Text>
        </div>
        {isAdmin(user.role) && (
          <Button variant="light" onClick={() => verify.mutate()} loading={verify.isPending} data-testid="audit-verify">
            {t("security.audit.verify")}
          </Button>
        )}
      </Group>
      {verify.data && (
        <Alert color={verify.data.broken ? "red" : "green"} data-testid="audit-verify-result" data-broken={verify.data.broken ? "yes" : "no"}>
          {verify.data.broken ? t("security.audit.verifyBroken", { seq: verify.data.broken.seq }) : t("security.audit.verifyOk", { count: verify.data.rows })}
        </Alert>
      )}
      {verify.isError && <Alert color="red">{problemMessage(t, verify.error)}</Alert>}

      <Card withBorder radius="md" padding="md">
        <form onSubmit={apply} noValidate>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Select
              label={t("security.audit.person")}
              placeholder={t("security.audit.anyone")}
              clearable
              searchable
              data={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={draft.actorId}
              onChange={(value) => setDraft({ ...draft, actorId: value })}
              data-testid="audit-person"
            />
            <Select
              label={t("security.audit.action")}
              placeholder={t("security.audit.anyAction")}
              clearable
              searchable
              data={auditActionValues.map((a) => ({ value: a, label: t(`security.actions.${a}`) }))}
              value={draft.action}
              onChange={(value) => setDraft({ ...draft, action: isAction(value) ? value : null })}
              data-testid="audit-action"
            />
            <Group grow gap="xs">
              <TextInput type="date" label={t("security.audit.from")} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} data-testid="audit-from" />
              <TextInput type="date" label={t("security.audit.to")} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} data-testid="audit-to" />
            </Group>
            <Text size="xs" c="dimmed" data-testid="audit-zone">
              {t("security.audit.zoneHint", { zone: organization.timeZone })}
            </Text>
            <TextInput label={t("security.audit.targetKind")} value={draft.targetKind} dir="ltr" onChange={(e) => setDraft({ ...draft, targetKind: e.currentTarget.value })} data-testid="audit-target-kind" />
            <TextInput label={t("security.audit.targetId")} value={draft.targetId} dir="ltr" onChange={(e) => setDraft({ ...draft, targetId: e.currentTarget.value })} data-testid="audit-target-id" />
            <Group align="flex-end" gap="xs">
              <Button type="submit" data-testid="audit-search">
                {t("security.audit.search")}
              </Button>
              <Button variant="subtle" onClick={reset}>
                {t("security.audit.reset")}
              </Button>
            </Group>
          </SimpleGrid>
        </form>
      </Card>

      {entries.isError ? (
        <LoadError error={entries.error} onRetry={() => void entries.refetch()} />
      ) : entries.isPending ? (
        <PageLoader />
      ) : (
        <Card withBorder radius="md" padding="md">
          <Text size="sm" c="dimmed" mb="xs" data-testid="audit-total" data-total={total}>
            {t("security.audit.total", { count: total })}
          </Text>
          {items.length === 0 ? (
            <Text c="dimmed" data-testid="audit-empty">
              {t("security.audit.empty")}
            </Text>
          ) : (
            <AuditTable items={items} />
          )}
          {entries.hasNextPage && (
            <Group justify="center" mt="md">
              <Button variant="light" onClick={() => void entries.fetchNextPage()} loading={entries.isFetchingNextPage} data-testid="audit-more">
                {t("security.audit.more")}
              </Button>
            </Group>
          )}
        </Card>
      )}
    </Stack>
  );
};

const AuditTable = ({ items }: { items: readonly AuditEntry[] }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const actionLabel = (action: string) => (isAction(action) ? t(`security.actions.${action}`) : action);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("security.audit.at")}</Table.Th>
            <Table.Th>{t("security.audit.person")}</Table.Th>
            <Table.Th>{t("security.audit.action")}</Table.Th>
            <Table.Th>{t("security.audit.target")}</Table.Th>
            <Table.Th>{t("security.audit.details")}</Table.Th>
            <Table.Th>{t("security.audit.ip")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((entry) => (
            <Table.Tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(locale, entry.at, organization.timeZone)}</Table.Td>
              <Table.Td>{entry.actor?.name ?? t("security.audit.system")}</Table.Td>
              <Table.Td>{actionLabel(entry.action)}</Table.Td>
              <Table.Td>
                {entry.targetKind && (
                  <Text size="xs" dir="ltr">
                    {entry.targetKind}
                    {entry.targetId ? ` · ${entry.targetId.slice(0, 8)}` : ""}
                  </Text>
                )}
              </Table.Td>
              <Table.Td maw={320}>
                {Object.keys(entry.details).length > 0 && (
                  <Code block fz="xs" dir="ltr" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
                    {JSON.stringify(entry.details)}
                  </Code>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs" dir="ltr">
                  {entry.ip ?? ""}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
