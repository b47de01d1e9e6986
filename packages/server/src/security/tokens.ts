import { createHash, randomBytes, randomInt } from "node:crypto";

/** A random secret for a cookie or an API token; only its hash is stored. */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString("base64url");

export const sha256 = (value: string): string => createHash("sha256").update(value).digest("hex");

export const apiTokenPrefix = "cvr_";

export const newApiToken = (): { token: string; prefix: string } => {
  const token = `${apiTokenPrefix}${newSecret(32)}`;
  return { token, prefix: token.slice(0, apiTokenPrefix.length + 6) };
};

// No look-alike characters (0/O, 1/l/I): the admin copies this password from a terminal.
const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export const newOneTimePassword = (length = 16): string =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("");
