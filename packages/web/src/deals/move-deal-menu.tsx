import { Button, Menu } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Stage } from "@conveyor/contracts";

type MoveDealMenuProps = {
  dealTitle: string;
  currentStageId: string;
  /** In board order. */
  stages: readonly Stage[];
  onMove: (stage: Stage) => void;
};

/** "Move to…": the keyboard and screen-reader way to do what dragging a card does. */
export const MoveDealMenu = ({ dealTitle, currentStageId, stages, onMove }: MoveDealMenuProps) => {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Button
          size="compact-xs"
          variant="subtle"
          aria-label={t("deals.moveMenu", { title: dealTitle })}
          data-testid={`deal-move-${dealTitle}`}
        >
          {t("deals.moveTo")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {stages
          .filter((stage) => stage.id !== currentStageId)
          .map((stage) => (
            <Menu.Item
              key={stage.id}
              color={stage.kind === "lost" ? "red" : stage.kind === "won" ? "teal" : undefined}
              onClick={() => onMove(stage)}
              data-testid={`deal-move-to-${stage.name}`}
            >
              {stage.name}
            </Menu.Item>
          ))}
      </Menu.Dropdown>
    </Menu>
  );
};
