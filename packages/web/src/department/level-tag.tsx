import { Badge, type MantineColor, type MantineSize } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Level } from "@conveyor/contracts";

/** One colour per step of the conveyor (M1.1), so a chart reads at a glance which level is where. */
export const levelColor = (level: Level): MantineColor => {
  switch (level) {
    case "L1":
      return "blue";
    case "L2":
      return "orange";
    case "L3":
      return "teal";
  }
};

/** The level's code ("L2"), its name on hover; a quiet "No level" when there is none. */
export const LevelTag = ({ level, size = "sm" }: { level: Level | null; size?: MantineSize }) => {
  const { t } = useTranslation();
  if (level === null) {
    return (
      <Badge variant="outline" color="gray" size={size}>
        {t("department.noLevel")}
      </Badge>
    );
  }
  return (
    <Badge variant="light" color={levelColor(level)} size={size} title={t(`levels.${level}`)} data-level={level}>
      <span dir="ltr">{level}</span>
    </Badge>
  );
};
