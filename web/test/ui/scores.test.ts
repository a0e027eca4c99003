// IT-7: the integrative method's scores: a person's latest score across tabs, candidates per row,
// totals and ranks (equal totals share a rank), on the real template.
import { describe, expect, it } from "vitest";
import type { Stamp } from "../../src/sync/api";
import { readNotes } from "../../src/ui/board/model";
import { candidates, myScore, personScores, rowScores, scoreChange } from "../../src/ui/board/scores";
import type { Template } from "../../src/ui/template";
import integrative from "../../../templates-library/templates/integrative-criteria.json";
import { itemsView, type Data } from "./board-items";

const tpl = integrative as unknown as Template;
const spec = tpl.scores!;
const ANNA = "aaaaaaaaaaaaaaaaaaaaaaaa";
const BART = "bbbbbbbbbbbbbbbbbbbbbbbb";
const tab = (seat: string, t: string) => `${seat}_${t}`;

describe("scores (IT-7)", () => {
  it("takes a person's latest score over their tabs; null takes it back; out of range counts as none", () => {
    const data: Data = { n: { [`probable:${tab(ANNA, "Tab1")}`]: 3, [`probable:${tab(ANNA, "Tab2")}`]: 1, [`probable:${tab(BART, "Tab1")}`]: 2, [`vision:${tab(BART, "Tab1")}`]: 9, [`vision:${tab(ANNA, "Tab1")}`]: null } };
    const stamps: Record<string, Record<string, Stamp>> = { n: { [`probable:${tab(ANNA, "Tab1")}`]: [100, 0, tab(ANNA, "Tab1")], [`probable:${tab(ANNA, "Tab2")}`]: [200, 0, tab(ANNA, "Tab2")] } };
    const items = itemsView(data, stamps);
    expect(Object.fromEntries(personScores(items, "n", "probable", spec))).toEqual({ [ANNA]: 1, [BART]: 2 });
    expect(personScores(items, "n", "vision", spec).size).toBe(0);
    expect(myScore(items, "n", "probable", tab(ANNA, "Tab1"), spec)).toBe(1);
    expect(myScore(items, "n", "vision", tab(ANNA, "Tab1"), spec)).toBeNull();
  });

  it("finds each row's candidate in its action cell, the earliest by stacking", () => {
    const data: Data = {
      late: { kind: "note", zone: "candidate-1.action", z: "b", text: "later" },
      first: { kind: "note", zone: "candidate-1.action", z: "a", text: "eerst" },
      goal: { kind: "note", zone: "candidate-1.goal", z: "a", text: "doel" },
      two: { kind: "note", zone: "candidate-2.action", z: "a", text: "twee" },
    };
    const c = candidates(tpl, readNotes(itemsView(data)).values());
    expect([...c.entries()].map(([r, n]) => [r, n.id])).toEqual([["candidate-1", "first"], ["candidate-2", "two"]]);
  });

  it("adds up every person's scores per row and ranks rows, equal totals sharing a rank", () => {
    const s = (seat: string, c: string) => `${c}:${tab(seat, "Tab1")}`;
    const data: Data = {
      a: { kind: "note", zone: "candidate-1.action", z: "a", text: "Bewegingsmoment", [s(ANNA, "probable")]: 3, [s(BART, "probable")]: 2, [s(ANNA, "changeable")]: 3 },
      b: { kind: "note", zone: "candidate-2.action", z: "a", text: "Buddy", [s(ANNA, "probable")]: 1, [s(BART, "reach")]: 3 },
      c: { kind: "note", zone: "candidate-3.action", z: "a", text: "Overleg", [s(BART, "concrete")]: 3, [s(BART, "vision")]: 1 },
      d: { kind: "note", zone: "candidate-4.action", z: "a", text: "Nog niets" },
    };
    const items = itemsView(data);
    const rows = rowScores(items, tpl, readNotes(items).values());
    expect(rows.map((r) => [r.row, r.total, r.people, r.rank])).toEqual([
      ["candidate-1", 8, 2, 1],
      ["candidate-2", 4, 2, 2],
      ["candidate-3", 4, 1, 2],
      ["candidate-4", 0, 0, 4],
    ]);
    expect(rows[0]!.criteria.probable).toEqual({ sum: 5, people: 2 });
  });

  it("writes only this tab's field", () => {
    expect(scoreChange("a", "reach", tab(ANNA, "Tab1"), 2)).toEqual({ item: "a", field: `reach:${tab(ANNA, "Tab1")}`, value: 2 });
    expect(scoreChange("a", "reach", tab(ANNA, "Tab1"), null).value).toBeNull();
  });
});
