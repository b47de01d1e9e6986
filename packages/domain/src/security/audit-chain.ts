/*
 * [anti-leak] M1.5 (5), the rising risk of leaking information: the audit log is a hash chain per
 * organization. These are the chain's pure rules; hashing itself (SHA-256) is the server's.
 */

/** The genesis: what the first row of a chain stores as its previous hash. */
export const auditGenesisHash = "0".repeat(64);

/**
 * JSON with object keys sorted at every depth, no whitespace, `undefined` members dropped: the same value
 * always serializes to the same text, whatever order the database (jsonb) gives the keys back in.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  if (typeof value === "object") {
    const members = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
    return `{${members.join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return "null";
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  return JSON.stringify(value);
};

export type AuditChainRow = {
  organizationId: string;
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  targetKind: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  prevHash: string;
};

/** The text a row's hash is taken over: every stored field but the hash itself, version-tagged. */
export const auditRowPayload = (row: AuditChainRow): string =>
  canonicalJson({
    v: 1,
    organizationId: row.organizationId,
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    action: row.action,
    targetKind: row.targetKind,
    targetId: row.targetId,
    details: row.details,
    ip: row.ip,
    prevHash: row.prevHash,
  });

export type AuditChainBreak = {
  seq: number;
  id: string | null;
  reason: "hash_mismatch" | "prev_hash_mismatch" | "seq_gap" | "head_mismatch";
};

/**
 * Walks one organization's chain in `seq` order and names the first broken row: a row whose stored hash is
 * not the hash of its payload (edited), whose previous hash is not the row before's (re-linked), or a
 * missing or repeated number (removed or inserted); finally the head must name the last row (tail cut).
 * `hash` is passed in so this stays pure.
 */
export const findAuditChainBreak = (
  rows: readonly (AuditChainRow & { id: string; hash: string })[],
  head: { seq: number; hash: string } | null,
  hash: (payload: string) => string,
  start: { seq: number; hash: string } = { seq: 0, hash: auditGenesisHash },
): AuditChainBreak | null => {
  let expectedSeq = start.seq + 1;
  let previous = start.hash;
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { seq: expectedSeq, id: row.id, reason: "seq_gap" };
    if (row.prevHash !== previous) return { seq: row.seq, id: row.id, reason: "prev_hash_mismatch" };
    if (hash(auditRowPayload(row)) !== row.hash) return { seq: row.seq, id: row.id, reason: "hash_mismatch" };
    previous = row.hash;
    expectedSeq += 1;
  }
  const last = { seq: expectedSeq - 1, hash: previous };
  if (head && (head.seq !== last.seq || head.hash !== last.hash)) {
    return { seq: Math.min(head.seq, last.seq + 1), id: null, reason: "head_mismatch" };
  }
  return null;
};
