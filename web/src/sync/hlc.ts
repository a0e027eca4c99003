// Hybrid logical clock (rule ST-3), mirroring server/.../board/HybridLogicalClock.java, plus an
// offset to the server clock so a tab whose clock runs ahead does not get clock_skew (ST-4).
import type { Stamp } from "./api";

export class HybridLogicalClock {
  private lastMs = 0;
  private lastCounter = 0;
  private offset = 0;

  constructor(
    private readonly replica: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Wall clock as the server sees it: now() + offset. */
  wall(): number {
    return Math.max(0, Math.floor(this.now() + this.offset));
  }

  /** Aligns the wall clock with the server's: call with `welcome.time` when the welcome arrives. */
  syncTo(serverTime: number): void {
    if (Number.isFinite(serverTime)) this.offset = serverTime - this.now();
  }

  get serverOffset(): number {
    return this.offset;
  }

  /** A stamp greater than every stamp made or observed before. */
  next(): Stamp {
    const wall = this.wall();
    if (wall > this.lastMs) {
      this.lastMs = wall;
      this.lastCounter = 0;
    } else {
      this.lastCounter++;
    }
    return [this.lastMs, this.lastCounter, this.replica];
  }

  /** Moves the clock past a stamp seen from elsewhere. */
  observe(seen: Stamp): void {
    if (seen[0] > this.lastMs) {
      this.lastMs = seen[0];
      this.lastCounter = seen[1];
    } else if (seen[0] === this.lastMs && seen[1] > this.lastCounter) {
      this.lastCounter = seen[1];
    }
  }
}
