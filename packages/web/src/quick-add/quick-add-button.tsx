import { lazy, Suspense } from "react";
import { ActionIcon, Button, Modal } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { PlusIcon } from "../activities/timeline-icons";
import { PageLoader } from "../ui/page-states";

// The forms load on first use, so the shell in the main bundle stays small.
const QuickAddForm = lazy(() => import("./quick-add-form").then((m) => ({ default: m.QuickAddForm })));

/** Log an activity or set a task for any client from any screen, without opening the card. */
export const QuickAddButton = () => {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button leftSection={<PlusIcon />} variant="light" onClick={open} visibleFrom="sm" data-testid="quick-add">
        {t("quickAdd.button")}
      </Button>
      <ActionIcon
        variant="light"
        size="lg"
        onClick={open}
        hiddenFrom="sm"
        aria-label={t("quickAdd.button")}
        data-testid="quick-add-compact"
      >
        <PlusIcon />
      </ActionIcon>
      <Modal opened={opened} onClose={close} title={t("quickAdd.title")} size="lg">
        {opened && (
          <Suspense fallback={<PageLoader />}>
            <QuickAddForm onDone={close} />
          </Suspense>
        )}
      </Modal>
    </>
  );
};
