import { Fragment, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Anchor, Badge, Button, Card, Group, List, NumberInput, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/current-session";
import type { PayrollLine, SellerPayroll } from "@conveyor/contracts";
import { formatDateTime, formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney, toMinorUnits } from "../i18n/money";
import { fieldErrorMessage, problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { lineDetail, lineHasSources } from "./pay-figures";
import { addAdjustment, refreshPay, useAdjustments, useSellerPayroll } from "./pay.api";
import { WhatIfCard } from "./what-if-card";

/** The records behind one line: payments and deals with links, handovers, activity counts. */
const LineSources = ({ line, pay }: { line: PayrollLine; pay: SellerPayroll }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const payments = pay.sources.payments.filter((p) => line.refs.paymentIds.includes(p.id));
  const paidDeals = new Set(payments.map((p) => p.dealId));
  const deals = pay.sources.deals.filter((d) => line.refs.dealIds.includes(d.id) && !paidDeals.has(d.id));
  const handovers = pay.sources.handovers.filter((h) => line.refs.handoverIds.includes(h.id));
  const counts = Object.entries(line.refs.activityCounts);
  return (
    <List size="sm" spacing={2} data-testid="pay-line-sources">
      {payments.map((p) => (
        <List.Item key={p.id} data-testid="pay-source-payment">
          {t("pay.seller.payment")} {p.paidOn}: {formatMoney(locale, p.amountMinor, pay.currency)} ·{" "}
          <Anchor component={Link} to={`/deals/${p.dealId}`}>
            {p.dealTitle}
          </Anchor>{" "}
          ·{" "}
          <Anchor component={Link} to={`/clients/${p.companyId}`}>
            {p.companyName}
          </Anchor>
        </List.Item>
      ))}
      {deals.map((d) => (
        <List.Item key={d.id}>
          {t("pay.seller.deal")}:{" "}
          <Anchor component={Link} to={`/deals/${d.id}`}>
            {d.title}
          </Anchor>
        </List.Item>
      ))}
      {handovers.map((h) => (
        <List.Item key={h.id}>
          {t("pay.seller.handover")}:{" "}
          <Anchor component={Link} to={`/clients/${h.companyId}`}>
            {h.companyName}
          </Anchor>
        </List.Item>
      ))}
      {counts.length > 0 && (
        <List.Item>
          {t("pay.seller.activity")}: {counts.map(([k, v]) => `${k} ${formatNumber(locale, v)}`).join(", ")}
        </List.Item>
      )}
    </List>
  );
};

const PayLines = ({ pay }: { pay: SellerPayroll }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [open, setOpen] = useState<number | null>(null);
  if (pay.lines.length === 0) return <Text c="dimmed">{t("pay.seller.noLines")}</Text>;
  return (
    <Table data-testid="pay-lines" verticalSpacing="xs">
      <Table.Tbody>
        {pay.lines.map((line, i) => (
          <Fragment key={i}>
            <Table.Tr data-testid="pay-line" data-kind={line.kind}>
              <Table.Td>
                <Text fw={500}>{t(`pay.lines.${line.kind}`)}</Text>
                <Text size="sm" c="dimmed">
                  {lineDetail(t, locale, line, pay.currency, pay.periodKind)}
                </Text>
              </Table.Td>
              <Table.Td ta="end" style={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }} c={line.amountMinor < 0 ? "red" : undefined} data-testid="pay-line-amount">
                {formatMoney(locale, line.amountMinor, pay.currency)}
              </Table.Td>
              <Table.Td w={1}>
                {lineHasSources(line) && (
                  <Button size="compact-xs" variant="subtle" onClick={() => setOpen(open === i ? null : i)} data-testid="pay-line-expand">
                    {open === i ? t("pay.seller.hide") : t("pay.seller.sources")}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
            {open === i && (
              <Table.Tr>
                <Table.Td colSpan={3}>
                  <LineSources line={line} pay={pay} />
                </Table.Td>
              </Table.Tr>
            )}
          </Fragment>
        ))}
        <Table.Tr>
          <Table.Td fw={700}>{t("pay.seller.total")}</Table.Td>
          <Table.Td ta="end" fw={700} data-testid="pay-total" style={{ whiteSpace: "nowrap" }}>
            {formatMoney(locale, pay.totalMinor, pay.currency)}
          </Table.Td>
          <Table.Td />
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
};

/** Heads adjust an open month by hand, with a reason; the log shows who, when and why. */
const Adjustments = ({ pay, canManage }: { pay: SellerPayroll; canManage: boolean }) => {
  const { t } = useTranslation();
  const { organization } = useCurrentSession();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const log = useAdjustments(pay.seller.id, pay.month, true);
  const [amount, setAmount] = useState<number | string>("");
  const [reason, setReason] = useState("");
  const add = useMutation({
    mutationFn: () => addAdjustment({ sellerId: pay.seller.id, month: pay.month, amountMinor: toMinorUnits(Number(amount), pay.currency), reason }),
    onSuccess: async () => {
      setAmount("");
      setReason("");
      await refreshPay(queryClient);
    },
  });
  const items = log.data?.items ?? [];
  if (!canManage && items.length === 0) return null;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>{t("pay.adjust.log")}</Title>
        {items.map((a) => (
          <Text key={a.id} size="sm" data-testid="pay-adjustment">
            {formatMoney(locale, a.amountMinor, pay.currency)} — {a.reason} ({t("pay.adjust.by", { name: a.createdBy.name, date: formatDateTime(locale, a.createdAt, organization.timeZone) })})
          </Text>
        ))}
        {canManage && pay.status === "open" && (
          <Group align="flex-end">
            <NumberInput label={t("pay.adjust.amount")} value={amount} onChange={setAmount} data-testid="pay-adjust-amount" w={220} />
            <TextInput label={t("pay.adjust.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldErrorMessage(t, add.error, "reason")} data-testid="pay-adjust-reason" style={{ flex: 1 }} />
            <Button onClick={() => add.mutate()} loading={add.isPending} disabled={amount === "" || Number(amount) === 0} data-testid="pay-adjust-add">
              {t("pay.adjust.add")}
            </Button>
          </Group>
        )}
        {add.isError && !fieldErrorMessage(t, add.error, "reason") && <Alert color="red">{problemMessage(t, add.error)}</Alert>}
      </Stack>
    </Card>
  );
};

/** One person's month: the scheme, plan completion, every line with what is behind it; what-if on an open month. */
export const SellerPay = ({ sellerId, month, canManage, showWhatIf }: { sellerId: string; month: string; canManage: boolean; showWhatIf: boolean }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const query = useSellerPayroll(sellerId, month);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const pay = query.data;
  const money = (minor: number) => formatMoney(locale, minor, pay.currency);
  return (
    <Stack data-testid="seller-pay" data-seller={pay.seller.id}>
      <Group justify="space-between">
        <Title order={3} data-testid="seller-pay-name">
          {pay.seller.name}
        </Title>
        <Group gap="xs">
          {pay.level && <Badge variant="light">{pay.level}</Badge>}
          <Badge color={pay.status === "closed" ? "gray" : "green"}>{t(`pay.status.${pay.status}`)}</Badge>
        </Group>
      </Group>
      <Text>{pay.scheme ? t("pay.seller.scheme", { name: pay.scheme.name, version: pay.scheme.version }) : t("pay.seller.noScheme")}</Text>
      <Text c="dimmed">
        {pay.planMinor === null
          ? t("pay.seller.noPlan", { fact: money(pay.factMinor) })
          : t("pay.seller.planLine", { fact: money(pay.factMinor), plan: money(pay.planMinor), completion: `${formatNumber(locale, pay.completionPercent ?? 0, { maximumFractionDigits: 1 })}%` })}
      </Text>
      <Card withBorder padding="xs">
        <PayLines pay={pay} />
      </Card>
      <Adjustments pay={pay} canManage={canManage} />
      {showWhatIf && pay.status === "open" && pay.scheme && <WhatIfCard pay={pay} />}
    </Stack>
  );
};
