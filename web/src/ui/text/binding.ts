// Ties a textarea or text input to one merged text field (TX-2..TX-8): each input event becomes
// character ops (the difference from what the field showed, placed by the caret; a paste is one
// insert); a composition (IME) sends nothing until it ends, then its final text; remote changes are
// painted without moving the caret or the selection (both are held as character ids across the
// change); the caret goes out as presence; Ctrl/Cmd+Z, Shift+Z and Ctrl+Y undo and redo one's own
// edits. Works on anything shaped like an input (TextSurface), so tests drive it without a browser.
import type { BoardClient, TextCaret, TextView } from "../../sync/api";
import { codePointOffset, diffText, utf16Offset } from "../../sync/text/diff";

/** The part of HTMLTextAreaElement / HTMLInputElement the binding uses. */
export interface TextSurface {
  value: string;
  readOnly: boolean;
  selectionStart: number | null;
  selectionEnd: number | null;
  selectionDirection: "forward" | "backward" | "none" | null;
  scrollTop: number;
  setSelectionRange(start: number, end: number, direction?: "forward" | "backward" | "none"): void;
  addEventListener(type: string, listener: (ev: Event) => void): void;
  removeEventListener(type: string, listener: (ev: Event) => void): void;
}

export interface TextBindingOptions {
  client: BoardClient;
  item: string;
  field: string;
  readOnly?: boolean;
  /** Whether the element has focus (document.activeElement === el in a page). */
  focused(): boolean;
  /** The current editing session's undo merge key: its keystrokes are one undo step. */
  mergeKey?(): string | undefined;
  /** Runs before the first character op of an edit (e.g. the fiche writes its `kind`). */
  beforeEdit?(): void;
  /** After a local edit, undo or redo (toolbars refresh their undo buttons). */
  afterEdit?(): void;
  /** Undo/redo keys in the field; default: the client's own. */
  undo?(kind: "undo" | "redo"): void;
  /** Where `selectionchange` is heard (the element's document in a page). */
  selectionSource?: { addEventListener(t: string, l: () => void): void; removeEventListener(t: string, l: () => void): void };
}

const UNDO_INPUT: Record<string, "undo" | "redo"> = { historyUndo: "undo", historyRedo: "redo" };

export class TextBinding {
  /** The field state the element shows (its value is this text, unless an input is being read). */
  private shown: TextView | null = null;
  private composing = false;
  private heldBack = false;
  private lastCaret = "";
  private readonly offs: (() => void)[] = [];

  constructor(
    readonly el: TextSurface,
    private readonly o: TextBindingOptions,
  ) {
    const on = (type: string, fn: (ev: Event) => void) => {
      el.addEventListener(type, fn);
      this.offs.push(() => el.removeEventListener(type, fn));
    };
    on("input", (ev) => {
      if (this.composing || (ev as InputEvent).isComposing) return;
      this.commit();
    });
    on("compositionstart", () => (this.composing = true));
    on("compositionend", () => {
      this.composing = false;
      this.commit(); // the final text of the composition, once
      if (this.heldBack) this.refresh();
    });
    on("keydown", (ev) => this.onKey(ev as KeyboardEvent));
    on("beforeinput", (ev) => {
      const kind = UNDO_INPUT[(ev as InputEvent).inputType];
      if (!kind) return;
      ev.preventDefault();
      this.runUndo(kind);
    });
    for (const type of ["select", "keyup", "mouseup", "focus"]) on(type, () => this.sendCaret());
    on("blur", () => {
      this.lastCaret = "";
      o.client.setTextCaret(null);
    });
    const source = o.selectionSource;
    if (source) {
      const onSelection = () => this.o.focused() && this.sendCaret();
      source.addEventListener("selectionchange", onSelection);
      this.offs.push(() => source.removeEventListener("selectionchange", onSelection));
    }
    this.offs.push(o.client.on("items", (changed) => changed.has(o.item) && this.refresh()));
    this.refresh();
  }

  destroy(): void {
    for (const off of this.offs.splice(0)) off();
    if (this.lastCaret) this.o.client.setTextCaret(null);
  }

  /** What the element shows, read by character. */
  get view(): TextView | null {
    return this.shown;
  }

  /** Sends what the element holds now as character ops. */
  commit(): void {
    const { client, item, field } = this.o;
    const el = this.el;
    if (this.o.readOnly || el.readOnly) return this.refresh();
    const value = el.value;
    const base = this.shown;
    const caret = codePointOffset(value, el.selectionEnd ?? value.length);
    const edit = diffText(base?.text() ?? "", value, caret);
    if (edit === null) return;
    this.o.beforeEdit?.();
    client.editText(item, field, value, { caret, mergeKey: this.o.mergeKey?.(), base });
    const now = (this.shown = client.text(item, field));
    // The view may differ from what was typed (remote text held back during a composition, kept
    // by id; or an edit refused): show it, the caret still after what was just typed.
    if ((now?.text() ?? "") !== value) {
      const len = Array.from(edit.ins).length;
      this.paint(value, now, (x) => {
        if (!base || !now) return null;
        if (x <= edit.pos) return now.positionOf(base.anchorAt(x));
        if (x > edit.pos + len) return now.positionOf(base.anchorAt(x - len + edit.del));
        const left = now.positionOf(base.anchorAt(edit.pos));
        return left === null ? null : Math.min(left + x - edit.pos, now.length);
      });
    }
    this.sendCaret();
    this.o.afterEdit?.();
  }

  /** Shows the field's current text, keeping the caret and the selection on their characters. */
  refresh(): void {
    if (this.composing) {
      this.heldBack = true; // touching the value mid-composition would break the IME
      return;
    }
    this.heldBack = false;
    const now = this.o.client.text(this.o.item, this.o.field);
    const before = this.shown;
    this.shown = now;
    if ((now?.text() ?? "") === this.el.value) return;
    const old = before && before.text() === this.el.value ? before : null;
    this.paint(this.el.value, now, (x) => (old && now ? now.positionOf(old.anchorAt(x)) : null));
    this.sendCaret();
  }

  /** Puts `now` in the element; `mapped` takes a selection end in `value` to `now` (by id; null: keep the number). */
  private paint(value: string, now: TextView | null, mapped: (pos: number) => number | null): void {
    const el = this.el;
    const next = now?.text() ?? "";
    const focused = this.o.focused();
    const start = codePointOffset(value, el.selectionStart ?? 0);
    const end = codePointOffset(value, el.selectionEnd ?? 0);
    const direction = el.selectionDirection ?? "none";
    const map = (pos: number): number => mapped(pos) ?? Math.min(pos, now?.length ?? 0);
    const [s, e] = [map(start), map(end)];
    const scroll = el.scrollTop;
    el.value = next;
    if (focused) el.setSelectionRange(utf16Offset(next, s), utf16Offset(next, Math.max(s, e)), direction);
    el.scrollTop = scroll;
  }

  private onKey(ev: KeyboardEvent): void {
    if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
    const key = ev.key.toLowerCase();
    const kind = key === "z" ? (ev.shiftKey ? "redo" : "undo") : key === "y" && ev.ctrlKey ? "redo" : null;
    if (!kind) return;
    ev.preventDefault();
    ev.stopPropagation();
    this.runUndo(kind);
  }

  private runUndo(kind: "undo" | "redo"): void {
    if (this.composing || this.o.readOnly) return;
    this.commit(); // whatever the element holds goes out first, so the undo sees it
    if (this.o.undo) this.o.undo(kind);
    else if (kind === "undo") this.o.client.undo();
    else this.o.client.redo();
    this.refresh();
    this.o.afterEdit?.();
  }

  /** TX-8 presence: after which character the caret and the selection's other end sit. */
  sendCaret(): void {
    if (!this.o.focused() || !this.shown || this.o.readOnly) return;
    const el = this.el;
    const value = el.value;
    if (value !== this.shown.text()) return; // mid-composition: the ids are not known yet
    const start = this.shown.anchorAt(codePointOffset(value, el.selectionStart ?? 0));
    const end = this.shown.anchorAt(codePointOffset(value, el.selectionEnd ?? 0));
    const backward = el.selectionDirection === "backward";
    const caret: TextCaret = { i: this.o.item, f: this.o.field, at: backward ? start : end, to: backward ? end : start };
    const key = JSON.stringify(caret);
    if (key === this.lastCaret) return;
    this.lastCaret = key;
    this.o.client.setTextCaret(caret);
  }
}
