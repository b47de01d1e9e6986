import { useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, Card, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/current-session";
import { usePeople } from "../people/people.api";
import { LoadError, PageLoader } from "../ui/page-states";
import { canSeeLevelReport } from "./conveyor-access";
import { handoversKey, listHandovers } from "./conveyor.api";
import { HandoversTable } from "./handovers-table";
import { LevelReport } from "./level-report";

const pageSize = 50;

/** A "YYYY-MM-DD" the API accepts, or nothing while the date input is half typed. */
const dayOrUndefined = (value: string): string | undefined => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

/**
 * The handover report: who handed which client to whom, when and why (M1.4, M4.1). Everyone opens it;
 * the server shows a seller the handovers they took part in, a team lead their team's, heads all.
 * Heads and team leads also see the level report.
 */
export const HandoversPage = () => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const leads = canSeeLevelReport(user.role);
  const people = usePeople();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [userId, setUserId] = useState<string | null>(null);
  const period = { from: dayOrUndefined(from), to: dayOrUndefined(to) };
  const filters = { ...period, userId: userId ?? undefined };

  const handovers = useInfiniteQuery({
    queryKey: [...handoversKey, filters],
    queryFn: ({ pageParam }) => listHandovers({ ...filters, cursor: pageParam || undefined, limit: pageSize }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
  const items = handovers.data?.pages.flatMap((page) => page.items) ?? [];
  const total = handovers.data?.pages[0]?.total;

  return (
    <Stack gap="lg" data-testid="handovers-page">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t("handoverReport.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("handoverReport.hint")}
        </Text>
      </Stack>

      <Group gap="sm" align="flex-end">
        <TextInput
          type="date"
          dir="ltr"
          w={180}
          label={t("handoverReport.from")}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          data-testid="handovers-from"
        />
        <TextInput
          type="date"
          dir="ltr"
          w={180}
          label={t("handoverReport.to")}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          data-testid="handovers-to"
        />
        {leads && (
          <Select
            w={260}
            label={t("handoverReport.person")}
            placeholder={t("handoverReport.anyPerson")}
            clearable
            searchable
            data={(people.data ?? []).map((person) => ({ value: person.id, label: person.name }))}
            value={userId}
            onChange={setUserId}
            data-testid="handovers-person"
          />
        )}
      </Group>

      {leads && <LevelReport query={period} />}

      <Card withBorder radius="md" padding="lg" component="section">
        {total !== undefined && (
          <Text size="sm" c="dimmed" mb="xs" data-testid="handovers-total">
            {t("handoverReport.total", { count: total })}
          </Text>
        )}
        {handovers.isPending ? (
          <PageLoader />
        ) : handovers.isError && items.length === 0 ? (
          <LoadError error={handovers.error} onRetry={() => void handovers.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="xl" data-testid="handovers-empty">
            {t("handoverReport.empty")}
          </Text>
        ) : (
          <HandoversTable handovers={items} />
        )}
        {handovers.isFetchNextPageError && <LoadError error={handovers.error} />}
        {handovers.hasNextPage && (
          <Group justify="center" mt="md">
            <Button
              variant="default"
              loading={handovers.isFetchingNextPage}
              onClick={() => void handovers.fetchNextPage()}
              data-testid="handovers-load-more"
            >
              {t("handoverReport.loadMore")}
            </Button>
          </Group>
        )}
      </Card>
    </Stack>
  );
};
