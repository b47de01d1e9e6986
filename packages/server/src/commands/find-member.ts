import type { Executor } from "../db/database";
import { notFound } from "../http/app-error";
import { findMember, type MemberRow } from "../repositories/user.repository";
import type { Viewer } from "../scope";

/** A member of the viewer's organization, or 404 — the same answer for another organization's id. */
export const mustFindMember = async (ex: Executor, viewer: Viewer, userId: string): Promise<MemberRow> => {
  const member = await findMember(ex, viewer, userId);
  if (!member) throw notFound("The user");
  return member;
};

export const getUser = (ex: Executor, viewer: Viewer, userId: string): Promise<MemberRow> => mustFindMember(ex, viewer, userId);
