import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ActionIcon, Badge, Button, Card, Group, Stack, Tabs, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { customFieldEntities, type CustomField, type CustomFieldEntity, type UpdateCustomField } from "@conveyor/contracts";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { CustomFieldModal } from "./custom-field-modal";
import { customFieldsKey, updateCustomField, useCustomFields } from "./custom-fields.api";
import { movedPosition } from "./custom-values";

const isEntity = (value: string | null): value is CustomFieldEntity => customFieldEntities.some((e) => e === value);

/** The organization's own fields of clients and deals, for the administrator and the head of sales. */
export const CustomFieldsPage = () => {
  const { t } = useTranslation();
  const [entity, setEntity] = useState<CustomFieldEntity>("company");
  return (
    <Stack gap="lg" maw={880} data-testid="custom-fields-page">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t("customFields.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("customFields.hint")}
        </Text>
      </Stack>
      <Tabs value={entity} onChange={(value) => isEntity(value) && setEntity(value)}>
        <Tabs.List>
          {customFieldEntities.map((value) => (
            <Tabs.Tab key={value} value={value} data-testid={`custom-fields-tab-${value}`}>
              {t(`customFields.entities.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <EntityFields key={entity} entity={entity} />
    </Stack>
  );
};

const EntityFields = ({ entity }: { entity: CustomFieldEntity }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useCustomFields(entity, true);
  const [editing, setEditing] = useState<CustomField | null>(null);
  const [adding, setAdding] = useState(false);

  const mutation = useMutation({
    mutationFn: ({ field, patch }: { field: CustomField; patch: UpdateCustomField }) => updateCustomField(field.id, patch),
    onSuccess: (saved, { patch }) => {
      void queryClient.invalidateQueries({ queryKey: customFieldsKey });
      if (patch.archived !== undefined) {
        notifications.show({ color: "green", message: t(patch.archived ? "customFields.archived" : "customFields.restored", { label: saved.label }) });
      }
    },
    onError: (error) => notifications.show({ color: "red", message: problemMessage(t, error) }),
  });

  if (list.isPending) return <PageLoader />;
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const fields = list.fields;

  const move = (index: number, delta: -1 | 1) => {
    const field = fields[index];
    const position = movedPosition(fields, index, delta);
    if (field && position !== null) mutation.mutate({ field, patch: { position } });
  };

  return (
    <Card withBorder radius="md" padding="lg" component="section">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t(`customFields.entities.${entity}`)}
        </Title>
        <Button variant="light" onClick={() => setAdding(true)} data-testid="custom-field-add">
          {t("customFields.add")}
        </Button>
      </Group>
      {fields.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="custom-fields-empty">
          {t("customFields.empty")}
        </Text>
      ) : (
        <Stack gap="xs">
          {fields.map((field, index) => (
            <Group
              key={field.id}
              justify="space-between"
              wrap="nowrap"
              gap="sm"
              py={6}
              style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
              data-testid={`custom-field-row-${field.label}`}
            >
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap="xs">
                  <Text fw={600} c={field.archived ? "dimmed" : undefined}>
                    <bdi>{field.label}</bdi>
                  </Text>
                  <Badge variant="default" size="sm">
                    {t(`customFields.types.${field.type}`)}
                  </Badge>
                  {field.archived && (
                    <Badge color="gray" size="sm">
                      {t("customFields.archivedBadge")}
                    </Badge>
                  )}
                </Group>
                {field.options.length > 0 && (
                  <Text size="xs" c="dimmed" truncate>
                    {field.options.join(" · ")}
                  </Text>
                )}
              </Stack>
              <Group gap={6} wrap="nowrap">
                <ActionIcon
                  variant="default"
                  size="lg"
                  disabled={index === 0 || mutation.isPending}
                  onClick={() => move(index, -1)}
                  aria-label={t("customFields.moveUp", { label: field.label })}
                  data-testid={`custom-field-up-${index}`}
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  size="lg"
                  disabled={index === fields.length - 1 || mutation.isPending}
                  onClick={() => move(index, 1)}
                  aria-label={t("customFields.moveDown", { label: field.label })}
                  data-testid={`custom-field-down-${index}`}
                >
                  ↓
                </ActionIcon>
                <Button variant="default" size="xs" onClick={() => setEditing(field)} data-testid={`custom-field-edit-${index}`}>
                  {t("customFields.edit")}
                </Button>
                <Button
                  variant="subtle"
                  size="xs"
                  color={field.archived ? undefined : "red"}
                  disabled={mutation.isPending}
                  onClick={() => mutation.mutate({ field, patch: { archived: !field.archived } })}
                  data-testid={`custom-field-archive-${index}`}
                >
                  {field.archived ? t("customFields.restore") : t("customFields.archive")}
                </Button>
              </Group>
            </Group>
          ))}
        </Stack>
      )}
      <CustomFieldModal
        opened={adding || editing !== null}
        entity={entity}
        field={editing}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
      />
    </Card>
  );
};
