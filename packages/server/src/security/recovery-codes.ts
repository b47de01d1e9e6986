import { randomInt } from "node:crypto";
import { sha256 } from "./tokens";

// No look-alike characters (0/o, 1/l/i): people copy these from paper.
const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
export const recoveryCodeCount = 10;

/** Ten one-time codes shown as xxxxx-xxxxx; only their hashes are stored. */
export const newRecoveryCodes = (): string[] =>
  Array.from({ length: recoveryCodeCount }, () => {
    const chars = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });

/** The stored form: lower case, without the dash, hashed. */
export const recoveryCodeHash = (code: string): string => sha256(`recovery:${code.trim().toLowerCase().replace(/-/g, "")}`);
