// Two fingers on the board: pinch to zoom around the point between them, move both to pan. Built on
// pointer events (one per finger), so it works wherever touch does, without gesture events. The
// pointer module asks first; while two fingers are down, their events are the pinch's.
import type { Camera } from "./camera";

interface Finger {
  x: number;
  y: number;
}

export class Pinch {
  private readonly fingers = new Map<number, Finger>();
  private last: { dist: number; mx: number; my: number } | null = null;

  constructor(
    private readonly camera: Camera,
    private readonly viewport: HTMLElement,
  ) {}

  /** Whether a pinch is going on. */
  get active(): boolean {
    return this.last !== null;
  }

  /** A finger went down; true when it starts (or is part of) a pinch. */
  down(ev: PointerEvent): boolean {
    if (ev.pointerType !== "touch") return false;
    this.fingers.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
    if (this.fingers.size < 2) return false;
    for (const id of this.fingers.keys()) {
      if (!this.viewport.hasPointerCapture(id)) {
        try {
          this.viewport.setPointerCapture(id);
        } catch {
          // a finger that already left: nothing to capture
        }
      }
    }
    this.last = this.measure();
    return true;
  }

  /** A finger moved; true when the pinch used it. */
  move(ev: PointerEvent): boolean {
    const f = this.fingers.get(ev.pointerId);
    if (!f) return false;
    f.x = ev.clientX;
    f.y = ev.clientY;
    if (!this.last || this.fingers.size < 2) return false;
    const now = this.measure();
    const r = this.viewport.getBoundingClientRect();
    this.camera.panBy(now.mx - this.last.mx, now.my - this.last.my);
    if (this.last.dist > 0) this.camera.zoomBy(now.dist / this.last.dist, now.mx - r.left, now.my - r.top);
    this.last = now;
    return true;
  }

  /** A finger lifted (or was cancelled); true when it belonged to a pinch. */
  up(ev: PointerEvent): boolean {
    if (!this.fingers.delete(ev.pointerId)) return false;
    const was = this.last !== null;
    if (this.fingers.size < 2) this.last = null;
    else this.last = this.measure();
    // The finger left over after a pinch does not start a pan: it stays the pinch's until it lifts.
    return was || this.fingers.size > 0 && this.last !== null;
  }

  private measure(): { dist: number; mx: number; my: number } {
    const [a, b] = [...this.fingers.values()] as [Finger, Finger];
    return { dist: Math.hypot(a.x - b.x, a.y - b.y), mx: (a.x + b.x) / 2, my: (a.y + b.y) / 2 };
  }
}
