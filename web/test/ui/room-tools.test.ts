// The room's smaller pieces: the breakout draft, the countdown text and end sound decision, the
// follow throttle, the kept links (FA-10) and the messages of refused controls.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ControlError } from "../../src/sync/control";
import { FollowSender, type FollowView } from "../../src/ui/room/follow";
import { recallTokens, rememberTokens, roomLinks } from "../../src/ui/room/links";
import { controlMessage, controlRunner } from "../../src/ui/room/run";
import { breakoutGroups, membersOf, pruneDraft, randomSplit, shuffle } from "../../src/ui/room/split";
import { EndWatcher, formatClock, timerPhase } from "../../src/ui/room/timer";
import { seeded } from "../sync/fake-server";

afterEach(() => {
  vi.useRealTimers();
});

describe("breakout draft", () => {
  const people = ["a", "b", "c", "d", "e"];

  it("shuffles without losing or doubling anyone", () => {
    const out = shuffle(people, seeded(3));
    expect([...out].sort()).toEqual(people);
    expect(people).toEqual(["a", "b", "c", "d", "e"]); // the input is left alone
  });

  it("splits at random into groups whose sizes differ by at most one", () => {
    for (let seed = 1; seed < 20; seed++) {
      const draft = randomSplit(people, 2, seeded(seed));
      expect([...draft.keys()].sort()).toEqual(people);
      const sizes = [1, 2].map((n) => membersOf(draft, n, people).length).sort();
      expect(sizes).toEqual([2, 3]);
    }
    const spread = new Set(Array.from({ length: 20 }, (_, s) => membersOf(randomSplit(people, 2, seeded(s + 1)), 1, people).join()));
    expect(spread.size).toBeGreaterThan(1); // really random, not one fixed split
  });

  it("drops people who left and groups that no longer exist", () => {
    const draft = new Map([["a", 1], ["b", 3], ["gone", 2]]);
    expect([...pruneDraft(draft, new Set(["a", "b"]), 2)]).toEqual([["a", 1]]);
  });

  it("builds breakoutStart's groups, keeping a scribe only while a member", () => {
    const draft = new Map([["a", 1], ["b", 2], ["c", 1]]);
    const scribes = new Map([[1, "c"], [2, "a"]]);
    expect(breakoutGroups(draft, 3, ["c", "b", "a"], scribes, (n) => `G${n}`)).toEqual([
      { name: "G1", members: ["c", "a"], scribe: "c" },
      { name: "G2", members: ["b"] },
      { name: "G3", members: [] },
    ]);
  });
});

describe("timer display", () => {
  it("shows mm:ss, rounding up", () => {
    expect(formatClock(0)).toBe("00:00");
    expect(formatClock(1)).toBe("00:01");
    expect(formatClock(59_001)).toBe("01:00");
    expect(formatClock(125_000)).toBe("02:05");
    expect(formatClock(7_200_000)).toBe("120:00");
    expect(formatClock(-5)).toBe("00:00");
  });

  it("warns in the last minute and is done at zero", () => {
    expect(timerPhase(60_001)).toBe("normal");
    expect(timerPhase(60_000)).toBe("warning");
    expect(timerPhase(1)).toBe("warning");
    expect(timerPhase(0)).toBe("done");
  });

  it("sounds once per end, and only for an end it saw coming", () => {
    const w = new EndWatcher();
    expect(w.update("e1", 2_000)).toBe(false);
    expect(w.update("e1", 0)).toBe(true);
    expect(w.update("e1", 0)).toBe(false);
    expect(w.update("e2", 0)).toBe(false); // already over when first seen (a reload)
    expect(w.update(null, 0)).toBe(false);
    expect(w.update("e3", 500)).toBe(false);
    expect(w.update("e3", null)).toBe(false); // paused
    expect(w.update("e3", 0)).toBe(true);
  });
});

describe("follow throttle", () => {
  const v = (x: number): FollowView => ({ board: "b", x, y: 0, zoom: 1 });

  it("sends at most twice a second, the latest view last", () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const f = new FollowSender((view) => sent.push(view.x), () => Date.now());
    f.view(v(1));
    expect(sent).toEqual([1]);
    f.view(v(2));
    f.view(v(3));
    vi.advanceTimersByTime(499);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([1, 3]);
    vi.advanceTimersByTime(2_000);
    f.view(v(4));
    expect(sent).toEqual([1, 3, 4]);
    f.view(v(5));
    f.cancel();
    vi.advanceTimersByTime(2_000);
    expect(sent).toEqual([1, 3, 4]);
  });
});

describe("links (FA-10)", () => {
  function memory(): Pick<Storage, "getItem" | "setItem"> & { data: Map<string, string> } {
    const data = new Map<string, string>();
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, val) => void data.set(k, val) };
  }

  it("keeps the other roles' tokens per workshop", () => {
    const s = memory();
    rememberTokens("w1", "P", "O", s);
    rememberTokens("w2", "P2", null, s); // incomplete: nothing kept
    expect(recallTokens("w1", s)).toEqual({ participant: "P", observer: "O" });
    expect(recallTokens("w2", s)).toBeNull();
    rememberTokens("w1", null, null, s); // a later plain link leaves what was kept
    expect(recallTokens("w1", s)).toEqual({ participant: "P", observer: "O" });
    s.data.set("samenbord.links.w3", "{broken");
    expect(recallTokens("w3", s)).toBeNull();
  });

  it("builds three links, or only the facilitator's without the others", () => {
    expect(roomLinks("https://x", "w1", "F", { participant: "P", observer: "O" })).toEqual({
      facilitator: "https://x/join/w1#token=F&participant=P&observer=O",
      participant: "https://x/join/w1#token=P",
      observer: "https://x/join/w1#token=O",
    });
    expect(roomLinks("https://x", "w1", "F", null)).toEqual({ facilitator: "https://x/join/w1#token=F" });
  });
});

describe("control errors", () => {
  it("says what went wrong per code", () => {
    expect(controlMessage(new ControlError("forbidden", "no"))).toBe("Alleen begeleiders kunnen dit doen.");
    expect(controlMessage(new ControlError("offline", "x"))).toContain("Geen verbinding");
    expect(controlMessage(new ControlError("bad_message", "seconds must be 1..7200"))).toContain("seconds must be 1..7200");
    expect(controlMessage(new ControlError("unavailable", "store down"))).toContain("store down");
    expect(controlMessage(new Error("boom"))).toContain("boom");
  });

  it("the runner shows the error, and clears it after a success", async () => {
    const shown: (string | null)[] = [];
    let fail = true;
    const run = controlRunner(async () => {
      if (fail) throw new ControlError("forbidden", "no");
      return 7;
    }, (m) => shown.push(m));
    expect(await run("lock")).toBe(false);
    fail = false;
    expect(await run("lock")).toBe(true);
    expect(shown).toEqual(["Alleen begeleiders kunnen dit doen.", null]);
  });
});
