import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Divider, Group, Modal, NumberInput, PasswordInput, Select, Stack, Switch, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { temperatures, type CreatedLeadSource, type LeadSource, type MailboxCheck, type Temperature } from "@conveyor/contracts";
import { fieldErrorMessage, problemMessage } from "../ui/errors";
import { FormFooter } from "../ui/form-footer";
import { FormBuilder } from "./form-builder";
import { checkLeadSourceMailbox, createLeadSource, leadSourcesKey, updateLeadSource } from "./lead-routing.api";
import { draftFromSource, emptySourceDraft, sourceToSave, sourceToUpdate, type EditableSourceKind, type EmailDraft, type SourceDraft, type SourceProblem } from "./source-draft";

const fields = ["name", "channel", "defaultTemperature", "form", "email"];

const isTemperature = (value: string | null): value is Temperature => temperatures.some((temperature) => temperature === value);

/** The answer of "Test connection": how many messages wait, or what to fix, in the server's words. */
export const MailboxCheckAnswer = ({ check }: { check: MailboxCheck }) => {
  const { t } = useTranslation();
  return check.ok ? (
    <Alert color="green" data-testid="mailbox-check-ok">
      {check.messages === null ? t("leadRouting.email.checkOk") : t("leadRouting.email.checkOkMessages", { count: check.messages })}
    </Alert>
  ) : (
    <Alert color="red" title={t("leadRouting.email.checkFailed")} data-testid="mailbox-check-failed">
      <Text size="sm" dir="auto">
        {check.error ?? t("leadRouting.email.checkUnknown")}
      </Text>
    </Alert>
  );
};

const EmailFields = ({
  email,
  onChange,
  problems,
  storedPassword,
  error,
}: {
  email: EmailDraft;
  onChange: (email: EmailDraft) => void;
  problems: readonly SourceProblem[];
  storedPassword: boolean;
  error: unknown;
}) => {
  const { t } = useTranslation();
  const set = (patch: Partial<EmailDraft>) => onChange({ ...email, ...patch });
  const wrong = (problem: SourceProblem, message: string) => (problems.includes(problem) ? message : undefined);
  return (
    <Stack gap="sm" data-testid="email-fields">
      <Group grow align="flex-start">
        <TextInput
          label={t("leadRouting.email.host")}
          placeholder="imap.example.com"
          dir="ltr"
          required
          value={email.host}
          onChange={(event) => set({ host: event.currentTarget.value })}
          error={wrong("host", t("leadRouting.email.hostMissing")) ?? fieldErrorMessage(t, error, "email.host")}
          data-testid="email-host"
        />
        <NumberInput
          label={t("leadRouting.email.port")}
          min={1}
          max={65_535}
          allowDecimal={false}
          required
          value={email.port}
          onChange={(port) => set({ port })}
          error={wrong("port", t("leadRouting.email.portInvalid"))}
          data-testid="email-port"
        />
      </Group>
      <Switch
        label={t("leadRouting.email.secure")}
        description={t("leadRouting.email.secureHint")}
        checked={email.secure}
        onChange={(event) => set({ secure: event.currentTarget.checked, port: event.currentTarget.checked ? 993 : 143 })}
        data-testid="email-secure"
      />
      <Group grow align="flex-start">
        <TextInput
          label={t("leadRouting.email.user")}
          dir="ltr"
          required
          autoComplete="off"
          value={email.user}
          onChange={(event) => set({ user: event.currentTarget.value })}
          error={wrong("user", t("leadRouting.email.userMissing")) ?? fieldErrorMessage(t, error, "email.user")}
          data-testid="email-user"
        />
        <PasswordInput
          label={t("leadRouting.email.password")}
          description={storedPassword ? t("leadRouting.email.passwordKept") : undefined}
          dir="ltr"
          required={!storedPassword}
          autoComplete="new-password"
          value={email.password}
          onChange={(event) => set({ password: event.currentTarget.value })}
          error={wrong("password", t("leadRouting.email.passwordMissing"))}
          data-testid="email-password"
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput label={t("leadRouting.email.mailbox")} dir="ltr" value={email.mailbox} onChange={(event) => set({ mailbox: event.currentTarget.value })} data-testid="email-mailbox" />
        <NumberInput
          label={t("leadRouting.email.pollSeconds")}
          min={15}
          max={3600}
          allowDecimal={false}
          value={email.pollSeconds}
          onChange={(pollSeconds) => set({ pollSeconds })}
          error={wrong("pollSeconds", t("leadRouting.email.pollInvalid"))}
          data-testid="email-poll"
        />
      </Group>
      <Switch
        label={t("leadRouting.email.allowSelfSigned")}
        description={t("leadRouting.email.allowSelfSignedHint")}
        checked={email.allowSelfSigned}
        onChange={(event) => set({ allowSelfSigned: event.currentTarget.checked })}
        data-testid="email-self-signed"
      />
    </Stack>
  );
};

type SourceModalProps = {
  opened: boolean;
  /** The source being edited; null with `kind` adds one. */
  source: LeadSource | null;
  kind: EditableSourceKind;
  onClose: () => void;
  onCreated: (created: CreatedLeadSource) => void;
};

export const SourceModal = ({ opened, source, kind, onClose, onCreated }: SourceModalProps) => {
  const { t } = useTranslation();
  const title = source ? t("leadRouting.sources.editTitle", { name: source.name }) : t(`leadRouting.sources.newTitle.${kind}`);
  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={title}>
      {opened && <SourceForm key={source?.id ?? `new-${kind}`} source={source} kind={kind} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
};

const SourceForm = ({ source, kind, onClose, onCreated }: Omit<SourceModalProps, "opened">) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SourceDraft>(() => (source ? draftFromSource(source) : emptySourceDraft(kind)));
  const [shown, setShown] = useState(false);
  const set = (patch: Partial<SourceDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const result = source ? sourceToUpdate(source, draft) : sourceToSave(draft);
  const problems = shown && !result.ok ? result.problems : [];

  const mutation = useMutation({
    mutationFn: async () => {
      if (source) {
        const update = sourceToUpdate(source, draft);
        if (!update.ok) throw new Error("The source is not complete");
        return { created: null, saved: await updateLeadSource(source.id, update.body) };
      }
      const save = sourceToSave(draft);
      if (!save.ok) throw new Error("The source is not complete");
      const created = await createLeadSource(save.body);
      return { created, saved: created };
    },
    onSuccess: ({ created, saved }) => {
      void queryClient.invalidateQueries({ queryKey: leadSourcesKey });
      notifications.show({ color: "green", message: t("leadRouting.sources.saved", { name: saved.name }) });
      onClose();
      if (created) onCreated(created);
    },
  });

  const check = useMutation({ mutationFn: checkLeadSourceMailbox });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setShown(true);
    if (result.ok) mutation.mutate();
  };
  const error = mutation.error;
  const storedPassword = source?.email?.hasPassword === true;

  return (
    <form onSubmit={submit} noValidate data-testid="source-form">
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput
            label={t("leadRouting.sources.name")}
            placeholder={t(`leadRouting.sources.namePlaceholder.${draft.kind}`)}
            required
            maxLength={200}
            value={draft.name}
            onChange={(event) => set({ name: event.currentTarget.value })}
            error={problems.includes("name") ? t("leadRouting.sources.nameMissing") : fieldErrorMessage(t, error, "name")}
            data-autofocus
            data-testid="source-name"
          />
          <TextInput
            label={t("leadRouting.sources.channel")}
            description={t("leadRouting.sources.channelHint")}
            maxLength={100}
            value={draft.channel}
            onChange={(event) => set({ channel: event.currentTarget.value })}
            error={fieldErrorMessage(t, error, "channel")}
            data-testid="source-channel"
          />
        </Group>
        <Group grow align="flex-end">
          <Select
            label={t("leadRouting.sources.defaultTemperature")}
            data={temperatures.map((temperature) => ({ value: temperature, label: t(`leadRouting.words.temperatures.${temperature}`) }))}
            value={draft.defaultTemperature}
            onChange={(value) => isTemperature(value) && set({ defaultTemperature: value })}
            allowDeselect={false}
            data-testid="source-temperature"
          />
          <Switch mb={8} label={t("leadRouting.sources.enabled")} checked={draft.enabled} onChange={(event) => set({ enabled: event.currentTarget.checked })} data-testid="source-enabled" />
        </Group>

        {draft.kind === "form" && (
          <>
            <Divider label={t("leadRouting.formBuilder.section")} labelPosition="left" />
            <FormBuilder form={draft.form} onChange={(form) => set({ form })} problems={problems} />
          </>
        )}
        {draft.kind === "email" && (
          <>
            <Divider label={t("leadRouting.email.section")} labelPosition="left" />
            <EmailFields email={draft.email} onChange={(email) => set({ email })} problems={problems} storedPassword={storedPassword} error={error} />
            {source ? (
              <Stack gap="xs">
                <Group justify="space-between">
                  <Text size="xs" c="dimmed">
                    {t("leadRouting.email.checkHint")}
                  </Text>
                  <Button size="xs" variant="light" loading={check.isPending} onClick={() => check.mutate(source.id)} data-testid="email-check">
                    {t("leadRouting.email.check")}
                  </Button>
                </Group>
                {check.isSuccess && <MailboxCheckAnswer check={check.data} />}
                {check.isError && (
                  <Alert color="red" role="alert">
                    {problemMessage(t, check.error)}
                  </Alert>
                )}
              </Stack>
            ) : (
              <Text size="xs" c="dimmed">
                {t("leadRouting.email.checkAfterSave")}
              </Text>
            )}
          </>
        )}
        {draft.kind === "webhook" && !source && (
          <Text size="sm" c="dimmed">
            {t("leadRouting.sources.webhookHint")}
          </Text>
        )}
        <FormFooter
          error={error}
          fields={fields}
          pending={mutation.isPending}
          disabled={false}
          submitLabel={source ? t("common.save") : t("leadRouting.sources.create")}
          submitTestId="source-submit"
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
};
