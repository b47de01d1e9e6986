import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { companies, companyProducts, companyShares, deals, memberships, products, tasks, teamMembers, teams } from "../db/schema";
import { hasMatrixScope, type Viewer } from "../scope";

/*
 * Who sees what (crm-core): sellers their own clients and those shared with them; team leads
 * their team's as well; heads of sales and admins the whole organization. Every read of
 * clients, contacts, activities, tasks and timelines goes through these conditions.
 */

export const seesEverything = (viewer: Viewer): boolean => {
  switch (viewer.role) {
    case "admin":
    case "head_of_sales":
      return true;
    case "team_lead":
    case "seller":
      return false;
  }
};

/** The people whose clients and tasks the viewer oversees, themselves included. */
export const overseenUserIds = (viewer: Viewer): SQL =>
  sql`(select ${teamMembers.userId} from ${teamMembers}
        join ${teams} on ${teams.id} = ${teamMembers.teamId} and ${teams.organizationId} = ${teamMembers.organizationId}
        where ${teams.organizationId} = ${viewer.organizationId} and ${teams.leadUserId} = ${viewer.userId}
        union select ${viewer.userId}::uuid)`;

/*
 * The conditions are written as `column = any(array(subquery))`: an indexable array comparison,
 * so the planner can OR the owner index with the primary key (a bitmap of the few thousand rows
 * in a seller's scope) instead of walking a 200k-client index and testing each row.
 */
// A handover's giver keeps read access until the share expires (M1.4); the sweep deletes it later.
const sharedWithViewer = (viewer: Viewer): SQL =>
  sql`${companies.id} = any(array(select ${companyShares.companyId} from ${companyShares}
        where ${companyShares.organizationId} = ${viewer.organizationId} and ${companyShares.userId} = ${viewer.userId}
          and (${companyShares.expiresAt} is null or ${companyShares.expiresAt} > now())))`;

const textArray = (values: readonly string[]): SQL => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
const uuidArray = (values: readonly string[]): SQL => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::uuid[]`;

/** M4.4: the clients a matrix manager sees through their regions, customer types and products. */
const matrixClients = (viewer: Viewer): SQL[] => {
  const m = viewer.matrix;
  if (!m) return [];
  const conditions: SQL[] = [];
  if (m.regions.length > 0) conditions.push(sql`${companies.region} = any(${textArray(m.regions)})`);
  if (m.audiences.length > 0) conditions.push(sql`${companies.audience} = any(${textArray(m.audiences)})`);
  if (m.productIds.length > 0 || m.productGroupIds.length > 0) {
    const byProduct = m.productIds.length > 0 ? sql`${products.id} = any(${uuidArray(m.productIds)})` : sql`false`;
    const byGroup = m.productGroupIds.length > 0 ? sql`${products.groupId} = any(${uuidArray(m.productGroupIds)})` : sql`false`;
    conditions.push(sql`${companies.id} = any(array(select ${companyProducts.companyId} from ${companyProducts}
        join ${products} on ${products.id} = ${companyProducts.productId} and ${products.organizationId} = ${companyProducts.organizationId}
        where ${companyProducts.organizationId} = ${viewer.organizationId} and (${byProduct} or ${byGroup})))`);
  }
  return conditions;
};

export const visibleCompanies = (viewer: Viewer): SQL => {
  const inOrganization = eq(companies.organizationId, viewer.organizationId);
  if (seesEverything(viewer)) return inOrganization;
  const owned =
    viewer.role === "team_lead"
      ? sql`${companies.ownerId} = any(array${overseenUserIds(viewer)})`
      : eq(companies.ownerId, viewer.userId);
  return and(inOrganization, or(owned, sharedWithViewer(viewer), ...matrixClients(viewer))) ?? inOrganization;
};

/**
 * The clients a viewer sees besides those of the owners in their scope: shared with them (a giver's
 * grace period too) or through the matrix. The segment counts add these live to the owners' rollup;
 * going through all of visibleCompanies there read every owned client's page to find a few shared ones.
 */
export const visibleBeyondOwners = (viewer: Viewer): SQL => {
  const inOrganization = eq(companies.organizationId, viewer.organizationId);
  return and(inOrganization, or(sharedWithViewer(viewer), ...matrixClients(viewer))) ?? inOrganization;
};

/** A company id the viewer may see, as a subquery for child tables (contacts, activities, timeline). */
export const visibleCompanyIds = (viewer: Viewer): SQL =>
  sql`(select ${companies.id} from ${companies} where ${visibleCompanies(viewer)})`;

export const visibleTasks = (viewer: Viewer): SQL => {
  const inOrganization = eq(tasks.organizationId, viewer.organizationId);
  if (seesEverything(viewer)) return inOrganization;
  const mine = or(eq(tasks.assigneeId, viewer.userId), eq(tasks.createdById, viewer.userId));
  const overseen = viewer.role === "team_lead" ? sql`${tasks.assigneeId} in ${overseenUserIds(viewer)}` : undefined;
  const onVisibleClient = sql`${tasks.companyId} in ${visibleCompanyIds(viewer)}`;
  return and(inOrganization, or(mine, overseen, onVisibleClient)) ?? inOrganization;
};

/** Active people the viewer may make owner of a client or assignee of a task. */
export const assignablePeople = (viewer: Viewer): SQL => {
  const active = and(eq(memberships.organizationId, viewer.organizationId), eq(memberships.status, "active"));
  if (seesEverything(viewer)) return active ?? sql`false`;
  // M4.4: a matrix manager may set tasks to the members of the teams they also direct.
  const directed = hasMatrixScope(viewer) && viewer.matrix && viewer.matrix.teamIds.length > 0
    ? sql`${memberships.userId} in (select ${teamMembers.userId} from ${teamMembers}
        where ${teamMembers.organizationId} = ${viewer.organizationId} and ${teamMembers.teamId} = any(${uuidArray(viewer.matrix.teamIds)}))`
    : undefined;
  if (viewer.role === "team_lead") return and(active, or(sql`${memberships.userId} in ${overseenUserIds(viewer)}`, directed)) ?? sql`false`;
  return and(active, or(eq(memberships.userId, viewer.userId), directed)) ?? sql`false`;
};


/** Deals: the viewer's own (or their team's), and every deal of a client they may see. */
export const visibleDeals = (viewer: Viewer): SQL => {
  const inOrganization = eq(deals.organizationId, viewer.organizationId);
  if (seesEverything(viewer)) return inOrganization;
  const owned =
    viewer.role === "team_lead" ? sql`${deals.ownerId} = any(array${overseenUserIds(viewer)})` : eq(deals.ownerId, viewer.userId);
  return and(inOrganization, or(owned, sql`${deals.companyId} = any(array${visibleCompanyIds(viewer)})`)) ?? inOrganization;
};
