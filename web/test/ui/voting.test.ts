import { describe, expect, it } from "vitest";
import type { Change } from "../../src/sync/api";
import { CONTROL_ITEM, NO_CONTROL, readControl, type ControlState } from "../../src/ui/board/control-state";
import { readNote, readNotes, type NoteData } from "../../src/ui/board/model";
import {
  addDotChange,
  dotCount,
  dotsLeft,
  dotsUsed,
  noteVoteView,
  removeDotChange,
  totalVotes,
  voteResults,
  type Voter,
} from "../../src/ui/board/voting";
import { itemsView, type Data } from "./board-items";

const ME = "me";

function board(extra: Data = {}, control: Record<string, unknown> = { vote: "open", voteDots: 3, voteZone: null }): Data {
  return {
    [CONTROL_ITEM]: control as Data[string],
    a: { kind: "note", text: "Rust", x: 0, y: 0, zone: "z1" },
    b: { kind: "note", text: "Ruimte", x: 200, y: 0, zone: "z2" },
    c: { kind: "note", text: "Koffie", x: 0, y: 150, zone: "z1" },
    ...extra,
  };
}

/** Applies a change to plain data, as the client's optimistic state would. */
function apply(data: Data, c: Change | null): void {
  if (!c) throw new Error("no change");
  data[c.item] = { ...data[c.item], [c.field]: c.value };
}

describe("dot budget (FA-7)", () => {
  it("counts only non-negative integers as dots", () => {
    expect([dotCount(2), dotCount(0), dotCount(-1), dotCount(1.5), dotCount("2"), dotCount(null), dotCount(undefined)]).toEqual([2, 0, 0, 0, 0, 0, 0]);
  });

  it("sums this replica's dots over the whole board, deleted notes too", () => {
    const items = itemsView(board({ d: { kind: "note", deleted: true, [`vote:${ME}`]: 1 }, a: { kind: "note", [`vote:${ME}`]: 1, "vote:other": 2 } }));
    expect(dotsUsed(items, ME)).toBe(2);
    expect(dotsLeft({ dots: 3 }, 2)).toBe(1);
    expect(dotsLeft({ dots: 3 }, 5)).toBe(0);
  });

  it("adds dots up to the budget and never past it", () => {
    const data = board();
    const vote = () => readControl(itemsView(data)).vote;
    const note = (id: string) => readNote(itemsView(data), id)!;
    apply(data, addDotChange(itemsView(data), ME, vote(), note("a")));
    apply(data, addDotChange(itemsView(data), ME, vote(), note("a")));
    expect(data.a![`vote:${ME}`]).toBe(2);
    const third = addDotChange(itemsView(data), ME, vote(), note("b"));
    expect(third).toEqual({ item: "b", field: `vote:${ME}`, value: 1 });
    apply(data, third);
    expect(addDotChange(itemsView(data), ME, vote(), note("c"))).toBeNull();
    expect(addDotChange(itemsView(data), ME, vote(), note("a"))).toBeNull();
    expect(dotsUsed(itemsView(data), ME)).toBe(3);
  });

  it("takes dots off down to zero, freeing budget", () => {
    const data = board({ a: { kind: "note", zone: "z1", [`vote:${ME}`]: 3 } });
    const vote = readControl(itemsView(data)).vote;
    expect(addDotChange(itemsView(data), ME, vote, readNote(itemsView(data), "c")!)).toBeNull();
    const off = removeDotChange(itemsView(data), ME, vote, { id: "a" });
    expect(off).toEqual({ item: "a", field: `vote:${ME}`, value: 2 });
    apply(data, off);
    expect(addDotChange(itemsView(data), ME, vote, readNote(itemsView(data), "c")!)).toEqual({ item: "c", field: `vote:${ME}`, value: 1 });
    expect(removeDotChange(itemsView(data), ME, vote, { id: "b" })).toBeNull();
  });

  it("votes only in the vote zone, and only while open", () => {
    const data = board({}, { vote: "open", voteDots: 3, voteZone: "z1" });
    const items = itemsView(data);
    const vote = readControl(items).vote;
    expect(addDotChange(items, ME, vote, readNote(items, "b")!)).toBeNull();
    expect(addDotChange(items, ME, vote, readNote(items, "a")!)).not.toBeNull();
    const closed = { ...vote!, state: "closed" as const };
    expect(addDotChange(items, ME, closed, readNote(items, "a")!)).toBeNull();
    expect(addDotChange(items, ME, null, readNote(items, "a")!)).toBeNull();
  });
});

describe("vote UI on notes", () => {
  const voter: Voter = { role: "participant", replica: ME };
  const view = (data: Data, id: string, control: ControlState, left = 3, v = voter) => {
    const items = itemsView(data);
    return noteVoteView(control, items, v, readNote(items, id)!, left);
  };

  it("shows nothing before any vote exists", () => {
    const data = board({ a: { kind: "note", zone: "z1", "vote:x": 2 } }, {});
    expect(view(data, "a", readControl(itemsView(data)))).toBeNull();
    expect(view(data, "a", NO_CONTROL)).toBeNull();
  });

  it("while open shows own dots with add/remove, within budget and not while locked out", () => {
    const data = board({ a: { kind: "note", zone: "z1", [`vote:${ME}`]: 2 } });
    const open = readControl(itemsView(data));
    expect(view(data, "a", open, 1)).toEqual({ mode: "open", mine: 2, canAdd: true, canRemove: true });
    expect(view(data, "b", open, 0)).toEqual({ mode: "open", mine: 0, canAdd: false, canRemove: false });
    const locked = { ...open, locked: true };
    expect(view(data, "a", locked, 1)).toEqual({ mode: "open", mine: 2, canAdd: false, canRemove: false });
    expect(view(data, "a", locked, 1, { role: "facilitator", replica: ME })).toEqual({ mode: "open", mine: 2, canAdd: true, canRemove: true });
    expect(view(data, "a", open, 1, { role: "observer", replica: "o" })).toBeNull();
  });

  it("while open leaves notes outside the vote zone alone", () => {
    const data = board({}, { vote: "open", voteDots: 3, voteZone: "z1" });
    const open = readControl(itemsView(data));
    expect(view(data, "b", open)).toBeNull();
    expect(view(data, "a", open)?.mode).toBe("open");
  });

  it("once closed shows every voter's dots added up, to everyone", () => {
    const data = board({ a: { kind: "note", zone: "z1", [`vote:${ME}`]: 1, "vote:x": 2, "vote:y": 0 } }, { vote: "closed", voteDots: 3 });
    const closed = readControl(itemsView(data));
    expect(view(data, "a", closed)).toEqual({ mode: "closed", total: 3 });
    expect(view(data, "b", closed, 0, { role: "observer", replica: "o" })).toEqual({ mode: "closed", total: 0 });
  });
});

describe("vote results", () => {
  const notes = (data: Data): NoteData[] => [...readNotes(itemsView(data)).values()];
  const data = board({
    a: { kind: "note", text: "Rust", x: 0, y: 0, zone: "z1", "vote:p": 1 },
    b: { kind: "note", text: "Ruimte", x: 200, y: 0, zone: "z2", "vote:p": 2, "vote:q": 3 },
    c: { kind: "note", text: "Koffie", x: 0, y: 150, zone: "z1", "vote:q": 1 },
    d: { kind: "note", text: "Licht", x: 300, y: 150, zone: "z1", "vote:q": 1 },
    gone: { kind: "note", text: "Weg", deleted: true, "vote:p": 9 },
  });

  it("sums the vote:* fields of a note", () => {
    expect(totalVotes({ text: "x", "vote:a": 2, "vote:b": 1, votes: 7, "vote:c": "3" })).toBe(3);
  });

  it("sorts by votes, highest first, ties in board order", () => {
    const rows = voteResults(notes(data), { zone: null }, "votes");
    expect(rows.map((r) => [r.id, r.votes])).toEqual([
      ["b", 5],
      ["a", 1],
      ["c", 1],
      ["d", 1],
    ]);
    expect(rows[0]!.text).toBe("Ruimte");
  });

  it("lists in board order (top to bottom, left to right) when asked", () => {
    expect(voteResults(notes(data), { zone: null }, "board").map((r) => r.id)).toEqual(["a", "b", "c", "d"]);
  });

  it("lists only the vote zone's notes", () => {
    expect(voteResults(notes(data), { zone: "z1" }, "votes").map((r) => r.id)).toEqual(["a", "c", "d"]);
  });
});

describe("one person, many tabs (ID-3)", () => {
  // Two tabs of one seat: their replicas share the seat id, so they are one person.
  const SEAT = "5f3b6a64d0c0a7b051439767";
  const TAB_A = `${SEAT}_TabAaaaaaaaa`;
  const TAB_B = `${SEAT}_TabBbbbbbbbb`;
  const OTHER = "8a5bdb4cc15164126c6ef266_TabAaaaaaaaa";

  it("holds the dot budget across the person's tabs", () => {
    const data = board({ a: { kind: "note", zone: "z1", [`vote:${TAB_A}`]: 2, [`vote:${OTHER}`]: 3 } });
    const vote = () => readControl(itemsView(data)).vote;
    expect(dotsUsed(itemsView(data), TAB_B)).toBe(2);
    expect(dotsUsed(itemsView(data), TAB_A)).toBe(2);
    expect(dotsUsed(itemsView(data), OTHER)).toBe(3);
    // Tab B writes its own register, and only the third dot fits.
    const third = addDotChange(itemsView(data), TAB_B, vote(), readNote(itemsView(data), "b")!);
    expect(third).toEqual({ item: "b", field: `vote:${TAB_B}`, value: 1 });
    apply(data, third);
    expect(addDotChange(itemsView(data), TAB_B, vote(), readNote(itemsView(data), "c")!)).toBeNull();
    expect(addDotChange(itemsView(data), TAB_A, vote(), readNote(itemsView(data), "c")!)).toBeNull();
    expect(dotsUsed(itemsView(data), TAB_A)).toBe(3);
  });

  it("shows the person's dots as mine in every tab, and a tab takes off only its own", () => {
    const data = board({ a: { kind: "note", zone: "z1", [`vote:${TAB_A}`]: 2, [`vote:${OTHER}`]: 1 } });
    const items = itemsView(data);
    const open = readControl(items);
    const inTabB = noteVoteView(open, items, { role: "participant", replica: TAB_B }, readNote(items, "a")!, 1);
    expect(inTabB).toEqual({ mode: "open", mine: 2, canAdd: true, canRemove: false });
    const inTabA = noteVoteView(open, items, { role: "participant", replica: TAB_A }, readNote(items, "a")!, 1);
    expect(inTabA).toEqual({ mode: "open", mine: 2, canAdd: true, canRemove: true });
    expect(removeDotChange(items, TAB_B, open.vote, { id: "a" })).toBeNull();
    expect(removeDotChange(items, TAB_A, open.vote, { id: "a" })).toEqual({ item: "a", field: `vote:${TAB_A}`, value: 1 });
    // A legacy replica is a person of its own: the seat's dots are not its dots.
    expect(dotsUsed(items, "legacyReplica16x")).toBe(0);
  });
});
