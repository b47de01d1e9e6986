import { TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/current-session";
import { formatDateTime, timeZoneLongName } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { fromZonedInputValue } from "../i18n/zoned-time";

type ZonedDateTimeInputProps = {
  label: string;
  /** "YYYY-MM-DDTHH:mm" on the organization's clock (see zoned-time.ts). */
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
  "data-testid"?: string;
};

/**
 * A date and time on the organization's clock. The browser's picker shows the Gregorian calendar
 * in every language, so the value is repeated below in the reader's calendar (Solar Hijri in fa).
 */
export const ZonedDateTimeInput = ({ label, value, onChange, error, required, ...rest }: ZonedDateTimeInputProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const instant = fromZonedInputValue(value, organization.timeZone);
  const zoneName = timeZoneLongName(locale, organization.timeZone, instant ?? new Date()) ?? organization.timeZone;
  return (
    <TextInput
      type="datetime-local"
      label={label}
      required={required}
      dir="ltr"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      description={
        instant
          ? `${formatDateTime(locale, instant, organization.timeZone)} · ${t("dateInput.hint", { timeZone: zoneName })}`
          : t("dateInput.hint", { timeZone: zoneName })
      }
      data-testid={rest["data-testid"]}
    />
  );
};
