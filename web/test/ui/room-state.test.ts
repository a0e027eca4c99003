// The room model (FA-2), the breakout rules (FA-3) and automatic navigation, from room items as
// the node writes them.
import { describe, expect, it } from "vitest";
import type { Json, Op } from "../../src/sync/api";
import { Items } from "../../src/sync/items";
import { AutoNavigator, breakoutTarget, followTarget, PLENARY, wholeView, zoneView, type Me } from "../../src/ui/room/navigation";
import {
  breakoutBoards,
  breakoutOver,
  breakoutRunning,
  EMPTY_ROOM,
  hasCopiesBreakout,
  memberName,
  myGroup,
  parseRoom,
  timerRemaining,
  turnRemaining,
  type RoomState,
} from "../../src/ui/room/state";
import type { Template } from "../../src/ui/template";

const NOW = 1_800_000_000_000;

/** Room items as the node (replica samenbord-node) writes them. */
function room(data: Record<string, Record<string, Json>>): Items {
  const ops: Op[] = [];
  for (const [i, fields] of Object.entries(data)) for (const [f, v] of Object.entries(fields)) ops.push({ i, f, v, s: [1, 0, "samenbord-node"] });
  return Items.fromOps(ops);
}

const groups = {
  "group-1": { name: "Groep 1", board: "bA", zone: null, members: ["ann", "bob"], names: { ann: "Ann", bob: "Bob" }, scribe: "bob" },
  "group-2": { name: "Groep 2", board: "bB", zone: null, members: ["cas", "dee"], names: { cas: "Cas", dee: "Dee" }, scribe: null },
};

function copies(over: Partial<Record<string, Json>> = {}, timer?: Record<string, Json>): RoomState {
  return parseRoom(
    room({
      breakout: { active: true, mode: "copies", plenary: "b0", groups: ["group-1", "group-2"], endsWithTimer: false, started: NOW - 1000, ...over },
      ...groups,
      ...(timer ? { timer } : {}),
    }),
  );
}

const ann: Me = { replica: "ann", role: "participant" };

describe("room state (FA-2)", () => {
  it("reads every item with its fields", () => {
    const s = parseRoom(
      room({
        instruction: { text: "Schrijf drie inzichten" },
        timer: { running: true, endsAt: NOW + 90_000, remaining: null, duration: 120_000 },
        breakout: { active: true, mode: "zones", plenary: "wr", groups: ["group-2", "group-1"], endsWithTimer: true, started: NOW },
        "group-1": { name: "Noord", board: "wr", zone: "north", members: ["ann"], names: { ann: "Ann" }, scribe: "ann" },
        "group-2": { name: "Zuid", board: "wr", zone: "south", members: [], names: {}, scribe: null },
        follow: { active: true, board: "wr", x: 900, y: 700, zoom: 0.5, by: "fac" },
        round: {
          active: true,
          kind: "check-out",
          prompt: "Hoe ga je naar huis?",
          order: [{ replica: "ann", name: "Ann" }, { replica: "bob", name: "Bob" }],
          index: 1,
          skipped: [0],
          turnMs: 30_000,
          turnEndsAt: NOW + 12_000,
        },
      }),
    );
    expect(s.instruction).toBe("Schrijf drie inzichten");
    expect(s.timer).toEqual({ running: true, endsAt: NOW + 90_000, remaining: null, duration: 120_000 });
    expect(s.breakout).toEqual({ active: true, mode: "zones", plenary: "wr", groups: ["group-2", "group-1"], endsWithTimer: true, started: NOW });
    expect(s.groups.map((g) => g.name)).toEqual(["Zuid", "Noord"]); // in breakout.groups order
    expect(s.groups[1]).toEqual({ id: "group-1", name: "Noord", board: "wr", zone: "north", members: ["ann"], names: { ann: "Ann" }, scribe: "ann" });
    expect(s.follow).toEqual({ active: true, board: "wr", x: 900, y: 700, zoom: 0.5, by: "fac" });
    expect(s.round).toMatchObject({ kind: "check-out", index: 1, skipped: [0], order: [{ replica: "ann", name: "Ann" }, { replica: "bob", name: "Bob" }] });
    expect(turnRemaining(s, NOW)).toBe(12_000);
    expect(turnRemaining(s, NOW + 20_000)).toBe(0);
  });

  it("an empty room is the empty state; malformed fields read as absent", () => {
    expect(parseRoom(room({}))).toEqual(EMPTY_ROOM);
    const s = parseRoom(
      room({
        instruction: { text: 42 },
        breakout: { active: "yes", mode: "other", groups: ["group-1", 7, "missing"] },
        "group-1": { members: ["a", 1], names: { a: "A", b: 2 } },
        round: { active: true, order: [{ name: "no replica" }, { replica: "r" }], skipped: ["x", 2] },
      }),
    );
    expect(s.instruction).toBe("");
    expect(s.breakout).toMatchObject({ active: false, mode: "copies", groups: ["group-1", "missing"], plenary: null });
    expect(s.groups).toEqual([{ id: "group-1", name: "group-1", board: null, zone: null, members: ["a"], names: { a: "A" }, scribe: null }]);
    expect(s.round).toMatchObject({ kind: "check-in", order: [{ replica: "r", name: "" }], skipped: [2], turnEndsAt: null });
    expect(turnRemaining(s, NOW)).toBeNull();
  });

  it("a deleted item is gone", () => {
    expect(parseRoom(room({ instruction: { text: "x", deleted: true } })).instruction).toBe("");
  });
});

describe("timer (FA-2)", () => {
  const at = (timer: Record<string, Json>) => parseRoom(room({ timer }));

  it("running: max(0, endsAt - serverNow)", () => {
    const s = at({ running: true, endsAt: NOW + 61_000, remaining: null, duration: 300_000 });
    expect(timerRemaining(s, NOW)).toBe(61_000);
    expect(timerRemaining(s, NOW + 61_000)).toBe(0);
    expect(timerRemaining(s, NOW + 99_000)).toBe(0); // ended: stays at zero
  });

  it("paused: the remaining ms, whatever the clock", () => {
    const s = at({ running: false, endsAt: null, remaining: 42_000, duration: 60_000 });
    expect(timerRemaining(s, NOW)).toBe(42_000);
    expect(timerRemaining(s, NOW + 3_600_000)).toBe(42_000);
  });

  it("stopped or never started: no timer", () => {
    expect(timerRemaining(at({ running: false, endsAt: null, remaining: null, duration: null }), NOW)).toBeNull();
    expect(timerRemaining(EMPTY_ROOM, NOW)).toBeNull();
  });
});

describe("breakout over (FA-3)", () => {
  it("runs while active without a timer to end with", () => {
    expect(breakoutOver(copies(), NOW + 10_000_000)).toBe(false);
    expect(breakoutRunning(copies(), NOW)).toBe(true);
  });

  it("is over when not active", () => {
    expect(breakoutOver(copies({ active: false }), NOW)).toBe(true);
    expect(breakoutRunning(copies({ active: false }), NOW)).toBe(false);
  });

  it("is over without any breakout", () => {
    expect(breakoutOver(EMPTY_ROOM, NOW)).toBe(true);
    expect(breakoutRunning(EMPTY_ROOM, NOW)).toBe(false);
  });

  it("ends with a running timer at serverNow >= endsAt", () => {
    const s = copies({ endsWithTimer: true }, { running: true, endsAt: NOW + 5_000, remaining: null, duration: 5_000 });
    expect(breakoutOver(s, NOW + 4_999)).toBe(false);
    expect(breakoutOver(s, NOW + 5_000)).toBe(true);
    expect(breakoutOver(s, NOW + 60_000)).toBe(true);
  });

  it("does not end with a paused or stopped timer", () => {
    const paused = copies({ endsWithTimer: true }, { running: false, endsAt: null, remaining: 3_000, duration: 5_000 });
    expect(breakoutOver(paused, NOW + 60_000)).toBe(false);
    const stopped = copies({ endsWithTimer: true }, { running: false, endsAt: null, remaining: null, duration: null });
    expect(breakoutOver(stopped, NOW + 60_000)).toBe(false);
    expect(breakoutOver(copies({ endsWithTimer: true }), NOW + 60_000)).toBe(false); // no timer item
  });

  it("does not end with the timer unless endsWithTimer", () => {
    const s = copies({ endsWithTimer: false }, { running: true, endsAt: NOW + 5_000, remaining: null, duration: 5_000 });
    expect(breakoutOver(s, NOW + 60_000)).toBe(false);
  });
});

describe("groups", () => {
  it("finds the group of a replica, or none", () => {
    const s = copies();
    expect(myGroup(s, "ann")?.id).toBe("group-1");
    expect(myGroup(s, "dee")?.board).toBe("bB");
    expect(myGroup(s, "zed")).toBeNull();
    expect(myGroup(EMPTY_ROOM, "ann")).toBeNull();
  });

  it("finds the group of the person in any of their tabs (ID-3)", () => {
    const seat = "5f3b6a64d0c0a7b051439767";
    const s = copies();
    s.groups[0]!.members.push(`${seat}_TabAaaaaaaaa`);
    expect(myGroup(s, `${seat}_TabBbbbbbbbb`)?.id).toBe("group-1");
    expect(myGroup(s, "8a5bdb4cc15164126c6ef266_TabBbbbbbbbb")).toBeNull();
  });

  it("names members from the group, else a fallback", () => {
    const g = copies().groups[0]!;
    expect(memberName(g, "ann")).toBe("Ann");
    expect(memberName(g, "zed", "Zed")).toBe("Zed");
    expect(memberName(g, "zed")).toBe("zed");
  });

  it("copies made by a breakout are its group boards; zones mode makes none", () => {
    expect([...breakoutBoards(copies())]).toEqual(["bA", "bB"]);
    expect(hasCopiesBreakout(copies())).toBe(true);
    expect(hasCopiesBreakout(copies({ active: false }))).toBe(true); // over, the plenary stays
    expect([...breakoutBoards(copies({ mode: "zones" }))]).toEqual([]);
    expect(hasCopiesBreakout(EMPTY_ROOM)).toBe(false);
  });
});

describe("automatic navigation", () => {
  it("sends a participant to their group's board while the breakout runs, to the plenary once over", () => {
    expect(breakoutTarget(copies(), NOW, ann)).toMatchObject({ view: "bA", zone: null });
    expect(breakoutTarget(copies({ active: false }), NOW, ann)).toMatchObject({ view: PLENARY });
    const timed = copies({ endsWithTimer: true }, { running: true, endsAt: NOW + 5_000, remaining: null, duration: 5_000 });
    expect(breakoutTarget(timed, NOW, ann)?.view).toBe("bA");
    expect(breakoutTarget(timed, NOW + 5_000, ann)?.view).toBe(PLENARY);
  });

  it("zones mode: the group's zone, then the shared board", () => {
    const s = parseRoom(
      room({
        breakout: { active: true, mode: "zones", plenary: "wr", groups: ["group-1"], endsWithTimer: false, started: NOW },
        "group-1": { name: "Noord", board: "wr", zone: "north", members: ["ann"], names: {}, scribe: null },
      }),
    );
    expect(breakoutTarget(s, NOW, ann)).toMatchObject({ view: "wr", zone: "north" });
    const over = parseRoom(room({ breakout: { active: false, mode: "zones", plenary: "wr", groups: [], started: NOW } }));
    // Issue 16 finding 4: the assembled board, fitted whole, not one's own zone zoomed.
    expect(breakoutTarget(over, NOW, ann)).toMatchObject({ view: "wr", zone: null, fit: true });
  });

  it("issue 16 finding 4: the whole board's view spans its canvas, for each viewer to fit", () => {
    const tpl = { canvas: { width: 2000, height: 1200 } } as unknown as Parameters<typeof wholeView>[0];
    expect(wholeView(tpl)).toEqual({ x: 1000, y: 600, zoom: 1, w: 2000, h: 1200 });
  });

  it("moves neither facilitators, observers nor people in no group", () => {
    expect(breakoutTarget(copies(), NOW, { replica: "ann", role: "facilitator" })).toBeNull();
    expect(breakoutTarget(copies(), NOW, { replica: "ann", role: "observer" })).toBeNull();
    expect(breakoutTarget(copies({ active: false }), NOW, { replica: "ann", role: "observer" })).toBeNull();
    expect(breakoutTarget(copies(), NOW, { replica: "zed", role: "participant" })).toBeNull();
    expect(breakoutTarget(EMPTY_ROOM, NOW, ann)).toBeNull();
  });

  it("follow: everyone but facilitators goes to the leader's board and view", () => {
    const s = parseRoom(room({ follow: { active: true, board: "b0", x: 10, y: 20, zoom: 1.5, by: "fac" } }));
    expect(followTarget(s, ann)).toMatchObject({ view: "b0", point: { x: 10, y: 20, zoom: 1.5 } });
    expect(followTarget(s, { replica: "obs", role: "observer" })?.view).toBe("b0");
    expect(followTarget(s, { replica: "fac", role: "facilitator" })).toBeNull();
    expect(followTarget(s, { replica: "fac2", role: "facilitator" })).toBeNull();
    expect(followTarget(parseRoom(room({ follow: { active: false, board: "b0", by: "fac" } })), ann)).toBeNull();
  });

  it("applies a target once, when it changes", () => {
    const nav = new AutoNavigator();
    expect(nav.step(copies(), NOW, ann)?.view).toBe("bA");
    expect(nav.step(copies(), NOW + 250, ann)).toBeNull(); // ticks do not pull back
    const moved = parseRoom(
      room({
        breakout: { active: true, mode: "copies", plenary: "b0", groups: ["group-1", "group-2"], endsWithTimer: false, started: NOW - 1000 },
        ...groups,
        "group-1": { ...groups["group-1"], members: ["bob"] },
        "group-2": { ...groups["group-2"], members: ["cas", "dee", "ann"] },
      }),
    );
    expect(nav.step(moved, NOW + 500, ann)?.view).toBe("bB"); // breakoutAssign moved ann
    expect(nav.step(copies({ active: false }), NOW + 750, ann)?.view).toBe(PLENARY);
    expect(nav.step(copies({ active: false }), NOW + 1000, ann)).toBeNull();
    expect(nav.step(copies({ started: NOW + 5000 }), NOW + 6000, ann)?.view).toBe("bA"); // a new breakout
  });

  it("the timer's end moves people on a tick, without a new state", () => {
    const nav = new AutoNavigator();
    const timed = copies({ endsWithTimer: true }, { running: true, endsAt: NOW + 5_000, remaining: null, duration: 5_000 });
    expect(nav.step(timed, NOW, ann)?.view).toBe("bA");
    expect(nav.step(timed, NOW + 4_750, ann)).toBeNull();
    expect(nav.step(timed, NOW + 5_000, ann)?.view).toBe(PLENARY);
  });

  it("after a reload an ended breakout does not move anyone; a running one does", () => {
    expect(new AutoNavigator().step(copies({ active: false }), NOW, ann)).toBeNull();
    expect(new AutoNavigator().step(copies(), NOW, ann)?.view).toBe("bA");
  });

  it("follow wins over a breakout and applies each new view", () => {
    const nav = new AutoNavigator();
    const follow = (x: number) =>
      parseRoom(
        room({
          breakout: { active: true, mode: "copies", plenary: "b0", groups: ["group-1", "group-2"], endsWithTimer: false, started: NOW },
          ...groups,
          follow: { active: true, board: "b0", x, y: 0, zoom: 1, by: "fac" },
        }),
      );
    expect(nav.step(follow(1), NOW, ann)?.view).toBe("b0");
    expect(nav.step(follow(1), NOW + 250, ann)).toBeNull();
    expect(nav.step(follow(2), NOW + 500, ann)?.point).toEqual({ x: 2, y: 0, zoom: 1 });
  });
});

describe("zone view", () => {
  const tpl = {
    zones: [{ id: "north", label: { nl: "N", en: "N" }, shape: { type: "rect", x: 600, y: 20, w: 600, h: 440 } }],
  } as unknown as Template;

  it("centres the zone and fits it into the viewport", () => {
    const v = zoneView(tpl, "north", 1232, 472)!;
    expect([v.x, v.y]).toEqual([900, 240]);
    expect(v.zoom).toBeCloseTo(1, 5); // (472 - 32) / 440
    expect(zoneView(tpl, "south", 1000, 600)).toBeNull();
  });
});
