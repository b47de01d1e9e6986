import { Link } from "react-router";
import { Badge, Box, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { OrgChart, PersonRef } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { LoadError, PageLoader } from "../ui/page-states";
import { useOrgChart } from "./department.api";
import { canOpenSection, sectionPaths } from "./department-access";
import { LevelTag } from "./level-tag";
import { SectionHeader } from "./section-header";
import {
  groupAttachments,
  headcount,
  peopleWithTwoManagers,
  sortDepartments,
  sortMembers,
  sortTeamsAlongConveyor,
  type MatrixManager,
  type OrgChartDepartment,
  type OrgChartMember,
  type OrgChartTeam,
} from "./org-chart";

const line = "2px solid var(--mantine-color-default-border)";

/** A short vertical stroke between the levels of the chart; logical properties keep it on the start side in Persian. */
const Connector = () => <Box h={14} ms="lg" style={{ borderInlineStart: line }} aria-hidden="true" />;

/**
 * M5.8: the department as drawn — heads of sales on top, departments, their teams (level, lead) and
 * members; sellers outside teams; matrix managers and, per member, their second managers (M4.4).
 */
export const OrgChartPage = () => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const chart = useOrgChart();

  const header = <SectionHeader title={t("department.titles.orgChart")} />;
  if (chart.isPending || chart.isError) {
    return (
      <Stack gap="md">
        {header}
        {chart.isError ? <LoadError error={chart.error} onRetry={() => void chart.refetch()} /> : <PageLoader />}
      </Stack>
    );
  }
  const data = chart.data;
  const empty = data.departments.every((department) => department.teams.length === 0) && data.unassigned.length === 0;

  return (
    <Stack gap={0} data-testid="org-chart">
      <Box mb="md">{header}</Box>
      <StructureSummary chart={data} />
      <Connector />
      <HeadsOfSales heads={data.headsOfSales} me={user.id} />
      {empty ? (
        <>
          <Connector />
          <Card withBorder radius="md" padding="lg" data-testid="org-chart-empty">
            <Stack gap="xs" align="flex-start">
              <Text c="dimmed">{t("department.orgChart.empty")}</Text>
              {canOpenSection(user.role, "teams") && (
                <Button component={Link} to={sectionPaths.teams} variant="light" size="xs">
                  {t("department.orgChart.manageTeams")}
                </Button>
              )}
            </Stack>
          </Card>
        </>
      ) : (
        sortDepartments(data.departments).map((department) => (
          <Box key={department.id ?? "none"}>
            <Connector />
            <DepartmentBlock department={department} me={user.id} />
          </Box>
        ))
      )}
      {data.unassigned.length > 0 && (
        <>
          <Connector />
          <Card withBorder radius="md" padding="md" component="section" data-testid="org-chart-unassigned">
            <Title order={2} size="h5" mb="xs">
              {t("department.orgChart.unassigned")}
            </Title>
            <MemberList members={data.unassigned} me={user.id} />
          </Card>
        </>
      )}
      {data.matrixManagers.length > 0 && (
        <>
          <Connector />
          <MatrixManagers managers={data.matrixManagers} />
        </>
      )}
    </Stack>
  );
};

const StructureSummary = ({ chart }: { chart: OrgChart }) => {
  const { t } = useTranslation();
  const twoManagers = peopleWithTwoManagers(chart);
  return (
    <Card withBorder radius="md" padding="md" data-testid="org-chart-structure">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Stack gap={4}>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t("department.orgChart.mode")}
            </Text>
            <Badge variant="filled" data-testid="org-chart-mode" data-mode={chart.departmentMode}>
              {t(`department.modes.${chart.departmentMode}`)}
            </Badge>
          </Group>
          <Text size="sm">{t(`department.modeHints.${chart.departmentMode}`)}</Text>
        </Stack>
        <Stack gap={4}>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t("department.orgChart.variant")}
            </Text>
            <Badge variant="light" color="violet" data-testid="org-chart-variant" data-variant={chart.structureVariant}>
              {t(`department.variants.${chart.structureVariant}`)}
            </Badge>
          </Group>
          <Text size="sm">{t(`department.variantHints.${chart.structureVariant}`)}</Text>
        </Stack>
      </SimpleGrid>
      <Group gap="md" mt="sm">
        <Text size="xs" c="dimmed" data-testid="org-chart-headcount">
          {t("department.headcount", { count: headcount(chart) })}
        </Text>
        {twoManagers > 0 && (
          <Text size="xs" c="violet">
            {t("department.orgChart.twoManagersTotal", { count: twoManagers })}
          </Text>
        )}
      </Group>
    </Card>
  );
};

const PersonChip = ({ person, me, caption }: { person: PersonRef; me: string; caption?: string }) => {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" px="sm" py={6} style={{ maxWidth: "100%" }}>
      <Group gap={6} wrap="nowrap">
        <Text fw={600} size="sm" truncate>
          <bdi>{person.name}</bdi>
        </Text>
        {person.id === me && (
          <Badge size="xs" variant="outline">
            {t("common.you")}
          </Badge>
        )}
      </Group>
      {caption && (
        <Text size="xs" c="dimmed">
          {caption}
        </Text>
      )}
    </Paper>
  );
};

const HeadsOfSales = ({ heads, me }: { heads: PersonRef[]; me: string }) => {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" component="section" data-testid="org-chart-heads">
      <Title order={2} size="h5" mb="xs">
        {t("department.orgChart.headsOfSales")}
      </Title>
      {heads.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("department.orgChart.noHeads")}
        </Text>
      ) : (
        <Group gap="xs">
          {heads.map((head) => (
            <PersonChip key={head.id} person={head} me={me} caption={t("roles.head_of_sales")} />
          ))}
        </Group>
      )}
    </Card>
  );
};

const DepartmentBlock = ({ department, me }: { department: OrgChartDepartment; me: string }) => {
  const { t } = useTranslation();
  const title = department.name ?? t("department.orgChart.noDepartment");
  return (
    <Card withBorder radius="md" padding="md" component="section" data-testid="org-chart-department" data-kind={department.kind}>
      <Group justify="space-between" gap="xs" mb="sm" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Title order={2} size="h4">
              <bdi>{title}</bdi>
            </Title>
            {department.id !== null && (
              <Badge variant="outline" size="sm" title={t(`department.kindHints.${department.kind}`)}>
                {t(`department.kinds.${department.kind}`)}
              </Badge>
            )}
          </Group>
          {department.head && (
            <Text size="sm" c="dimmed">
              {t("department.orgChart.head", { name: department.head.name })}
              {department.head.id === me ? ` · ${t("common.you")}` : ""}
            </Text>
          )}
        </Stack>
      </Group>
      {department.teams.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("department.orgChart.noTeams")}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} spacing="sm">
          {sortTeamsAlongConveyor(department.teams).map((team) => (
            <TeamCard key={team.id} team={team} me={me} />
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
};

const TeamCard = ({ team, me }: { team: OrgChartTeam; me: string }) => {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="sm" data-testid="team-card" data-team={team.name} data-level={team.level ?? "none"}>
      <Group gap="xs" justify="space-between" wrap="nowrap" mb={4}>
        <Text fw={700} truncate>
          <bdi>{team.name}</bdi>
        </Text>
        <LevelTag level={team.level} />
      </Group>
      <Text size="sm" c={team.lead ? undefined : "dimmed"} mb="xs" data-testid="team-lead">
        {team.lead ? t("department.orgChart.lead", { name: team.lead.name }) : t("department.orgChart.noLead")}
        {team.lead?.id === me ? ` · ${t("common.you")}` : ""}
      </Text>
      {team.members.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("department.orgChart.noMembers")}
        </Text>
      ) : (
        <MemberList members={team.members} me={me} />
      )}
    </Paper>
  );
};

/** Members hang off a line on the inline start, like branches of the chart; second managers are marked in violet. */
const MemberList = ({ members, me }: { members: OrgChartMember[]; me: string }) => (
  <Stack gap={6} ps={0} style={{ borderInlineStart: line }} component="ul" m={0}>
    {sortMembers(members).map((member) => (
      <MemberRow key={member.id} member={member} me={me} />
    ))}
  </Stack>
);

const MemberRow = ({ member, me }: { member: OrgChartMember; me: string }) => {
  const { t } = useTranslation();
  const second = member.secondManagers;
  return (
    <Box component="li" ps="sm" style={{ listStyle: "none" }} data-testid="org-chart-member" data-member={member.name}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={500}>
          <bdi>{member.name}</bdi>
        </Text>
        <LevelTag level={member.level} size="xs" />
        {member.id === me && (
          <Badge size="xs" variant="outline">
            {t("common.you")}
          </Badge>
        )}
        {second.length > 0 && (
          <Badge size="xs" color="violet" variant="light" data-testid="two-managers">
            {t("department.orgChart.twoManagers")}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {member.salesRole ? t(`department.salesRoles.${member.salesRole}`) : t("department.noJob")}
      </Text>
      {second.length > 0 && (
        <Text size="xs" c="violet" data-testid="second-managers">
          {t("department.orgChart.secondManager", {
            names: second
              .map((manager) => (manager.salesRole ? `${manager.name} (${t(`department.salesRoles.${manager.salesRole}`)})` : manager.name))
              .join(", "),
          })}
        </Text>
      )}
    </Box>
  );
};

const MatrixManagers = ({ managers }: { managers: MatrixManager[] }) => {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" component="section" data-testid="org-chart-matrix" style={{ borderStyle: "dashed" }}>
      <Title order={2} size="h5">
        {t("department.orgChart.matrixManagers")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("department.orgChart.matrixHint")}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} spacing="sm">
        {managers.map((manager) => (
          <Paper
            key={manager.id}
            withBorder
            radius="md"
            p="sm"
            opacity={manager.active ? 1 : 0.7}
            data-testid="matrix-manager"
            data-active={manager.active}
          >
            <Text fw={600} size="sm">
              <bdi>{manager.name}</bdi>
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              {manager.salesRole ? t(`department.salesRoles.${manager.salesRole}`) : t("department.noJob")}
            </Text>
            {manager.assignments.length === 0 ? (
              <Text size="xs" c="dimmed">
                {t("department.orgChart.noAttachments")}
              </Text>
            ) : (
              <Stack gap={2}>
                {groupAttachments(manager.assignments).map((group) => (
                  <Text key={group.kind} size="xs">
                    <Text span size="xs" fw={600}>
                      {t(`department.matrixKinds.${group.kind}`)}:
                    </Text>{" "}
                    <bdi>{group.labels.join(", ")}</bdi>
                  </Text>
                ))}
              </Stack>
            )}
            {!manager.active && (
              <Text size="xs" c="orange" mt={4}>
                {t("department.orgChart.matrixInactive")}
              </Text>
            )}
          </Paper>
        ))}
      </SimpleGrid>
    </Card>
  );
};
