import type { CreateCompany } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { notFound } from "../http/app-error";
import { findCompany, insertCompany, type CompanyRow } from "../repositories/company.repository";
import { recordTimelineEvent } from "../repositories/timeline.repository";
import type { Viewer } from "../scope";
import { assertAssignable, assertLegalIdFree, companySearchText, normalizeLegalId } from "./company-input";
import { resolveCustomValues } from "./custom-values";

/** A new client, owned by the viewer unless they may and do name another owner. */
export const createCompany = async (context: AppContext, viewer: Viewer, input: CreateCompany): Promise<CompanyRow> => {
  const now = context.now();
  const legalId = normalizeLegalId(input.legalId) ?? null;
  const ownerId = input.ownerId ?? viewer.userId;
  return context.database.db.transaction(async (tx) => {
    await assertAssignable(tx, viewer, ownerId, "ownerId");
    await assertLegalIdFree(tx, viewer, legalId);
    const custom = await resolveCustomValues(tx, viewer, "company", {}, input.custom);
    const id = await insertCompany(tx, viewer, {
      name: input.name,
      legalId,
      region: input.region ?? null,
      industry: input.industry ?? null,
      audience: input.audience ?? null,
      channel: input.channel ?? null,
      temperature: input.temperature ?? "cold",
      level: input.level ?? null,
      levelEnteredAt: input.level ? now : null,
      ownerId,
      tags: [...new Set(input.tags ?? [])],
      custom,
      searchText: companySearchText(input.name, legalId),
      createdAt: now,
      updatedAt: now,
    });
    await recordTimelineEvent(tx, viewer, { companyId: id, kind: "created", at: now, actorId: viewer.userId });
    const row = await findCompany(tx, viewer, id);
    if (!row) throw notFound("The client");
    return row;
  });
};
