// Themes (FA-23..FA-29): a theme is an item of kind "theme" with a `title`; a note joins it by its
// `theme` register. A theme draws as a labelled frame around its notes (or at its own x, y when it
// has none). Everything here turns the replicated items into theme data and user intents into
// changes; pure (only the sync contract's ItemsView), so unit-tested.
import type { Change, ItemsView, Json } from "../../sync/api";
import type { Template } from "../template";
import { freeSpot, noteSize, overlaps, type Rect } from "./geometry";
import { readNote, type NoteData } from "./model";
import { CONTROL_ITEM } from "./control-state";
import { totalVotes } from "./voting";

export const THEME_KIND = "theme";
export const THEME_TITLE_MAX = 200;
/** Space between a theme's frame and its notes, and the height of its label above them. */
export const FRAME_PAD = 16;
export const FRAME_HEAD = 40;
const EMPTY_W = 240;
const EMPTY_H = 80;

export interface ThemeData {
  id: string;
  title: string;
  x: number;
  y: number;
  zone: string | null;
  /** Live notes whose `theme` names this theme, by id order. */
  members: string[];
  fields: Readonly<Record<string, Json>>;
}

export interface Frame {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Source {
  board: string;
  item: string;
}

const num = (v: Json | undefined, d: number): number => (typeof v === "number" && Number.isFinite(v) ? v : d);

export function isTheme(items: ItemsView, id: string): boolean {
  return items.value(id, "kind") === THEME_KIND && items.value(id, "deleted") !== true;
}

/** The theme a note belongs to, when that theme is live (FA-24: anything else means none). */
export function themeOf(items: ItemsView, noteId: string): string | null {
  const t = items.value(noteId, "theme");
  return typeof t === "string" && t !== "" && isTheme(items, t) ? t : null;
}

export function readThemes(items: ItemsView): Map<string, ThemeData> {
  const out = new Map<string, ThemeData>();
  for (const id of items.itemIds()) {
    if (!isTheme(items, id)) continue;
    const fields: Record<string, Json> = {};
    for (const [f, r] of Object.entries(items.fields(id))) fields[f] = r.v;
    const title = fields.title;
    const zone = fields.zone;
    out.set(id, {
      id,
      title: typeof title === "string" ? title : "",
      x: num(fields.x, 0),
      y: num(fields.y, 0),
      zone: typeof zone === "string" ? zone : null,
      members: [],
      fields,
    });
  }
  const ids = [...items.itemIds()].sort();
  for (const id of ids) {
    const t = items.value(id, "theme");
    if (typeof t !== "string" || !out.has(t) || !readNote(items, id)) continue;
    out.get(t)!.members.push(id);
  }
  return out;
}

/** The frame drawn for a theme: around its notes with room for the label, else at its own place. */
export function frameOf(theme: ThemeData, notes: ReadonlyMap<string, Pick<NoteData, "x" | "y" | "w" | "h">>): Frame {
  const ms = theme.members.map((id) => notes.get(id)).filter((n): n is Pick<NoteData, "x" | "y" | "w" | "h"> => !!n);
  if (ms.length === 0) return { x: theme.x, y: theme.y, w: EMPTY_W, h: EMPTY_H };
  const x0 = Math.min(...ms.map((n) => n.x)) - FRAME_PAD;
  const y0 = Math.min(...ms.map((n) => n.y)) - FRAME_PAD - FRAME_HEAD;
  const x1 = Math.max(...ms.map((n) => n.x + n.w)) + FRAME_PAD;
  const y1 = Math.max(...ms.map((n) => n.y + n.h)) + FRAME_PAD;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Cuts a title to what the node takes (FA-23), counting code points as the node does. */
export function cleanTitle(title: string): string {
  return [...title.replace(/\s+/g, " ").trim()].slice(0, THEME_TITLE_MAX).join("");
}

/**
 * A new theme of these notes (FA-23, FA-24), its label just above the first of them: one batch,
 * one undo step. Notes already in another theme move into this one.
 */
export function groupChanges(themeId: string, title: string, noteIds: readonly string[], notes: ReadonlyMap<string, Pick<NoteData, "x" | "y" | "zone">>): Change[] {
  const first = noteIds.map((id) => notes.get(id)).find((n) => !!n);
  const out: Change[] = [
    { item: themeId, field: "kind", value: THEME_KIND },
    { item: themeId, field: "title", value: cleanTitle(title) },
    { item: themeId, field: "x", value: Math.round((first?.x ?? 0) - FRAME_PAD) },
    { item: themeId, field: "y", value: Math.round((first?.y ?? 0) - FRAME_PAD - FRAME_HEAD) },
    { item: themeId, field: "zone", value: first?.zone ?? null },
  ];
  for (const id of noteIds) out.push({ item: id, field: "theme", value: themeId });
  return out;
}

export function joinChanges(themeId: string, noteIds: readonly string[]): Change[] {
  return noteIds.map((item) => ({ item, field: "theme", value: themeId }));
}

export function leaveChanges(noteIds: readonly string[]): Change[] {
  return noteIds.map((item) => ({ item, field: "theme", value: null }));
}

export function renameChanges(themeId: string, title: string): Change[] {
  return [{ item: themeId, field: "title", value: cleanTitle(title) }];
}

/** Ungrouping: the theme goes, its notes stay where they are, in no theme. */
export function ungroupChanges(theme: Pick<ThemeData, "id" | "members">): Change[] {
  return [...leaveChanges(theme.members), { item: theme.id, field: "deleted", value: true }];
}

/** Moving a theme moves its notes with it, by the same distance. */
export function moveThemeChanges(theme: ThemeData, notes: ReadonlyMap<string, Pick<NoteData, "x" | "y">>, dx: number, dy: number): Change[] {
  const out: Change[] = [
    { item: theme.id, field: "x", value: Math.round(theme.x + dx) },
    { item: theme.id, field: "y", value: Math.round(theme.y + dy) },
  ];
  for (const id of theme.members) {
    const n = notes.get(id);
    if (!n) continue;
    out.push({ item: id, field: "x", value: Math.round(n.x + dx) });
    out.push({ item: id, field: "y", value: Math.round(n.y + dy) });
  }
  return out;
}

/** Gap between the notes a theme gathers, and how many sit side by side. */
export const GATHER_GAP = 12;
export const GATHER_COLUMNS = 2;

/**
 * Slot `i` of a theme whose first note sits at `anchor`: two columns, row after row, so a theme
 * stays a compact block instead of a frame across the board.
 */
export function slotPosition(anchor: Pick<NoteData, "x" | "y" | "w" | "h">, i: number): [number, number] {
  const col = i % GATHER_COLUMNS;
  const row = Math.floor(i / GATHER_COLUMNS);
  return [anchor.x + col * (anchor.w + GATHER_GAP), anchor.y + row * (anchor.h + GATHER_GAP)];
}

/** The note a theme's slots start from: its top-most, then left-most member. */
export function anchorOf<N extends Pick<NoteData, "x" | "y">>(members: readonly N[]): N | null {
  let best: N | null = null;
  for (const n of members) if (!best || n.y < best.y || (n.y === best.y && n.x < best.x)) best = n;
  return best;
}

const MAX_SLOT_TRIES = 60;

/**
 * Moves that gather `ids` into slots after the anchor's (the anchor itself stays). A slot is taken
 * when the theme's frame around `members` (the anchor and the notes already in the theme) and it
 * covers none of `others` (notes outside the theme), so no stranger ends up inside the frame;
 * when no slot near enough does that, the first slot that at least covers no note.
 */
export function gatherMoves(
  anchor: Pick<NoteData, "id" | "x" | "y" | "w" | "h">,
  ids: readonly string[],
  others: readonly Rect[] = [],
  members: readonly Rect[] = [anchor],
): { id: string; x: number; y: number }[] {
  const out: { id: string; x: number; y: number }[] = [];
  const inTheme: Rect[] = [...members];
  const taken = (r: Rect) => others.some((o) => overlaps(r, o, 4)) || inTheme.some((o) => overlaps(r, o, 4));
  for (const id of ids) {
    if (id === anchor.id) continue;
    let fallback: Rect | null = null;
    let chosen: Rect | null = null;
    for (const [x, y] of candidates(anchor)) {
      if (chosen) break;
      const r = { x, y, w: anchor.w, h: anchor.h };
      if (taken(r)) continue;
      fallback ??= r;
      const frame = bbox([...inTheme, r]);
      // A stranger whose middle is inside the frame would look like part of the theme.
      if (!others.some((o) => centreIn(frame, o))) chosen = r;
    }
    const at = chosen ?? fallback ?? { x: anchor.x, y: anchor.y + anchor.h + GATHER_GAP, w: anchor.w, h: anchor.h };
    inTheme.push(at);
    out.push({ id, x: at.x, y: at.y });
  }
  return out;
}

/**
 * Where a gathered note may go: the two-column slots first, then any grid place around the anchor
 * (left and above too), nearest first, for when strangers sit right below or beside it.
 */
function candidates(anchor: Pick<NoteData, "x" | "y" | "w" | "h">): [number, number][] {
  const out: [number, number][] = [];
  for (let slot = 1; slot <= MAX_SLOT_TRIES; slot++) out.push(slotPosition(anchor, slot));
  const around: [number, number][] = [];
  for (let r = 1; r <= 4; r++) {
    for (let cy = -r; cy <= r; cy++) {
      for (let cx = -r; cx <= r; cx++) if (Math.max(Math.abs(cx), Math.abs(cy)) === r) around.push([cx, cy]);
    }
  }
  around.sort((a, b) => a[0] ** 2 + a[1] ** 2 - (b[0] ** 2 + b[1] ** 2));
  for (const [cx, cy] of around) out.push([anchor.x + cx * (anchor.w + GATHER_GAP), anchor.y + cy * (anchor.h + GATHER_GAP)]);
  return out;
}

function centreIn(frame: Rect, r: Rect): boolean {
  const x = r.x + r.w / 2;
  const y = r.y + r.h / 2;
  return x > frame.x && x < frame.x + frame.w && y > frame.y && y < frame.y + frame.h;
}

/** The frame's rectangle around these notes (label included), as frameOf draws it. */
function bbox(rs: readonly Rect[]): Rect {
  const x0 = Math.min(...rs.map((r) => r.x)) - FRAME_PAD;
  const y0 = Math.min(...rs.map((r) => r.y)) - FRAME_PAD - FRAME_HEAD;
  const x1 = Math.max(...rs.map((r) => r.x + r.w)) + FRAME_PAD;
  const y1 = Math.max(...rs.map((r) => r.y + r.h)) + FRAME_PAD;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** What the board's vote is on (FA-26): themes only when the node wrote so. */
export function voteOnThemes(items: ItemsView): boolean {
  return items.value(CONTROL_ITEM, "voteOn") === "themes";
}

/** A theme as a row of the vote results, like a note (text = its title). */
export function themeResultNotes(themes: Iterable<ThemeData>): NoteData[] {
  return [...themes].map((t) => ({
    id: t.id,
    kind: THEME_KIND,
    x: t.x,
    y: t.y,
    w: EMPTY_W,
    h: EMPTY_H,
    text: t.title,
    color: "",
    zone: t.zone,
    z: "",
    author: "",
    fields: t.fields,
  }));
}

export function themeVotes(theme: ThemeData): number {
  return totalVotes(theme.fields);
}

/** The zone of row `row` (1..5) of a priority-actions board where a carried item lands (FA-27). */
export function rowZone(row: number): string {
  return `action-${row}.title`;
}

/**
 * The note a carried note or theme becomes in row `row` of a priority-actions board (FA-27):
 * in the row's title zone, with the text (a theme: its title) and a link back to its source.
 */
export function carryChanges(id: string, row: number, text: string, source: Source, tpl: Template, author: string): Change[] {
  return carriedItem(id, rowZone(row), "note", text, source, tpl, author, []).changes;
}

/**
 * A priority-actions board's side panels (zones outside its rows): "Reflectie beleidsplan" and
 * "Inzichten uit de windroos", where the keywords of the earlier exercises are gathered.
 */
export function sidePanels(tpl: Template): string[] {
  return tpl.zones.filter((z) => !z.row).map((z) => z.id);
}

/** The side panel a board of template `source` feeds: a policy-plan reflection its panel, a windroos the other. */
export function panelFor(source: string, tpl: Template): string | null {
  const panel = { "policy-reflection": "policy-reflection", windroos: "windroos-insights" }[source];
  return panel && sidePanels(tpl).includes(panel) ? panel : null;
}

/**
 * Carried into a side panel: one keyword per note or theme, side by side, each with its own id and
 * linking back to where it came from.
 */
export function panelChanges(parts: readonly { id: string; text: string; source: Source }[], panel: string, tpl: Template, author: string): Change[] {
  const taken: Rect[] = [];
  const out: Change[] = [];
  for (const p of parts) {
    const made = carriedItem(p.id, panel, "keyword", p.text, p.source, tpl, author, taken);
    taken.push(made.at);
    out.push(...made.changes);
  }
  return out;
}

function carriedItem(id: string, zone: string, kind: "note" | "keyword", text: string, source: Source, tpl: Template, author: string,
                     taken: readonly Rect[]): { changes: Change[]; at: Rect } {
  const z = tpl.zones.find((zz) => zz.id === zone) ?? null;
  // Where an item made in that zone would go, at the size such a zone gives it.
  const size = noteSize(tpl, z, kind);
  const at = z ? freeSpot(z, size.w, size.h, taken) : { x: 0, y: 0, w: size.w, h: size.h };
  const fields: Record<string, Json> = {
    kind,
    x: Math.round(at.x),
    y: Math.round(at.y),
    w: Math.round(size.w),
    h: Math.round(size.h),
    text: [...text].slice(0, 4000).join(""),
    zone: z ? zone : null,
    author: author.slice(0, 100),
    source: { board: source.board, item: source.item },
  };
  return { changes: Object.entries(fields).map(([field, value]) => ({ item: id, field, value })), at: { x: at.x, y: at.y, w: size.w, h: size.h } };
}

/** The carried texts of a selection, one per note or theme (a theme: its title), blank ones left out, with the item each came from. */
export function carriedParts(items: ItemsView, ids: readonly string[]): { text: string; item: string }[] {
  const parts: { text: string; item: string }[] = [];
  for (const id of ids) {
    let text = "";
    if (isTheme(items, id)) {
      const title = items.value(id, "title");
      text = typeof title === "string" ? title : "";
    } else {
      const n = readNote(items, id);
      if (n) text = n.text;
    }
    if (text.trim() !== "") parts.push({ text: text.trim(), item: id });
  }
  return parts;
}

/** The carried text of a selection: a theme's title, or the notes' texts one per line. */
export function carriedText(items: ItemsView, ids: readonly string[]): string {
  return carriedParts(items, ids).map((p) => p.text).join("\n");
}

/** A note's link back (FA-27), when it has a well-formed one. */
export function readSource(items: ItemsView, id: string): Source | null {
  const v = items.value(id, "source");
  if (!v || typeof v !== "object" || Array.isArray(v)) return null;
  const o = v as Record<string, Json>;
  return typeof o.board === "string" && typeof o.item === "string" ? { board: o.board, item: o.item } : null;
}

/** The join fragment that opens a source: its board, with the item to highlight. */
export function sourceHash(token: string, source: Source): string {
  const params = new URLSearchParams({ token, board: source.board, item: source.item });
  return "#" + params.toString();
}
