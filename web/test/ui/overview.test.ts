// The facilitator's overview (FA-20..FA-22): the lines shown from the node's counts (contract C3)
// and the poll rhythm, 2 s while something runs and 10 s otherwise.
import { afterEach, describe, expect, it } from "vitest";
import { setLang } from "../../src/ui/i18n";
import { FAST_MS, OverviewPoller, overviewBusy, overviewLines, SLOW_MS, type Overview, type OverviewBoard } from "../../src/ui/room/overview";

afterEach(() => setLang("nl"));

function board(over: Partial<OverviewBoard> = {}): OverviewBoard {
  return {
    board: "b1", name: "Windroos", template: "windroos", notes: 0, themes: 0,
    private: { writing: false, notes: 0, people: [] },
    vote: { open: false, dotsPerPerson: 0, people: [] },
    groups: [],
    ...over,
  };
}

const breakout: Overview = {
  at: 1,
  boards: [
    board({ board: "g1", name: "3B · Groep 1", notes: 5, groups: [{ group: "group-1", name: "Groep 1", notes: 5,
      people: [{ name: "Anna", notes: 3, done: true }, { name: "Bert", notes: 2, done: true }] }] }),
    board({ board: "g2", name: "3B · Groep 2", notes: 1, groups: [{ group: "group-2", name: "Groep 2", notes: 1,
      people: [{ name: "Cas", notes: 1, done: true }, { name: "Dirk", notes: 0, done: false }] }] }),
  ],
};

describe("overview lines", () => {
  it("show each group's notes and how many of its members are done, while the breakout runs", () => {
    const lines = overviewLines(breakout, true);
    expect(lines.map((l) => l.text)).toEqual(["Groep 1: 5 notities · 2/2 klaar", "Groep 2: 1 notitie · 1/2 klaar"]);
    expect(lines[1].persons).toEqual(["Cas: 1 notitie (klaar)", "Dirk: 0 notities"]);
    setLang("en");
    expect(overviewLines(breakout, true)[0].text).toBe("Groep 1: 5 notes · 2/2 done");
  });

  it("leave the kept groups out once the breakout is over", () => {
    expect(overviewLines(breakout, false)).toEqual([]);
    expect(overviewLines(null, true)).toEqual([]);
  });

  it("count private writing and an open vote per board, never any text", () => {
    const o: Overview = {
      at: 1,
      boards: [board({
        notes: 4,
        private: { writing: true, notes: 3, people: [{ name: "Anna", notes: 2, done: true }, { name: "Bert", notes: 1, done: true }, { name: "Cas", notes: 0, done: false }] },
        vote: { open: true, dotsPerPerson: 2, people: [{ name: "Anna", spent: 2, done: true }, { name: "Bert", spent: 1, done: false }] },
      })],
    };
    const lines = overviewLines(o, false);
    expect(lines.map((l) => [l.kind, l.text])).toEqual([
      ["private", "Windroos, stil schrijven: 3 notities · 2/3 klaar"],
      ["vote", "Windroos, stemmen: 3 stippen · 1/2 klaar"],
    ]);
    expect(lines[1].persons).toEqual(["Anna: 2 stippen (klaar)", "Bert: 1 stip"]);
  });
});

describe("overview polling", () => {
  /** Timers the test fires by hand; the waits asked for are recorded. */
  function manualTimers() {
    const waits: number[] = [];
    let pending: (() => void) | null = null;
    return {
      waits,
      fire: () => {
        const f = pending;
        pending = null;
        f?.();
      },
      timers: {
        set: (f: () => void, ms: number) => {
          waits.push(ms);
          pending = f;
          return 0 as unknown as ReturnType<typeof setTimeout>;
        },
        clear: () => (pending = null),
      },
    };
  }
  const flush = () => new Promise((r) => setTimeout(r, 0));

  it("asks every 2 s while anything runs and every 10 s otherwise", async () => {
    let running = false;
    let answer: Overview = { at: 1, boards: [board()] };
    let asked = 0;
    const t = manualTimers();
    const poller = new OverviewPoller(async () => (asked++, answer), () => running, () => undefined, t.timers);
    poller.start();
    await flush();
    expect(asked).toBe(1);
    expect(t.waits).toEqual([SLOW_MS]);
    running = true; // the room's breakout started
    t.fire();
    await flush();
    expect(t.waits.at(-1)).toBe(FAST_MS);
    running = false;
    answer = { at: 2, boards: [board({ private: { writing: true, notes: 0, people: [] } })] };
    t.fire();
    await flush();
    expect(t.waits.at(-1)).toBe(FAST_MS); // private writing on a board counts as running too
    expect(overviewBusy(poller.last, false)).toBe(true);
    poller.stop();
    t.fire();
    await flush();
    expect(asked).toBe(3); // nothing more after stop
  });

  it("keeps the last counts, marked stale, when a request fails", async () => {
    let fail = false;
    const t = manualTimers();
    const poller = new OverviewPoller(async () => {
      if (fail) throw new Error("offline");
      return breakout;
    }, () => true, () => undefined, t.timers);
    poller.start();
    await flush();
    fail = true;
    t.fire();
    await flush();
    expect(poller.failed).toBe(true);
    expect(poller.last).toBe(breakout);
    expect(t.waits).toEqual([FAST_MS, FAST_MS]); // and it keeps asking
    poller.stop();
  });
});
