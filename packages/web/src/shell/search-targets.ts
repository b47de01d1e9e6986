import { searchMinLength, type SearchResults } from "@conveyor/contracts";

/** One line of the header's search dropdown and where choosing it leads. */
export type SearchTarget = { kind: "company" | "contact" | "deal"; id: string; path: string };

/** Whether the typed text is long enough to ask the server (shorter finds nothing anyway). */
export const isSearchable = (text: string): boolean => text.trim().length >= searchMinLength;

/** Every hit as an option value → target, in the order shown: clients, contacts, deals. */
export const searchTargets = (results: SearchResults): Map<string, SearchTarget> => {
  const targets = new Map<string, SearchTarget>();
  for (const c of results.companies) targets.set(`company:${c.id}`, { kind: "company", id: c.id, path: `/clients/${c.id}` });
  // A contact opens its client's card, where it lives.
  for (const c of results.contacts) targets.set(`contact:${c.id}`, { kind: "contact", id: c.id, path: `/clients/${c.companyId}` });
  for (const d of results.deals) targets.set(`deal:${d.id}`, { kind: "deal", id: d.id, path: `/deals/${d.id}` });
  return targets;
};

/**
 * Ctrl+K (⌘K) focuses search anywhere, by the physical key too (Ctrl+K on a Russian or Persian
 * layout reports "л" or "ن"); "/" only when the person is not typing into a field.
 */
export const isSearchHotkey = (event: {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: { tagName?: string; isContentEditable?: boolean } | null;
}): boolean => {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key.toLowerCase() === "k" || event.code === "KeyK")) return true;
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return false;
  const tag = event.target?.tagName?.toUpperCase();
  return !(tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || event.target?.isContentEditable === true);
};
