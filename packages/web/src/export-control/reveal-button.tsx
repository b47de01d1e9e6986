import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Group, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { problemMessage } from "../ui/errors";
import { exportControlMeKey, reveal } from "./export-control.api";

/** Whether a value is one of the server's masks ("+7 *** ***-**-67", "i***@example.test"). */
export const isMaskedValue = (value: string): boolean => value.includes("***");

/**
 * M1.5: the masked phones or emails of a contact, with a "Show" button that asks the server for the real ones
 * (logged and capped per day) and shows them in place. Values that are not masked show as they are.
 */
export const RevealableValues = ({
  contactId,
  leadId,
  field,
  values,
}: {
  contactId?: string;
  leadId?: string;
  field: "phones" | "emails";
  values: readonly string[];
}) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<string[] | null>(null);
  const [left, setLeft] = useState<number | null>(null);
  const ask = useMutation({
    mutationFn: () => reveal({ ...(leadId !== undefined ? { leadId } : { contactId }), field }),
    onSuccess: (result) => {
      setShown(result.values);
      setLeft(result.remainingToday);
      void queryClient.invalidateQueries({ queryKey: exportControlMeKey });
    },
  });
  const list = shown ?? values;
  const masked = shown === null && values.some(isMaskedValue);
  return (
    <Group gap={6} wrap="wrap" data-testid={`contact-${field}`}>
      <Text size="sm" style={{ unicodeBidi: "plaintext" }} dir="ltr">
        {list.join(", ")}
      </Text>
      {left !== null && (
        <Text size="xs" c="dimmed" data-testid="reveals-left">
          {t("exportControl.reveal.left", { count: left })}
        </Text>
      )}
      {masked && (
        <Tooltip label={ask.isError ? problemMessage(t, ask.error) : t("exportControl.reveal.label")} opened={ask.isError ? true : undefined}>
          <Button size="compact-xs" variant="light" onClick={() => ask.mutate()} loading={ask.isPending} data-testid={`reveal-${field}`}>
            {t("exportControl.reveal.show")}
          </Button>
        </Tooltip>
      )}
    </Group>
  );
};
