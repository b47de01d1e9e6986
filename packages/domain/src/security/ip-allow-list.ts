/*
 * [anti-leak] M1.5 (5): an organization may allow sign-ins and requests only from its own networks.
 * CIDR blocks, IPv4 and IPv6; an IPv4-mapped IPv6 address (::ffff:10.0.0.1) counts as its IPv4 address.
 */

export type IpBlock = { version: 4 | 6; bits: bigint; prefix: number };

const parseV4 = (text: string): bigint | null => {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
};

const parseV6 = (text: string): bigint | null => {
  let body = text;
  // A trailing dotted IPv4 (::ffff:1.2.3.4) becomes two groups.
  const lastColon = body.lastIndexOf(":");
  const tail = body.slice(lastColon + 1);
  if (tail.includes(".")) {
    const v4 = parseV4(tail);
    if (v4 === null) return null;
    body = `${body.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (half: string | undefined) => (half ? half.split(":") : []);
  const head = groupsOf(halves[0]);
  const rest = groupsOf(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array.from({ length: halves.length === 2 ? missing : 0 }, () => "0"), ...rest];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  }
  return value;
};


/** An address as a number and its family; IPv4-mapped IPv6 folds to IPv4. Null when it is not an address. */
export const parseIp = (text: string): { version: 4 | 6; bits: bigint } | null => {
  const trimmed = text.trim();
  const v4 = parseV4(trimmed);
  if (v4 !== null) return { version: 4, bits: v4 };
  const v6 = parseV6(trimmed.replace(/%.*$/, ""));
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { version: 4, bits: v6 & 0xffffffffn };
  return { version: 6, bits: v6 };
};

/** "10.0.0.0/8", "2001:db8::/32" or a single address (a /32 or /128). Null when not valid. */
export const parseIpBlock = (text: string): IpBlock | null => {
  const [address, prefixText, extra] = text.trim().split("/");
  if (address === undefined || extra !== undefined) return null;
  const ip = parseIp(address);
  if (!ip) return null;
  const width = ip.version === 4 ? 32 : 128;
  // A mapped IPv6 block with a prefix counts from the IPv4 part.
  const mapped = ip.version === 4 && address.includes(":");
  let prefix = width;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return null;
    prefix = Number(prefixText) - (mapped ? 96 : 0);
    if (prefix < 0 || prefix > width) return null;
  }
  const hostBits = BigInt(width - prefix);
  return { version: ip.version, bits: (ip.bits >> hostBits) << hostBits, prefix };
};

export const ipInBlock = (ip: { version: 4 | 6; bits: bigint }, block: IpBlock): boolean => {
  if (ip.version !== block.version) return false;
  const hostBits = BigInt((ip.version === 4 ? 32 : 128) - block.prefix);
  return (ip.bits >> hostBits) << hostBits === block.bits;
};

/**
 * Whether an address may be used: an empty list allows every address; otherwise it must fall in one block.
 * An address that cannot be read is refused when a list is set.
 */
export const ipAllowed = (address: string | null | undefined, allowList: readonly string[]): boolean => {
  if (allowList.length === 0) return true;
  const ip = address ? parseIp(address) : null;
  if (!ip) return false;
  return allowList.some((text) => {
    const block = parseIpBlock(text);
    return block !== null && ipInBlock(ip, block);
  });
};

export type AllowListCheck =
  | { ok: true; normalized: string[] }
  | { ok: false; reason: "invalid"; index: number }
  | { ok: false; reason: "excludes_current"; index: null };

/**
 * Checks a list an admin wants to save: every entry must be a block, and the list must allow the address the
 * admin is using now, so nobody locks themself out. Duplicates are dropped; order is kept.
 */
export const checkIpAllowList = (entries: readonly string[], currentIp: string | null): AllowListCheck => {
  const normalized: string[] = [];
  for (const [index, entry] of entries.entries()) {
    const block = parseIpBlock(entry);
    if (!block) return { ok: false, reason: "invalid", index };
    const text = entry.trim().toLowerCase();
    if (!normalized.includes(text)) normalized.push(text);
  }
  if (!ipAllowed(currentIp, normalized)) return { ok: false, reason: "excludes_current", index: null };
  return { ok: true, normalized };
};

