// Turning what a person did into text ops, and undoing it per person: an edit deletes characters by
// id and inserts new ones; its undo deletes exactly the characters it inserted (others' text typed
// in between stays) and puts the text it deleted back where the tombstones are, with new ids. That
// undo is itself an edit of the same shape, so redo is the undo of the undo.
import type { IdRange, TextField, TextOp } from "./field";
import type { TextEdit } from "./diff";
import { MAX_RANGES, MAX_RUN } from "./json";

/** What an edit did to one field, by id: for the undo stack. */
export interface TextUndo {
  item: string;
  field: string;
  /** Characters it turned from visible to deleted. */
  deleted: IdRange[];
  /** Characters it made. */
  inserted: IdRange[];
}

export interface MadeOps {
  ops: TextOp[];
  deleted: IdRange[];
  inserted: IdRange[];
}

/** Deletes `ranges` on `work` as ops of at most MAX_RANGES ranges each. */
function deleteRanges(work: TextField, ranges: IdRange[], out: MadeOps): void {
  for (let k = 0; k < ranges.length; k += MAX_RANGES) {
    const op: TextOp = { kind: "del", ranges: ranges.slice(k, k + MAX_RANGES) };
    work.apply(op);
    out.ops.push(op);
  }
  out.deleted.push(...ranges);
}

/** Inserts `text` after character `after` (null = the start) on `work`, MAX_RUN code points per op, each piece after the one before. */
function insertText(work: TextField, after: IdRange["id"] | null, text: string, replica: string, out: MadeOps): void {
  const cps = Array.from(text);
  for (let k = 0; k < cps.length; k += MAX_RUN) {
    const piece = cps.slice(k, k + MAX_RUN);
    const op = work.insertAfter(after, piece.join(""), replica);
    work.apply(op);
    out.ops.push(op);
    out.inserted.push({ id: op.id, len: piece.length });
    after = [op.id[0], op.id[1] + piece.length - 1];
  }
}

/** The ops of `edit` (positions in `work`'s visible text), applied to `work` as they are made. */
export function editOps(work: TextField, edit: TextEdit, replica: string): MadeOps {
  const out: MadeOps = { ops: [], deleted: [], inserted: [] };
  if (edit.del > 0) deleteRanges(work, work.deleteAt(edit.pos, edit.del).ranges, out);
  if (edit.ins.length > 0) insertText(work, work.anchorAt(edit.pos), edit.ins, replica, out);
  return out;
}

/**
 * The ops of `edit`, made against `base` (an older state of the field: what an input showed while
 * a composition held remote changes back), applied to `work` by id: the characters it deleted and
 * the character it typed after. Null when `work` lacks one of them (the field was replaced whole).
 */
export function rebasedEditOps(work: TextField, base: TextField, edit: TextEdit, replica: string): MadeOps | null {
  const deleted = edit.del > 0 ? base.deleteAt(edit.pos, edit.del).ranges : [];
  const after = base.anchorAt(edit.pos);
  if ((after !== null && !work.contains(after)) || deleted.some((r) => !work.contains(r.id) || !work.contains([r.id[0], r.id[1] + r.len - 1]))) {
    return null;
  }
  const out: MadeOps = { ops: [], deleted: [], inserted: [] };
  const shown = work.visibleIn(deleted);
  if (shown.length > 0) deleteRanges(work, shown, out);
  if (edit.ins.length > 0) insertText(work, after, edit.ins, replica, out);
  return out;
}

/** The ops that undo `u` on `work` (applied to it as they are made). */
export function undoOps(work: TextField, u: TextUndo, replica: string): MadeOps {
  const out: MadeOps = { ops: [], deleted: [], inserted: [] };
  const shown = work.visibleIn(u.inserted);
  if (shown.length > 0) deleteRanges(work, shown, out);
  // Spans are read once the inserted text is gone, so a replaced word comes back as one piece.
  for (const span of work.spans(u.deleted)) insertText(work, span.last, span.text, replica, out);
  return out;
}

/** Sorted, merged ranges (by replica, then n). */
export function normalize(ranges: IdRange[]): IdRange[] {
  const sorted = [...ranges].sort((a, b) => (a.id[0] !== b.id[0] ? (a.id[0] < b.id[0] ? -1 : 1) : a.id[1] - b.id[1]));
  const out: IdRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.id[0] === r.id[0] && r.id[1] <= last.id[1] + last.len) {
      last.len = Math.max(last.len, r.id[1] + r.len - last.id[1]);
    } else {
      out.push({ id: [r.id[0], r.id[1]], len: r.len });
    }
  }
  return out;
}

/** `a` without the characters of `b`. */
export function subtract(a: IdRange[], b: IdRange[]): IdRange[] {
  const minus = normalize(b);
  const out: IdRange[] = [];
  for (const r of normalize(a)) {
    let start = r.id[1];
    const end = r.id[1] + r.len;
    for (const m of minus) {
      if (m.id[0] !== r.id[0]) continue;
      const ms = m.id[1];
      const me = m.id[1] + m.len;
      if (me <= start || ms >= end) continue;
      if (ms > start) out.push({ id: [r.id[0], start], len: ms - start });
      start = Math.max(start, me);
    }
    if (start < end) out.push({ id: [r.id[0], start], len: end - start });
  }
  return out;
}

/**
 * `later` squashed onto `earlier` (one editing session is one undo step): the characters either
 * made, and the ones either deleted except those the session typed itself.
 */
export function squashText(earlier: TextUndo, later: TextUndo): TextUndo {
  return {
    item: earlier.item,
    field: earlier.field,
    inserted: normalize([...earlier.inserted, ...later.inserted]),
    deleted: normalize([...earlier.deleted, ...subtract(later.deleted, earlier.inserted)]),
  };
}
