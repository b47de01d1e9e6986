/**
 * The reminders that have not popped up yet in this tab, and the set of those that now have.
 * A reminder snoozed and due again has a new time, so it pops up again; one merely still due
 * does not. Kept in memory: a new tab pops up what is due once more.
 */
export const newlyDue = <T extends { id: string; remindAt: string | null }>(
  items: readonly T[],
  shown: ReadonlySet<string>,
): { fresh: T[]; shown: Set<string> } => {
  const keyOf = (item: T) => `${item.id}@${item.remindAt ?? ""}`;
  const fresh = items.filter((item) => !shown.has(keyOf(item)));
  return { fresh, shown: new Set([...shown, ...fresh.map(keyOf)]) };
};
