import type { Offboard, OffboardResult } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { AppError, notFound } from "../http/app-error";
import { findPerson, handOverLeftoverTasks, redistributionCounts } from "../repositories/export-control.repository";
import type { Viewer } from "../scope";
import { readOffboardingReport } from "./read-offboarding-report";
import { redistributeClients } from "./redistribute-clients";
import { setUserActive } from "./set-user-active";

const nothingToMove = (error: unknown): boolean =>
  error instanceof AppError && error.code === "validation_failed" && error.details.errors?.some((e) => e.code === "no_clients") === true;

/**
 * [anti-leak] Offboarding: a departing person's clients — with their open deals and tasks — go on by the
 * redistribution rules (M5.5: the routing rules, or the people chosen), then the person is deactivated (their
 * sessions and tokens end with it), their remaining open tasks go to each client's owner (or to the one offboarding),
 * and the report of their last 30 days comes back. Nobody to take the clients: 409 `no_receiver`, nothing changed.
 */
export const offboardUser = async (context: AppContext, viewer: Viewer, userId: string, input: Offboard): Promise<OffboardResult> => {
  const person = await findPerson(context.database.db, viewer, userId);
  if (!person) throw notFound("The user");
  if (userId === viewer.userId) throw new AppError("cannot_deactivate_self", "You cannot offboard yourself");
  let redistributionId: string | null = null;
  try {
    redistributionId = await redistributeClients(context, viewer, {
      fromUserId: userId,
      mode: input.mode,
      ...(input.mode === "manual" && input.toUserIds ? { toUserIds: input.toUserIds } : {}),
      reason: input.reason,
    });
  } catch (error) {
    if (!nothingToMove(error)) throw error;
  }
  await setUserActive(context, viewer, userId, false);
  const leftover = await handOverLeftoverTasks(context.database.db, viewer, userId, context.now());
  const moved = redistributionId ? await redistributionCounts(context.database.db, viewer, redistributionId) : { clients: 0, deals: 0, tasks: 0 };
  return {
    redistributionId,
    clients: moved.clients,
    deals: moved.deals,
    tasks: moved.tasks + leftover,
    report: await readOffboardingReport(context, viewer, userId),
  };
};
