// Hybrid logical clock (rule ST-3), mirroring server/.../board/HybridLogicalClock.java, plus an
// offset to the server clock so a tab whose clock runs ahead does not get clock_skew (ST-4).
import type { Stamp } from "./api";

/** The server refuses larger counters (ST-1): past it the clock moves to the next millisecond. */
export const MAX_COUNTER = 1_000_000;
/**
 * Stamps further ahead of the (server-aligned) wall clock than this are not followed: a peer
 * whose clock runs far ahead must not push ours to where the server refuses it (ST-4).
 */
export const MAX_FOLLOW_AHEAD_MS = 5_000;

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
    } else if (this.lastCounter >= MAX_COUNTER) {
      this.lastMs++;
      this.lastCounter = 0;
    } else {
      this.lastCounter++;
    }
    return [this.lastMs, this.lastCounter, this.replica];
  }

  /** Moves the clock past a stamp seen from elsewhere, unless that stamp is implausibly far ahead. */
  observe(seen: Stamp): void {
    if (seen[0] > this.wall() + MAX_FOLLOW_AHEAD_MS) return;
    if (seen[0] > this.lastMs) {
      this.lastMs = seen[0];
      this.lastCounter = seen[1];
    } else if (seen[0] === this.lastMs && seen[1] > this.lastCounter) {
      this.lastCounter = seen[1];
    }
  }
}
