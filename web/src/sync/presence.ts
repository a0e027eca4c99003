// Outgoing presence, throttled to one frame per window (PR-1): the first goes out at once, later
// ones within the window collapse into one frame with the latest values at its end. The caret in a
// text field (TX-8 `text`) rides along, and is left out of the frame while there is none.
import type { TextCaret } from "./api";

export interface PresenceState {
  cursor: [number, number] | null;
  selection: string[];
  text?: TextCaret;
}

export class PresenceThrottle {
  private latest: PresenceState | null = null;
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (state: PresenceState) => boolean,
    private readonly windowMs = 100,
  ) {}

  set(cursor: [number, number] | null, selection: string[]): void {
    const text = this.latest?.text;
    this.latest = { cursor: cursor ? [cursor[0], cursor[1]] : null, selection: [...selection], ...(text ? { text } : {}) };
    this.push();
  }

  setText(caret: TextCaret | null): void {
    const base = this.latest ?? { cursor: null, selection: [] };
    this.latest = { cursor: base.cursor, selection: base.selection, ...(caret ? { text: caret } : {}) };
    this.push();
  }

  private push(): void {
    if (this.timer !== null) {
      this.dirty = true;
      return;
    }
    this.flush();
  }

  /** Sends the latest state again (after a welcome), still within the throttle. */
  resend(): void {
    if (!this.latest) return;
    if (this.timer !== null) this.dirty = true;
    else this.flush();
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.dirty = false;
  }

  private flush(): void {
    this.dirty = false;
    if (this.latest) this.send(this.latest);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.dirty) this.flush();
    }, this.windowMs);
  }
}
