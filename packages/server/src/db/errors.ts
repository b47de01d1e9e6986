/** PostgreSQL's unique_violation, whether `pg` raised it directly or Drizzle wrapped it (`cause`). */
export const isUniqueViolation = (error: unknown): boolean => {
  for (let current: unknown = error, depth = 0; current && depth < 3; depth++) {
    if (typeof current !== "object") return false;
    if ("code" in current && current.code === "23505") return true;
    current = "cause" in current ? current.cause : undefined;
  }
  return false;
};

/** PostgreSQL's foreign_key_violation: a row still referenced (a department that still has teams). */
export const isForeignKeyViolation = (error: unknown): boolean => {
  for (let current: unknown = error, depth = 0; current && depth < 3; depth++) {
    if (typeof current !== "object") return false;
    if ("code" in current && current.code === "23503") return true;
    current = "cause" in current ? current.cause : undefined;
  }
  return false;
};
