import { Badge, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ClockedLead } from "@conveyor/contracts";
import { ageText, slaDetail, slaText } from "./lead-words";
import { slaStateOf, slaTone, slaToneColor } from "./sla-state";

/** A lead's age and where it stands against the SLA, in business minutes; late is red (M5.5). */
export const SlaCell = ({ lead, withDetail = true }: { lead: ClockedLead; withDetail?: boolean }) => {
  const { t } = useTranslation();
  const state = slaStateOf(lead);
  const tone = slaTone(state);
  const detail = withDetail ? slaDetail(t, state, lead.clock.slaMinutes) : null;
  return (
    <Stack gap={2} align="flex-start" data-testid="lead-sla" data-sla={state.kind} data-tone={tone}>
      <Badge variant={tone === "late" ? "filled" : "light"} color={slaToneColor[tone]} maw="none" style={{ textTransform: "none" }}>
        {slaText(t, state)}
      </Badge>
      <Text size="xs" c="dimmed">
        {ageText(t, lead)}
      </Text>
      {detail && (
        <Text size="xs" c={tone === "late_done" ? "orange" : "dimmed"}>
          {detail}
        </Text>
      )}
    </Stack>
  );
};
