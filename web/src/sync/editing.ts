// What a person does to the board through the client: changes, typed text, undo and redo (per
// person: remote edits never go on the stack). Everything is committed as one batch per action.
import type { Change, TextView } from "./api";
import type { Items } from "./items";
import { invertedChanges, typedChanges } from "./text/changes";
import { inverse, UndoStack, type UndoEntry } from "./undo";

export class Editing {
  private readonly stack = new UndoStack();

  constructor(
    /** The view (confirmed ⊔ pending) edits are made against. */
    private readonly items: Items,
    private readonly replica: string,
    /** Stamps, applies, keeps and sends changes as one batch. */
    private readonly commit: (changes: Change[]) => void,
    /** The stacks changed; called after the stack took the entry, so canUndo() tells the truth. */
    private readonly onHistory: () => void = () => {},
  ) {}

  change(changes: Change[], options?: { undoable?: boolean; mergeKey?: string }): void {
    if (changes.length === 0) return;
    const entry = options?.undoable ? inverse(this.items, changes) : null;
    this.commit(changes);
    if (entry) this.stack.push(options?.mergeKey === undefined ? entry : { ...entry, mergeKey: options.mergeKey });
    if (entry) this.onHistory();
  }

  /** See BoardClient.editText; `merging`: the node merges text (TX-7). */
  editText(
    item: string,
    field: string,
    value: string,
    merging: boolean,
    options?: { caret?: number; mergeKey?: string; undoable?: boolean; base?: TextView | null },
  ): void {
    const undoable = options?.undoable ?? true;
    const mergeKey = options?.mergeKey;
    const keyed = mergeKey !== undefined ? { mergeKey } : {};
    // Character ops only where the node merges them: an older node would refuse them on `text`
    // and keep them as odd values elsewhere. A field that already merges always gets them.
    const useOps = merging || this.items.isText(item, field);
    const typed = useOps ? typedChanges(this.items, item, field, value, this.replica, options?.caret, options?.base) : null;
    if (typed === null) {
      if (useOps && this.items.text(item, field) !== null) return; // nothing changed
      if (this.items.value(item, field) === value) return;
      return this.change([{ item, field, value }], { undoable, ...keyed });
    }
    this.commit(typed.changes);
    if (undoable) this.stack.push({ undo: [], redo: [], text: [typed.undo], ...keyed });
    if (undoable) this.onHistory();
  }

  undo(): boolean {
    const entry = this.stack.takeUndo();
    if (entry) this.run(entry, entry.undo);
    if (entry) this.onHistory();
    return entry !== undefined;
  }

  redo(): boolean {
    const entry = this.stack.takeRedo();
    if (entry) this.run(entry, entry.redo);
    if (entry) this.onHistory();
    return entry !== undefined;
  }

  canUndo(): boolean {
    return this.stack.canUndo();
  }

  canRedo(): boolean {
    return this.stack.canRedo();
  }

  /** Runs one direction of an entry: its plain changes, and the inverse of what it last did to text. */
  private run(entry: UndoEntry, plain: Change[]): void {
    if (!entry.text) return this.commit(plain);
    const inverted = invertedChanges(this.items, entry.text, this.replica);
    entry.text = inverted.steps;
    this.commit([...plain, ...inverted.changes]);
  }
}
