import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { leadingSpacers, shouldLoadMore } from "./virtual-range";

type WindowRowsOptions = {
  count: number;
  /** A row's height in pixels until it is measured. */
  estimateSize: number;
  /** A row's stable key (its record's id), so a measured height follows the record. */
  getItemKey: (index: number) => string;
  /** The next page: whether there is one, whether something is loading, how to ask for it. */
  more: { hasMore: boolean; loading: boolean; load: () => void };
};

/**
 * The rows of a long table scrolled with the page: only those near the window are rendered, the
 * others stand in as spacer rows of their height, and the next page loads before the end shows.
 * Put `bodyRef` on the table's body and `measureRow` with `data-index` on each rendered row.
 */
export const useWindowRows = ({ count, estimateSize, getItemKey, more }: WindowRowsOptions) => {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // Filters and views above the table change height: where its rows start is measured after each render.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const top = body.getBoundingClientRect().top + window.scrollY;
    if (Math.abs(top - scrollMargin) >= 1) setScrollMargin(top);
  });

  const virtualizer = useWindowVirtualizer({ count, estimateSize: () => estimateSize, overscan: 8, scrollMargin, getItemKey });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0];
  const last = rows.at(-1);
  const lastRenderedIndex = last?.index ?? -1;

  const { hasMore, loading, load } = more;
  useEffect(() => {
    if (shouldLoadMore({ lastRenderedIndex, loadedCount: count, hasMore, loading })) load();
  }, [lastRenderedIndex, count, hasMore, loading, load]);

  return {
    bodyRef,
    rows,
    measureRow: virtualizer.measureElement,
    /** Heights of the spacer rows before the rendered ones. */
    before: leadingSpacers(first?.index ?? 0, first ? first.start - scrollMargin : 0),
    /** Height of the spacer row after them (0: none). */
    after: last ? Math.max(0, virtualizer.getTotalSize() - (last.end - scrollMargin)) : 0,
  };
};

/**
 * A row standing in for rows that are not rendered; invisible to screen readers. One of no height
 * only keeps the stripes' odd/even count, so it takes no space at all.
 */
export const SpacerRow = ({ height, columns }: { height: number; columns: number }) => (
  <tr aria-hidden="true" data-spacer="" style={height > 0 ? undefined : { display: "none" }}>
    <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
  </tr>
);
