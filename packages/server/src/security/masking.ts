import { maskEmail, maskPhone, seesContactsInFull } from "@conveyor/domain";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../context";
import { loadExportSettings, type ExportSettingsRow } from "../repositories/export-control.repository";
import type { Viewer } from "../scope";

/*
 * [anti-leak] M1.5 (5): client phones and emails reach a role without "reveal" only masked — in client cards and
 * contacts, leads, search results and timelines — and the real value only through POST /api/v1/reveals (logged,
 * capped per day). Applied to every response of the client-data routes below before serialization, so a new
 * read path under them cannot forget it.
 */

const viewers = new WeakMap<FastifyRequest, Viewer>();

/** authenticate() notes who is asking, for the response hooks (masking, the bulk-read guard). */
export const rememberViewer = (request: FastifyRequest, viewer: Viewer): void => {
  viewers.set(request, viewer);
};

export const viewerOfRequest = (request: FastifyRequest): Viewer | undefined => viewers.get(request);

// Settings change rarely and are read on every client-data response: each process keeps them a few seconds.
const settingsTtlMs = 5_000;
const cache = new Map<string, { at: number; settings: ExportSettingsRow }>();

export const exportSettingsFor = async (context: AppContext, organizationId: string): Promise<ExportSettingsRow> => {
  const hit = cache.get(organizationId);
  if (hit && Date.now() - hit.at < settingsTtlMs) return hit.settings;
  const settings = await loadExportSettings(context.database.db, organizationId);
  cache.set(organizationId, { at: Date.now(), settings });
  return settings;
};

/** After a change of the settings, so this process applies it at once. */
export const forgetExportSettings = (organizationId: string): void => {
  cache.delete(organizationId);
};

/** The routes whose responses carry client phones and emails (route patterns, from Fastify). */
const clientDataRoute = /^\/api\/v1\/(companies|contacts|search|leads|review\/clients|tasks|deals)(\/|$)/;

export const isClientDataRoute = (url: string | undefined): boolean => url !== undefined && clientDataRoute.test(url);

const maskStrings = (value: unknown, mask: (s: string) => string): unknown =>
  Array.isArray(value) ? value.map((v) => (typeof v === "string" ? mask(v) : v)) : typeof value === "string" ? mask(value) : value;

/**
 * A response with every client phone and email masked: `phones` / `emails` lists (contacts, search hits),
 * `phone` / `email` strings (leads), and the sender of an email in a timeline (`email.from`).
 */
export const maskContactData = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(maskContactData);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === "phones" || key === "phone") out[key] = maskStrings(inner, maskPhone);
    else if (key === "emails") out[key] = maskStrings(inner, maskEmail);
    else if (key === "email" && typeof inner === "string") out[key] = maskEmail(inner);
    else if (key === "email" && typeof inner === "object" && inner !== null && "from" in inner) {
      const email = maskContactData(inner);
      out[key] = typeof email === "object" && email !== null && "from" in email && typeof email.from === "string" ? { ...email, from: maskEmailAddress(email.from) } : email;
    } else out[key] = maskContactData(inner);
  }
  return out;
};

/** "Irina <irina@example.test>" → "Irina <i***@example.test>". */
const maskEmailAddress = (from: string): string => from.replace(/[^\s<>"]+@[^\s<>"]+/g, (address) => maskEmail(address));

/** Whether this viewer sees client phones and emails masked (the organization's reveal roles). */
export const isMaskedFor = async (context: AppContext, viewer: Viewer): Promise<boolean> => {
  const settings = await exportSettingsFor(context, viewer.organizationId);
  return !seesContactsInFull(viewer.role, settings.revealRoles);
};

/** The preSerialization hook: masks client-data responses for roles without "reveal". */
export const maskingHook =
  (context: AppContext) =>
  async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    if (reply.statusCode >= 400 || !isClientDataRoute(request.routeOptions.url)) return payload;
    const viewer = viewerOfRequest(request);
    if (!viewer || !(await isMaskedFor(context, viewer))) return payload;
    reply.header("x-contacts-masked", "1");
    return maskContactData(payload);
  };
