import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CompanyStatus, Level, Temperature } from "@conveyor/contracts";
import { statusColor, temperatureColor } from "./client-options";

export const StatusBadge = ({ status }: { status: CompanyStatus }) => {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColor(status)} maw="none">
      {t(`companyStatuses.${status}`)}
    </Badge>
  );
};

export const TemperatureBadge = ({ temperature }: { temperature: Temperature }) => {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={temperatureColor(temperature)}>
      {t(`temperatures.${temperature}`)}
    </Badge>
  );
};

/** The level's code ("L2") with its name on hover: the code is what sellers say. */
export const LevelBadge = ({ level }: { level: Level }) => {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="gray" title={t(`levels.${level}`)}>
      <span dir="ltr">{level}</span>
    </Badge>
  );
};
