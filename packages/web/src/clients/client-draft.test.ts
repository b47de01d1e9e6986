import { describe, expect, it } from "vitest";
import type { Company, CustomField } from "@conveyor/contracts";
import { draftFromCompany, draftToCreate, draftToUpdate, emptyClientDraft } from "./client-draft";

const company: Company = {
  id: "00000000-0000-4000-8000-000000000010",
  name: "Альфа",
  legalId: "7701234567",
  region: "Москва",
  industry: null,
  audience: null,
  channel: "Сайт",
  status: "new",
  temperature: "warm",
  level: "L1",
  ownerId: "00000000-0000-4000-8000-000000000001",
  ownerName: "Иван",
  tags: ["vip"],
  custom: {},
  createdAt: "2025-03-01T00:00:00Z",
  updatedAt: "2025-03-01T00:00:00Z",
  lastActivityAt: null,
  levelEnteredAt: null,
  permanentSince: null,
  serviceLevel: null,
};

describe("client drafts", () => {
  it("creates with only what was filled in", () => {
    expect(
      draftToCreate({ ...emptyClientDraft, name: "  Бета ", region: " Казань ", tags: ["a", " a ", ""], level: "L2" }),
    ).toEqual({ name: "Бета", region: "Казань", temperature: "cold", level: "L2", tags: ["a"] });
  });

  it("updates nothing when nothing changed", () => {
    expect(draftToUpdate(company, draftFromCompany(company))).toEqual({});
  });

  it("sends changed fields and clears emptied ones to null", () => {
    const draft = { ...draftFromCompany(company), region: "", channel: "Холодный звонок", status: "current" as const, tags: [] };
    expect(draftToUpdate(company, draft)).toEqual({ region: null, channel: "Холодный звонок", status: "current", tags: [] });
  });

  it("sends only the custom values that changed, and none that are empty on create", () => {
    const segment: CustomField = {
      id: "00000000-0000-4000-8000-000000000020",
      entity: "company",
      key: "segment",
      label: "Сегмент",
      type: "select",
      options: ["SMB", "Enterprise"],
      position: 0,
      archived: false,
      createdAt: "2025-03-01T00:00:00Z",
    };
    const seats: CustomField = { ...segment, id: "00000000-0000-4000-8000-000000000021", key: "seats", type: "number", options: [] };
    const fields = [segment, seats];
    expect(draftToCreate({ ...emptyClientDraft, name: "Гамма", custom: { segment: "SMB", seats: "" } }, fields)).toEqual({
      name: "Гамма",
      temperature: "cold",
      custom: { segment: "SMB" },
    });
    const withValues = { ...company, custom: { segment: "SMB", seats: 5 } };
    expect(draftToUpdate(withValues, draftFromCompany(withValues), fields)).toEqual({});
    expect(draftToUpdate(withValues, { ...draftFromCompany(withValues), custom: { segment: "", seats: 6 } }, fields)).toEqual({
      custom: { segment: null, seats: 6 },
    });
  });
});
