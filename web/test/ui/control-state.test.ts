import { describe, expect, it } from "vitest";
import { CONTROL_ITEM, isPrivateItem, lockedOut, NO_CONTROL, readControl, sameControl } from "../../src/ui/board/control-state";
import { itemsView } from "./board-items";

describe("board control state (FA-4)", () => {
  it("is all off on a board without _control", () => {
    expect(readControl(itemsView({ n1: { kind: "note" } }))).toEqual(NO_CONTROL);
  });

  it("reads lock, private writing (since the stamp of its register) and an open vote", () => {
    const s = readControl(
      itemsView(
        { [CONTROL_ITEM]: { kind: "control", locked: true, private: true, vote: "open", voteDots: 5, voteZone: "z1" } },
        { [CONTROL_ITEM]: { private: [1700, 2, "samenbord-node"] } },
      ),
    );
    expect(s).toEqual({ locked: true, private: true, privateSince: [1700, 2, "samenbord-node"], vote: { state: "open", dots: 5, zone: "z1" }, anonymous: false });
  });

  it("still reads an explicit privateSince field, and has none while not private", () => {
    const on = readControl(itemsView({ [CONTROL_ITEM]: { private: true, privateSince: [5, 1, "n"] } }));
    expect(on.privateSince).toEqual([5, 1, "n"]);
    const off = readControl(itemsView({ [CONTROL_ITEM]: { private: false, privateSince: [5, 1, "n"] } }));
    expect(off.privateSince).toBeNull();
  });

  it("reads a closed vote on the whole board", () => {
    const s = readControl(itemsView({ [CONTROL_ITEM]: { vote: "closed", voteDots: 3, voteZone: null } }));
    expect(s.vote).toEqual({ state: "closed", dots: 3, zone: null });
    expect(s.locked).toBe(false);
  });

  it("has no vote before any vote (missing or unknown value) and ignores malformed fields", () => {
    expect(readControl(itemsView({ [CONTROL_ITEM]: { locked: false } })).vote).toBeNull();
    expect(readControl(itemsView({ [CONTROL_ITEM]: { vote: "maybe", voteDots: 3 } })).vote).toBeNull();
    const s = readControl(itemsView({ [CONTROL_ITEM]: { locked: "yes", private: 1, vote: "open", voteDots: 2.5, voteZone: "" } }));
    expect(s).toEqual({ locked: false, private: false, privateSince: null, vote: { state: "open", dots: 0, zone: null }, anonymous: false });
  });

  it("locks out everyone but facilitators while locked (FA-5)", () => {
    const locked = { ...NO_CONTROL, locked: true };
    expect(lockedOut(locked, "participant")).toBe(true);
    expect(lockedOut(locked, "observer")).toBe(true);
    expect(lockedOut(locked, null)).toBe(true);
    expect(lockedOut(locked, "facilitator")).toBe(false);
    expect(lockedOut(NO_CONTROL, "participant")).toBe(false);
  });

  it("marks items whose kind was written after privateSince as private (FA-6)", () => {
    const items = itemsView(
      { old: { kind: "note" }, fresh: { kind: "note" }, plain: { text: "x" } },
      { old: { kind: [100, 0, "a"] }, fresh: { kind: [200, 0, "a"] } },
    );
    const on = { ...NO_CONTROL, private: true, privateSince: [150, 0, "samenbord-node"] as [number, number, string] };
    expect(isPrivateItem(on, items, "old", "a")).toBe(false);
    expect(isPrivateItem(on, items, "fresh", "a")).toBe(true);
    expect(isPrivateItem(on, items, "plain", "a")).toBe(false);
    expect(isPrivateItem({ ...on, private: false }, items, "fresh", "a")).toBe(false);
  });

  it("reads the turnout the node writes at a vote's close, when it is there (ID-3)", () => {
    const closed = { vote: "closed", voteDots: 3, voters: 4, present: 6, voterNames: ["Ann", "Bob", 7, "Cas", "Dee"] };
    expect(readControl(itemsView({ [CONTROL_ITEM]: closed })).vote?.turnout).toEqual({ voters: 4, present: 6, names: ["Ann", "Bob", "Cas", "Dee"] });
    expect(readControl(itemsView({ [CONTROL_ITEM]: { ...closed, voterNames: null } })).vote?.turnout).toEqual({ voters: 4, present: 6, names: [] });
    expect(readControl(itemsView({ [CONTROL_ITEM]: { vote: "closed", voteDots: 3 } })).vote?.turnout).toBeUndefined();
    expect(readControl(itemsView({ [CONTROL_ITEM]: { ...closed, present: -1 } })).vote?.turnout).toBeUndefined();
    // A new vote leaves the last counts behind: they belong to the closed one.
    expect(readControl(itemsView({ [CONTROL_ITEM]: { ...closed, vote: "open" } })).vote?.turnout).toBeUndefined();
    const a = readControl(itemsView({ [CONTROL_ITEM]: closed }));
    expect(sameControl(a, readControl(itemsView({ [CONTROL_ITEM]: { ...closed, voters: 5 } })))).toBe(false);
    expect(sameControl(a, readControl(itemsView({ [CONTROL_ITEM]: { ...closed, voterNames: ["Ann"] } })))).toBe(false);
    expect(sameControl(a, readControl(itemsView({ [CONTROL_ITEM]: { ...closed } })))).toBe(true);
  });

  it("shows a private note as mine only to its writer's person, in any of their tabs (FA-6, ID-3)", () => {
    const seat = "5f3b6a64d0c0a7b051439767";
    const items = itemsView({ mine: { kind: "note" } }, { mine: { kind: [200, 0, `${seat}_TabAaaaaaaaa`] } });
    const on = { ...NO_CONTROL, private: true, privateSince: [150, 0, "samenbord-node"] as [number, number, string] };
    expect(isPrivateItem(on, items, "mine", `${seat}_TabBbbbbbbbb`)).toBe(true);
    expect(isPrivateItem(on, items, "mine", "8a5bdb4cc15164126c6ef266_TabBbbbbbbbb")).toBe(false);
  });

  it("compares states by value", () => {
    const a = readControl(itemsView({ [CONTROL_ITEM]: { locked: true, privateSince: [1, 2, "n"], vote: "open", voteDots: 3 } }));
    const b = readControl(itemsView({ [CONTROL_ITEM]: { locked: true, privateSince: [1, 2, "n"], vote: "open", voteDots: 3 } }));
    expect(sameControl(a, b)).toBe(true);
    expect(sameControl(a, { ...b, vote: { ...b.vote!, state: "closed" } })).toBe(false);
    expect(sameControl(a, { ...b, privateSince: [1, 3, "n"] })).toBe(false);
    expect(sameControl(NO_CONTROL, { ...NO_CONTROL })).toBe(true);
  });
});
