import type {
  ConveyorProfile,
  Department,
  OrgChart,
  SaveDepartment,
  SaveTeam,
  Team,
  UpdateConveyorProfile,
  UpdateDepartment,
  UpdateTeam,
} from "@conveyor/contracts";
import { departmentKindSchema, levelSchema, matrixKindSchema, salesRoleSchema, saveDepartmentSchema } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { isForeignKeyViolation } from "../db/errors";
import type { Executor } from "../db/database";
import { AppError, notFound } from "../http/app-error";
import { readConveyorSettings } from "../repositories/conveyor-settings.repository";
import { activeMatrixKinds, listMatrixAssignments, parseStructureVariant, replaceMatrixAssignments } from "../repositories/matrix.repository";
import {
  countMembers,
  deleteDepartmentRow,
  deleteTeamRow,
  insertDepartment,
  insertTeam,
  listDepartments,
  listProfiles,
  listTeams,
  matrixLabels,
  productOrGroupExists,
  replaceTeamMembers,
  teamMembershipsOf,
  updateDepartmentRow,
  updateProfileRow,
  updateTeamRow,
  type DepartmentRow,
  type TeamRow,
} from "../repositories/structure.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";

const invalid = (field: string, message: string, code = "invalid") =>
  new AppError("validation_failed", message, { errors: [{ field, code, message }] });

const assertMembers = async (ex: Executor, organizationId: string, ids: readonly (string | null | undefined)[], field: string) => {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length > 0 && (await countMembers(ex, organizationId, wanted)) !== wanted.length) {
    throw invalid(field, "Someone here is not a member of the organization", "unknown_user");
  }
};

// ---------------------------------------------------------------- departments

export const presentDepartment = (row: DepartmentRow): Department => ({
  id: row.id,
  name: row.name,
  kind: departmentKindSchema.parse(row.kind),
  head: row.headUserId && row.headName ? { id: row.headUserId, name: row.headName } : null,
  teamCount: row.teamCount,
  createdAt: row.createdAt.toISOString(),
});

const readDepartment = async (ex: Executor, organizationId: string, id: string): Promise<Department> => {
  const row = (await listDepartments(ex, organizationId)).find((d) => d.id === id);
  if (!row) throw notFound("The department");
  return presentDepartment(row);
};

export const createDepartment = async (context: AppContext, viewer: Viewer, input: SaveDepartment): Promise<Department> => {
  const values = saveDepartmentSchema.parse(input);
  return context.database.db.transaction(async (tx) => {
    await assertMembers(tx, viewer.organizationId, [values.headUserId], "headUserId");
    const id = await insertDepartment(tx, {
      organizationId: viewer.organizationId,
      name: values.name,
      kind: values.kind,
      headUserId: values.headUserId ?? null,
      createdAt: context.now(),
    });
    return readDepartment(tx, viewer.organizationId, id);
  });
};

export const updateDepartment = async (context: AppContext, viewer: Viewer, id: string, input: UpdateDepartment): Promise<Department> =>
  context.database.db.transaction(async (tx) => {
    await assertMembers(tx, viewer.organizationId, [input.headUserId], "headUserId");
    const patch: { name?: string; kind?: string; headUserId?: string | null } = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.kind !== undefined) patch.kind = input.kind;
    if (input.headUserId !== undefined) patch.headUserId = input.headUserId;
    if (Object.keys(patch).length > 0 && (await updateDepartmentRow(tx, viewer.organizationId, id, patch)) === 0) throw notFound("The department");
    return readDepartment(tx, viewer.organizationId, id);
  });

export const deleteDepartment = async (context: AppContext, viewer: Viewer, id: string): Promise<void> => {
  try {
    const deleted = await context.database.db.transaction(async (tx) => {
      const n = await deleteDepartmentRow(tx, viewer.organizationId, id);
      if (n > 0) await auditAs(tx, viewer, "deleted", context.now(), { kind: "department", id });
      return n;
    });
    if (deleted === 0) throw notFound("The department");
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new AppError("department_in_use", "Move or delete its teams first");
    throw error;
  }
};

// ---------------------------------------------------------------- teams

export const presentTeam = (row: TeamRow): Team => ({
  id: row.id,
  name: row.name,
  level: row.level === null ? null : levelSchema.parse(row.level),
  departmentId: row.departmentId,
  lead: row.leadUserId && row.leadName ? { id: row.leadUserId, name: row.leadName } : null,
  members: row.members,
  createdAt: row.createdAt.toISOString(),
});

const readTeam = async (ex: Executor, organizationId: string, id: string): Promise<Team> => {
  const [row] = await listTeams(ex, organizationId, [id]);
  if (!row) throw notFound("The team");
  return presentTeam(row);
};

const assertDepartment = async (ex: Executor, organizationId: string, departmentId: string | null | undefined) => {
  if (!departmentId) return;
  if (!(await listDepartments(ex, organizationId)).some((d) => d.id === departmentId)) throw invalid("departmentId", "No such department", "unknown_department");
};

export const createTeam = async (context: AppContext, viewer: Viewer, input: SaveTeam): Promise<Team> =>
  context.database.db.transaction(async (tx) => {
    await assertMembers(tx, viewer.organizationId, [input.leadUserId], "leadUserId");
    await assertMembers(tx, viewer.organizationId, input.memberIds ?? [], "memberIds");
    await assertDepartment(tx, viewer.organizationId, input.departmentId);
    const id = await insertTeam(tx, {
      organizationId: viewer.organizationId,
      name: input.name,
      level: input.level ?? null,
      departmentId: input.departmentId ?? null,
      leadUserId: input.leadUserId ?? null,
      createdAt: context.now(),
    });
    await replaceTeamMembers(tx, viewer.organizationId, id, input.memberIds ?? []);
    return readTeam(tx, viewer.organizationId, id);
  });

export const updateTeam = async (context: AppContext, viewer: Viewer, id: string, input: UpdateTeam): Promise<Team> =>
  context.database.db.transaction(async (tx) => {
    await readTeam(tx, viewer.organizationId, id);
    await assertMembers(tx, viewer.organizationId, [input.leadUserId], "leadUserId");
    await assertMembers(tx, viewer.organizationId, input.memberIds ?? [], "memberIds");
    await assertDepartment(tx, viewer.organizationId, input.departmentId);
    const patch: { name?: string; level?: string | null; departmentId?: string | null; leadUserId?: string | null } = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.level !== undefined) patch.level = input.level;
    if (input.departmentId !== undefined) patch.departmentId = input.departmentId;
    if (input.leadUserId !== undefined) patch.leadUserId = input.leadUserId;
    if (Object.keys(patch).length > 0) await updateTeamRow(tx, viewer.organizationId, id, patch);
    if (input.memberIds !== undefined) {
      await replaceTeamMembers(tx, viewer.organizationId, id, input.memberIds);
      await auditAs(tx, viewer, "membership_changed", context.now(), { kind: "team", id }, { memberIds: input.memberIds });
    }
    if (input.leadUserId !== undefined) await auditAs(tx, viewer, "membership_changed", context.now(), { kind: "team", id }, { leadUserId: input.leadUserId });
    return readTeam(tx, viewer.organizationId, id);
  });

export const deleteTeam = async (context: AppContext, viewer: Viewer, id: string): Promise<void> => {
  const deleted = await context.database.db.transaction(async (tx) => {
    const n = await deleteTeamRow(tx, viewer.organizationId, id);
    if (n > 0) await auditAs(tx, viewer, "deleted", context.now(), { kind: "team", id });
    return n;
  });
  if (deleted === 0) throw notFound("The team");
};

// ---------------------------------------------------------------- people on the conveyor

export const conveyorProfiles = async (context: AppContext, viewer: Viewer, onlyUserId?: string): Promise<ConveyorProfile[]> => {
  const { db } = context.database;
  const [profiles, memberships, matrix] = await Promise.all([
    listProfiles(db, viewer.organizationId, onlyUserId === undefined),
    teamMembershipsOf(db, viewer.organizationId),
    listMatrixAssignments(db, viewer.organizationId),
  ]);
  const labels = await matrixLabels(db, viewer.organizationId, matrix.map((m) => m.value));
  return profiles
    .filter((p) => onlyUserId === undefined || p.userId === onlyUserId)
    .map((p) => ({
      userId: p.userId,
      name: p.name,
      role: p.role,
      status: p.status,
      level: p.level === null ? null : levelSchema.parse(p.level),
      salesRole: p.salesRole === null ? null : salesRoleSchema.parse(p.salesRole),
      clientCap: p.clientCap,
      teamIds: memberships.filter((m) => m.userId === p.userId).map((m) => m.teamId),
      matrix: matrix
        .filter((m) => m.userId === p.userId)
        .map((m) => ({ kind: matrixKindSchema.parse(m.kind), value: m.value, label: labels.get(m.value) ?? m.value })),
      clients: p.clients,
    }));
};

/** A person's level, job (M4.3), cap and matrix attachments (M4.4), set by a head of sales. */
export const updateConveyorProfile = async (
  context: AppContext,
  viewer: Viewer,
  userId: string,
  input: UpdateConveyorProfile,
): Promise<ConveyorProfile> => {
  await context.database.db.transaction(async (tx) => {
    const patch: { level?: string | null; salesRole?: string | null; clientCap?: number | null; updatedAt: Date } = { updatedAt: context.now() };
    if (input.level !== undefined) patch.level = input.level;
    if (input.salesRole !== undefined) patch.salesRole = input.salesRole;
    if (input.clientCap !== undefined) patch.clientCap = input.clientCap;
    if ((await updateProfileRow(tx, viewer.organizationId, userId, patch)) === 0) throw notFound("The person");
    if (input.matrix !== undefined) {
      // The organization's teams are read once, for however many team attachments there are.
      let teamIds: Set<string> | undefined;
      for (const [index, assignment] of input.matrix.entries()) {
        const field = `matrix.${index}.value`;
        switch (assignment.kind) {
          case "product":
          case "product_group":
            if (!(await productOrGroupExists(tx, viewer.organizationId, assignment.kind, assignment.value))) throw invalid(field, "No such product or product group");
            break;
          case "team":
            teamIds ??= new Set((await listTeams(tx, viewer.organizationId)).map((t) => t.id));
            if (!teamIds.has(assignment.value)) throw invalid(field, "No such team");
            break;
          case "region":
          case "audience":
            break;
        }
      }
      await replaceMatrixAssignments(tx, viewer.organizationId, userId, input.matrix);
    }
  });
  const [profile] = await conveyorProfiles(context, viewer, userId);
  if (!profile) throw notFound("The person");
  return profile;
};

// ---------------------------------------------------------------- the org chart

/** M5.8: departments → teams → people, heads of sales on top, and the matrix's second managers. */
export const orgChart = async (context: AppContext, viewer: Viewer): Promise<OrgChart> => {
  const { db } = context.database;
  const settings = await readConveyorSettings(db, viewer.organizationId);
  const variant = parseStructureVariant(settings.structureVariant);
  const active = activeMatrixKinds(variant);
  const [departments, teams, profiles] = await Promise.all([
    listDepartments(db, viewer.organizationId),
    listTeams(db, viewer.organizationId),
    conveyorProfiles(context, viewer),
  ]);
  const byId = new Map(profiles.map((p) => [p.userId, p]));
  const matrixManagers = profiles.filter((p) => p.matrix.length > 0);
  // A matrix manager attached to a team directs its members (M4.4: they have two managers).
  const secondManagersOf = (userId: string) => {
    const person = byId.get(userId);
    if (!person || !active.has("team")) return [];
    return matrixManagers
      .filter((m) => m.userId !== userId && m.matrix.some((a) => a.kind === "team" && person.teamIds.includes(a.value)))
      .map((m) => ({ id: m.userId, name: m.name, salesRole: m.salesRole }));
  };
  const member = (id: string, name: string) => {
    const p = byId.get(id);
    return { id, name, level: p?.level ?? null, salesRole: p?.salesRole ?? null, secondManagers: secondManagersOf(id) };
  };
  const teamNode = (t: TeamRow) => ({
    id: t.id,
    name: t.name,
    level: t.level === null ? null : levelSchema.parse(t.level),
    lead: t.leadUserId && t.leadName ? { id: t.leadUserId, name: t.leadName } : null,
    // The lead is drawn above the team, not again among its members.
    members: t.members.filter((m) => byId.has(m.id) && m.id !== t.leadUserId).map((m) => member(m.id, m.name)),
  });
  const inTeams = new Set(teams.flatMap((t) => [...t.members.map((m) => m.id), ...(t.leadUserId ? [t.leadUserId] : [])]));
  const unattached = teams.filter((t) => t.departmentId === null);
  return {
    departmentMode: settings.departmentMode === "one_level" ? "one_level" : "three_level",
    structureVariant: variant,
    headsOfSales: profiles.filter((p) => p.role === "head_of_sales").map((p) => ({ id: p.userId, name: p.name })),
    departments: [
      ...departments.map((d) => ({
        id: d.id,
        name: d.name,
        kind: departmentKindSchema.parse(d.kind),
        head: d.headUserId && d.headName ? { id: d.headUserId, name: d.headName } : null,
        teams: teams.filter((t) => t.departmentId === d.id).map(teamNode),
      })),
      ...(unattached.length > 0 ? [{ id: null, name: null, kind: "general" as const, head: null, teams: unattached.map(teamNode) }] : []),
    ],
    unassigned: profiles
      .filter((p) => (p.role === "seller" || p.role === "team_lead") && !inTeams.has(p.userId) && p.matrix.length === 0)
      .map((p) => member(p.userId, p.name)),
    matrixManagers: matrixManagers.map((m) => ({
      id: m.userId,
      name: m.name,
      salesRole: m.salesRole,
      assignments: m.matrix,
      active: m.matrix.some((a) => active.has(a.kind)),
    })),
  };
};
