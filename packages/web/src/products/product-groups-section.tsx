import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Badge, Button, Group, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { fieldErrorMessage, isOnlyFieldErrors, problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { createProductGroup, productsKey, useProductGroups } from "./products.api";

/** The product groups with how many products each holds, and a line to add one. */
export const ProductGroupsSection = () => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const groups = useProductGroups();
  const [name, setName] = useState("");

  const mutation = useMutation({
    mutationFn: () => createProductGroup(name.trim()),
    onSuccess: (group) => {
      void queryClient.invalidateQueries({ queryKey: productsKey });
      notifications.show({ color: "green", message: t("products.groupAdded", { name: group.name }) });
      setName("");
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (name.trim()) mutation.mutate();
  };
  const error = mutation.error;

  return (
    <>
      {groups.isPending ? (
        <PageLoader />
      ) : groups.isError ? (
        <LoadError error={groups.error} onRetry={() => void groups.refetch()} />
      ) : groups.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("products.noGroups")}
        </Text>
      ) : (
        <Group gap="xs" data-testid="product-groups">
          {groups.data.map((group) => (
            <Badge key={group.id} variant="light" size="lg" tt="none" data-testid={`product-group-${group.name}`}>
              <bdi>{group.name}</bdi> · {t("products.groupCount", { count: group.productCount })}
            </Badge>
          ))}
        </Group>
      )}
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" mt="md" gap="sm">
          <TextInput
            placeholder={t("products.groupName")}
            aria-label={t("products.groupName")}
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldErrorMessage(t, error, "name")}
            data-testid="product-group-name"
          />
          <Button type="submit" variant="light" loading={mutation.isPending} disabled={name.trim() === ""} data-testid="product-group-add">
            {t("products.addGroup")}
          </Button>
        </Group>
        {mutation.isError && !isOnlyFieldErrors(error, ["name"]) && (
          <Alert color="red" role="alert" mt="sm">
            {problemMessage(t, error)}
          </Alert>
        )}
      </form>
    </>
  );
};
