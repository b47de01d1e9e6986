/**
 * Pure arithmetic of virtualized lists: which spacer rows stand in for the rows not rendered, and
 * when to ask for the next page.
 */

/**
 * Heights of the spacer rows before the first rendered row of a table. Their count keeps each row
 * at the same odd or even place as in the whole table, so striped rows keep their colour while
 * the reader scrolls: one spacer after an odd index, two (the first empty) after an even one.
 */
export const leadingSpacers = (firstIndex: number, height: number): number[] => {
  const spacer = Math.max(0, height);
  if (firstIndex % 2 === 1) return [spacer];
  return spacer > 0 ? [0, spacer] : [];
};

/** How many rows before the end of what is loaded the next page is asked for. */
export const loadAheadRows = 10;

/**
 * Whether the next page should load: more exist, none is loading, and the last rendered row
 * (-1 when none) is within `ahead` rows of the last loaded one.
 */
export const shouldLoadMore = (state: {
  lastRenderedIndex: number;
  loadedCount: number;
  hasMore: boolean;
  loading: boolean;
  ahead?: number;
}): boolean => state.hasMore && !state.loading && state.lastRenderedIndex >= state.loadedCount - 1 - (state.ahead ?? loadAheadRows);
