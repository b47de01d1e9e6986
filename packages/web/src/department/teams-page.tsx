import { useState } from "react";
import { Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Department, Team } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { LoadError, PageLoader } from "../ui/page-states";
import { DeleteConfirmModal, type DeleteTarget } from "./delete-confirm-modal";
import { DepartmentModal } from "./department-modal";
import { deleteDepartment, deleteTeam, useDepartments, useTeams } from "./department.api";
import { isHead } from "./department-access";
import { LevelTag } from "./level-tag";
import { sortTeamsAlongConveyor } from "./org-chart";
import { SectionHeader } from "./section-header";
import { TeamModal } from "./team-modal";

type Dialog = { kind: "department"; department: Department | null } | { kind: "team"; team: Team | null } | null;

/** Departments (M3.1) and teams with their level, lead and members; heads change them, team leads read. */
export const TeamsPage = () => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const departments = useDepartments();
  const teams = useTeams();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  const canEdit = isHead(user.role);

  const header = (
    <SectionHeader
      title={t("department.titles.teams")}
      hint={canEdit ? t("department.teams.hint") : `${t("department.teams.hint")} ${t("department.teams.readOnly")}`}
    />
  );
  if (departments.isError || teams.isError) {
    return (
      <Stack gap="md">
        {header}
        {departments.isError ? (
          <LoadError error={departments.error} onRetry={() => void departments.refetch()} />
        ) : (
          <LoadError error={teams.error} onRetry={() => void teams.refetch()} />
        )}
      </Stack>
    );
  }
  if (departments.isPending || teams.isPending) {
    return (
      <Stack gap="md">
        {header}
        <PageLoader />
      </Stack>
    );
  }
  const departmentName = new Map(departments.data.map((department) => [department.id, department.name]));
  const close = () => setDialog(null);

  return (
    <Stack gap="lg" data-testid="teams-page">
      {header}
      <Card withBorder radius="md" padding="lg" component="section" data-testid="departments-section">
        <Group justify="space-between" mb={4}>
          <Title order={2} size="h4">
            {t("department.teams.departments")}
          </Title>
          {canEdit && (
            <Button variant="light" size="xs" onClick={() => setDialog({ kind: "department", department: null })} data-testid="department-add">
              {t("department.teams.addDepartment")}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed" mb="sm">
          {t("department.teams.departmentsHint")}
        </Text>
        {departments.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("department.teams.noDepartments")}
          </Text>
        ) : (
          <Stack gap={0}>
            {departments.data.map((department) => (
              <Group
                key={department.id}
                justify="space-between"
                gap="sm"
                py="xs"
                style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
                data-testid={`department-row-${department.name}`}
              >
                <Stack gap={2} style={{ minWidth: 0, flex: "1 1 200px" }}>
                  <Group gap="xs">
                    <Text fw={600}>
                      <bdi>{department.name}</bdi>
                    </Text>
                    <Badge variant="outline" size="sm">
                      {t(`department.kinds.${department.kind}`)}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {[
                      department.head ? t("department.orgChart.head", { name: department.head.name }) : t("department.teams.noHead"),
                      t("department.teams.teamCount", { count: department.teamCount }),
                    ].join(" · ")}
                  </Text>
                </Stack>
                {canEdit && (
                  <Group gap={6} wrap="nowrap">
                    <Button
                      variant="default"
                      size="xs"
                      onClick={() => setDialog({ kind: "department", department })}
                      data-testid={`department-edit-${department.name}`}
                    >
                      {t("department.teams.edit")}
                    </Button>
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      onClick={() =>
                        setDeleting({
                          title: t("department.teams.deleteDepartmentTitle", { name: department.name }),
                          text: t("department.teams.deleteDepartmentText"),
                          doneMessage: t("department.teams.departmentDeleted"),
                          remove: () => deleteDepartment(department.id),
                        })
                      }
                      data-testid={`department-delete-${department.name}`}
                    >
                      {t("department.teams.delete")}
                    </Button>
                  </Group>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Card>

      <Card withBorder radius="md" padding="lg" component="section" data-testid="teams-section">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t("department.teams.teamsTitle")}
          </Title>
          {canEdit && (
            <Button variant="light" size="xs" onClick={() => setDialog({ kind: "team", team: null })} data-testid="team-add">
              {t("department.teams.addTeam")}
            </Button>
          )}
        </Group>
        {teams.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("department.teams.noTeams")}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} spacing="sm">
            {sortTeamsAlongConveyor(teams.data).map((team) => (
              <Paper key={team.id} withBorder radius="md" p="sm" data-testid={`team-row-${team.name}`}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text fw={700} truncate>
                    <bdi>{team.name}</bdi>
                  </Text>
                  <LevelTag level={team.level} />
                </Group>
                <Text size="xs" c="dimmed">
                  {[
                    team.departmentId ? (departmentName.get(team.departmentId) ?? "…") : t("department.teams.noDepartment"),
                    team.lead ? t("department.orgChart.lead", { name: team.lead.name }) : t("department.teams.noLead"),
                  ].join(" · ")}
                </Text>
                <Text size="sm" mt={4}>
                  {team.members.length === 0 ? t("department.orgChart.noMembers") : team.members.map((member) => member.name).join(", ")}
                </Text>
                {canEdit && (
                  <Group gap={6} mt="xs">
                    <Button variant="default" size="xs" onClick={() => setDialog({ kind: "team", team })} data-testid={`team-edit-${team.name}`}>
                      {t("department.teams.edit")}
                    </Button>
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      onClick={() =>
                        setDeleting({
                          title: t("department.teams.deleteTeamTitle", { name: team.name }),
                          text: t("department.teams.deleteTeamText"),
                          doneMessage: t("department.teams.teamDeleted"),
                          remove: () => deleteTeam(team.id),
                        })
                      }
                      data-testid={`team-delete-${team.name}`}
                    >
                      {t("department.teams.delete")}
                    </Button>
                  </Group>
                )}
              </Paper>
            ))}
          </SimpleGrid>
        )}
      </Card>

      <DepartmentModal opened={dialog?.kind === "department"} department={dialog?.kind === "department" ? dialog.department : null} onClose={close} />
      <TeamModal opened={dialog?.kind === "team"} team={dialog?.kind === "team" ? dialog.team : null} departments={departments.data} onClose={close} />
      <DeleteConfirmModal target={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
};
