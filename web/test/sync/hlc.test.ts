import { describe, expect, it } from "vitest";
import { HybridLogicalClock, MAX_COUNTER, MAX_FOLLOW_AHEAD_MS } from "../../src/sync/hlc";

describe("hybrid logical clock limits (ST-1, ST-4)", () => {
  it("moves to the next millisecond instead of passing the server's counter limit", () => {
    const clock = new HybridLogicalClock("replica01", () => 1_000);
    clock.observe([1_000, MAX_COUNTER, "replica02"]);
    expect(clock.next()).toEqual([1_001, 0, "replica01"]);
  });

  it("does not follow a stamp implausibly far ahead, so its own stamps stay acceptable", () => {
    const clock = new HybridLogicalClock("replica01", () => 1_000);
    clock.observe([1_000 + MAX_FOLLOW_AHEAD_MS + 50_000, 7, "replica02"]);
    expect(clock.next()).toEqual([1_000, 0, "replica01"]);
    clock.observe([1_000 + 2_000, 3, "replica02"]);
    expect(clock.next()).toEqual([3_000, 4, "replica01"]);
  });
});
