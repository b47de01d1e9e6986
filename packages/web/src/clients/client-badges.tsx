import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CompanyStatus, Level, Temperature } from "@conveyor/contracts";
import { statusColor, temperatureColor } from "./client-options";

type PermanentBadgeProps = {
  serviceLevel?: string | null | undefined;
  title?: string | undefined;
  /** In a list's narrow column: the status word, with the service level on hover. */
  compact?: boolean;
};

/**
 * M4.2: a permanent client is marked everywhere it appears, with the service level it is promised;
 * the status alone would not say what to do differently.
 */
export const PermanentBadge = ({ serviceLevel, title, compact = false }: PermanentBadgeProps) => {
  const { t } = useTranslation();
  const full = serviceLevel ? t("handover.permanentService", { service: serviceLevel }) : t("handover.permanent");
  return (
    <Badge
      variant="filled"
      color={statusColor("permanent")}
      maw="none"
      title={title ?? (compact ? full : undefined)}
      data-testid="permanent-badge"
      data-service-level={serviceLevel ?? undefined}
    >
      {compact ? t("companyStatuses.permanent") : full}
    </Badge>
  );
};

export const StatusBadge = ({ status, serviceLevel }: { status: CompanyStatus; serviceLevel?: string | null }) => {
  const { t } = useTranslation();
  if (status === "permanent") return <PermanentBadge serviceLevel={serviceLevel} compact />;
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
export const LevelBadge = ({ level, title }: { level: Level; title?: string | undefined }) => {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="gray" title={title ?? t(`levels.${level}`)} data-testid="level-badge" data-level={level}>
      <span dir="ltr">{level}</span>
    </Badge>
  );
};
