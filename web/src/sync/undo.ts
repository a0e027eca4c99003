// Per-user undo/redo. An entry holds the changes that undo it and the changes that redo it;
// both are applied as new changes with fresh stamps. Remote edits never go on the stack. Merged
// text is undone by id instead (text/edits.ts): `text` says what the step did to each text field,
// and is replaced by what its undo (or redo) did each time one runs.
import type { Change, ItemsView, Json } from "./api";
import { squashText, type TextUndo } from "./text/edits";

export interface UndoEntry {
  undo: Change[];
  redo: Change[];
  /** What the step did to text fields, by character id (TX-2); undo and redo both invert it. */
  text?: TextUndo[];
  /** Consecutive entries with the same key are squashed into one step. */
  mergeKey?: string;
}

const fieldKey = (c: Change): string => `${c.item}\u0000${c.field}`;

/**
 * `later` squashed onto `earlier`: undo keeps the oldest value of each field, redo the newest.
 */
function squash(earlier: UndoEntry, later: UndoEntry): UndoEntry {
  const undone = new Set(earlier.undo.map(fieldKey));
  const undo = [...earlier.undo, ...later.undo.filter((c) => !undone.has(fieldKey(c)))];
  const redone = new Set(later.redo.map(fieldKey));
  const redo = [...earlier.redo.filter((c) => !redone.has(fieldKey(c))), ...later.redo];
  const text = [...(earlier.text ?? [])];
  for (const t of later.text ?? []) {
    const at = text.findIndex((e) => e.item === t.item && e.field === t.field);
    if (at >= 0) text[at] = squashText(text[at] as TextUndo, t);
    else text.push(t);
  }
  return text.length > 0 ? { undo, redo, text, mergeKey: earlier.mergeKey } : { undo, redo, mergeKey: earlier.mergeKey };
}

/**
 * Built-in fields whose value may not be null (IT-1): an undo cannot "unset" them, so a field
 * that had no value before gets its neutral value here, or is left alone when it has none.
 */
const NEUTRAL: Record<string, Json | undefined> = {
  deleted: false,
  text: "",
  kind: undefined,
  x: undefined,
  y: undefined,
  w: undefined,
  h: undefined,
  color: undefined,
  author: undefined,
  z: undefined,
};

function unsetValue(field: string): Json | undefined {
  return Object.prototype.hasOwnProperty.call(NEUTRAL, field) ? NEUTRAL[field] : null;
}

/**
 * The entry for `changes` made on top of `view` (read before they are applied). Fields are
 * restored to their previous values; an item that did not exist before is undone with
 * `deleted: true`, and its redo sets `deleted: false` again.
 */
export function inverse(view: ItemsView, changes: Change[]): UndoEntry {
  const created = new Set<string>();
  const seen = new Set<string>();
  const undo: Change[] = [];
  for (const c of changes) {
    if (!created.has(c.item) && Object.keys(view.fields(c.item)).length === 0) created.add(c.item);
    const key = `${c.item}\u0000${c.field}`;
    if (created.has(c.item) || seen.has(key)) continue;
    seen.add(key);
    const previous = view.get(c.item, c.field);
    const value = previous ? previous.v : unsetValue(c.field);
    if (value !== undefined) undo.push({ item: c.item, field: c.field, value });
  }
  const redo = [...changes];
  for (const item of created) {
    undo.push({ item, field: "deleted", value: true });
    if (!changes.some((c) => c.item === item && c.field === "deleted")) {
      redo.push({ item, field: "deleted", value: false });
    }
  }
  return { undo, redo };
}

export class UndoStack {
  private readonly done: UndoEntry[] = [];
  private readonly undone: UndoEntry[] = [];

  constructor(private readonly limit = 200) {}

  /** A new undoable change: it goes on the undo stack (or squashes onto its top) and clears the redo stack. */
  push(entry: UndoEntry): void {
    const top = this.done[this.done.length - 1];
    if (top && entry.mergeKey !== undefined && top.mergeKey === entry.mergeKey && this.undone.length === 0) {
      this.done[this.done.length - 1] = squash(top, entry);
      return;
    }
    this.done.push(entry);
    if (this.done.length > this.limit) this.done.shift();
    this.undone.length = 0;
  }

  /** The entry to undo now; it moves to the redo stack. */
  takeUndo(): UndoEntry | undefined {
    const entry = this.done.pop();
    if (entry) this.undone.push(entry);
    return entry;
  }

  /** The entry to redo now; it moves back to the undo stack. */
  takeRedo(): UndoEntry | undefined {
    const entry = this.undone.pop();
    if (entry) this.done.push(entry);
    return entry;
  }

  canUndo(): boolean {
    return this.done.length > 0;
  }

  canRedo(): boolean {
    return this.undone.length > 0;
  }

  clear(): void {
    this.done.length = 0;
    this.undone.length = 0;
  }
}
