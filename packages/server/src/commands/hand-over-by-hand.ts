import type { HandOverClient, HandoverOptions } from "@conveyor/contracts";
import { nextLevel } from "@conveyor/domain";
import { and, eq } from "drizzle-orm";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { companies } from "../db/schema";
import { AppError, notFound } from "../http/app-error";
import { findCompany, type CompanyRow } from "../repositories/company.repository";
import { readConveyorSettings } from "../repositories/conveyor-settings.repository";
import { activeMemberName, lockConveyorClient, receiversAtLevel } from "../repositories/handover.repository";
import { recordTimelineEvent } from "../repositories/timeline.repository";
import { overseenUserIds, seesEverything } from "../repositories/visibility";
import type { Viewer } from "../scope";
import { balancedReceiver, parseLevel, performHandover } from "./hand-over-client";
import { sql } from "drizzle-orm";

/** Team leads, heads of sales and admins may choose who receives (M1.4: "the team lead may override"). */
const canPickReceiver = (viewer: Viewer): boolean => viewer.role !== "seller";

/** The owner hands over their own client; their lead and the heads may do it for them. */
const mayHandOver = async (ex: Executor, viewer: Viewer, company: CompanyRow): Promise<boolean> => {
  if (company.ownerId === viewer.userId || seesEverything(viewer)) return true;
  if (viewer.role !== "team_lead") return false;
  const result = await ex.execute<{ ok: boolean }>(sql`select ${company.ownerId}::uuid in ${overseenUserIds(viewer)} as ok`);
  return result.rows[0]?.ok === true;
};

const blockedReason = (mode: string, level: string | null): HandoverOptions["blockedBy"] => {
  if (mode !== "three_level") return "one_level";
  const current = parseLevel(level);
  if (!current) return "no_level";
  return nextLevel(current) ? null : "last_level";
};

/** What the hand-over dialog shows: who would receive the client, and the choices of a lead. */
export const handoverOptions = async (context: AppContext, viewer: Viewer, companyId: string): Promise<HandoverOptions> => {
  const { db } = context.database;
  const company = await findCompany(db, viewer, companyId);
  if (!company) throw notFound("The client");
  const settings = await readConveyorSettings(db, viewer.organizationId);
  const fromLevel = parseLevel(company.level);
  const toLevel = fromLevel ? nextLevel(fromLevel) : null;
  let blockedBy = blockedReason(settings.departmentMode, company.level);
  const candidates = toLevel && !blockedBy ? await receiversAtLevel(db, viewer.organizationId, toLevel, settings.receiverCap) : [];
  const suggestedId = toLevel && !blockedBy ? await balancedReceiver(db, settings, toLevel) : null;
  if (!blockedBy && !suggestedId) blockedBy = "no_receiver";
  const suggested = candidates.find((c) => c.id === suggestedId);
  return {
    companyId,
    fromLevel,
    toLevel,
    blockedBy,
    suggested: suggested ? { id: suggested.id, name: suggested.name } : null,
    candidates: candidates.map((c) => ({ id: c.id, name: c.name, clients: c.load, cap: c.cap })),
    canPickReceiver: canPickReceiver(viewer),
  };
};

/**
 * A person hands a client to the next level: an L1 seller who qualified the client as hot
 * (M1.4: "needs it and is ready"), or a lead moving it on. Returns the handover's id.
 */
export const handOverByHand = async (context: AppContext, viewer: Viewer, companyId: string, input: HandOverClient): Promise<string> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const company = await findCompany(tx, viewer, companyId);
    if (!company) throw notFound("The client");
    if (!(await mayHandOver(tx, viewer, company))) throw new AppError("forbidden", "Only the client's owner, their team lead or a head of sales hands it over");
    if (input.toUserId !== undefined) {
      if (!canPickReceiver(viewer)) throw new AppError("forbidden", "Only a team lead or a head of sales picks the receiver");
      if (!(await activeMemberName(tx, viewer.organizationId, input.toUserId))) {
        throw new AppError("validation_failed", "No active person with this id", {
          errors: [{ field: "toUserId", code: "unknown_user", message: "No active person with this id" }],
        });
      }
    }
    const settings = await readConveyorSettings(tx, viewer.organizationId);
    const client = await lockConveyorClient(tx, viewer.organizationId, companyId);
    if (!client) throw notFound("The client");
    const wasHot = client.temperature === "hot";
    const outcome = await performHandover(tx, settings, client, {
      trigger: "manual",
      rule: null,
      figures: { temperature: client.temperature },
      toUserId: input.toUserId,
      comment: input.comment,
      actorId: viewer.userId,
      now,
    });
    switch (outcome.kind) {
      case "not_possible":
        throw new AppError("handover_not_possible", handoverBlockedMessage(outcome.reason));
      case "no_receiver":
        throw new AppError("no_receiver", `No active ${outcome.toLevel} seller has room for another client`);
      case "handed_over":
        break;
    }
    // M1.4: an L1 seller hands over a client who "needs it and is ready": that is a hot client.
    if (outcome.toLevel === "L2" && !wasHot) {
      await tx
        .update(companies)
        .set({ temperature: "hot", updatedAt: now })
        .where(and(eq(companies.organizationId, viewer.organizationId), eq(companies.id, companyId)));
      await recordTimelineEvent(tx, viewer, {
        companyId,
        kind: "field_changed",
        at: now,
        actorId: viewer.userId,
        field: "temperature",
        fromValue: client.temperature,
        toValue: "hot",
      });
    }
    return outcome.handoverId;
  });
};

const handoverBlockedMessage = (reason: "one_level" | "no_level" | "last_level"): string => {
  switch (reason) {
    case "one_level":
      return "The department works on one level: there is no next level to hand the client to";
    case "no_level":
      return "The client is on no level of the conveyor yet";
    case "last_level":
      return "The client is on L3, the last level";
  }
};
