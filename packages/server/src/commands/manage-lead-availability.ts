import type { Absence, CreateAbsence, LeadAvailability, LeadAvailabilityList, LeadSettings, ListAbsencesQuery, UpdateLeadAvailability } from "@conveyor/contracts";
import { boostedWeight, sellersWithoutProspects } from "@conveyor/domain";
import type { AppContext } from "../context";
import { AppError, forbidden, notFound } from "../http/app-error";
import { presentAbsence, presentLeadAvailability, presentLeadSettings } from "../presenters/lead.presenter";
import { deleteAbsenceRow, findAbsence, insertAbsence, listAbsences } from "../repositories/absence.repository";
import {
  availabilityUserIds,
  loadPoolAvailability,
  oversees,
  updateAvailabilityRow,
  warmOrHotOpenDeals,
  workCalendarFor,
  type AvailabilityPatch,
} from "../repositories/lead-availability.repository";
import { loadLeadSettings, saveLeadSettings, type LeadSettingsPatch } from "../repositories/lead-settings.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";

const invalid = (field: string, message: string, code = "invalid") =>
  new AppError("validation_failed", message, { errors: [{ field, code, message }] });

/** Heads of sales and admins look after everyone; a team lead their team. A seller only reads their own line. */
const looksAfterOthers = (viewer: Viewer): boolean => viewer.role !== "seller";

/**
 * The sellers the viewer looks after as distribution sees them now (M5.5), and M2.2's proposals: those with no
 * open deal with a warm or hot client get a doubled routing weight proposed, so fresh leads reach them sooner.
 */
export const listAvailability = async (context: AppContext, viewer: Viewer): Promise<LeadAvailabilityList> => {
  const { db } = context.database;
  const ids = await availabilityUserIds(db, viewer);
  const calendar = await workCalendarFor(db, viewer.organizationId);
  const members = await loadPoolAvailability(db, viewer.organizationId, ids, context.now(), calendar);
  const without = new Set(sellersWithoutProspects(await warmOrHotOpenDeals(db, viewer.organizationId, ids)));
  const items = members.map((member) => presentLeadAvailability(member, without.has(member.userId)));
  const proposals = looksAfterOthers(viewer)
    ? members
        .filter((m) => without.has(m.userId) && m.active && m.weight > 0 && boostedWeight(m.weight) > m.weight)
        .map((m) => ({ user: { id: m.userId, name: m.name }, currentWeight: m.weight, proposedWeight: boostedWeight(m.weight) }))
    : [];
  return { items, proposals };
};

/**
 * A seller's standing for distribution: paused, cap, weight, skills, on duty, own hours. Heads and admins change
 * anyone's, a team lead their team's; a seller may only pause and resume themselves.
 */
export const updateAvailability = async (context: AppContext, viewer: Viewer, userId: string, input: UpdateLeadAvailability): Promise<LeadAvailability> => {
  const { db } = context.database;
  return db.transaction(async (tx) => {
    if (!(await oversees(tx, viewer, userId))) throw notFound("The member");
    if (viewer.role === "seller") {
      const other = Object.keys(input).find((key) => key !== "paused");
      if (other) throw forbidden("A seller can only pause and resume their own leads");
    }
    if ((input.workStart === null) !== (input.workEnd === null) && input.workStart !== undefined && input.workEnd !== undefined) {
      throw invalid("workEnd", "Give both ends of the working hours, or neither", "pair");
    }
    if (input.workStart && input.workEnd && input.workEnd <= input.workStart) throw invalid("workEnd", "The working day ends before it starts", "range");
    const patch: AvailabilityPatch = {};
    if (input.paused !== undefined) patch.leadPaused = input.paused;
    if (input.leadCap !== undefined) patch.leadCap = input.leadCap;
    if (input.weight !== undefined) patch.leadWeight = input.weight;
    if (input.skills !== undefined) patch.skills = [...new Set(input.skills)];
    if (input.onDuty !== undefined) patch.onDuty = input.onDuty;
    if (input.workStart !== undefined) patch.workStart = input.workStart;
    if (input.workEnd !== undefined) patch.workEnd = input.workEnd;
    if (Object.keys(patch).length > 0) await updateAvailabilityRow(tx, viewer.organizationId, userId, patch, context.now());
    const calendar = await workCalendarFor(tx, viewer.organizationId);
    const [member] = await loadPoolAvailability(tx, viewer.organizationId, [userId], context.now(), calendar);
    if (!member) throw notFound("The member");
    const without = sellersWithoutProspects(await warmOrHotOpenDeals(tx, viewer.organizationId, [userId]));
    return presentLeadAvailability(member, without.includes(userId));
  });
};

export const absencesOf = async (context: AppContext, viewer: Viewer, query: ListAbsencesQuery): Promise<Absence[]> =>
  (await listAbsences(context.database.db, viewer, query)).map(presentAbsence);

/** Vacation, sick leave, a day off: distribution skips the person on those days. Their own, or of someone they look after. */
export const createAbsence = async (context: AppContext, viewer: Viewer, input: CreateAbsence): Promise<Absence> =>
  context.database.db.transaction(async (tx) => {
    if (!(await oversees(tx, viewer, input.userId))) throw invalid("userId", "No such member among those you look after", "unknown");
    const id = await insertAbsence(tx, {
      organizationId: viewer.organizationId,
      userId: input.userId,
      kind: input.kind,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      note: input.note ?? null,
      createdById: viewer.userId,
      createdAt: context.now(),
    });
    const row = await findAbsence(tx, viewer, id);
    if (!row) throw notFound("The absence");
    return presentAbsence(row);
  });

export const deleteAbsence = async (context: AppContext, viewer: Viewer, id: string): Promise<void> => {
  if ((await deleteAbsenceRow(context.database.db, viewer, id)) === 0) throw notFound("The absence");
};

export const readLeadSettings = async (context: AppContext, viewer: Viewer): Promise<LeadSettings> =>
  presentLeadSettings(await loadLeadSettings(context.database.db, viewer.organizationId));

export const updateLeadSettings = async (context: AppContext, viewer: Viewer, input: Partial<LeadSettings>): Promise<LeadSettings> => {
  const patch: LeadSettingsPatch = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const current = await loadLeadSettings(context.database.db, viewer.organizationId);
  const remind = patch.remindAfterMinutes ?? current.remindAfterMinutes;
  const reassign = patch.reassignAfterMinutes ?? current.reassignAfterMinutes;
  if (reassign <= remind) throw invalid("reassignAfterMinutes", "Reassign later than the reminder", "range");
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const saved = await saveLeadSettings(tx, viewer.organizationId, patch, now);
    await auditAs(tx, viewer, "settings_changed", now, { kind: "lead_settings", id: viewer.organizationId }, { changed: Object.keys(patch) });
    return presentLeadSettings(saved);
  });
};
