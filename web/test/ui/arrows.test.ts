// IT-6: which change-map arrows are drawn, held to the shared vectors (server/vectors/arrows, also
// read by the node's BoardArrowsTest), and what the menu may offer.
import { describe, expect, it } from "vitest";
import type { Json } from "../../src/sync/api";
import { allowedStep, arrowChanges, arrowLine, arrowTargets, drawnArrows, type Arrow } from "../../src/ui/board/arrows";
import { readNotes } from "../../src/ui/board/model";
import { itemsView, type Data } from "./board-items";
import changeMap from "../../../templates-library/templates/change-map.json";

interface ArrowVector {
  description: string;
  order: string[];
  items: Record<string, Record<string, Json>>;
  drawn: Arrow[];
}

const modules = import.meta.glob<ArrowVector>("../../../server/vectors/arrows/*.json", { eager: true, import: "default" });
const vectors = Object.entries(modules).map(([path, v]) => ({ name: path.split("/").pop()!, ...v }));

describe("arrow vectors (IT-6)", () => {
  it("has vectors", () => expect(vectors.length).toBeGreaterThanOrEqual(3));

  it.each(vectors)("$name", (v) => {
    expect(drawnArrows(itemsView(v.items as Data), v.order)).toEqual(v.drawn);
  });

  it("uses the change map's own column order", () => {
    expect(vectors.every((v) => JSON.stringify(v.order) === JSON.stringify(changeMap.arrows.order))).toBe(true);
  });
});

describe("arrows", () => {
  const order = changeMap.arrows.order;

  it("steps only to the next zone", () => {
    expect(allowedStep(order, "activities", "direct-results")).toBe(true);
    expect(allowedStep(order, "direct-results", "short-term-effects")).toBe(true);
    expect(allowedStep(order, "activities", "short-term-effects")).toBe(false);
    expect(allowedStep(order, "long-term-effects", "activities")).toBe(false);
    expect(allowedStep(order, null, "activities")).toBe(false);
    expect(allowedStep(order, "context", "activities")).toBe(false);
  });

  it("offers the next column's cards not yet pointed to, top to bottom", () => {
    const data: Data = {
      a: { kind: "note", zone: "activities", x: 0, y: 0, text: "scan" },
      r1: { kind: "note", zone: "direct-results", x: 0, y: 300, text: "lager" },
      r2: { kind: "note", zone: "direct-results", x: 0, y: 100, text: "hoger" },
      r3: { kind: "note", zone: "direct-results", x: 0, y: 200, text: "al gelinkt" },
      k: { kind: "note", zone: "short-term-effects", x: 0, y: 0, text: "verder" },
      arrow: { kind: "arrow", from: "a", to: "r3" },
    };
    const items = itemsView(data);
    const notes = readNotes(items);
    const offered = arrowTargets(notes.get("a")!, notes.values(), drawnArrows(items, order), order);
    expect(offered.map((n) => n.id)).toEqual(["r2", "r1"]);
    expect(arrowTargets(notes.get("k")!, notes.values(), [], order)).toEqual([]);
  });

  it("draws a new arrow in one batch of kind, from and to", () => {
    const changes = arrowChanges("a", "b", () => 0.5);
    const id = changes[0]!.item;
    expect(changes).toEqual([
      { item: id, field: "kind", value: "arrow" },
      { item: id, field: "from", value: "a" },
      { item: id, field: "to", value: "b" },
    ]);
  });

  it("runs from the right edge's middle to the left edge's middle", () => {
    expect(arrowLine({ x: 10, y: 20, w: 100, h: 60 }, { x: 300, y: 0, w: 100, h: 40 })).toEqual([110, 50, 300, 20]);
  });
});
