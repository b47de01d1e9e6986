import type { UpdateCompany } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { applyConveyorRules } from "./apply-conveyor-rules";
import { notFound } from "../http/app-error";
import { findCompanyForUpdate, findCompanyJustWritten, updateCompanyRow, type CompanyPatch, type CompanyRow } from "../repositories/company.repository";
import { recordTimelineEvent } from "../repositories/timeline.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";
import { assertAssignable, assertLegalIdFree, normalizeLegalId, refreshCompanySearchText } from "./company-input";
import { resolveCustomValues } from "./custom-values";

const tracked = ["name", "legalId", "region", "industry", "audience", "channel", "status", "temperature", "level"] as const;

/**
 * Changes a client's fields; each change of owner, status, temperature, level, a custom field or
 * any other tracked field lands in the client's timeline in the same transaction.
 */
export const updateCompany = async (
  context: AppContext,
  viewer: Viewer,
  id: string,
  input: UpdateCompany,
): Promise<CompanyRow> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const before = await findCompanyForUpdate(tx, viewer, id);
    if (!before) throw notFound("The client");
    const legalId = normalizeLegalId(input.legalId);
    if (legalId !== undefined && legalId !== before.legalId) await assertLegalIdFree(tx, viewer, legalId, id);
    if (input.ownerId !== undefined && input.ownerId !== before.ownerId) {
      await assertAssignable(tx, viewer, input.ownerId, "ownerId");
    }
    const next = {
      name: input.name ?? before.name,
      legalId: legalId === undefined ? before.legalId : legalId,
      region: input.region === undefined ? before.region : input.region,
      industry: input.industry === undefined ? before.industry : input.industry,
      audience: input.audience === undefined ? before.audience : input.audience,
      channel: input.channel === undefined ? before.channel : input.channel,
      status: input.status ?? before.status,
      temperature: input.temperature ?? before.temperature,
      level: input.level === undefined ? before.level : input.level,
    };
    const custom = await resolveCustomValues(tx, viewer, "company", before.custom, input.custom);
    const patch: CompanyPatch = { ...next, updatedAt: now };
    if (input.custom !== undefined) patch.custom = custom;
    if (input.ownerId !== undefined) patch.ownerId = input.ownerId;
    if (input.tags !== undefined) patch.tags = [...new Set(input.tags)];
    if (next.level !== before.level) patch.levelEnteredAt = next.level === null ? null : now;
    await updateCompanyRow(tx, viewer, id, patch);
    const after = await findCompanyJustWritten(tx, viewer, id);
    if (!after) throw notFound("The client");
    if (next.name !== before.name || next.legalId !== before.legalId) await refreshCompanySearchText(tx, viewer, id);

    for (const field of tracked) {
      const from = before[field];
      const to = next[field];
      if (from !== to) {
        await recordTimelineEvent(tx, viewer, { companyId: id, kind: "field_changed", at: now, actorId: viewer.userId, field, fromValue: from, toValue: to });
      }
    }
    for (const key of new Set([...Object.keys(before.custom), ...Object.keys(custom)])) {
      const from = before.custom[key];
      const to = custom[key];
      if (from !== to) {
        await recordTimelineEvent(tx, viewer, {
          companyId: id,
          kind: "field_changed",
          at: now,
          actorId: viewer.userId,
          field: `custom.${key}`,
          fromValue: from === undefined ? null : String(from),
          toValue: to === undefined ? null : String(to),
        });
      }
    }
    if (input.ownerId !== undefined && input.ownerId !== before.ownerId) {
      await auditAs(tx, viewer, "owner_changed", now, { kind: "company", id }, { from: before.ownerId, to: input.ownerId, via: "edit" });
      await recordTimelineEvent(tx, viewer, {
        companyId: id,
        kind: "owner_changed",
        at: now,
        actorId: viewer.userId,
        field: "ownerId",
        fromValue: before.ownerId,
        toValue: input.ownerId,
        fromLabel: before.ownerName,
        toLabel: after.ownerName,
      });
    }
    // M1.4: a client that turned hot may be due for L2 now.
    if (next.temperature !== before.temperature) {
      await applyConveyorRules(tx, { organizationId: viewer.organizationId, companyId: id, trigger: "temperature_changed", now, actorId: viewer.userId });
    }
    return (await findCompanyJustWritten(tx, viewer, id)) ?? after;
  });
};
