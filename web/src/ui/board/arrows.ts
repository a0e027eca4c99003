// Arrows between notes (IT-6, the change map): an item of kind `arrow` whose `from` and `to` name
// notes. It is drawn only while both ends are live notes, `from` in zone order[i] and `to` in
// order[i+1]; the node does not check that (a concurrent move or delete could undo any check), so
// this module decides what is drawn and what may be offered. Pure; the same rule as the node's
// BoardArrows (export), held to server/vectors/arrows by both languages' tests.
import type { Change, ItemsView } from "../../sync/api";
import type { Template } from "../template";
import { newItemId, readNote, type NoteData } from "./model";

export const ARROW_KIND = "arrow";

export interface Arrow {
  id: string;
  from: string;
  to: string;
}

/** The zones arrows run through, in order; empty when the template has no arrows. */
export function arrowOrder(tpl: Pick<Template, "arrows">): readonly string[] {
  return tpl.arrows?.order ?? [];
}

/** Does an arrow from a note in `fromZone` to one in `toZone` follow the order? */
export function allowedStep(order: readonly string[], fromZone: string | null, toZone: string | null): boolean {
  const i = fromZone === null ? -1 : order.indexOf(fromZone);
  return i >= 0 && i + 1 < order.length && order[i + 1] === toZone;
}

/** Every arrow that is drawn, by id. */
export function drawnArrows(items: ItemsView, order: readonly string[]): Arrow[] {
  const out: Arrow[] = [];
  if (order.length < 2) return out;
  const notes = new Map<string, NoteData | null>();
  const note = (id: string) => {
    if (!notes.has(id)) notes.set(id, readNote(items, id));
    return notes.get(id)!;
  };
  for (const id of items.itemIds()) {
    if (items.value(id, "kind") !== ARROW_KIND || items.value(id, "deleted") === true) continue;
    const from = items.value(id, "from");
    const to = items.value(id, "to");
    if (typeof from !== "string" || typeof to !== "string") continue;
    const a = note(from);
    const b = note(to);
    if (a && b && allowedStep(order, a.zone, b.zone)) out.push({ id, from, to });
  }
  return out.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** The notes an arrow from `from` may point to now: those of the next zone it does not point to yet. */
export function arrowTargets(from: NoteData, notes: Iterable<NoteData>, drawn: readonly Arrow[], order: readonly string[]): NoteData[] {
  const linked = new Set(drawn.filter((a) => a.from === from.id).map((a) => a.to));
  return [...notes].filter((n) => !linked.has(n.id) && allowedStep(order, from.zone, n.zone)).sort((a, b) => a.y - b.y || a.x - b.x);
}

/** The changes that draw a new arrow (one batch, so it arrives whole). */
export function arrowChanges(from: string, to: string, random: () => number = Math.random): Change[] {
  const id = newItemId(random);
  return [
    { item: id, field: "kind", value: ARROW_KIND },
    { item: id, field: "from", value: from },
    { item: id, field: "to", value: to },
  ];
}

/** Where an arrow runs on the board: from the middle of `a`'s right edge to the middle of `b`'s left edge. */
export function arrowLine(a: Pick<NoteData, "x" | "y" | "w" | "h">, b: Pick<NoteData, "x" | "y" | "w" | "h">): [number, number, number, number] {
  return [a.x + a.w, a.y + a.h / 2, b.x, b.y + b.h / 2];
}
