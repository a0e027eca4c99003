// Reading notes out of the replicated items, and building the changes the UI sends. Pure (only
// the sync contract's ItemsView), so unit-tested with a fake view.
import type { Change, ItemsView, Json } from "../../sync/api";
import { DEFAULT_NOTE_COLOR } from "../colors";
import { NOTE_H, NOTE_W } from "./geometry";

export const NOTE_KINDS = new Set(["note", "keyword"]);
export const TEXT_MAX = 4000;

export interface NoteData {
  id: string;
  kind: string;
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
  color: string;
  zone: string | null;
  z: string;
  author: string;
  /** The value of an extra template field (the health matrix's `layer`), by field name. */
  fields: Readonly<Record<string, Json>>;
}

const num = (v: Json | undefined, d: number): number => (typeof v === "number" && Number.isFinite(v) ? v : d);
const str = (v: Json | undefined, d: string): string => (typeof v === "string" ? v : d);

/** The note with this id, or null when it is no note (other kind, deleted, not there). */
export function readNote(items: ItemsView, id: string): NoteData | null {
  const kind = items.value(id, "kind");
  if (typeof kind !== "string" || !NOTE_KINDS.has(kind) || items.value(id, "deleted") === true) return null;
  const fields: Record<string, Json> = {};
  for (const [f, r] of Object.entries(items.fields(id))) fields[f] = r.v;
  const zone = items.value(id, "zone");
  return {
    id,
    kind,
    x: num(fields.x, 0),
    y: num(fields.y, 0),
    w: num(fields.w, NOTE_W),
    h: num(fields.h, NOTE_H),
    text: str(fields.text, ""),
    color: str(fields.color, DEFAULT_NOTE_COLOR),
    zone: typeof zone === "string" ? zone : null,
    z: str(fields.z, ""),
    author: str(fields.author, ""),
    fields,
  };
}

export function readNotes(items: ItemsView): Map<string, NoteData> {
  const out = new Map<string, NoteData>();
  for (const id of items.itemIds()) {
    const n = readNote(items, id);
    if (n) out.set(id, n);
  }
  return out;
}

/** Stacking order: z keys compared as plain strings (IT-4), ties broken by id for stability. */
export function stackOrder(notes: Iterable<Pick<NoteData, "id" | "z">>): string[] {
  return [...notes]
    .sort((a, b) => (a.z < b.z ? -1 : a.z > b.z ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((n) => n.id);
}

export function maxZ(notes: Iterable<Pick<NoteData, "z">>): string | null {
  let best: string | null = null;
  for (const n of notes) if (n.z && (best === null || n.z > best)) best = n.z;
  return best;
}

/** Item ids: 1-64 of [A-Za-z0-9_.:-] (OP-2); random enough not to collide between replicas. */
export function newItemId(random: () => number = Math.random): string {
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  let s = "n";
  for (let i = 0; i < 15; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

export interface NewNote {
  kind: string;
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
  zone: string | null;
  author: string;
  z: string;
  /** Template field defaults, e.g. { layer: "now" }. */
  extra?: Record<string, Json>;
}

/** All fields of a new note, as one batch, so creating is one undo step. */
export function createChanges(id: string, n: NewNote): Change[] {
  const fields: Record<string, Json> = {
    kind: n.kind,
    x: Math.round(n.x),
    y: Math.round(n.y),
    w: Math.round(n.w),
    h: Math.round(n.h),
    text: "",
    color: n.color,
    zone: n.zone,
    author: n.author.slice(0, 100),
    z: n.z,
    ...n.extra,
  };
  return Object.entries(fields).map(([field, value]) => ({ item: id, field, value }));
}

/** A move always writes the zone too, so the zone never disagrees with the position. */
export function moveChanges(moves: Iterable<{ id: string; x: number; y: number; zone: string | null }>): Change[] {
  const out: Change[] = [];
  for (const m of moves) {
    out.push({ item: m.id, field: "x", value: Math.round(m.x) });
    out.push({ item: m.id, field: "y", value: Math.round(m.y) });
    out.push({ item: m.id, field: "zone", value: m.zone });
  }
  return out;
}

/** Cuts a long text, keeping its line breaks (for display). */
export function shorten(text: string, max: number): string {
  const chars = [...text]; // code points, as the server counts (IT-2)
  return chars.length <= max ? text : chars.slice(0, max - 1).join("").trimEnd() + "…";
}

/** "Notitie: <text>" with the text cut and flattened to keep screen reader output short. */
export function truncate(text: string, max = 80): string {
  return shorten(text.replace(/\s+/g, " ").trim(), max);
}
