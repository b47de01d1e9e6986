import { Suspense } from "react";
import { Link, Outlet } from "react-router";
import { Anchor, AppShell, Burger, Group } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../i18n/language-switch";
import { QuickAddButton } from "../quick-add/quick-add-button";
import { PageLoader } from "../ui/page-states";
import { GlobalSearch } from "./global-search";
import { NavLinks } from "./nav-links";
import { RemindersBell } from "./reminders-bell";
import { UserMenu } from "./user-menu";

/** Header, navigation and the current page. The navbar sits on the inline start: right in Persian. */
export const AppLayout = () => {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="lg"
      data-testid="app-shell"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("shell.toggleNavigation")}
            />
            <Anchor component={Link} to="/" fw={700} size="lg" c="inherit" underline="never" visibleFrom="xs">
              {t("product.name")}
            </Anchor>
            <GlobalSearch />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <QuickAddButton />
            <RemindersBell />
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t("shell.navigation")}>
        <NavLinks onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
};
