// Outgoing presence, throttled to one frame per window (PR-1): the first goes out at once, later
// ones within the window collapse into one frame with the latest values at its end. The caret in a
// text field (TX-8 `text`) rides along, and is left out of the frame while there is none.
import type { DragPosition, TextCaret } from "./api";

export interface PresenceState {
  cursor: [number, number] | null;
  selection: string[];
  text?: TextCaret;
  /** PR-5: left out while nothing is dragged. */
  drag?: DragPosition[];
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
    const { text, drag } = this.latest ?? {};
    this.latest = { cursor: cursor ? [cursor[0], cursor[1]] : null, selection: [...selection], ...(text ? { text } : {}), ...(drag ? { drag } : {}) };
    this.push();
  }

  setText(caret: TextCaret | null): void {
    const base = this.latest ?? { cursor: null, selection: [] };
    this.latest = { cursor: base.cursor, selection: base.selection, ...(caret ? { text: caret } : {}), ...(base.drag ? { drag: base.drag } : {}) };
    this.push();
  }

  setDrag(drag: DragPosition[] | null): void {
    const base = this.latest ?? { cursor: null, selection: [] };
    const moved = drag?.map(([i, x, y]): DragPosition => [i, Math.round(x), Math.round(y)]);
    this.latest = { cursor: base.cursor, selection: base.selection, ...(base.text ? { text: base.text } : {}), ...(moved?.length ? { drag: moved } : {}) };
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
