import { eq, sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { conveyorSettings, organizations } from "../db/schema";
import { forgetIntake } from "./intake-cache";

export type ConveyorSettingsRow = {
  organizationId: string;
  departmentMode: string;
  structureVariant: string;
  timeZone: string;
  currency: string;
  giverAccessDays: number;
  receiverCap: number | null;
  stuckAfterDays: number;
  permanentTotalMinor: number | null;
  permanentMonthlyMinor: number | null;
  permanentMonths: number;
  permanentServiceLevel: string;
  sweepAt: string;
  lastSweepOn: string | null;
};

/** The organization's conveyor settings, with the defaults when it never saved any. */
export const readConveyorSettings = async (ex: Executor, organizationId: string): Promise<ConveyorSettingsRow> => {
  const rows = await ex
    .select({
      organizationId: organizations.id,
      departmentMode: organizations.departmentMode,
      structureVariant: organizations.structureVariant,
      timeZone: organizations.timeZone,
      currency: organizations.currency,
      giverAccessDays: sql<number>`coalesce(${conveyorSettings.giverAccessDays}, 14)`.mapWith(Number),
      receiverCap: conveyorSettings.receiverCap,
      stuckAfterDays: sql<number>`coalesce(${conveyorSettings.stuckAfterDays}, 30)`.mapWith(Number),
      permanentTotalMinor: conveyorSettings.permanentTotalMinor,
      permanentMonthlyMinor: conveyorSettings.permanentMonthlyMinor,
      permanentMonths: sql<number>`coalesce(${conveyorSettings.permanentMonths}, 3)`.mapWith(Number),
      permanentServiceLevel: sql<string>`coalesce(${conveyorSettings.permanentServiceLevel}, 'priority')`,
      sweepAt: sql<string>`coalesce(${conveyorSettings.sweepAt}, '02:00')`,
      lastSweepOn: conveyorSettings.lastSweepOn,
    })
    .from(organizations)
    .leftJoin(conveyorSettings, eq(conveyorSettings.organizationId, organizations.id))
    .where(eq(organizations.id, organizationId));
  const row = rows[0];
  if (!row) throw new Error(`No organization ${organizationId}`);
  return row;
};

export type ConveyorSettingsPatch = Partial<Omit<typeof conveyorSettings.$inferInsert, "organizationId">>;

export const saveConveyorSettings = async (ex: Executor, organizationId: string, patch: ConveyorSettingsPatch, now: Date): Promise<void> => {
  await ex
    .insert(conveyorSettings)
    .values({ organizationId, ...patch, updatedAt: now })
    .onConflictDoUpdate({ target: conveyorSettings.organizationId, set: { ...patch, updatedAt: now } });
};

export const saveStructure = async (
  ex: Executor,
  organizationId: string,
  patch: { departmentMode?: string; structureVariant?: string },
  now: Date,
): Promise<void> => {
  if (patch.departmentMode === undefined && patch.structureVariant === undefined) return;
  forgetIntake(organizationId);
  await ex
    .update(organizations)
    .set({ ...patch, updatedAt: now })
    .where(eq(organizations.id, organizationId));
};

/** Organizations whose nightly sweep has not run on their local `today` (the scheduler's question). */
export const organizationsForSweep = async (ex: Executor): Promise<{ organizationId: string; timeZone: string; sweepAt: string; lastSweepOn: string | null }[]> =>
  ex
    .select({
      organizationId: organizations.id,
      timeZone: organizations.timeZone,
      sweepAt: sql<string>`coalesce(${conveyorSettings.sweepAt}, '02:00')`,
      lastSweepOn: conveyorSettings.lastSweepOn,
    })
    .from(organizations)
    .leftJoin(conveyorSettings, eq(conveyorSettings.organizationId, organizations.id));
