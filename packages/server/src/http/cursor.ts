import { AppError } from "./app-error";

/** Opaque cursors: base64url JSON of the last row's sort key. */
export const encodeCursor = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

export const decodeCursor = <T>(cursor: string | undefined, parse: (value: unknown) => T | undefined): T | undefined => {
  if (cursor === undefined) return undefined;
  let decoded: T | undefined;
  try {
    decoded = parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    decoded = undefined;
  }
  if (decoded === undefined) {
    throw new AppError("validation_failed", "The cursor is not valid", {
      errors: [{ field: "query.cursor", code: "invalid_cursor", message: "Use nextCursor from the previous page" }],
    });
  }
  return decoded;
};
