import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/*
 * TOTP (RFC 6238) over HOTP (RFC 4226) with node:crypto: HMAC-SHA1, 30-second steps, 6 digits — what every
 * authenticator app uses by default. Secrets are base32 (RFC 4648) without padding.
 */

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
export const totpStepSeconds = 30;
export const totpDigits = 6;

export const base32Encode = (bytes: Buffer): string => {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
};

export const base32Decode = (text: string): Buffer => {
  const clean = text.replace(/[\s=-]/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error("not base32");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
};

/** A new 160-bit secret (RFC 4226's recommended length), base32. */
export const newTotpSecret = (): string => base32Encode(randomBytes(20));

export const hotp = (secret: string, counter: number): string => {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac("sha1", base32Decode(secret)).update(message).digest();
  const offset = (digest[digest.length - 1] ?? 0) & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** totpDigits).padStart(totpDigits, "0");
};

export const totpStep = (at: Date): number => Math.floor(at.getTime() / 1000 / totpStepSeconds);

/** The code an authenticator shows at `at`. */
export const totpCode = (secret: string, at: Date): string => hotp(secret, totpStep(at));

/**
 * The time step a code matches, within one step either side of `at` (clock drift), or null. A step at or
 * before `lastStep` is refused: a code works once.
 */
export const matchTotp = (secret: string, code: string, at: Date, lastStep: number | null): number | null => {
  const now = totpStep(at);
  const given = Buffer.from(code.trim());
  for (const step of [now, now - 1, now + 1]) {
    if (lastStep !== null && step <= lastStep) continue;
    const expected = Buffer.from(hotp(secret, step));
    if (expected.length === given.length && timingSafeEqual(expected, given)) return step;
  }
  return null;
};

/** The otpauth:// URI authenticator apps read (Key URI Format): issuer "Conveyor", the person's email. */
export const otpauthUri = (secret: string, account: string, issuer = "Conveyor"): string => {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const query = new URLSearchParams({ secret, issuer, algorithm: "SHA1", digits: String(totpDigits), period: String(totpStepSeconds) });
  return `otpauth://totp/${label}?${query.toString()}`;
};
