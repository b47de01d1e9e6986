import { useTranslation } from "react-i18next";
import { Title } from "@mantine/core";

export const ForecastPage = () => {
  const { t } = useTranslation();
  return <Title order={2}>{t("kpi.sections.dashboard")}</Title>;
};
