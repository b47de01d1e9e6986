import { Link } from "react-router";
import { Avatar, Group, Menu, Text, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/current-session";
import { useSignOut } from "../auth/use-sign-out";

export const UserMenu = () => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const signOut = useSignOut();
  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label={user.name}>
          <Group gap="xs" wrap="nowrap">
            <Avatar name={user.name} color="initials" size="md" radius="xl" />
            <div style={{ lineHeight: 1.2 }}>
              <Text size="sm" fw={500} visibleFrom="sm" truncate maw={180}>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" visibleFrom="sm" truncate maw={180}>
                {t(`roles.${user.role}`)}
              </Text>
            </div>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={500} c="var(--mantine-color-text)">
            {user.name}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`roles.${user.role}`)}
          </Text>
          <Text size="xs" c="dimmed">
            <span dir="ltr">{user.email}</span>
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/profile" data-testid="user-menu-profile">
          {t("shell.profile")}
        </Menu.Item>
        <Menu.Item component={Link} to="/change-password" data-testid="user-menu-change-password">
          {t("shell.changePassword")}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" onClick={signOut} data-testid="sign-out">
          {t("shell.signOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
};
