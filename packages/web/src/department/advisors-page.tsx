import { Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/current-session";
import { isHead } from "./department-access";
import { RestructureCard } from "./restructure-card";
import { SectionHeader } from "./section-header";
import { StaffingCard } from "./staffing-card";

/** The staffing advisor (M1.2, M1.3) for heads and team leads; the restructure advisor (M1.5) for heads only. */
export const AdvisorsPage = () => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  return (
    <Stack gap="lg" data-testid="advisors-page">
      <SectionHeader title={t("department.titles.advisors")} />
      <StaffingCard />
      {isHead(user.role) && <RestructureCard />}
    </Stack>
  );
};
