import { planMetrics, planScopeKinds, type Plan, type PlanItemInput, type PlanMetric, type PlanScopeKind } from "@conveyor/contracts";
import { fromMinorUnits, toMinorUnits } from "../i18n/money";

/*
 * The plans grid (M2.3, M5.9): one row per seller, grouped by team, with the department's, the teams' and the
 * levels' totals; one column per metric. The head types plans in place; only the cells that changed go to the
 * server, in one PUT. Pure: no React, no clock.
 */

export type CellKey = string;
export const cellKey = (scopeKind: PlanScopeKind, scopeId: string, metric: PlanMetric): CellKey => `${scopeKind}:${scopeId}:${metric}`;

export type GridRow = { scopeKind: PlanScopeKind; scopeId: string; name: string; level: string | null };

export type GridSection =
  | { kind: "department"; key: string; rows: GridRow[] }
  | { kind: "team"; key: string; name: string; level: string | null; rows: GridRow[] }
  | { kind: "levels"; key: string; rows: GridRow[] }
  | { kind: "no_team"; key: string; rows: GridRow[] }
  | { kind: "other"; key: string; rows: GridRow[] };

export type GridTeam = { id: string; name: string; level: string | null; members: ReadonlyArray<{ id: string; name: string }> };
/** A person the head may plan for; heads get the whole department from the people list, others only what the plans show. */
export type GridPerson = { userId: string; name: string; level: string | null };

const levels = ["L1", "L2", "L3"] as const;

/**
 * The grid's sections. With `people` (heads) every seller, team and level has a row to type a plan into; without it
 * (team leads, sellers) only the plans the server let through, placed in the same groups.
 */
export const buildGrid = (input: { plans: readonly Plan[]; teams: readonly GridTeam[]; people: readonly GridPerson[] | null }): GridSection[] => {
  const { plans, teams, people } = input;
  const planned = (kind: PlanScopeKind, id: string) => plans.some((p) => p.scopeKind === kind && p.scopeId === id);
  const sellers = new Map<string, GridRow>();
  for (const person of people ?? []) sellers.set(person.userId, { scopeKind: "seller", scopeId: person.userId, name: person.name, level: person.level });
  for (const plan of plans) {
    if (plan.scopeKind === "seller" && !sellers.has(plan.scopeId)) {
      sellers.set(plan.scopeId, { scopeKind: "seller", scopeId: plan.scopeId, name: plan.scopeName, level: null });
    }
  }

  const sections: GridSection[] = [];
  if (people !== null || planned("department", "")) {
    sections.push({ kind: "department", key: "department", rows: [{ scopeKind: "department", scopeId: "", name: "", level: null }] });
  }
  // A seller in two teams is planned once, under the first.
  const placed = new Set<string>();
  for (const team of teams) {
    const members = team.members.filter((m) => sellers.has(m.id) && !placed.has(m.id));
    const hasTeamPlan = planned("team", team.id);
    if (members.length === 0 && !hasTeamPlan) continue;
    for (const m of members) placed.add(m.id);
    sections.push({
      kind: "team",
      key: `team:${team.id}`,
      name: team.name,
      level: team.level,
      rows: [
        { scopeKind: "team", scopeId: team.id, name: team.name, level: team.level },
        ...members.map((m) => sellers.get(m.id)).filter((row): row is GridRow => row !== undefined),
      ],
    });
  }
  const alone = [...sellers.values()].filter((row) => !placed.has(row.scopeId));
  if (alone.length > 0) sections.push({ kind: "no_team", key: "no-team", rows: alone });
  const levelRows = levels.filter((level) => people !== null || planned("level", level));
  if (levelRows.length > 0) {
    sections.push({ kind: "levels", key: "levels", rows: levelRows.map((level) => ({ scopeKind: "level", scopeId: level, name: level, level })) });
  }
  const others = new Map<string, GridRow>();
  for (const plan of plans) {
    if (plan.scopeKind !== "channel" && plan.scopeKind !== "product_group") continue;
    others.set(`${plan.scopeKind}:${plan.scopeId}`, { scopeKind: plan.scopeKind, scopeId: plan.scopeId, name: plan.scopeName, level: null });
  }
  if (others.size > 0) sections.push({ kind: "other", key: "other", rows: [...others.values()] });
  return sections;
};

export const plansByCell = (plans: readonly Plan[]): Map<CellKey, Plan> => new Map(plans.map((p) => [cellKey(p.scopeKind, p.scopeId, p.metric), p]));

/** What the head typed in a cell: a number in the unit shown (whole currency for revenue), or "" for no plan. */
export type CellValue = number | string;
export type PlansDraft = Readonly<Record<CellKey, CellValue>>;

/** What a cell shows before anything is typed: the plan in the unit the head types in. */
export const cellInputValue = (plan: Plan | undefined, currency: string): CellValue => {
  if (!plan) return "";
  return plan.metric === "revenue" ? fromMinorUnits(plan.target, currency) : plan.target;
};

export type DraftResult = {
  /** The PUT's items, in the order sent. */
  items: PlanItemInput[];
  /** The cell of each item, so the server's `items.3.target` lands under the right cell. */
  cells: CellKey[];
  /** Cells whose text is no plan: negative, fractional counts, not a number. */
  problems: CellKey[];
};

const parseCell = (value: CellValue): number | "" | null => {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  const text = value.trim().replace(/\s/g, "").replace(",", ".");
  if (text === "") return "";
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : null;
};

const splitKey = (key: CellKey): { scopeKind: PlanScopeKind; scopeId: string; metric: PlanMetric } | null => {
  const first = key.indexOf(":");
  const last = key.lastIndexOf(":");
  if (first < 0 || last <= first) return null;
  const scopeKind = planScopeKinds.find((k) => k === key.slice(0, first));
  const metric = planMetrics.find((m) => m === key.slice(last + 1));
  if (!scopeKind || !metric) return null;
  return { scopeKind, scopeId: key.slice(first + 1, last), metric };
};

/**
 * The draft against the saved plans: a changed number sets a plan, a cleared cell removes it (target null), an
 * unchanged or still-empty cell sends nothing. Revenue is typed in whole currency and sent in minor units.
 */
export const draftToSave = (plans: readonly Plan[], draft: PlansDraft, currency: string): DraftResult => {
  const saved = plansByCell(plans);
  const result: DraftResult = { items: [], cells: [], problems: [] };
  for (const [key, value] of Object.entries(draft)) {
    const cell = splitKey(key);
    if (!cell) continue;
    const existing = saved.get(key);
    const parsed = parseCell(value);
    if (parsed === null || (parsed !== "" && parsed < 0) || (parsed !== "" && cell.metric !== "revenue" && !Number.isInteger(parsed))) {
      result.problems.push(key);
      continue;
    }
    if (parsed === "") {
      if (!existing) continue;
      result.items.push({ ...cell, target: null });
      result.cells.push(key);
      continue;
    }
    const target = cell.metric === "revenue" ? toMinorUnits(parsed, currency) : parsed;
    if (existing?.target === target) continue;
    result.items.push({ ...cell, target });
    result.cells.push(key);
  }
  return result;
};

/** The cell a problem+json field error points at: `items.3`, `items.3.target`, `items.3.scopeId`. */
export const cellOfField = (field: string, cells: readonly CellKey[]): CellKey | null => {
  const match = /^items\.(\d+)(\.|$)/.exec(field);
  if (!match?.[1]) return null;
  return cells[Number(match[1])] ?? null;
};

/** M5.2's reading of a percentage: below 100 the plan will not be made at this pace. */
export const completionTone = (completion: number | null): "none" | "behind" | "on_track" =>
  completion === null ? "none" : completion < 100 ? "behind" : "on_track";
