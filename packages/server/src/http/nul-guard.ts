import type { FastifyRequest } from "fastify";
import { AppError } from "./app-error";

const joinField = (at: string, key: string): string => (at === "" ? key : `${at}.${key}`);

/**
 * Where a parsed input holds a NUL character (in a string or a key), as the dotted field path
 * the problem names; undefined when nowhere. Walks iteratively: a body may nest thousands deep.
 */
export const nulFieldOf = (value: unknown, at: string): string | undefined => {
  const pending: Array<{ value: unknown; at: string }> = [{ value, at }];
  for (;;) {
    const next = pending.pop();
    if (next === undefined) return undefined;
    const current = next.value;
    if (typeof current === "string") {
      if (current.includes("\u0000")) return next.at;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push({ value: item, at: joinField(next.at, String(index)) }));
    } else if (typeof current === "object" && current !== null && !Buffer.isBuffer(current)) {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes("\u0000")) return joinField(next.at, key);
        pending.push({ value: item, at: joinField(next.at, key) });
      }
    }
  }
};

/**
 * PostgreSQL text and jsonb cannot hold U+0000, so a NUL anywhere in the params, query or JSON body
 * answers 400 naming the field, before any route sees it, instead of failing inside the database.
 */
export const rejectNulCharacters = async (request: FastifyRequest): Promise<void> => {
  const field = nulFieldOf(request.params, "params") ?? nulFieldOf(request.query, "query") ?? nulFieldOf(request.body, "");
  if (field === undefined) return;
  const name = field === "" ? "(body)" : field;
  throw new AppError("validation_failed", `${name}: NUL characters are not allowed`, {
    errors: [{ field: name, code: "nul_character", message: "NUL characters are not allowed" }],
  });
};
