import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { sortReasons, type ReviewReason } from "./review-logic";

/** Red for money lost today, orange for money at risk, green for chances (the order of review-logic's reasonOrder). */
export const reasonColor = (reason: ReviewReason): string => {
  switch (reason) {
    case "task_due":
    case "result_date_passed":
      return "red";
    case "no_next_task":
    case "stale_in_stage":
      return "orange";
    case "hot":
      return "pink";
    case "new_since_review":
      return "teal";
  }
};

export const ReasonBadges = ({ reasons }: { reasons: readonly ReviewReason[] }) => {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {sortReasons(reasons).map((r) => (
        <Badge key={r} size="sm" variant="light" color={reasonColor(r)} data-testid="review-reason" data-reason={r}>
          {t(`review.reasons.${r}`)}
        </Badge>
      ))}
    </Group>
  );
};
