// Repeat breakouts and the timer field (issue 16 findings 3 and 6; FA-14, FA-15).
import { describe, expect, it } from "vitest";
import { breakoutGroups, clockText, draftFromGroups, readClock, sameGroups } from "../../src/ui/room/split";

describe("the timer field in minutes:seconds", () => {
  it("reads m:ss and whole minutes within the bounds", () => {
    expect(readClock("5:00", 1, 7200)).toBe(300);
    expect(readClock(" 0:45 ", 1, 7200)).toBe(45);
    expect(readClock("12:30", 1, 7200)).toBe(750);
    expect(readClock("3", 1, 7200)).toBe(180);
    expect(readClock("120:00", 1, 7200)).toBe(7200);
  });

  it("refuses what is not such a time, or out of bounds", () => {
    for (const bad of ["", "0:00", "0", "1:60", "1:5", "abc", "-1:00", "120:01", "1.5", "5:00:00"]) {
      expect(readClock(bad, 1, 7200), bad).toBeNull();
    }
  });

  it("shows presets as m:ss", () => {
    expect([60, 180, 300].map(clockText)).toEqual(["1:00", "3:00", "5:00"]);
    expect(clockText(45)).toBe("0:45");
  });
});

describe("the draft from the kept groups", () => {
  it("puts each member back in their group, so the same breakout starts without re-assigning", () => {
    const kept = [
      { name: "Noord", zone: "west", members: ["ann", "bob"], scribe: "bob" },
      { name: "Zuid", zone: null, members: ["cas"], scribe: null },
    ];
    const draft = draftFromGroups(kept);
    expect([...draft]).toEqual([["ann", 1], ["bob", 1], ["cas", 2]]);
    const args = breakoutGroups(draft, 2, ["cas", "bob", "ann"], new Map([[1, "bob"]]), (n) => kept[n - 1]?.name ?? "");
    expect(args).toEqual([
      { name: "Noord", members: ["bob", "ann"], scribe: "bob" },
      { name: "Zuid", members: ["cas"] },
    ]);
  });

  it("keeps a person in their first group only", () => {
    expect([...draftFromGroups([{ name: "A", zone: null, members: ["ann"], scribe: null }, { name: "B", zone: null, members: ["ann"], scribe: null }])])
      .toEqual([["ann", 1]]);
  });
});

describe("a copies breakout started again unchanged reuses its boards (FA-14)", () => {
  const kept = [
    { name: "Noord", zone: null, members: ["ann", "bob"], scribe: "bob" },
    { name: "Zuid", zone: null, members: ["cas"], scribe: null },
  ];

  it("sees the kept groups again, members in any order", () => {
    expect(sameGroups(kept, [{ name: "Noord", members: ["bob", "ann"], scribe: "bob" }, { name: "Zuid", members: ["cas"] }])).toBe(true);
  });

  it("sees any change: a name, a member moved or gone, a scribe, a group more or less, nothing kept", () => {
    const changed = [
      [{ name: "Noord!", members: ["ann", "bob"], scribe: "bob" }, { name: "Zuid", members: ["cas"] }],
      [{ name: "Noord", members: ["ann"], scribe: undefined }, { name: "Zuid", members: ["cas", "bob"] }],
      [{ name: "Noord", members: ["ann"] }, { name: "Zuid", members: ["cas"] }],
      [{ name: "Noord", members: ["ann", "bob"] }, { name: "Zuid", members: ["cas"] }],
      [{ name: "Noord", members: ["ann", "bob"], scribe: "bob" }],
      [{ name: "Noord", members: ["ann", "bob"], scribe: "bob" }, { name: "Zuid", members: ["cas"] }, { name: "Oost", members: ["dan"] }],
    ];
    for (const next of changed) expect(sameGroups(kept, next), JSON.stringify(next)).toBe(false);
    expect(sameGroups([], [])).toBe(false);
  });
});
