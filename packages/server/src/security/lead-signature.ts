import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a signed delivery's timestamp may be from the server's clock (replays outside it are refused). */
export const signatureWindowSeconds = 300;

/** `sha256=<hex>` of HMAC-SHA256 over "<timestamp>.<raw body>" with the source's secret. */
export const leadSignature = (secret: string, timestamp: string, rawBody: string): string =>
  `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** A webhook delivery is taken only with a fresh timestamp and a signature made with the source's secret. */
export const checkLeadSignature = (input: {
  secret: string | null;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  now: Date;
}): SignatureCheck => {
  if (!input.secret) return { ok: false, reason: "This source takes no signed deliveries" };
  if (!input.timestamp || !/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: "Send X-Conveyor-Timestamp: the Unix time in seconds" };
  const skew = Math.abs(input.now.getTime() / 1000 - Number(input.timestamp));
  if (skew > signatureWindowSeconds) return { ok: false, reason: `The timestamp is more than ${signatureWindowSeconds} s away from the server's clock` };
  if (!input.signature) return { ok: false, reason: "Send X-Conveyor-Signature: sha256=<hex>" };
  const expected = Buffer.from(leadSignature(input.secret, input.timestamp, input.rawBody));
  const sent = Buffer.from(input.signature.trim().toLowerCase());
  if (expected.length !== sent.length || !timingSafeEqual(expected, sent)) return { ok: false, reason: "The signature does not match the body" };
  return { ok: true };
};
