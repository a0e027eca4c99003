// The client's side of merged text: what a typed value or an undo step becomes as changes (one op
// per text op, all in one batch), worked out on a copy of the view's field so the positions of
// each op follow the ones before it.
import type { Change } from "../api";
import type { Items } from "../items";
import { diffText } from "./diff";
import { editOps, rebasedEditOps, undoOps, type MadeOps, type TextUndo } from "./edits";
import { TextField } from "./field";
import { textOpValue } from "./json";

function changesOf(item: string, field: string, made: MadeOps): Change[] {
  return made.ops.map((op) => ({ item, field, value: textOpValue(op) }));
}

/**
 * The changes that make `item.field` read `value` (null when it does already, or when the field
 * holds something other than text), with what they do by id for the undo stack.
 */
export function typedChanges(
  items: Items,
  item: string,
  field: string,
  value: string,
  replica: string,
  caret?: number,
  base?: unknown,
): { changes: Change[]; undo: TextUndo } | null {
  const current = items.text(item, field);
  if (current === null) return null;
  // The value was typed over `base` (what the input showed); remote changes since are kept by id.
  const from = base instanceof TextField && base !== current ? base : current;
  const edit = diffText(from.text(), value, caret);
  if (edit === null) return null;
  let made = from === current ? null : rebasedEditOps(current.copy(), from, edit, replica);
  if (made === null) {
    const direct = diffText(current.text(), value, caret);
    if (direct === null) return null;
    made = editOps(current.copy(), direct, replica);
  }
  return { changes: changesOf(item, field, made), undo: { item, field, deleted: made.deleted, inserted: made.inserted } };
}

/**
 * The changes that invert each of `steps` on the current view, and what those do: the entry's new
 * `text`, so the next undo or redo inverts what actually happened (new ids for re-inserted text).
 */
export function invertedChanges(items: Items, steps: TextUndo[], replica: string): { changes: Change[]; steps: TextUndo[] } {
  const changes: Change[] = [];
  const next: TextUndo[] = [];
  for (const step of steps) {
    const current = items.text(step.item, step.field);
    if (current === null) continue;
    const made = undoOps(current.copy(), step, replica);
    changes.push(...changesOf(step.item, step.field, made));
    next.push({ item: step.item, field: step.field, deleted: made.deleted, inserted: made.inserted });
  }
  return { changes, steps: next };
}
