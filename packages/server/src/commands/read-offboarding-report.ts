import type { OffboardingReport } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { notFound } from "../http/app-error";
import { cardOpensOf, cardOpenTotals, findPerson, listExportLog, readTotalsOf, revealsOf, stillOwnedBy } from "../repositories/export-control.repository";
import { presentExportLogEntry } from "../presenters/export-control.presenter";
import type { Viewer } from "../scope";

/** The report covers the person's last 30 days: up to their deactivation, or up to now while they are active. */
export const offboardingReportDays = 30;

/**
 * [anti-leak] M1.5 (5): what a person opened and exported in their last 30 days — the client cards (own and other
 * people's), the exports with their hashes, the reveals of phones and emails, the rows their lists returned and the
 * hours they crossed the bulk-read line — and what is still theirs.
 */
export const readOffboardingReport = async (context: AppContext, viewer: Viewer, userId: string): Promise<OffboardingReport> => {
  const { db } = context.database;
  const person = await findPerson(db, viewer, userId);
  if (!person) throw notFound("The user");
  const until = person.status === "deactivated" && person.deactivatedAt ? person.deactivatedAt : context.now();
  const since = new Date(until.getTime() - offboardingReportDays * 86_400_000);
  const [opens, totals, exports, reveals, reads, still] = await Promise.all([
    cardOpensOf(db, viewer, userId, since),
    cardOpenTotals(db, viewer, userId, since),
    listExportLog(db, viewer, { userId, since, limit: 100 }),
    revealsOf(db, viewer, userId, since),
    readTotalsOf(db, viewer, userId, since),
    stillOwnedBy(db, viewer, userId),
  ]);
  return {
    user: { id: person.id, name: person.name, email: person.email, status: person.status, deactivatedAt: person.deactivatedAt ? person.deactivatedAt.toISOString() : null },
    since: since.toISOString(),
    until: until.toISOString(),
    cardOpens: {
      total: totals.total,
      otherClients: totals.other,
      clients: opens.map((o) => ({ company: { id: o.companyId, name: o.companyName }, opens: o.opens, own: o.own, lastAt: o.lastAt.toISOString() })),
    },
    exports: exports.map(presentExportLogEntry),
    reveals: {
      total: reveals.length,
      items: reveals.map((r) => ({
        targetKind: r.targetKind === "lead" ? "lead" : "contact",
        targetId: r.targetId,
        field: r.field === "emails" ? "emails" : "phones",
        company: r.companyId && r.companyName !== null ? { id: r.companyId, name: r.companyName } : null,
        at: r.at.toISOString(),
      })),
    },
    listedRows: reads.listedRows,
    hoursAlerted: reads.hoursAlerted,
    stillOwned: still,
  };
};
