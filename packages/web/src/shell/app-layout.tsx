import { Suspense } from "react";
import { Link, Outlet } from "react-router";
import { Anchor, AppShell, Box, Burger, Group, em } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../i18n/language-switch";
import { QuickAddButton } from "../quick-add/quick-add-button";
import { PageLoader } from "../ui/page-states";
import { GlobalSearch } from "./global-search";
import { NavLinks } from "./nav-links";
import { NotificationsBell } from "./notifications-bell";
import { RemindersBell } from "./reminders-bell";
import { UserMenu } from "./user-menu";

/** Header, navigation and the current page. The navbar sits on the inline start: right in Persian. */
export const AppLayout = () => {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  // On a phone the header has no room for the language switch: it moves into the navigation
  // drawer. One switch at a time, so it is never in the page twice.
  const wide = useMediaQuery(`(min-width: ${em(768)})`, true);
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
            <NotificationsBell />
            <RemindersBell />
            {wide && <LanguageSwitch />}
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t("shell.navigation")}>
        <NavLinks onNavigate={close} />
        {!wide && (
          <Box mt="md">
            <LanguageSwitch />
          </Box>
        )}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
};
