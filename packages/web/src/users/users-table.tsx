import { ActionIcon, Badge, Group, Menu, Table, Text, VisuallyHidden } from "@mantine/core";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { Session, User } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatDateTime } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";

export type UserAction = "edit" | "reset" | "twoFactor" | "status";

type UsersTableProps = {
  users: User[];
  me: Session["user"];
  canManage: boolean;
  onAction: (action: UserAction, user: User) => void;
};

const DotsIcon = () => (
  <svg width="18" height="18" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
    <circle cx="5" cy="12" r="2" />
    <circle cx="12" cy="12" r="2" />
    <circle cx="19" cy="12" r="2" />
  </svg>
);

export const UsersTable = ({ users, me, canManage, onAction }: UsersTableProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();

  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("users.name")}</Table.Th>
            <Table.Th>{t("users.email")}</Table.Th>
            <Table.Th>{t("users.role")}</Table.Th>
            <Table.Th>{t("users.status")}</Table.Th>
            <Table.Th>{t("users.lastSignIn")}</Table.Th>
            {canManage && (
              <Table.Th>
                <VisuallyHidden>{t("users.actions")}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => {
            const isMe = user.id === me.id;
            return (
              <Table.Tr key={user.id} data-testid={`user-row-${user.email}`}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {user.name}
                    </Text>
                    {isMe && (
                      <Badge size="xs" variant="outline">
                        {t("common.you")}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    <span dir="ltr">{user.email}</span>
                  </Text>
                </Table.Td>
                <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={user.status === "active" ? "green" : "gray"}>
                    {t(`statuses.${user.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Text size="sm" c={user.lastSignInAt ? undefined : "dimmed"}>
                    {user.lastSignInAt
                      ? formatDateTime(locale, user.lastSignInAt, organization.timeZone)
                      : t("common.never")}
                  </Text>
                </Table.Td>
                {canManage && (
                  <Table.Td ta="end">
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t("users.rowActions", { name: user.name })}
                          data-testid={`user-actions-${user.email}`}
                        >
                          <DotsIcon />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => onAction("edit", user)} data-testid="user-action-edit">
                          {t("users.edit")}
                        </Menu.Item>
                        <Menu.Item onClick={() => onAction("reset", user)} data-testid="user-action-reset">
                          {t("users.resetPassword")}
                        </Menu.Item>
                        <Menu.Item onClick={() => onAction("twoFactor", user)} disabled={isMe} data-testid="user-action-reset-two-factor">
                          {t("users.resetTwoFactor")}
                        </Menu.Item>
                        {/* [anti-leak] offboarding: hand the person's clients and tasks on; the report of their last 30 days. */}
                        <Menu.Item component={Link} to={`/users/${user.id}/offboarding`} disabled={isMe} data-testid="user-action-offboarding">
                          {user.status === "active" ? t("exportControl.offboarding.offboard") : t("exportControl.offboarding.link")}
                        </Menu.Item>
                        <Menu.Divider />
                        {user.status === "active" ? (
                          <Menu.Item
                            color="red"
                            disabled={isMe}
                            title={isMe ? t("users.cannotDeactivateSelf") : undefined}
                            onClick={() => onAction("status", user)}
                            data-testid="user-action-deactivate"
                          >
                            {t("users.deactivate")}
                          </Menu.Item>
                        ) : (
                          <Menu.Item onClick={() => onAction("status", user)} data-testid="user-action-reactivate">
                            {t("users.reactivate")}
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
