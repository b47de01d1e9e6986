import { setTimeout as sleep } from "node:timers/promises";
import { bulkReadDelayMs, bulkReadReasons, hourOf } from "@conveyor/domain";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../context";
import { approverIds, bumpReadCounter, claimReadAlert, countSlowed, insertCardOpen, insertNotices } from "../repositories/export-control.repository";
import type { Viewer } from "../scope";
import { exportSettingsFor, viewerOfRequest } from "./masking";

/*
 * [anti-leak] M1.5 (5): the bulk-read guard. Each client card opened is recorded (the offboarding report lists
 * them); a seller's card opens of other people's clients and the rows their lists return are counted per hour in
 * one database row (`read_counters`), so every server process adds to the same count. Past a threshold (the
 * organization's settings) the request is slowed by a bounded delay, and the heads of sales and admins get a
 * `bulk_read_alert` notice at once — claimed once per seller and hour by a conditional update, in whichever
 * process crosses the line first.
 */

const cardRoute = "/api/v1/companies/:id";
const listRoutes = new Set(["/api/v1/companies", "/api/v1/deals", "/api/v1/leads", "/api/v1/tasks", "/api/v1/search"]);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const lengthOf = (value: unknown): number => (Array.isArray(value) ? value.length : 0);

/** The rows a list response returned: its page's items, or the search box's hits of every kind. */
export const listedRowsOf = (url: string, payload: unknown): number => {
  if (!isRecord(payload)) return 0;
  if (url === "/api/v1/search") return lengthOf(payload["companies"]) + lengthOf(payload["contacts"]) + lengthOf(payload["deals"]);
  return lengthOf(payload["items"]);
};

const ownerOfCard = (payload: unknown): { companyId: string; ownerId: string } | null => {
  if (!isRecord(payload) || !isRecord(payload["company"])) return null;
  const { id, ownerId } = payload["company"];
  return typeof id === "string" && typeof ownerId === "string" ? { companyId: id, ownerId } : null;
};

/** Counts one read and says how long to hold it back (0 under the line). Alerts the heads on the first crossing. */
export const countRead = async (
  context: AppContext,
  viewer: Viewer,
  read: { cardOfOther: boolean; listedRows: number },
): Promise<{ delayMs: number; alerted: boolean }> => {
  if (viewer.role !== "seller" || (!read.cardOfOther && read.listedRows === 0)) return { delayMs: 0, alerted: false };
  const { db } = context.database;
  const now = context.now();
  const key = { organizationId: viewer.organizationId, userId: viewer.userId, hour: hourOf(now) };
  const counts = await bumpReadCounter(db, key, { cardOpens: read.cardOfOther ? 1 : 0, listedRows: read.listedRows });
  const settings = await exportSettingsFor(context, viewer.organizationId);
  const reasons = bulkReadReasons(counts, settings);
  if (reasons.length === 0) return { delayMs: 0, alerted: false };
  let alerted = false;
  if (counts.alertedAt === null && (await claimReadAlert(db, key, now))) {
    const heads = await approverIds(db, viewer.organizationId);
    const figures = {
      cardOpens: counts.cardOpens,
      listedRows: counts.listedRows,
      cardOpensPerHour: settings.cardOpensPerHour,
      listedRowsPerHour: settings.listedRowsPerHour,
    };
    await insertNotices(db, viewer.organizationId, heads.map((userId) => ({ userId, kind: "bulk_read_alert" as const, subjectUserId: viewer.userId, figures })), now);
    alerted = true;
  } else {
    await countSlowed(db, key);
  }
  return { delayMs: bulkReadDelayMs(true, settings.slowdownMs), alerted };
};

/** The preSerialization hook: records card opens, counts reads, slows a seller past the line. */
export const bulkReadGuardHook =
  (context: AppContext) =>
  async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const url = request.routeOptions.url;
    if (request.method !== "GET" || reply.statusCode !== 200 || url === undefined) return payload;
    const isCard = url === cardRoute;
    if (!isCard && !listRoutes.has(url)) return payload;
    const viewer = viewerOfRequest(request);
    if (!viewer) return payload;
    let cardOfOther = false;
    if (isCard) {
      const card = ownerOfCard(payload);
      if (!card) return payload;
      cardOfOther = card.ownerId !== viewer.userId;
      await insertCardOpen(context.database.db, { organizationId: viewer.organizationId, userId: viewer.userId, companyId: card.companyId, own: !cardOfOther, at: context.now() });
    }
    const { delayMs } = await countRead(context, viewer, { cardOfOther, listedRows: isCard ? 0 : listedRowsOf(url, payload) });
    if (delayMs > 0) {
      reply.header("x-read-slowed-ms", String(delayMs));
      await sleep(delayMs);
    }
    return payload;
  };
