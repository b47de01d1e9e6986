import { useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import type { Role, User, UserStatus } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { isAdmin } from "../auth/permissions";
import { LoadError, PageLoader } from "../ui/page-states";
import { AddUserModal } from "./add-user-modal";
import { EditUserModal } from "./edit-user-modal";
import { ResetPasswordModal } from "./reset-password-modal";
import { ResetTwoFactorModal } from "./reset-two-factor-modal";
import { roleOptions, statusOptions } from "./role-options";
import { UserStatusModal } from "./user-status-modal";
import { UsersTable, type UserAction } from "./users-table";
import { listUsers, usersKey } from "./users.api";

const pageSize = 50;

type Dialog = { kind: "add" } | { kind: UserAction; user: User } | null;

export const UsersPage = () => {
  const { t } = useTranslation();
  const { user: me } = useCurrentSession();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<UserStatus | null>(null);
  const [role, setRole] = useState<Role | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  const filters = { q: q || undefined, status: status ?? undefined, role: role ?? undefined };
  const users = useInfiniteQuery({
    queryKey: [...usersKey, "list", filters],
    // The first page has no cursor; an empty one is dropped from the query string.
    queryFn: ({ pageParam }) => listUsers(filters, { cursor: pageParam || undefined, limit: pageSize }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });

  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  const total = users.data?.pages[0]?.total;
  const admin = isAdmin(me.role);
  const close = () => setDialog(null);
  const dialogUser = (kind: UserAction) => (dialog && dialog.kind === kind ? dialog.user : null);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t("users.title")}
          </Title>
          {total !== undefined && (
            <Text c="dimmed" size="sm" data-testid="users-total">
              {t("users.total", { count: total })}
            </Text>
          )}
        </div>
        {admin && (
          <Button onClick={() => setDialog({ kind: "add" })} data-testid="users-add">
            {t("users.add")}
          </Button>
        )}
      </Group>

      <Group gap="sm" align="flex-end">
        <TextInput
          style={{ flex: "1 1 260px" }}
          type="search"
          aria-label={t("users.search")}
          placeholder={t("users.search")}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="users-search"
        />
        <Select<UserStatus>
          w={200}
          aria-label={t("users.status")}
          placeholder={t("users.anyStatus")}
          clearable
          data={statusOptions(t)}
          value={status}
          onChange={setStatus}
          data-testid="users-filter-status"
        />
        <Select<Role>
          w={260}
          aria-label={t("users.role")}
          placeholder={t("users.anyRole")}
          clearable
          data={roleOptions(t)}
          value={role}
          onChange={setRole}
          data-testid="users-filter-role"
        />
      </Group>

      {users.isPending ? (
        <PageLoader />
      ) : users.isError && items.length === 0 ? (
        <LoadError error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <>
          <UsersTable
            users={items}
            me={me}
            canManage={admin}
            onAction={(kind, user) => setDialog({ kind, user })}
          />
          {items.length === 0 && (
            <Text c="dimmed" ta="center" py="xl">
              {t("users.empty")}
            </Text>
          )}
          {users.isFetchNextPageError && <LoadError error={users.error} />}
          {users.hasNextPage && (
            <Group justify="center">
              <Button
                variant="default"
                loading={users.isFetchingNextPage}
                onClick={() => void users.fetchNextPage()}
                data-testid="users-load-more"
              >
                {t("users.loadMore")}
              </Button>
            </Group>
          )}
        </>
      )}

      <AddUserModal opened={dialog?.kind === "add"} onClose={close} />
      <EditUserModal user={dialogUser("edit")} onClose={close} />
      <ResetPasswordModal user={dialogUser("reset")} onClose={close} />
      <ResetTwoFactorModal user={dialogUser("twoFactor")} onClose={close} />
      <UserStatusModal user={dialogUser("status")} onClose={close} />
    </Stack>
  );
};
