// "Follow me": while the facilitator leads, each change of their view is sent as a `follow`
// control, at most twice a second (the latest view wins; the last one is never dropped).
import type { ViewPoint } from "./navigation";

export interface FollowView extends ViewPoint {
  board: string;
}

export const FOLLOW_INTERVAL_MS = 500;

export class FollowSender {
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private waiting: FollowView | null = null;

  constructor(
    private readonly send: (view: FollowView) => void,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = FOLLOW_INTERVAL_MS,
  ) {}

  /** A new view of the leading facilitator: sent now, or when the interval allows. */
  view(v: FollowView): void {
    this.waiting = v;
    if (this.timer !== null) return;
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Forgets a view not yet sent (following stopped). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.waiting = null;
  }

  private flush(): void {
    this.timer = null;
    const v = this.waiting;
    this.waiting = null;
    if (!v) return;
    this.last = this.now();
    this.send(v);
  }
}
