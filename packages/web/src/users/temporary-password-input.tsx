import { Button, CopyButton, Group, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { minPasswordLength } from "@conveyor/contracts";
import { generatePassword } from "./generate-password";

type TemporaryPasswordInputProps = {
  value: string;
  onChange: (value: string) => void;
  error?: string;
};

const monospace = { input: { fontFamily: "var(--mantine-font-family-monospace)" } };

/** Shown in clear text on purpose: the administrator has to pass it on to the person. */
export const TemporaryPasswordInput = ({ value, onChange, error }: TemporaryPasswordInputProps) => {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <TextInput
        style={{ flex: 1 }}
        label={t("users.temporaryPassword")}
        description={t("changePassword.hint", { min: minPasswordLength })}
        required
        autoComplete="off"
        spellCheck={false}
        dir="ltr"
        styles={monospace}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        data-testid="temporary-password"
      />
      <Button variant="default" onClick={() => onChange(generatePassword())} data-testid="temporary-password-generate">
        {t("users.generate")}
      </Button>
    </Group>
  );
};

/** The password just set, with a copy button, so the administrator can hand it over. */
export const IssuedPassword = ({ password }: { password: string }) => {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <TextInput
        style={{ flex: 1 }}
        readOnly
        value={password}
        dir="ltr"
        styles={monospace}
        aria-label={t("users.temporaryPassword")}
        data-testid="issued-password"
      />
      <CopyButton value={password}>
        {({ copied, copy }) => (
          <Button variant={copied ? "light" : "default"} color={copied ? "green" : undefined} onClick={copy}>
            {copied ? t("common.copied") : t("common.copy")}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
};
