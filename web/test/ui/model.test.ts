import { describe, expect, it } from "vitest";
import type { ItemsView, Json, Register } from "../../src/sync/api";
import { createChanges, maxZ, moveChanges, newItemId, readNote, readNotes, shorten, stackOrder, truncate } from "../../src/ui/board/model";

function view(data: Record<string, Record<string, Json>>): ItemsView {
  const reg = (v: Json): Register => ({ v, s: [1, 0, "r"] });
  return {
    itemIds: () => Object.keys(data),
    get: (i, f) => (data[i] && f in data[i]! ? reg(data[i]![f]!) : undefined),
    fields: (i) => Object.fromEntries(Object.entries(data[i] ?? {}).map(([f, v]) => [f, reg(v)])),
    value: (i, f) => data[i]?.[f],
  };
}

describe("note model", () => {
  const items = view({
    a: { kind: "note", x: 10, y: 20, text: "Hoi", zone: "keep", z: "a1", layer: "desired" },
    b: { kind: "keyword", x: 0, y: 0, w: 240, h: 70, zone: null, z: "a0" },
    gone: { kind: "note", deleted: true, z: "a2" },
    other: { kind: "timer" },
  });

  it("reads notes and keywords with defaults, skipping deleted items and other kinds", () => {
    const notes = readNotes(items);
    expect([...notes.keys()].sort()).toEqual(["a", "b"]);
    expect(readNote(items, "a")).toMatchObject({ w: 160, h: 100, text: "Hoi", zone: "keep", fields: { layer: "desired" } });
    expect(readNote(items, "b")).toMatchObject({ kind: "keyword", zone: null, text: "" });
  });

  it("stacks by z compared as strings", () => {
    expect(stackOrder([{ id: "x", z: "a1" }, { id: "y", z: "a0" }, { id: "z", z: "Zz" }])).toEqual(["z", "y", "x"]);
    expect(maxZ([{ z: "a0" }, { z: "a1" }, { z: "" }])).toBe("a1");
    expect(maxZ([])).toBeNull();
  });

  it("creates a note as one batch of all its fields", () => {
    const ch = createChanges("n1", { kind: "note", x: 1.4, y: 2.6, w: 160, h: 100, color: "#fff", zone: "keep", author: "Anna", z: "a0", extra: { layer: "now" } });
    const fields = Object.fromEntries(ch.map((c) => [c.field, c.value]));
    expect(fields).toEqual({ kind: "note", x: 1, y: 3, w: 160, h: 100, text: "", color: "#fff", zone: "keep", author: "Anna", z: "a0", layer: "now" });
    expect(ch.every((c) => c.item === "n1")).toBe(true);
  });

  it("always writes the zone with a move", () => {
    expect(moveChanges([{ id: "a", x: 5, y: 6, zone: null }])).toEqual([
      { item: "a", field: "x", value: 5 },
      { item: "a", field: "y", value: 6 },
      { item: "a", field: "zone", value: null },
    ]);
  });

  it("makes valid item ids", () => {
    expect(newItemId()).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/);
  });

  it("shortens labels", () => {
    expect(truncate("  een\n korte   tekst ")).toBe("een korte tekst");
    expect(truncate("x".repeat(100), 10)).toBe("xxxxxxxxx…");
    expect(shorten("a\nb", 10)).toBe("a\nb");
  });
});
