import type { RoutingRule, WorkCalendar } from "@conveyor/domain";
import type { Executor } from "../db/database";
import type { IntakeSettings, SourceRow } from "./lead-intake.repository";

/*
 * What every lead of an organization reads the same way — its webhook sources, its working time, SLA settings and
 * first pipeline stage, its routing rules — kept for a short while, so the intake does not ask for them again for
 * each of hundreds of leads a second. A write to those tables through this process forgets the organization at once
 * (the repositories that write them call `forgetIntake`); a write by another server process or by hand is seen
 * within `ttlMs`. Nothing that decides a cap is kept here: who is in a pool, their availability and their waiting
 * leads are read with every lead.
 */

export const intakeCacheTtlMs = 2000;

type Entry<T> = { value: T; until: number; organizationId: string };

/** The organization's part: its settings as the intake reads them, its calendar and its enabled rules. */
export type CachedIntake = { settings: IntakeSettings; calendar: WorkCalendar; rules: readonly RoutingRule[] };

// A monotonic clock, not the business one: tests move `now` by days, and a cache must not live for days with it.
const clock = () => performance.now();

const byOrganization = new Map<string, Entry<CachedIntake>>();
const sourcesByKey = new Map<string, Entry<SourceRow>>();
/** Bumped by every forget: a load that began before a write does not store what it read. */
let generation = 0;

/** Forget what is kept for an organization: its settings, rules or sources changed. */
export const forgetIntake = (organizationId: string): void => {
  generation += 1;
  byOrganization.delete(organizationId);
  for (const [key, entry] of sourcesByKey) if (entry.organizationId === organizationId) sourcesByKey.delete(key);
};

const fresh = <T>(entry: Entry<T> | undefined): entry is Entry<T> => entry !== undefined && entry.until > clock();

/** The organization's intake context, from the cache when it is fresh, else loaded (and kept) by `load`. */
export const cachedIntake = async (
  ex: Executor,
  organizationId: string,
  load: (ex: Executor, organizationId: string) => Promise<CachedIntake | undefined>,
): Promise<CachedIntake | undefined> => {
  const entry = byOrganization.get(organizationId);
  if (fresh(entry)) return entry.value;
  const startedAt = clock();
  const seen = generation;
  const value = await load(ex, organizationId);
  if (value && seen === generation) byOrganization.set(organizationId, { value, until: startedAt + intakeCacheTtlMs, organizationId });
  return value;
};

/** A source by its public key, from the cache when fresh. Unknown keys are not kept. */
export const cachedSource = async (publicKey: string, load: () => Promise<SourceRow | undefined>): Promise<SourceRow | undefined> => {
  const entry = sourcesByKey.get(publicKey);
  if (fresh(entry)) return entry.value;
  const startedAt = clock();
  const seen = generation;
  const value = await load();
  if (value && seen === generation) {
    // Keys come from requests: an attacker sending random keys stores nothing, and known keys are few.
    if (sourcesByKey.size > 10_000) sourcesByKey.clear();
    sourcesByKey.set(publicKey, { value, until: startedAt + intakeCacheTtlMs, organizationId: value.organizationId });
  }
  return value;
};
