import { describe, expect, it } from "vitest";
import type { LeadSource } from "@conveyor/contracts";
import { cleanLocalized, draftFromSource, emptySourceDraft, fieldDraft, moveField, sourceToSave, sourceToUpdate, toggleField, type SourceDraft } from "./source-draft";

const id = "00000000-0000-4000-8000-000000000001";

const stored = (patch: Partial<LeadSource>): LeadSource => ({
  id,
  name: "Inbox",
  kind: "email",
  channel: null,
  enabled: true,
  defaultTemperature: "cold",
  publicKey: "pk_1",
  form: null,
  email: { host: "imap.example.com", port: 993, secure: true, user: "sales", mailbox: "INBOX", allowSelfSigned: false, pollSeconds: 60, hasPassword: true },
  lastPolledAt: null,
  lastError: null,
  leadsTotal: 0,
  leadsToday: 0,
  ...patch,
});

const named = (kind: SourceDraft["kind"], patch: Partial<SourceDraft> = {}): SourceDraft => ({ ...emptySourceDraft(kind), name: " Site form ", ...patch });

describe("form sources", () => {
  it("sends the form with trimmed texts and only the languages written in", () => {
    const draft = named("form", { channel: " Website " });
    draft.form.title = { ru: " Заявка ", en: "", fa: "  " };
    draft.form.fields = [{ ...fieldDraft("phone", true), label: { en: " Your phone " } }, fieldDraft("message")];
    draft.form.allowedOrigins = ["https://example.com/", "https://example.com"];
    expect(sourceToSave(draft)).toEqual({
      ok: true,
      body: {
        name: "Site form",
        kind: "form",
        channel: "Website",
        enabled: true,
        defaultTemperature: "cold",
        form: {
          title: { ru: "Заявка" },
          fields: [
            { key: "phone", type: "tel", required: true, label: { en: "Your phone" } },
            { key: "message", type: "textarea", required: false, label: {} },
          ],
          consentText: {},
          thankYou: {},
          allowedOrigins: ["https://example.com"],
        },
      },
    });
  });

  it("wants at least one field, a way to reach the person and bare origins", () => {
    const none = named("form");
    none.form.fields = [];
    expect(sourceToSave(none)).toEqual({ ok: false, problems: ["fields"] });
    const noContact = named("form");
    noContact.form.fields = [fieldDraft("message"), fieldDraft("region")];
    expect(sourceToSave(noContact)).toEqual({ ok: false, problems: ["contactField"] });
    const badOrigin = named("form", { name: "" });
    badOrigin.form.allowedOrigins = ["https://example.com/path"];
    expect(sourceToSave(badOrigin)).toEqual({ ok: false, problems: ["name", "origins"] });
  });

  it("adds, removes and moves fields", () => {
    const fields = [fieldDraft("name"), fieldDraft("phone")];
    expect(toggleField(fields, "email").map((field) => field.key)).toEqual(["name", "phone", "email"]);
    expect(toggleField(fields, "name").map((field) => field.key)).toEqual(["phone"]);
    expect(moveField(fields, 1, 0).map((field) => field.key)).toEqual(["phone", "name"]);
    expect(fieldDraft("email").type).toBe("email");
  });

  it("drops blank labels", () => {
    expect(cleanLocalized({ ru: " ", en: " Name", fa: "نام" })).toEqual({ en: "Name", fa: "نام" });
  });
});

describe("webhook sources", () => {
  it("send neither a form nor a mailbox", () => {
    expect(sourceToSave(named("webhook"))).toEqual({
      ok: true,
      body: { name: "Site form", kind: "webhook", channel: null, enabled: true, defaultTemperature: "cold" },
    });
  });
});

describe("email sources", () => {
  it("need a host, a login and, when new, a password", () => {
    expect(sourceToSave(named("email", { email: { ...emptySourceDraft("email").email, port: "0", pollSeconds: 5 } }))).toEqual({
      ok: false,
      problems: ["host", "port", "user", "password", "pollSeconds"],
    });
  });

  it("send the mailbox with the password", () => {
    const draft = named("email", { email: { host: " imap.example.com ", port: "993", secure: true, user: "sales", password: "s3cret", mailbox: " ", allowSelfSigned: true, pollSeconds: 30 } });
    const result = sourceToSave(draft);
    expect(result.ok && result.body.email).toEqual({
      host: "imap.example.com",
      port: 993,
      secure: true,
      user: "sales",
      password: "s3cret",
      mailbox: "INBOX",
      allowSelfSigned: true,
      pollSeconds: 30,
    });
  });

  it("keep the stored password when the field stays blank on an edit", () => {
    const source = stored({});
    const draft = draftFromSource(source);
    expect(draft.email.password).toBe("");
    const result = sourceToUpdate(source, { ...draft, name: "Inbox 2" });
    expect(result.ok && result.body).toEqual({
      name: "Inbox 2",
      channel: null,
      enabled: true,
      defaultTemperature: "cold",
      email: { host: "imap.example.com", port: 993, secure: true, user: "sales", mailbox: "INBOX", allowSelfSigned: false, pollSeconds: 60 },
    });
  });

  it("ask for a password on an edit when none is stored", () => {
    const source = stored({ email: { host: "h", port: 143, secure: false, user: "u", mailbox: "INBOX", allowSelfSigned: false, pollSeconds: 60, hasPassword: false } });
    expect(sourceToUpdate(source, draftFromSource(source))).toEqual({ ok: false, problems: ["password"] });
  });
});
