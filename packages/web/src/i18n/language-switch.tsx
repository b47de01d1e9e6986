import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { locales, type Locale } from "@conveyor/contracts";
import { useLocale } from "./locale-provider";

/**
 * Русский / English / فارسی, each written in its own language so anyone can find theirs.
 * Tests click the option by its testid `language-option-<locale>`.
 */
export const LanguageSwitch = () => {
  const { t } = useTranslation();
  const { locale, chooseLocale } = useLocale();
  return (
    <SegmentedControl<Locale>
      size="xs"
      value={locale}
      onChange={chooseLocale}
      aria-label={t("languages.label")}
      data-testid="language-switch"
      data={locales.map((value) => ({
        value,
        label: (
          <span lang={value} data-testid={`language-option-${value}`}>
            {t(`languages.${value}`)}
          </span>
        ),
      }))}
    />
  );
};
