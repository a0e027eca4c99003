// Issue 15's pure parts: notes placing themselves (free spots, tidy, keeping inside, spreading after
// a reveal), the editor's box above a phone keyboard, the export picture (wrapping, SVG), what the
// connection chip says, the language a browser starts in, remote drags, and the board modules'
// dependencies running one way.
import { describe, expect, it } from "vitest";
import type { Peer } from "../../src/sync/api";
import { editorBox } from "../../src/ui/board/editor";
import { boardScene, wrapText } from "../../src/ui/board/export/scene";
import { sceneToSvg } from "../../src/ui/board/export/svg";
import { overlaps } from "../../src/ui/board/geometry";
import { freeSpotIn, keepInside, spreadMoves, tidyMoves, usableRect, type Placed } from "../../src/ui/board/placement";
import { RemoteDrags } from "../../src/ui/board/presence";
import { statusText } from "../../src/ui/board/status";
import { defaultLang } from "../../src/ui/i18n";
import { templates, zone } from "./templates";

const north = zone(templates.windroos, "north");
const inside = (z: typeof north, r: { x: number; y: number; w: number; h: number }) => {
  const u = usableRect(z)!;
  return r.x >= u.x - 0.5 && r.y >= u.y - 0.5 && r.x + r.w <= u.x + u.w + 0.5 && r.y + r.h <= u.y + u.h + 0.5;
};

describe("notes place themselves", () => {
  it("puts a new note at the free spot nearest to where the person pointed, below the zone's title", () => {
    const taken = [freeSpotIn(north, 160, 100, [])];
    const near = freeSpotIn(north, 160, 100, taken, [north.shape.type === "rect" ? north.shape.x + 500 : 0, 400]);
    expect(overlaps(near, taken[0]!)).toBe(false);
    expect(inside(north, near)).toBe(true);
    expect(near.x).toBeGreaterThan(taken[0]!.x);
  });

  it("keeps a note dropped over the title or the border inside the zone", () => {
    const s = north.shape as { x: number; y: number; w: number; h: number };
    const over = keepInside(north, { x: s.x - 80, y: s.y - 30, w: 160, h: 100 });
    expect(inside(north, over)).toBe(true);
    const ring = zone(templates.circle, "partly-changeable");
    const out = keepInside(ring, { x: 1500, y: 760, w: 160, h: 100 });
    const r = ring.shape as { cx: number; cy: number; outer: number };
    for (const [x, y] of [[out.x, out.y], [out.x + out.w, out.y + out.h]]) expect(Math.hypot(x! - r.cx, y! - r.cy)).toBeLessThanOrEqual(r.outer + 0.5);
  });

  it("tidies a zone into a grid in reading order, all inside, none overlapping, also when they do not fit side by side", () => {
    const pile: Placed[] = Array.from({ length: 9 }, (_, i) => ({ id: `n${i}`, x: 700 + (i % 2), y: 200 + i, w: 160, h: 100 }));
    const moves = tidyMoves(north, pile);
    const placed = moves.map((m) => ({ ...m, w: 160, h: 100 }));
    for (const p of placed) expect(inside(north, p)).toBe(true);
    const firstRow = placed.filter((p) => p.y === placed[0]!.y);
    expect(firstRow.length).toBe(3);
    const few = tidyMoves(north, pile.slice(0, 5)).map((m) => ({ ...m, w: 160, h: 100 }));
    for (let i = 0; i < few.length; i++) for (let j = i + 1; j < few.length; j++) expect(overlaps(few[i]!, few[j]!)).toBe(false);
  });

  it("spreads notes a reveal left on top of each other: the first made stays, the others move to free spots, deterministically", () => {
    const spot = freeSpotIn(north, 160, 100, []);
    const pile: Placed[] = ["c", "a", "b"].map((id) => ({ id, ...spot }));
    const order = (x: Placed, y: Placed) => (x.id < y.id ? -1 : 1);
    const moves = spreadMoves(() => north, pile, order);
    expect(moves.map((m) => m.id)).toEqual(["b", "c"]);
    const after = pile.map((n) => ({ ...n, ...(moves.find((m) => m.id === n.id) ?? {}) }));
    for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) expect(overlaps(after[i]!, after[j]!)).toBe(false);
    expect(spreadMoves(() => north, [...pile].reverse(), order)).toEqual(moves);
  });
});

describe("the note editor on a phone", () => {
  it("docks across the top of what is visible above the keyboard, at a legible size", () => {
    const b = editorBox({ x: 40, y: 700, w: 30, h: 20 }, 0.2, { top: 0, bottom: 380, width: 390 }, true);
    expect(b.top).toBeGreaterThanOrEqual(0);
    expect(b.top + b.height).toBeLessThanOrEqual(380);
    expect(b.width).toBe(374);
    expect(b.fontSize).toBeGreaterThanOrEqual(16);
  });

  it("on a laptop sits over the note, grown and kept inside the view", () => {
    const b = editorBox({ x: 1200, y: 650, w: 60, h: 40 }, 0.37, { top: 0, bottom: 660, width: 1280 }, false);
    expect(b.left + b.width).toBeLessThanOrEqual(1272);
    expect(b.top + b.height).toBeLessThanOrEqual(652);
    expect(b.width).toBeGreaterThanOrEqual(280);
  });
});

describe("board export picture (EX-1)", () => {
  it("wraps by words, cuts what does not fit with an ellipsis", () => {
    expect(wrapText("Samen lunchen op vrijdag", 100, 17, 5)).toEqual(["Samen", "lunchen op", "vrijdag"]);
    const cut = wrapText("een twee drie vier vijf zes zeven acht", 60, 17, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith("…")).toBe(true);
  });

  it("writes an SVG with every note's text, escaped, and a selection shows only its notes", () => {
    const notes = [
      { id: "a", text: "Minder <mails> & meer rust", author: "An", fill: "#fff3a8", ink: "#1d2327", x: 620, y: 140, w: 160, h: 100 },
      { id: "b", text: "Trots", author: "", fill: "#c8ecd4", ink: "#1d2327", x: 40, y: 600, w: 160, h: 100 },
    ];
    const svg = sceneToSvg(boardScene(templates.windroos, "Windroos", notes, (z) => z.label.nl));
    expect(svg).toContain("Minder &lt;mails&gt; &amp; meer rust");
    expect(svg).toContain(">Noorden<");
    const only = boardScene(templates.windroos, "Windroos", notes, (z) => z.label.nl, new Set(["b"]));
    expect(only.notes.map((n) => n.id)).toEqual(["b"]);
    expect(only.view.w).toBeLessThan(400);
  });
});

describe("what the connection chip says", () => {
  it("tells connected, saving n edits, offline and reconnecting apart", () => {
    expect(statusText("connected", 0, true)).toBe("Verbonden");
    expect(statusText("saving", 3, true)).toBe("3 wijzigingen opslaan…");
    expect(statusText("offline", 2, false)).toBe("Offline · 2 bewaard");
    expect(statusText("offline", 0, true)).toBe("Opnieuw verbinden…");
  });
});

describe("the browser's language is the default", () => {
  it("starts en-GB in English, nl-BE in Dutch, others in Dutch, and a choice made before wins", () => {
    expect(defaultLang(null, ["en-GB", "nl"])).toBe("en");
    expect(defaultLang(null, ["nl-BE", "en"])).toBe("nl");
    expect(defaultLang(null, ["fr-BE", "de"])).toBe("nl");
    expect(defaultLang(null, ["fr-BE", "en-US"])).toBe("en");
    expect(defaultLang("nl", ["en-GB"])).toBe("nl");
  });
});

describe("others' drags (PR-5)", () => {
  it("moves a dragged note live, and keeps it where it was let go until the drop arrives", () => {
    const pos = new Map<string, [number, number]>();
    const classes = new Set<string>();
    const el = { classList: { add: (c: string) => classes.add(c), remove: (c: string) => classes.delete(c) } } as unknown as HTMLElement;
    const notes = { position: (id: string, x: number, y: number) => pos.set(id, [x, y]), element: () => el, data: () => ({ x: 0, y: 0 }) };
    let now = 0;
    const drags = new RemoteDrags(notes, new Map(), () => now);
    const peer = (drag: Peer["drag"]): Map<string, Peer> =>
      new Map([["r1", { replica: "r1", name: "Bo", role: "participant", cursor: null, selection: [], text: null, drag }]]);
    drags.update(peer([["n1", 300, 200]]));
    expect(pos.get("n1")).toEqual([300, 200]);
    expect(classes.has("remote-dragging")).toBe(true);
    drags.update(peer(null));
    pos.set("n1", [0, 0]); // a repaint from the (old) board data
    drags.afterUpsert("n1", false);
    expect(pos.get("n1")).toEqual([300, 200]);
    drags.afterUpsert("n1", true); // the drop arrived
    pos.set("n1", [310, 205]);
    drags.afterUpsert("n1", false);
    expect(pos.get("n1")).toEqual([310, 205]);
    drags.dispose();
  });
});

describe("the board's modules depend one way (issue 15)", () => {
  it("has no import cycle in src/ui/board", () => {
    // The sources as text, through Vite (no Node typings needed).
    const sources = import.meta.glob<string>("../../src/ui/board/**/*.ts", { query: "?raw", import: "default", eager: true });
    const name = (path: string) => path.replace("../../src/ui/board/", "");
    const files = Object.keys(sources).map(name);
    const resolve = (from: string, rel: string) => {
      const parts = [...from.split("/").slice(0, -1), ...rel.split("/")];
      const out: string[] = [];
      for (const part of parts) {
        if (part === "..") out.pop();
        else if (part !== ".") out.push(part);
      }
      return out.join("/") + ".ts";
    };
    const deps = new Map<string, string[]>();
    for (const [path, src] of Object.entries(sources)) {
      const f = name(path);
      deps.set(f, [...src.matchAll(/from "(\.{1,2}\/[^"]+)"/g)].map((m) => resolve(f, m[1]!)).filter((d) => files.includes(d)));
    }
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === "done") return;
      if (state.get(f) === "open") return void cycles.push([...path.slice(path.indexOf(f)), f].join(" → "));
      state.set(f, "open");
      for (const d of deps.get(f) ?? []) visit(d, [...path, f]);
      state.set(f, "done");
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
    expect(deps.get("actions.ts")).not.toContain("view.ts");
    expect(deps.get("view.ts")).toContain("actions.ts"); // the graph is read at all
    expect(deps.get("export/menu.ts")).toContain("tools.ts");
  });
});
