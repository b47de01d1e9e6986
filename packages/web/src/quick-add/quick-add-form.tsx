import { useState } from "react";
import { useMatch } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { Stack, Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { companyCardSchema } from "@conveyor/contracts";
import { LogActivityForm } from "../activities/log-activity-form";
import { clientCardKey } from "../clients/clients.api";
import { TaskForm } from "../tasks/task-form";
import { CompanyPicker, type PickedCompany } from "./company-picker";

type QuickAddTab = "activity" | "task";

const isTab = (value: string | null): value is QuickAddTab => value === "activity" || value === "task";

/** On a client's card the client is already chosen. */
const useCurrentCardCompany = (): PickedCompany | null => {
  const match = useMatch("/clients/:id");
  const queryClient = useQueryClient();
  const id = match?.params.id;
  if (!id) return null;
  const cached = companyCardSchema.safeParse(queryClient.getQueryData(clientCardKey(id)));
  return cached.success ? { id: cached.data.company.id, name: cached.data.company.name } : null;
};

export const QuickAddForm = ({ onDone }: { onDone: () => void }) => {
  const { t } = useTranslation();
  const cardCompany = useCurrentCardCompany();
  const [company, setCompany] = useState<PickedCompany | null>(cardCompany);
  const [tab, setTab] = useState<QuickAddTab>("activity");
  return (
    <Stack gap="md">
      <CompanyPicker value={company} onChange={setCompany} data-testid="quick-add-client" />
      <Tabs value={tab} onChange={(value) => isTab(value) && setTab(value)} keepMounted={false}>
        <Tabs.List grow>
          <Tabs.Tab value="activity" data-testid="quick-add-tab-activity">
            {t("quickAdd.activity")}
          </Tabs.Tab>
          <Tabs.Tab value="task" data-testid="quick-add-tab-task">
            {t("quickAdd.task")}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="activity" pt="md">
          <LogActivityForm companyId={company?.id ?? null} testIdPrefix="quick-" onLogged={onDone} />
        </Tabs.Panel>
        <Tabs.Panel value="task" pt="md">
          <TaskForm companyId={company?.id ?? null} testIdPrefix="quick-" onCreated={onDone} onCancel={onDone} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
};
