import { auditGenesisHash, findAuditChainBreak, type AuditChainBreak } from "@conveyor/domain";
import type { Executor } from "../db/database";
import { listAuditedOrganizations, readAuditChainHead, readAuditChainPage } from "../repositories/audit.repository";
import { auditHash } from "./audit-log";

export type AuditChainReport = { organizationId: string; rows: number; broken: AuditChainBreak | null };

const pageSize = 2000;

/** Walks one organization's chain from the genesis, page by page, and names the first broken row. */
export const verifyAuditChain = async (ex: Executor, organizationId: string): Promise<AuditChainReport> => {
  const head = await readAuditChainHead(ex, organizationId);
  let start = { seq: 0, hash: auditGenesisHash };
  let rows = 0;
  for (;;) {
    const page = await readAuditChainPage(ex, organizationId, start.seq, pageSize);
    const last = page.length < pageSize;
    const broken = findAuditChainBreak(page, last ? head : null, auditHash, start);
    rows += page.length;
    if (broken) return { organizationId, rows, broken };
    const tail = page.at(-1);
    if (last || !tail) {
      // No rows at all but a head that says there were: the chain was cut.
      if (!tail && start.seq === 0 && head && head.seq !== 0) {
        return { organizationId, rows, broken: { seq: 1, id: null, reason: "head_mismatch" } };
      }
      return { organizationId, rows, broken: null };
    }
    start = { seq: tail.seq, hash: tail.hash };
  }
};

/** Every organization's chain; `say` gets one line per organization. */
export const verifyEveryAuditChain = async (
  ex: Executor,
  say: (line: string) => void = () => undefined,
): Promise<AuditChainReport[]> => {
  const reports: AuditChainReport[] = [];
  for (const organization of await listAuditedOrganizations(ex)) {
    const report = await verifyAuditChain(ex, organization.id);
    reports.push(report);
    say(
      report.broken
        ? `BROKEN  ${organization.name} (${organization.id}): first broken row seq ${report.broken.seq}` +
            `${report.broken.id ? ` id ${report.broken.id}` : ""} — ${report.broken.reason}`
        : `ok      ${organization.name} (${organization.id}): ${report.rows} rows`,
    );
  }
  return reports;
};
