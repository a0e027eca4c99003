import { describe, expect, it } from "vitest";
import type { Change } from "../../src/sync/api";
import { CONTROL_ITEM } from "../../src/ui/board/control-state";
import { readNotes } from "../../src/ui/board/model";
import {
  carriedText,
  carryChanges,
  carriedParts,
  panelChanges,
  panelFor,
  sidePanels,
  anchorOf,
  cleanTitle,
  GATHER_GAP,
  gatherMoves,
  frameOf,
  FRAME_HEAD,
  FRAME_PAD,
  groupChanges,
  moveThemeChanges,
  readSource,
  readThemes,
  sourceHash,
  themeOf,
  themeResultNotes,
  ungroupChanges,
  voteOnThemes,
} from "../../src/ui/board/themes";
import { voteResults } from "../../src/ui/board/voting";
import { itemsView, type Data } from "./board-items";

function board(): Data {
  return {
    a: { kind: "note", text: "Rust", x: 100, y: 200, w: 160, h: 100, zone: "z1" },
    b: { kind: "note", text: "Ruimte", x: 300, y: 220, w: 160, h: 100, zone: "z1" },
    c: { kind: "note", text: "Koffie", x: 0, y: 600, w: 160, h: 100, zone: "z2" },
  };
}

function apply(data: Data, changes: Change[]): void {
  for (const c of changes) data[c.item] = { ...data[c.item], [c.field]: c.value };
}

describe("grouping notes into themes (FA-23, FA-24)", () => {
  it("groups notes into a new theme whose frame encloses them with the label above", () => {
    const data = board();
    const notes = readNotes(itemsView(data));
    apply(data, groupChanges("t1", "  Werk   druk ", ["a", "b"], notes));
    const items = itemsView(data);
    const themes = readThemes(items);
    const t1 = themes.get("t1")!;
    expect(t1.title).toBe("Werk druk");
    expect(t1.members).toEqual(["a", "b"]);
    expect(themeOf(items, "a")).toBe("t1");
    expect(themeOf(items, "c")).toBeNull();
    const f = frameOf(t1, readNotes(items));
    expect(f).toEqual({ x: 100 - FRAME_PAD, y: 200 - FRAME_PAD - FRAME_HEAD, w: 360 + 2 * FRAME_PAD, h: 120 + 2 * FRAME_PAD + FRAME_HEAD });
  });

  it("a note whose theme is deleted or unknown belongs to none; ungrouping keeps the notes", () => {
    const data = board();
    apply(data, groupChanges("t1", "Thema", ["a"], readNotes(itemsView(data))));
    data.c = { ...data.c, theme: "nope" };
    expect(themeOf(itemsView(data), "c")).toBeNull();
    const t1 = readThemes(itemsView(data)).get("t1")!;
    apply(data, ungroupChanges(t1));
    const items = itemsView(data);
    expect(readThemes(items).size).toBe(0);
    expect(themeOf(items, "a")).toBeNull();
    expect(readNotes(items).has("a")).toBe(true);
  });

  it("moving a theme moves its notes by the same distance", () => {
    const data = board();
    apply(data, groupChanges("t1", "Thema", ["a", "b"], readNotes(itemsView(data))));
    const t1 = readThemes(itemsView(data)).get("t1")!;
    apply(data, moveThemeChanges(t1, readNotes(itemsView(data)), 50, -20));
    expect([data.a!.x, data.a!.y, data.b!.x, data.b!.y, data.c!.x]).toEqual([150, 180, 350, 200, 0]);
    expect(data.t1!.x).toBe(t1.x + 50);
  });

  it("gathers grouped notes into two columns under the top-most one", () => {
    const anchor = anchorOf([{ id: "a", x: 300, y: 50, w: 160, h: 100 }, { id: "b", x: 10, y: 50, w: 160, h: 100 }, { id: "c", x: 0, y: 400, w: 160, h: 100 }])!;
    expect(anchor.id).toBe("b");
    expect(gatherMoves(anchor, ["b", "a", "c"])).toEqual([
      { id: "a", x: 10 + 160 + GATHER_GAP, y: 50 },
      { id: "c", x: 10, y: 50 + 100 + GATHER_GAP },
    ]);
    // A slot covering a note outside the theme (here: where "a" would go) is skipped.
    const beside = { x: 10 + 160 + GATHER_GAP, y: 50, w: 160, h: 100 };
    expect(gatherMoves(anchor, ["b", "a"], [beside])).toEqual([{ id: "a", x: 10, y: 50 + 100 + GATHER_GAP }]);
    // A stranger in the slot below: taking the slot beside it would draw the frame around the stranger.
    const below = { x: 10, y: 50 + 100 + GATHER_GAP, w: 160, h: 100 };
    const [moved] = gatherMoves(anchor, ["a"], [beside, below]);
    const frame = frameOf({ id: "t", title: "", x: 0, y: 0, zone: null, members: ["b", "a"], fields: {} },
      new Map<string, { x: number; y: number; w: number; h: number }>([["b", anchor], ["a", { x: moved!.x, y: moved!.y, w: 160, h: 100 }]]));
    for (const o of [beside, below]) {
      const [cx, cy] = [o.x + o.w / 2, o.y + o.h / 2];
      expect(cx > frame.x && cx < frame.x + frame.w && cy > frame.y && cy < frame.y + frame.h).toBe(false);
    }
  });

  it("cuts titles to 200 code points as the node counts them", () => {
    expect([...cleanTitle("😀".repeat(250))].length).toBe(200);
  });
});

describe("votes on themes (FA-26)", () => {
  it("reads voteOn and ranks themes by their dots", () => {
    const data = board();
    data[CONTROL_ITEM] = { vote: "closed", voteDots: 3, voteOn: "themes" };
    data.t1 = { kind: "theme", title: "Overleg", x: 0, y: 0, "vote:p1": 1 };
    data.t2 = { kind: "theme", title: "Pauzes", x: 300, y: 0, "vote:p1": 2, "vote:p2": 2 };
    const items = itemsView(data);
    expect(voteOnThemes(items)).toBe(true);
    const rows = voteResults(themeResultNotes(readThemes(items).values()), { zone: null }, "votes");
    expect(rows.map((r) => [r.text, r.votes])).toEqual([["Pauzes", 4], ["Overleg", 1]]);
    data[CONTROL_ITEM] = { vote: "open", voteDots: 3, voteOn: "notes" };
    expect(voteOnThemes(itemsView(data))).toBe(false);
  });
});

describe("carrying forward (FA-27)", () => {
  const zone = { id: "action-1.title", label: { nl: "Actie 1", en: "Action 1" }, shape: { type: "rect", x: 220, y: 160, w: 360, h: 220 }, limits: { max: 1 }, row: "action-1", column: "title" };
  const tpl = { id: "priority-actions", layout: "table", zones: [zone], canvas: { width: 2600, height: 1300 } } as never;

  it("a theme is carried as a note in the row's title zone with its title and a link back", () => {
    const data = board();
    data.t1 = { kind: "theme", title: "Samen plannen" };
    const items = itemsView(data);
    const text = carriedText(items, ["t1"]);
    expect(text).toBe("Samen plannen");
    const target: Data = {};
    apply(target, carryChanges("n1", 1, text, { board: "b-3b", item: "t1" }, tpl, "Fien"));
    expect(target.n1).toMatchObject({ kind: "note", zone: "action-1.title", text: "Samen plannen", source: { board: "b-3b", item: "t1" } });
    // Inside the cell, below its label, filling it as a note made there would.
    const n = target.n1 as { x: number; y: number; w: number; h: number };
    expect(n.x).toBeGreaterThan(220);
    expect(n.y).toBeGreaterThan(160 + 20);
    expect(n.x + n.w).toBeLessThanOrEqual(580);
    expect(n.y + n.h).toBeLessThanOrEqual(380);
    expect(n.w).toBeGreaterThan(300);
    expect(readSource(itemsView(target), "n1")).toEqual({ board: "b-3b", item: "t1" });
  });

  it("issue 20: a policy-plan reflection feeds its side panel, one keyword per note, side by side, each linking back", () => {
    const panel = { id: "policy-reflection", label: { nl: "Reflectie beleidsplan", en: "Policy plan reflection" }, shape: { type: "rect", x: 2200, y: 160, w: 380, h: 560 }, limits: { max: 5 } };
    const other = { id: "windroos-insights", label: { nl: "Inzichten uit de windroos", en: "Insights" }, shape: { type: "rect", x: 2200, y: 740, w: 380, h: 540 } };
    const pa = { id: "priority-actions", layout: "table", itemKinds: ["note", "keyword"], zones: [zone, panel, other], canvas: { width: 2600, height: 1300 } } as never;
    expect(sidePanels(pa)).toEqual(["policy-reflection", "windroos-insights"]);
    expect(panelFor("policy-reflection", pa)).toBe("policy-reflection");
    expect(panelFor("windroos", pa)).toBe("windroos-insights");
    expect(panelFor("three-b", pa)).toBeNull();
    expect(panelFor("windroos", tpl)).toBeNull();

    const data = board();
    data.r1 = { kind: "note", text: " Doelgroep mantelzorgers ", x: 0, y: 0 };
    data.r2 = { kind: "note", text: "   ", x: 0, y: 0 };
    data.r3 = { kind: "note", text: "Omgevingsanalyse", x: 0, y: 0 };
    const parts = carriedParts(itemsView(data), ["r1", "r2", "r3"]);
    expect(parts).toEqual([{ text: "Doelgroep mantelzorgers", item: "r1" }, { text: "Omgevingsanalyse", item: "r3" }]);
    const target: Data = {};
    const ids = ["k1", "k2"];
    apply(target, panelChanges(parts.map((p, i) => ({ id: ids[i]!, text: p.text, source: { board: "b-r", item: p.item } })), "policy-reflection", pa, "Fien"));
    expect(target.k1).toMatchObject({ kind: "keyword", zone: "policy-reflection", text: "Doelgroep mantelzorgers", source: { board: "b-r", item: "r1" } });
    expect(target.k2).toMatchObject({ kind: "keyword", zone: "policy-reflection", text: "Omgevingsanalyse", source: { board: "b-r", item: "r3" } });
    const a = target.k1 as { x: number; y: number; w: number; h: number };
    const b = target.k2 as { x: number; y: number; w: number; h: number };
    for (const k of [a, b]) {
      expect(k.x).toBeGreaterThanOrEqual(2200);
      expect(k.x + k.w).toBeLessThanOrEqual(2580);
      expect(k.y).toBeGreaterThan(160);
      expect(k.y + k.h).toBeLessThanOrEqual(720);
    }
    expect(a.y + a.h <= b.y || b.y + b.h <= a.y || a.x + a.w <= b.x || b.x + b.w <= a.x).toBe(true);
  });

  it("notes are carried one per line; an odd source reads as none; the link opens the source board and item", () => {
    expect(carriedText(itemsView(board()), ["a", "c", "zz"])).toBe("Rust\nKoffie");
    expect(readSource(itemsView({ n: { kind: "note", source: "b1" } }), "n")).toBeNull();
    expect(sourceHash("tok", { board: "b1", item: "t1" })).toBe("#token=tok&board=b1&item=t1");
  });
});
