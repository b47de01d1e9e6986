import { useState } from "react";
import { Button, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { roles, type ConveyorProfile, type Role, type Team } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { LoadError, PageLoader } from "../ui/page-states";
import { useConveyorPeople, useConveyorSettings, useTeams } from "./department.api";
import { isHead } from "./department-access";
import { LevelTag } from "./level-tag";
import { groupAttachments } from "./org-chart";
import { PersonModal } from "./person-modal";
import { SectionHeader } from "./section-header";

/**
 * Everyone's place on the conveyor: level (M1.1), job (M4.3), client cap, clients held, teams and the
 * matrix attachments (M4.4). Heads and team leads read it; heads edit.
 */
export const PeoplePage = () => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const people = useConveyorPeople();
  const teams = useTeams();
  const settings = useConveyorSettings();
  const [editing, setEditing] = useState<ConveyorProfile | null>(null);
  const canEdit = isHead(user.role);

  const header = <SectionHeader title={t("department.titles.people")} hint={t("department.people.hint")} />;
  if (people.isPending || people.isError) {
    return (
      <Stack gap="md">
        {header}
        {people.isError ? <LoadError error={people.error} onRetry={() => void people.refetch()} /> : <PageLoader />}
      </Stack>
    );
  }
  const defaultCap = settings.data?.receiverCap ?? null;
  const teamNames = new Map((teams.data ?? []).map((team: Team) => [team.id, team.name]));

  return (
    <Stack gap="md" data-testid="people-page">
      {header}
      {people.data.length === 0 ? (
        <Text c="dimmed" data-testid="people-empty">
          {t("department.people.empty")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={1040}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="people-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("department.people.name")}</Table.Th>
                <Table.Th>{t("department.people.level")}</Table.Th>
                <Table.Th>{t("department.people.job")}</Table.Th>
                <Table.Th>{t("department.people.cap")}</Table.Th>
                <Table.Th>{t("department.people.clients")}</Table.Th>
                <Table.Th>{t("department.people.teams")}</Table.Th>
                <Table.Th>{t("department.people.matrix")}</Table.Th>
                {canEdit && (
                  <Table.Th>
                    <VisuallyHidden>{t("department.people.edit")}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.data.map((person) => {
                const cap = person.clientCap ?? defaultCap;
                const full = cap !== null && person.clients >= cap;
                return (
                  <Table.Tr key={person.userId} data-testid={`people-row-${person.name}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        <bdi>{person.name}</bdi>
                      </Text>
                      <Text size="xs" c="dimmed">
                        {isRole(person.role) ? t(`roles.${person.role}`) : person.role}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <LevelTag level={person.level} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={person.salesRole ? undefined : "dimmed"}>
                        {person.salesRole ? t(`department.salesRoles.${person.salesRole}`) : t("department.noJob")}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <Text size="sm" c={person.clientCap === null ? "dimmed" : undefined}>
                        {person.clientCap !== null
                          ? t("department.people.capValue", { cap: person.clientCap })
                          : defaultCap !== null
                            ? t("department.people.defaultCap", { cap: defaultCap })
                            : t("department.people.noCap")}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <Text size="sm" c={full ? "red" : undefined} data-testid="person-clients">
                        {cap === null
                          ? t("department.people.clientsCount", { value: person.clients })
                          : t("department.people.clientsOfCap", { clients: person.clients, cap })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        {person.teamIds.map((id) => (
                          <Text key={id} size="sm">
                            <bdi>{teamNames.get(id) ?? "…"}</bdi>
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        {groupAttachments(person.matrix).map((group) => (
                          <Text key={group.kind} size="xs">
                            <Text span size="xs" fw={600}>
                              {t(`department.matrixKinds.${group.kind}`)}:
                            </Text>{" "}
                            <bdi>{group.labels.join(", ")}</bdi>
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                    {canEdit && (
                      <Table.Td ta="end">
                        <Button
                          variant="default"
                          size="xs"
                          onClick={() => setEditing(person)}
                          aria-label={t("department.people.editLabel", { name: person.name })}
                          data-testid={`person-edit-${person.name}`}
                        >
                          {t("department.people.edit")}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PersonModal person={editing} defaultCap={defaultCap} onClose={() => setEditing(null)} />
    </Stack>
  );
};

const isRole = (value: string): value is Role => roles.some((role) => role === value);
