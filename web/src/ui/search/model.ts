// Search results as the dialog shows them (server/PROTOCOL.md SE-1): grouped by board in the order
// of their best hit, snippets read into plain text and marked runs (never parsed as HTML), and what
// a hit points at on its board. Pure, so unit-tested.

/** One hit of `GET /api/workshops/{id}/search` (SE-1). */
export interface SearchHit {
  board: string;
  item: string;
  field: string;
  /** HTML-escaped text with the matched words in `<mark>..</mark>`. */
  snippet: string;
  score: number;
}

export interface SearchAnswer {
  total: number;
  hits: SearchHit[];
}

/** Hits of one board, best first; boards in the order of their best hit. */
export interface BoardGroup {
  board: string;
  hits: SearchHit[];
}

export function groupByBoard(hits: SearchHit[]): BoardGroup[] {
  const groups = new Map<string, BoardGroup>();
  for (const hit of hits) {
    let g = groups.get(hit.board);
    if (!g) {
      g = { board: hit.board, hits: [] };
      groups.set(hit.board, g);
    }
    g.hits.push(hit);
  }
  return [...groups.values()];
}

/** A piece of a snippet: plain text, marked or not. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Undoes the server's escaping (named entities and numeric ones such as `&#x27;`). */
export function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith("#x")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/**
 * A snippet as text runs: only the exact tags `<mark>` and `</mark>` mark; everything else is
 * text (the server escapes what people typed, so a `<` in a note arrives as `&lt;`).
 */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  for (const piece of snippet.split(/(<mark>|<\/mark>)/)) {
    if (piece === "<mark>") marked = true;
    else if (piece === "</mark>") marked = false;
    else if (piece) parts.push({ text: unescapeHtml(piece), marked });
  }
  return parts;
}

/** What a hit points at, so the page can open it and put the focus there. */
export type Target =
  | { kind: "note"; item: string }
  | { kind: "fiche-field"; item: string; field: string }
  | { kind: "zone"; zone: string }
  | { kind: "board" }
  | { kind: "room"; item: string }
  /** An answer given in a round (`answer-<roundId>-<person>` on the room board, FA-16): in the round panel. */
  | { kind: "round-answer"; round: string; person: string };

/** Reserved item ids of template texts (SE-2). */
export const TEMPLATE_ITEM = "_template";
export const ZONE_PREFIX = "_zone:";
export const AXIS_PREFIX = "_axis:";

const ROUND_ANSWER = /^answer-(r[0-9]+)-(.+)$/;

export function targetOf(hit: SearchHit, template: string | undefined): Target {
  const answer = template === "room" ? ROUND_ANSWER.exec(hit.item) : null;
  if (answer) return { kind: "round-answer", round: answer[1]!, person: answer[2]! };
  if (template === "room") return { kind: "room", item: hit.item };
  if (hit.item.startsWith(ZONE_PREFIX)) return { kind: "zone", zone: hit.item.slice(ZONE_PREFIX.length) };
  if (hit.item === TEMPLATE_ITEM || hit.item.startsWith(AXIS_PREFIX)) return { kind: "board" };
  if (template === "action-fiche") return { kind: "fiche-field", item: hit.item, field: hit.field };
  return { kind: "note", item: hit.item };
}

/** Which word describes a hit's kind in the list (i18n key suffix and a fiche field's id). */
export function hitKind(hit: SearchHit, template: string | undefined): { key: "text" | "title" | "prompt" | "label" | "template" | "fiche" | "room" | "answer"; field?: string } {
  const target = targetOf(hit, template);
  if (target.kind === "room") return { key: "room" };
  if (target.kind === "round-answer") return { key: "answer" };
  if (target.kind === "zone") return { key: hit.field === "label" ? "label" : "prompt" };
  if (target.kind === "board") return { key: "template" };
  if (target.kind === "fiche-field") return hit.item === "fiche" ? { key: "fiche", field: hit.field } : { key: "text" };
  return { key: hit.field === "title" ? "title" : "text" };
}

/** Moves an active index through `n` options with the arrow keys, wrapping; -1 = none. */
export function moveActive(current: number, n: number, key: string): number {
  if (n === 0) return -1;
  if (key === "ArrowDown") return current < 0 ? 0 : (current + 1) % n;
  if (key === "ArrowUp") return current < 0 ? n - 1 : (current - 1 + n) % n;
  if (key === "Home") return 0;
  if (key === "End") return n - 1;
  return current;
}

/** Whether a key event is the search shortcut: Ctrl+K, or Cmd+K on a Mac. */
export function isSearchShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k";
}

/** The dialog's filters (SE-4); an empty string is no filter. */
export interface SearchFilters {
  board: string;
  zone: string;
  color: string;
  author: string;
  hasVotes: boolean;
}

export const NO_FILTERS: SearchFilters = Object.freeze({ board: "", zone: "", color: "", author: "", hasVotes: false });

/** The search's query string for the API (SE-1, SE-4): only the filters that are set. */
export function searchPath(workshop: string, q: string, limit: number, filters: SearchFilters = NO_FILTERS): string {
  const params = new URLSearchParams({ q, limit: String(limit) });
  if (filters.board) params.set("board", filters.board);
  if (filters.zone) params.set("zone", filters.zone);
  if (filters.color) params.set("color", filters.color);
  if (filters.author) params.set("author", filters.author);
  if (filters.hasVotes) params.set("has-votes", "true");
  return `/api/workshops/${encodeURIComponent(workshop)}/search?${params.toString()}`;
}
