import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/*
 * [anti-leak] Secrets the server must read back (TOTP secrets) are kept sealed with AES-256-GCM, so a copy of the
 * database (a dump, a backup, a stolen disk image of PostgreSQL) does not give away anyone's second factor.
 * The key is derived from the installation's secret: CONVEYOR_SECRET when set (several servers on one
 * PostgreSQL share it), otherwise a random file made at first start in the data directory (DATA_DIR/secret.key),
 * which is not inside the database and is not in its dumps.
 */

/** The keys the server derives from its secret, one per purpose. */
export type ServerKeys = { twoFactor: Buffer };

const sealedPrefix = "v1:";
const ivBytes = 12;
const tagBytes = 16;

/** The file that holds the installation's secret when CONVEYOR_SECRET is not set. */
export const secretKeyFile = (dataDir: string): string => join(dataDir, "secret.key");

const deriveKeys = (secret: Buffer): ServerKeys => ({
  twoFactor: Buffer.from(hkdfSync("sha256", secret, "conveyor", "two-factor-secrets v1", 32)),
});

/** The keys from a secret string (CONVEYOR_SECRET, or a fixed one in tests). */
export const keysFromSecret = (secret: string): ServerKeys => deriveKeys(Buffer.from(secret, "utf8"));

/**
 * The installation's keys: from CONVEYOR_SECRET, or from DATA_DIR/secret.key — made (32 random bytes, readable by
 * the owner only) when it is missing. Losing the file makes the sealed secrets unreadable: keep it with the backups.
 */
export const loadServerKeys = (options: { secret: string | undefined; dataDir: string }): { keys: ServerKeys; source: string } => {
  if (options.secret !== undefined) return { keys: keysFromSecret(options.secret), source: "CONVEYOR_SECRET" };
  const file = secretKeyFile(options.dataDir);
  if (!existsSync(file)) {
    mkdirSync(options.dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
  }
  const secret = readFileSync(file, "utf8").trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret; restore it from a backup (or remove it if nothing was sealed yet)`);
  return { keys: keysFromSecret(secret), source: file };
};

export const isSealed = (stored: string): boolean => stored.startsWith(sealedPrefix);

/** `v1:` + base64url(iv ‖ tag ‖ ciphertext). */
export const sealSecret = (key: Buffer, plaintext: string): string => {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${sealedPrefix}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
};

/**
 * The secret of a stored value. A value without the `v1:` prefix was stored before sealing and is returned as
 * it is (the caller seals it again). A sealed value that does not open means the server's key changed.
 */
export const openSecret = (key: Buffer, stored: string): string => {
  if (!isSealed(stored)) return stored;
  const bytes = Buffer.from(stored.slice(sealedPrefix.length), "base64url");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, ivBytes));
    decipher.setAuthTag(bytes.subarray(ivBytes, ivBytes + tagBytes));
    return Buffer.concat([decipher.update(bytes.subarray(ivBytes + tagBytes)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("A sealed secret does not open with this server's key: CONVEYOR_SECRET or DATA_DIR/secret.key changed");
  }
};
