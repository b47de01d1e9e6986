import { Link } from "react-router";
import { Alert, Anchor, Card, Group, List, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { levels, type Locale, type StaffingAdvice } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { LoadError, PageLoader } from "../ui/page-states";
import { useStaffing } from "./department.api";
import { canOpenSection, sectionPaths } from "./department-access";
import { LevelTag } from "./level-tag";
import { staffingMoves } from "./staffing-moves";

/** M1.2 and M1.3: the recommended 60:20:20 split beside the actual one, what to move, and who fits L1. */
export const StaffingCard = () => {
  const { t } = useTranslation();
  const staffing = useStaffing();
  return (
    <Card withBorder radius="md" padding="lg" component="section" data-testid="staffing-card">
      <Title order={2} size="h4">
        {t("department.staffing.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="md" data-testid="staffing-rule">
        {t("department.staffing.hint")}
      </Text>
      {staffing.isPending ? (
        <PageLoader />
      ) : staffing.isError ? (
        <LoadError error={staffing.error} onRetry={() => void staffing.refetch()} />
      ) : (
        <StaffingBody advice={staffing.data} />
      )}
    </Card>
  );
};

const signed = (locale: Locale, value: number) => formatNumber(locale, value, { signDisplay: "exceptZero" });

const StaffingBody = ({ advice }: { advice: StaffingAdvice }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { user } = useCurrentSession();
  const { moves, toFill } = staffingMoves(advice.gap);

  return (
    <Stack gap="md">
      {advice.departmentMode === "one_level" && (
        <Alert color="blue" data-testid="staffing-one-level">
          {t("department.staffing.oneLevel")}
        </Alert>
      )}
      <Text size="sm" fw={500}>
        {t("department.staffing.sellers", { count: advice.sellers })}
      </Text>
      <Table.ScrollContainer minWidth={300}>
        <Table verticalSpacing={6} data-testid="staffing-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("department.staffing.level")}</Table.Th>
              <Table.Th ta="end">{t("department.staffing.recommended")}</Table.Th>
              <Table.Th ta="end">{t("department.staffing.actual")}</Table.Th>
              <Table.Th ta="end">{t("department.staffing.gap")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {levels.map((level) => {
              const gap = advice.gap[level];
              return (
                <Table.Tr key={level} data-testid={`staffing-row-${level}`}>
                  <Table.Td>
                    <LevelTag level={level} />
                  </Table.Td>
                  <Table.Td ta="end" data-testid="staffing-recommended">
                    {formatNumber(locale, advice.recommended[level])}
                  </Table.Td>
                  <Table.Td ta="end" data-testid="staffing-actual">
                    {formatNumber(locale, advice.actual[level])}
                  </Table.Td>
                  <Table.Td ta="end" c={gap === 0 ? "green" : gap > 0 ? "orange" : "red"} data-testid="staffing-gap">
                    <span dir="ltr">{signed(locale, gap)}</span>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {advice.balanced ? (
        <Text size="sm" fw={600} c="green" data-testid="staffing-balanced">
          {t("department.staffing.balanced")}
        </Text>
      ) : (
        <Stack gap={4} data-testid="staffing-moves">
          <Text size="sm" fw={600}>
            {t("department.staffing.notBalanced")}
          </Text>
          <List size="sm" spacing={2}>
            {moves.map((move) => (
              <List.Item key={`${move.from}-${move.to}`}>{t("department.staffing.move", { count: move.count, from: move.from, to: move.to })}</List.Item>
            ))}
            {toFill.map((item) => (
              <List.Item key={item.level}>{t("department.staffing.fill", { count: item.count, level: item.level })}</List.Item>
            ))}
          </List>
        </Stack>
      )}

      {advice.withoutLevel > 0 && (
        <Group gap="xs" data-testid="staffing-without-level">
          <Text size="sm">{t("department.staffing.withoutLevel", { count: advice.withoutLevel })}</Text>
          {canOpenSection(user.role, "people") && (
            <Anchor component={Link} to={sectionPaths.people} size="sm">
              {t("department.staffing.assignLevels")}
            </Anchor>
          )}
        </Group>
      )}

      <Stack gap={4} data-testid="staffing-newcomers">
        <Text size="sm" fw={600}>
          {t("department.staffing.newcomersTitle")}
        </Text>
        <Text size="sm" c="dimmed">
          {t("department.staffing.newcomersHint")}
        </Text>
        {advice.newcomersOutsideL1.length === 0 ? (
          <Text size="sm">{t("department.staffing.noNewcomersOutsideL1")}</Text>
        ) : (
          <Text size="sm" data-testid="staffing-newcomers-outside-l1">
            {t("department.staffing.newcomersOutsideL1")}{" "}
            {advice.newcomersOutsideL1.map((person, index) => (
              <span key={person.id}>
                {index > 0 && ", "}
                <bdi>{person.name}</bdi>
              </span>
            ))}
          </Text>
        )}
      </Stack>
    </Stack>
  );
};
