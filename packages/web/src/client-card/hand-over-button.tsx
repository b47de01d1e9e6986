import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Company, HandoverOptions } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { clientsKey } from "../clients/clients.api";
import { conveyorKey, getHandoverOptions, handOverClient, handoverOptionsKey } from "../conveyor/conveyor.api";
import { isolate, levelPair } from "../conveyor/level-words";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { notificationsKey } from "../shell/notifications.api";
import { FormFooter } from "../ui/form-footer";
import { LoadError, PageLoader } from "../ui/page-states";

type Candidate = HandoverOptions["candidates"][number];

const useCandidateLabel = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (candidate: Candidate): string => {
    const clients = formatNumber(locale, candidate.clients);
    if (candidate.cap === null) return t("handover.candidate", { name: candidate.name, clients });
    const cap = formatNumber(locale, candidate.cap);
    return candidate.clients >= candidate.cap
      ? t("handover.candidateFull", { name: candidate.name, clients, cap })
      : t("handover.candidateCapped", { name: candidate.name, clients, cap });
  };
};

/**
 * M1.4: the client goes to the next level. The server proposes the receiver by balance; a team lead or
 * head of sales may pick another one among the next level's sellers (their load next to their cap).
 */
const HandOverForm = ({ company, onClose }: { company: Company; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const candidateLabel = useCandidateLabel();
  const options = useQuery({ queryKey: handoverOptionsKey(company.id), queryFn: () => getHandoverOptions(company.id), staleTime: 0 });
  const [receiverId, setReceiverId] = useState<string | null>(null);
  const [comment, setComment] = useState("");

  const mutation = useMutation({
    mutationFn: (toUserId: string | undefined) =>
      handOverClient(company.id, { ...(toUserId ? { toUserId } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) }),
    onSuccess: (handover) => {
      void queryClient.invalidateQueries({ queryKey: clientsKey });
      void queryClient.invalidateQueries({ queryKey: conveyorKey });
      void queryClient.invalidateQueries({ queryKey: notificationsKey });
      const moved = handover.movedTasks > 0 ? ` ${t("handover.tasksMoved", { count: handover.movedTasks })}` : "";
      notifications.show({ color: "green", message: `${t("handover.done", { name: isolate(company.name), to: isolate(handover.to.name) })}${moved}` });
      onClose();
    },
  });

  if (options.isPending) return <PageLoader />;
  if (options.isError) return <LoadError error={options.error} onRetry={() => void options.refetch()} />;
  const { blockedBy, suggested, candidates, canPickReceiver, fromLevel, toLevel } = options.data;
  const chosen = receiverId ?? suggested?.id ?? null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (blockedBy !== null) return;
    mutation.mutate(canPickReceiver && chosen ? chosen : undefined);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="handover-modal" data-blocked={blockedBy ?? undefined}>
      <Stack gap="sm">
        {fromLevel && toLevel && (
          <Text size="sm" fw={500}>
            {levelPair(t, fromLevel, toLevel)}
          </Text>
        )}
        {blockedBy !== null ? (
          <>
            <Alert color="yellow" data-testid="handover-blocked">
              {t(`handover.blocked.${blockedBy}`)}
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t("common.close")}
              </Button>
            </Group>
          </>
        ) : (
          <>
            {canPickReceiver ? (
              <Select
                label={t("handover.receiver")}
                description={suggested ? t("handover.suggested", { name: suggested.name }) : undefined}
                allowDeselect={false}
                searchable
                data={candidates.map((candidate) => ({ value: candidate.id, label: candidateLabel(candidate) }))}
                value={chosen}
                onChange={setReceiverId}
                data-testid="handover-receiver"
              />
            ) : (
              <Stack gap={2}>
                <Text size="sm" fw={500} data-testid="handover-suggested">
                  {suggested ? t("handover.suggested", { name: suggested.name }) : t("handover.balanced")}
                </Text>
                {suggested && (
                  <Text size="xs" c="dimmed">
                    {t("handover.suggestedHint")}
                  </Text>
                )}
              </Stack>
            )}
            <Textarea
              label={t("handover.comment")}
              placeholder={t("handover.commentPlaceholder")}
              autosize
              minRows={2}
              maxLength={2000}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              data-testid="handover-comment"
            />
            <FormFooter
              error={mutation.error}
              fields={[]}
              pending={mutation.isPending}
              disabled={canPickReceiver && chosen === null}
              submitLabel={t("handover.submit")}
              submitTestId="handover-submit"
              onCancel={onClose}
            />
          </>
        )}
      </Stack>
    </form>
  );
};

/** The L1 seller says "hot" (M1.4), the L2 seller hands a client on; on L3 there is nowhere further. */
const buttonLabel = (t: TFunction, level: Company["level"]): string => {
  switch (level) {
    case "L1":
      return t("handover.button.L1");
    case "L2":
      return t("handover.button.L2");
    case "L3":
    case null:
      return t("handover.button.other");
  }
};

/**
 * The client card's "Hand over" button and its modal. Shown to the owner and to whoever leads
 * someone (the server checks the same); not on the last level, where a client stays.
 */
export const HandOverButton = ({ company }: { company: Company }) => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const [opened, setOpened] = useState(false);
  if (company.level === "L3") return null;
  if (user.role === "seller" && company.ownerId !== user.id) return null;
  const close = () => setOpened(false);
  return (
    <>
      <Button variant={company.level === "L1" ? "filled" : "light"} color="orange" onClick={() => setOpened(true)} data-testid="hand-over-button">
        {buttonLabel(t, company.level)}
      </Button>
      <Modal opened={opened} onClose={close} title={t("handover.title", { name: isolate(company.name) })}>
        {opened && <HandOverForm company={company} onClose={close} />}
      </Modal>
    </>
  );
};
