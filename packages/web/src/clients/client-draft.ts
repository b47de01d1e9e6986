import type { Company, CompanyStatus, CreateCompany, CustomField, Level, Temperature, UpdateCompany } from "@conveyor/contracts";
import { customChanges, customDraftFrom, type CustomDraft } from "../custom-fields/custom-values";

/** What the add and edit forms hold while the person types. */
export type ClientDraft = {
  name: string;
  legalId: string;
  region: string;
  industry: string;
  audience: string;
  channel: string;
  temperature: Temperature;
  level: Level | null;
  /** Null: the server's default, the person creating the client. */
  ownerId: string | null;
  tags: string[];
  status: CompanyStatus;
  /** Values of the organization's custom fields, by key. */
  custom: CustomDraft;
};

export const textFields = ["legalId", "region", "industry", "audience", "channel"] as const;

export const emptyClientDraft: ClientDraft = {
  name: "",
  legalId: "",
  region: "",
  industry: "",
  audience: "",
  channel: "",
  temperature: "cold",
  level: null,
  ownerId: null,
  tags: [],
  status: "new",
  custom: {},
};

export const draftFromCompany = (company: Company): ClientDraft => ({
  name: company.name,
  legalId: company.legalId ?? "",
  region: company.region ?? "",
  industry: company.industry ?? "",
  audience: company.audience ?? "",
  channel: company.channel ?? "",
  temperature: company.temperature,
  level: company.level,
  ownerId: company.ownerId,
  tags: company.tags,
  status: company.status,
  custom: customDraftFrom(company.custom),
});

const cleanTags = (tags: readonly string[]) => [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];

/** The POST body: blank fields are left out so the server applies its defaults. New clients start "new". */
export const draftToCreate = (draft: ClientDraft, customFields: readonly CustomField[] = []): CreateCompany => {
  const body: CreateCompany = { name: draft.name.trim(), temperature: draft.temperature };
  for (const field of textFields) {
    const value = draft[field].trim();
    if (value) body[field] = value;
  }
  if (draft.level) body.level = draft.level;
  if (draft.ownerId) body.ownerId = draft.ownerId;
  const tags = cleanTags(draft.tags);
  if (tags.length > 0) body.tags = tags;
  const custom = Object.fromEntries(Object.entries(customChanges(customFields, {}, draft.custom)).filter(([, value]) => value !== null));
  if (Object.keys(custom).length > 0) body.custom = custom;
  return body;
};

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((tag, i) => tag === b[i]);

/** The PATCH body: only what changed, a cleared field as null, so the history records real changes only. */
export const draftToUpdate = (company: Company, draft: ClientDraft, customFields: readonly CustomField[] = []): UpdateCompany => {
  const body: UpdateCompany = {};
  const name = draft.name.trim();
  if (name !== company.name) body.name = name;
  for (const field of textFields) {
    const value = draft[field].trim() || null;
    if (value !== company[field]) body[field] = value;
  }
  if (draft.temperature !== company.temperature) body.temperature = draft.temperature;
  if (draft.level !== company.level) body.level = draft.level;
  if (draft.ownerId && draft.ownerId !== company.ownerId) body.ownerId = draft.ownerId;
  if (draft.status !== company.status) body.status = draft.status;
  const tags = cleanTags(draft.tags);
  if (!sameTags(tags, company.tags)) body.tags = tags;
  const custom = customChanges(customFields, company.custom, draft.custom);
  if (Object.keys(custom).length > 0) body.custom = custom;
  return body;
};
