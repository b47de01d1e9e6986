import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { contestMetricValues, levels, type Contest, type Leaderboard } from "@conveyor/contracts";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { fieldErrorMessage, problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { createContest, deleteContest, recordWinner, refreshPay, useContests, useLeaderboard } from "./pay.api";

/** A leaderboard value: money for revenue, a percentage for conversion, a count otherwise. */
export const contestValueText = (locale: Parameters<typeof formatNumber>[0], board: Leaderboard, value: number | null): string => {
  if (value === null) return "—";
  switch (board.contest.metric) {
    case "revenue":
      return formatMoney(locale, value, board.currency);
    case "conversion":
      return `${formatNumber(locale, value, { maximumFractionDigits: 1 })}%`;
    case "new_clients":
    case "meetings":
      return formatNumber(locale, value);
  }
};

const ContestCard = ({ contest, canManage }: { contest: Contest; canManage: boolean }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const board = useLeaderboard(contest.id);
  const refresh = () => refreshPay(queryClient);
  const win = useMutation({ mutationFn: (userId: string) => recordWinner(contest.id, userId), onSuccess: refresh });
  const remove = useMutation({ mutationFn: () => deleteContest(contest.id), onSuccess: refresh });
  return (
    <Card withBorder data-testid="pay-contest">
      <Stack gap="xs">
        <Group justify="space-between">
          <div>
            <Text fw={600}>{contest.name}</Text>
            <Text size="sm" c="dimmed">
              {t(`pay.contests.metrics.${contest.metric}`)} · {contest.level ?? t("pay.contests.allLevels")} · {t("pay.contests.prize")}: {contest.prize}
            </Text>
          </div>
          <Group gap="xs">
            {contest.winner && <Badge color="yellow">{t("pay.contests.winner", { name: contest.winner.name })}</Badge>}
            {canManage && (
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
                {t("pay.contests.remove")}
              </Button>
            )}
          </Group>
        </Group>
        {board.isPending ? (
          <PageLoader />
        ) : board.isError ? (
          <LoadError error={board.error} onRetry={() => void board.refetch()} />
        ) : (
          <Table data-testid="pay-leaderboard">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("pay.contests.rank")}</Table.Th>
                <Table.Th>{t("pay.department.seller")}</Table.Th>
                <Table.Th ta="end">{t("pay.contests.value")}</Table.Th>
                {canManage && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {board.data.rows.map((row) => (
                <Table.Tr key={row.seller.id} data-testid="pay-leaderboard-row">
                  <Table.Td>{row.rank === null ? "—" : formatNumber(locale, row.rank)}</Table.Td>
                  <Table.Td>{row.seller.name}</Table.Td>
                  <Table.Td ta="end">{contestValueText(locale, board.data, row.value)}</Table.Td>
                  {canManage && (
                    <Table.Td ta="end">
                      {row.rank === 1 && contest.winner?.id !== row.seller.id && (
                        <Button size="compact-xs" variant="light" onClick={() => win.mutate(row.seller.id)} loading={win.isPending}>
                          {t("pay.contests.recordWinner")}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
};

/** M5.10: this month's contests, their leaderboards and prizes; heads start them. */
export const ContestsTab = ({ month, canManage }: { month: string; canManage: boolean }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const contests = useContests(month);
  const [name, setName] = useState("");
  const [metric, setMetric] = useState<string>("revenue");
  const [level, setLevel] = useState<string>("");
  const [prize, setPrize] = useState("");
  const create = useMutation({
    mutationFn: () => createContest({ name, metric, level: level === "" ? null : level, month, prize }),
    onSuccess: async () => {
      setName("");
      setPrize("");
      await refreshPay(queryClient);
    },
  });
  return (
    <Stack>
      <Text c="dimmed">{t("pay.contests.intro")}</Text>
      {canManage && (
        <Card withBorder>
          <Stack gap="xs">
            <Title order={4}>{t("pay.contests.create")}</Title>
            <Group align="flex-end">
              <TextInput label={t("pay.contests.name")} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldErrorMessage(t, create.error, "name")} data-testid="pay-contest-name" />
              <NativeSelect label={t("pay.contests.metric")} value={metric} onChange={(e) => setMetric(e.currentTarget.value)} data={contestMetricValues.map((m) => ({ value: m, label: t(`pay.contests.metrics.${m}`) }))} />
              <NativeSelect label={t("pay.contests.level")} value={level} onChange={(e) => setLevel(e.currentTarget.value)} data={[{ value: "", label: t("pay.contests.allLevels") }, ...levels.map((l) => ({ value: l, label: l }))]} />
              <TextInput label={t("pay.contests.prize")} value={prize} onChange={(e) => setPrize(e.currentTarget.value)} error={fieldErrorMessage(t, create.error, "prize")} data-testid="pay-contest-prize" />
              <Button onClick={() => create.mutate()} loading={create.isPending} disabled={name.trim() === "" || prize.trim() === ""} data-testid="pay-contest-create">
                {t("pay.contests.create")}
              </Button>
            </Group>
            {create.isError && !fieldErrorMessage(t, create.error, "name") && !fieldErrorMessage(t, create.error, "prize") && <Alert color="red">{problemMessage(t, create.error)}</Alert>}
          </Stack>
        </Card>
      )}
      {contests.isPending ? (
        <PageLoader />
      ) : contests.isError ? (
        <LoadError error={contests.error} onRetry={() => void contests.refetch()} />
      ) : contests.data.items.length === 0 ? (
        <Text c="dimmed">{t("pay.contests.empty")}</Text>
      ) : (
        contests.data.items.map((c) => <ContestCard key={c.id} contest={c} canManage={canManage} />)
      )}
    </Stack>
  );
};
