import { useSearchParams } from "react-router";
import { Button, Group, Stack, Tabs, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { rtlLocales } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { isHead, leadsPeople } from "../auth/permissions";
import { useLocale } from "../i18n/locale-provider";
import { periodLabel } from "../kpi/kpi-period";
import { ContestsTab } from "./contests-tab";
import { currentMonthKey, shiftMonth } from "./pay-figures";
import { PayrollTab } from "./payroll-tab";
import { SchemesTab } from "./schemes-tab";
import { usePayPeriod } from "./pay.api";
import { SellerPay } from "./seller-pay";
import { PageLoader } from "../ui/page-states";
import { withParams } from "../ui/search-params";

const tabs = ["payroll", "mine", "schemes", "contests"] as const;
type PayTab = (typeof tabs)[number];
const isTab = (value: string | null): value is PayTab => tabs.some((tab) => tab === value);
const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Pay (M1.6): heads see the department's payroll, set schemes from the method's presets, close the month and export
 * it; a team lead sees their team; a seller their own pay with a what-if. Everyone sees the contests.
 */
export const PayPage = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { user, organization } = useCurrentSession();
  const [params, setParams] = useSearchParams();
  const leads = leadsPeople(user.role);
  const canManage = isHead(user.role);
  // Heads are not paid by a scheme here: no "My pay" for them; sellers have no department table.
  const visible = tabs.filter((tab) => (tab === "payroll" ? leads : tab === "mine" ? !canManage : true));
  const rtl = rtlLocales.has(locale);
  const requested = params.get("tab");
  const tab: PayTab = isTab(requested) && visible.includes(requested) ? requested : leads ? "payroll" : "mine";
  const monthParam = params.get("month");
  // The organization's pay period: a Gregorian month, or a Jalali month in Iran when plans are by Jalali month.
  const period = usePayPeriod(monthParam && monthPattern.test(monthParam) ? monthParam : null);
  const month = period.data?.key ?? (monthParam && monthPattern.test(monthParam) ? monthParam : currentMonthKey(new Date(), organization.timeZone));
  const set = (changes: Record<string, string | null>) => setParams(withParams(params, changes));

  return (
    <Stack data-testid="pay-page">
      <div>
        <Title order={2}>{t("pay.title")}</Title>
        <Text c="dimmed">{t("pay.intro")}</Text>
      </div>
      <Group gap="xs" data-testid="pay-month">
        <Text fw={500}>{t("pay.month")}:</Text>
        <Button variant="default" size="compact-sm" onClick={() => set({ month: period.data?.previous ?? shiftMonth(month, -1), seller: null })} data-testid="pay-month-prev" aria-label="‹">
          {rtl ? "›" : "‹"}
        </Button>
        <Text fw={600} data-testid="pay-month-label" data-month={month} data-kind={period.data?.kind ?? "month"}>
          {period.data ? periodLabel(locale, { kind: period.data.kind, start: period.data.start }) : month}
        </Text>
        {period.data?.kind === "jalali_month" && (
          <Text c="dimmed" size="sm">
            {t("pay.jalali", { start: period.data.start, end: period.data.end })}
          </Text>
        )}
        <Button variant="default" size="compact-sm" onClick={() => set({ month: period.data?.next ?? shiftMonth(month, 1), seller: null })} data-testid="pay-month-next" aria-label="›">
          {rtl ? "‹" : "›"}
        </Button>
      </Group>
      {period.isPending ? (
        <PageLoader />
      ) : (
      <Tabs value={tab} onChange={(value) => set({ tab: value, seller: null })} keepMounted={false}>
        <Tabs.List>
          {visible.map((key) => (
            <Tabs.Tab key={key} value={key} data-testid={`pay-tab-${key}`}>
              {t(`pay.tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="payroll" pt="md">
          <PayrollTab month={month} canManage={canManage} sellerId={params.get("seller")} onSeller={(id) => set({ seller: id })} />
        </Tabs.Panel>
        <Tabs.Panel value="mine" pt="md">
          <SellerPay sellerId={user.id} month={month} canManage={false} showWhatIf />
        </Tabs.Panel>
        <Tabs.Panel value="schemes" pt="md">
          <SchemesTab month={month} canManage={canManage} currency={organization.currency} periodKind={period.data?.kind ?? "month"} />
        </Tabs.Panel>
        <Tabs.Panel value="contests" pt="md">
          <ContestsTab month={month} canManage={canManage} />
        </Tabs.Panel>
      </Tabs>
      )}
    </Stack>
  );
};
