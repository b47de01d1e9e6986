import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { companies, companyShares, deals, memberships, tasks, teamMembers, teams } from "../db/schema";
import type { Viewer } from "../scope";

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
const sharedWithViewer = (viewer: Viewer): SQL =>
  sql`${companies.id} = any(array(select ${companyShares.companyId} from ${companyShares}
        where ${companyShares.organizationId} = ${viewer.organizationId} and ${companyShares.userId} = ${viewer.userId}))`;

export const visibleCompanies = (viewer: Viewer): SQL => {
  const inOrganization = eq(companies.organizationId, viewer.organizationId);
  if (seesEverything(viewer)) return inOrganization;
  const owned =
    viewer.role === "team_lead"
      ? sql`${companies.ownerId} = any(array${overseenUserIds(viewer)})`
      : eq(companies.ownerId, viewer.userId);
  return and(inOrganization, or(owned, sharedWithViewer(viewer))) ?? inOrganization;
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
  if (viewer.role === "team_lead") return and(active, sql`${memberships.userId} in ${overseenUserIds(viewer)}`) ?? sql`false`;
  return and(active, eq(memberships.userId, viewer.userId)) ?? sql`false`;
};


/** Deals: the viewer's own (or their team's), and every deal of a client they may see. */
export const visibleDeals = (viewer: Viewer): SQL => {
  const inOrganization = eq(deals.organizationId, viewer.organizationId);
  if (seesEverything(viewer)) return inOrganization;
  const owned =
    viewer.role === "team_lead" ? sql`${deals.ownerId} = any(array${overseenUserIds(viewer)})` : eq(deals.ownerId, viewer.userId);
  return and(inOrganization, or(owned, sql`${deals.companyId} = any(array${visibleCompanyIds(viewer)})`)) ?? inOrganization;
};
