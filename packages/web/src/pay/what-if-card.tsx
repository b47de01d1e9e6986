import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Card, Group, NumberInput, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { SellerPayroll } from "@conveyor/contracts";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney, toMinorUnits } from "../i18n/money";
import { problemMessage } from "../ui/errors";
import { postWhatIf } from "./pay.api";

/** "If I close these two deals": amounts typed in, the month recomputed with them. */
export const WhatIfCard = ({ pay }: { pay: SellerPayroll }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [amounts, setAmounts] = useState<Array<number | string>>([""]);
  const valid = amounts.map(Number).filter((n) => Number.isFinite(n) && n > 0);
  const run = useMutation({
    mutationFn: () => postWhatIf({ sellerId: pay.seller.id, month: pay.month, deals: valid.map((n) => ({ amountMinor: toMinorUnits(n, pay.currency) })) }),
  });
  return (
    <Card withBorder data-testid="pay-what-if">
      <Stack gap="xs">
        <Title order={4}>{t("pay.whatIf.title")}</Title>
        {amounts.map((value, i) => (
          <Group key={i} align="flex-end">
            <NumberInput
              label={t("pay.whatIf.amount")}
              value={value}
              min={0}
              onChange={(v) => setAmounts(amounts.map((a, j) => (j === i ? v : a)))}
              data-testid="pay-what-if-amount"
              w={240}
            />
            {amounts.length > 1 && (
              <Button variant="subtle" color="gray" onClick={() => setAmounts(amounts.filter((_, j) => j !== i))}>
                {t("pay.whatIf.remove")}
              </Button>
            )}
          </Group>
        ))}
        <Group>
          <Button variant="default" onClick={() => setAmounts([...amounts, ""])} disabled={amounts.length >= 10}>
            {t("pay.whatIf.addDeal")}
          </Button>
          <Button onClick={() => run.mutate()} loading={run.isPending} disabled={valid.length === 0} data-testid="pay-what-if-run">
            {t("pay.whatIf.run")}
          </Button>
        </Group>
        {run.data && (
          <Text fw={600} data-testid="pay-what-if-result">
            {t("pay.whatIf.result", { total: formatMoney(locale, run.data.hypothetical.totalMinor, pay.currency), difference: formatMoney(locale, run.data.differenceMinor, pay.currency) })}
          </Text>
        )}
        {run.isError && <Alert color="red">{problemMessage(t, run.error)}</Alert>}
      </Stack>
    </Card>
  );
};
