// No 0/O, 1/l/I: the password is read aloud or copied by hand from one screen to another.
const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export type RandomSource = (buffer: Uint32Array) => Uint32Array;

const cryptoRandom: RandomSource = (buffer) => crypto.getRandomValues(buffer);

/**
 * A temporary password for a new or reset account. Rejection sampling keeps every character
 * equally likely (a plain modulo would favour the first few letters).
 */
export const generatePassword = (length = 14, random: RandomSource = cryptoRandom): string => {
  const limit = Math.floor(2 ** 32 / alphabet.length) * alphabet.length;
  let result = "";
  while (result.length < length) {
    for (const value of random(new Uint32Array(length))) {
      if (value >= limit) continue;
      result += alphabet[value % alphabet.length];
      if (result.length === length) break;
    }
  }
  return result;
};
