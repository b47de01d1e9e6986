import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DealStatus } from "@conveyor/contracts";

const statusColor = (status: DealStatus) => (status === "won" ? "teal" : status === "lost" ? "red" : "blue");

export const DealStatusBadge = ({ status }: { status: DealStatus }) => {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={statusColor(status)}>
      {t(`dealStatuses.${status}`)}
    </Badge>
  );
};
