// A textarea without a browser, for the text binding's tests: a value, a selection (UTF-16, as in
// the DOM; setting the value puts the caret at the end, as browsers do) and events, with helpers
// that act like a person: type over the selection, delete backwards, paste, compose with an IME.
import type { TextSurface } from "../../src/ui/text/binding";

type Listener = (ev: Event) => void;

export interface FakeEvent {
  type: string;
  isComposing?: boolean;
  inputType?: string;
  key?: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
  defaultPrevented: boolean;
  preventDefault(): void;
  stopPropagation(): void;
}

export class FakeTextarea implements TextSurface {
  readOnly = false;
  selectionStart = 0;
  selectionEnd = 0;
  selectionDirection: "forward" | "backward" | "none" = "none";
  scrollTop = 0;
  focused = true;
  private text = "";
  private readonly listeners = new Map<string, Set<Listener>>();

  get value(): string {
    return this.text;
  }

  set value(v: string) {
    this.text = v;
    this.selectionStart = this.selectionEnd = v.length;
  }

  setSelectionRange(start: number, end: number, direction: "forward" | "backward" | "none" = "none"): void {
    this.selectionStart = Math.min(start, this.text.length);
    this.selectionEnd = Math.min(Math.max(start, end), this.text.length);
    this.selectionDirection = direction;
  }

  addEventListener(type: string, l: Listener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(l);
  }

  removeEventListener(type: string, l: Listener): void {
    this.listeners.get(type)?.delete(l);
  }

  listenerCount(): number {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }

  fire(type: string, extra: Partial<FakeEvent> = {}): FakeEvent {
    const ev: FakeEvent = {
      type,
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
      stopPropagation() {},
      ...extra,
    };
    for (const l of [...(this.listeners.get(type) ?? [])]) l(ev as unknown as Event);
    return ev;
  }

  /** Puts the caret (and selection) at UTF-16 offsets. */
  select(start: number, end = start): void {
    this.setSelectionRange(start, end);
    this.fire("select");
  }

  /** Replaces the selection with `text` as one input event (a keystroke, or a paste). */
  insert(text: string, inputType = "insertText"): void {
    const v = this.text;
    this.text = v.slice(0, this.selectionStart) + text + v.slice(this.selectionEnd);
    this.selectionStart = this.selectionEnd = this.selectionStart + text.length;
    this.fire("input", { inputType });
  }

  /** Types `text` one character (code point) at a time. */
  type(text: string): void {
    for (const ch of text) this.insert(ch);
  }

  /** Backspace: the selection, or the code point before the caret. */
  backspace(): void {
    const v = this.text;
    let start = this.selectionStart;
    if (start === this.selectionEnd && start > 0) start -= /[\udc00-\udfff]/.test(v[start - 1] ?? "") ? 2 : 1;
    this.text = v.slice(0, start) + v.slice(this.selectionEnd);
    this.selectionStart = this.selectionEnd = start;
    this.fire("input", { inputType: "deleteContentBackward" });
  }

  /** An IME composition: each step replaces the composed part; Chrome's order (input while composing, then compositionend). */
  compose(steps: string[], between?: () => void): void {
    const at = this.selectionStart;
    let composed = "";
    this.fire("compositionstart");
    for (const step of steps) {
      const v = this.text;
      this.text = v.slice(0, at) + step + v.slice(at + composed.length);
      composed = step;
      this.selectionStart = this.selectionEnd = at + step.length;
      this.fire("input", { inputType: "insertCompositionText", isComposing: true });
      between?.();
    }
    this.fire("compositionend");
  }

  key(key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean } = {}): FakeEvent {
    return this.fire("keydown", { key, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift, altKey: false });
  }
}
