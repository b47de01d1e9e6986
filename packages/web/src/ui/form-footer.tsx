import { Alert, Button, Group, type MantineColor } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isOnlyFieldErrors, problemMessage } from "./errors";

export type FormFooterProps = {
  /** The last failed submit; errors the form shows under its fields are not repeated here. */
  error: unknown;
  fields: readonly string[];
  pending: boolean;
  disabled: boolean;
  submitLabel: string;
  submitTestId: string;
  submitColor?: MantineColor | undefined;
  onCancel?: (() => void) | undefined;
};

/** Every form's ending: what went wrong beyond its fields, then Cancel and the submit button. */
export const FormFooter = ({ error, fields, pending, disabled, submitLabel, submitTestId, submitColor, onCancel }: FormFooterProps) => {
  const { t } = useTranslation();
  return (
    <>
      {error !== null && error !== undefined && !isOnlyFieldErrors(error, fields) && (
        <Alert color="red" role="alert">
          {problemMessage(t, error)}
        </Alert>
      )}
      <Group justify="flex-end">
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
        )}
        <Button type="submit" color={submitColor} loading={pending} disabled={disabled} data-testid={submitTestId}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
};
