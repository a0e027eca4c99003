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
    expect(s).toEqual({ locked: true, private: true, privateSince: [1700, 2, "samenbord-node"], vote: { state: "open", dots: 5, zone: "z1" } });
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
    expect(s).toEqual({ locked: false, private: false, privateSince: null, vote: { state: "open", dots: 0, zone: null } });
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
    expect(isPrivateItem(on, items, "old")).toBe(false);
    expect(isPrivateItem(on, items, "fresh")).toBe(true);
    expect(isPrivateItem(on, items, "plain")).toBe(false);
    expect(isPrivateItem({ ...on, private: false }, items, "fresh")).toBe(false);
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
