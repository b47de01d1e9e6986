import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Checkbox, Menu, Modal, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { SavedView, SavedViewEntity } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { canShareViews } from "../auth/permissions";
import { fieldErrorMessage } from "../ui/errors";
import { FormFooter } from "../ui/form-footer";
import { createSavedView, deleteSavedView, savedViewsKey, updateSavedView, useSavedViews } from "./saved-views.api";
import { activeView } from "./view-query";

type SavedViewsMenuProps = {
  entity: SavedViewEntity;
  /** The list's query as it is in the URL now. */
  current: Readonly<Record<string, string>>;
  /** Puts a view's query into the URL. */
  onApply: (query: Record<string, string>) => void;
};

type Dialog = { kind: "save" } | { kind: "edit"; view: SavedView } | { kind: "delete"; view: SavedView } | null;

/**
 * The "Views" menu of a list: the viewer's views, then the shared ones; picking one puts its
 * query into the URL. The view on screen, when it is the viewer's, can be renamed or deleted.
 */
export const SavedViewsMenu = ({ entity, current, onApply }: SavedViewsMenuProps) => {
  const { t } = useTranslation();
  const views = useSavedViews(entity);
  const [dialog, setDialog] = useState<Dialog>(null);
  const list = views.data ?? [];
  const mine = list.filter((view) => view.mine);
  const shared = list.filter((view) => !view.mine);
  const active = activeView(list, current);

  const item = (view: SavedView) => (
    <Menu.Item
      key={view.id}
      onClick={() => onApply({ ...view.query })}
      fw={view.id === active?.id ? 600 : undefined}
      aria-current={view.id === active?.id ? "true" : undefined}
      rightSection={
        view.mine ? undefined : (
          <Text size="xs" c="dimmed">
            {t("savedViews.sharedBy", { name: view.ownerName })}
          </Text>
        )
      }
      data-testid={`saved-view-${view.name}`}
    >
      <bdi>{view.name}</bdi>
    </Menu.Item>
  );

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" data-testid={`${entity}-views`}>
            {active ? (
              // One inline span: the button's label is a flex box, which would drop the space.
              <span>
                {t("savedViews.menu")}: <bdi>{active.name}</bdi>
              </span>
            ) : (
              t("savedViews.menu")
            )}
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid={`${entity}-views-menu`}>
          {list.length === 0 && <Menu.Label>{t("savedViews.none")}</Menu.Label>}
          {mine.length > 0 && <Menu.Label>{t("savedViews.mine")}</Menu.Label>}
          {mine.map(item)}
          {shared.length > 0 && <Menu.Label>{t("savedViews.shared")}</Menu.Label>}
          {shared.map(item)}
          <Menu.Divider />
          <Menu.Item onClick={() => setDialog({ kind: "save" })} data-testid="saved-view-save">
            {t("savedViews.save")}
          </Menu.Item>
          {active?.mine && (
            <>
              <Menu.Item onClick={() => setDialog({ kind: "edit", view: active })} data-testid="saved-view-rename">
                {t("savedViews.rename")}: <bdi>{active.name}</bdi>
              </Menu.Item>
              <Menu.Item color="red" onClick={() => setDialog({ kind: "delete", view: active })} data-testid="saved-view-delete">
                {t("savedViews.delete")}: <bdi>{active.name}</bdi>
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={
          dialog?.kind === "edit"
            ? t("savedViews.renameTitle", { name: dialog.view.name })
            : dialog?.kind === "delete"
              ? t("savedViews.deleteTitle", { name: dialog.view.name })
              : t("savedViews.saveTitle")
        }
      >
        {dialog?.kind === "delete" ? (
          <DeleteViewForm view={dialog.view} onClose={() => setDialog(null)} />
        ) : dialog ? (
          <ViewForm
            key={dialog.kind === "edit" ? dialog.view.id : "new"}
            entity={entity}
            view={dialog.kind === "edit" ? dialog.view : null}
            query={current}
            onClose={() => setDialog(null)}
          />
        ) : null}
      </Modal>
    </>
  );
};

const fields = ["name", "shared", "query"];

/** Saving the list on screen under a name, or renaming (and sharing or not) a view of one's own. */
const ViewForm = ({
  entity,
  view,
  query,
  onClose,
}: {
  entity: SavedViewEntity;
  view: SavedView | null;
  query: Readonly<Record<string, string>>;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const queryClient = useQueryClient();
  const [name, setName] = useState(view?.name ?? "");
  const [shared, setShared] = useState(view?.shared ?? false);
  const mayShare = canShareViews(user.role);

  const mutation = useMutation({
    mutationFn: () =>
      view
        ? updateSavedView(view.id, { name: name.trim(), ...(mayShare ? { shared } : {}) })
        : createSavedView({ entity, name: name.trim(), query: { ...query }, ...(mayShare && shared ? { shared } : {}) }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: savedViewsKey });
      notifications.show({ color: "green", message: view ? t("savedViews.renamed") : t("savedViews.saved", { name: saved.name }) });
      onClose();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (name.trim()) mutation.mutate();
  };

  return (
    <form onSubmit={submit} noValidate data-testid="saved-view-form">
      <Stack gap="sm">
        <TextInput
          label={t("savedViews.name")}
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldErrorMessage(t, mutation.error, "name")}
          data-autofocus
          data-testid="saved-view-name"
        />
        {mayShare && (
          <Checkbox
            label={t("savedViews.share")}
            description={t("savedViews.shareHint")}
            checked={shared}
            onChange={(e) => setShared(e.currentTarget.checked)}
            data-testid="saved-view-shared"
          />
        )}
        <FormFooter
          error={mutation.error}
          fields={fields}
          pending={mutation.isPending}
          disabled={name.trim() === ""}
          submitLabel={t("common.save")}
          submitTestId="saved-view-submit"
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
};

const DeleteViewForm = ({ view, onClose }: { view: SavedView; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => deleteSavedView(view.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: savedViewsKey });
      notifications.show({ color: "green", message: t("savedViews.deleted") });
      onClose();
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <form onSubmit={submit} noValidate data-testid="saved-view-delete-form">
      <Stack gap="sm">
        <Text size="sm">{t("savedViews.deleteText")}</Text>
        <FormFooter
          error={mutation.error}
          fields={[]}
          pending={mutation.isPending}
          disabled={false}
          submitLabel={t("savedViews.delete")}
          submitColor="red"
          submitTestId="saved-view-delete-submit"
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
};
