import type { ExportControlMe, UpdateExportControlSettings } from "@conveyor/contracts";
import { dayBounds, mayExport, revealsLeft, seesContactsInFull } from "@conveyor/domain";
import type { AppContext } from "../context";
import { countRevealsSince, loadExportSettings, organizationTimeZone, saveExportSettings, type ExportSettingsRow } from "../repositories/export-control.repository";
import type { Viewer } from "../scope";
import { appendAudit } from "../security/audit-log";
import { forgetExportSettings } from "../security/masking";

/* [anti-leak] The organization's export-control settings (admins change them; heads of sales read them). */

export const readExportControlSettings = (context: AppContext, viewer: Viewer): Promise<ExportSettingsRow> =>
  loadExportSettings(context.database.db, viewer.organizationId);

/** Saves the changed settings and records the change in the audit log, in one transaction. */
export const updateExportControlSettings = async (
  context: AppContext,
  viewer: Viewer,
  input: UpdateExportControlSettings,
  ip?: string,
): Promise<ExportSettingsRow> => {
  const now = context.now();
  const saved = await context.database.db.transaction(async (tx) => {
    const current = await loadExportSettings(tx, viewer.organizationId);
    const { updatedAt: _updatedAt, ...values } = { ...current, ...input };
    const unique = { ...values, exportRoles: [...new Set(values.exportRoles)], revealRoles: [...new Set(values.revealRoles)] };
    await saveExportSettings(tx, viewer, unique, now);
    await appendAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "settings_changed",
      targetKind: "export_settings",
      details: { ...input },
      ...(ip !== undefined && { ip }),
      at: now,
    });
    return loadExportSettings(tx, viewer.organizationId);
  });
  forgetExportSettings(viewer.organizationId);
  return saved;
};

/** What the signed-in person's screens need: masked or not, export allowed, reveals left today. */
export const readExportControlMe = async (context: AppContext, viewer: Viewer): Promise<ExportControlMe> => {
  const { db } = context.database;
  const settings = await loadExportSettings(db, viewer.organizationId);
  const masked = !seesContactsInFull(viewer.role, settings.revealRoles);
  const { start } = dayBounds(context.now(), await organizationTimeZone(db, viewer.organizationId));
  const used = masked ? await countRevealsSince(db, viewer, start) : 0;
  return {
    masked,
    mayExport: mayExport(viewer.role, settings.exportRoles),
    approvalThreshold: settings.approvalThreshold,
    revealsLeftToday: revealsLeft(used, settings.revealDailyCap),
  };
};
