// Shared vectors of server/vectors (rules ST-1, ST-2, IT-4): the client merges exactly like the server.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Op, Snapshot } from "../../src/sync/api";
import { Items } from "../../src/sync/items";
import { keyBetween } from "../../src/sync/order";
import fractionalIndex from "../../../server/vectors/fractional-index.json";
import { propertySettings } from "../seeds";

interface MergeVector {
  description: string;
  start: Snapshot;
  batches: Op[][];
  expected: Snapshot;
}

// Every server/vectors/merge/*.json, read through Vite's import.meta.glob (no Node typings needed).
const modules = import.meta.glob<MergeVector>("../../../server/vectors/merge/*.json", { eager: true, import: "default" });
const files = Object.keys(modules).sort();
const vectors: [string, MergeVector][] = files.map((f) => [f.slice(f.lastIndexOf("/") + 1), modules[f] as MergeVector]);

describe("merge vectors", () => {
  it("finds the shared vectors", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(vectors)("%s", (_file, v) => {
    it("batches in the given order reach the expected state", () => {
      const items = Items.fromSnapshot(v.start);
      for (const batch of v.batches) items.applyAll(batch);
      expect(items.toSnapshot()).toEqual(v.expected);
      expect(items.equals(Items.fromSnapshot(v.expected))).toBe(true);
    });

    it("50 seeded shuffles with duplicates reach the expected state", () => {
      const ops = v.batches.flat();
      const expected = Items.fromSnapshot(v.expected);
      const samples = fc.sample(
        fc.shuffledSubarray(ops.flatMap((op) => [op, op]), { minLength: ops.length * 2 }).chain((all) =>
          fc.tuple(fc.constant(all), fc.array(fc.constantFrom(...ops), { maxLength: 4 })),
        ),
        propertySettings(20261122, 50, "vectors.test.ts"),
      );
      expect(samples).toHaveLength(50);
      for (const [shuffled, extra] of samples) {
        const items = Items.fromSnapshot(v.start);
        items.applyAll([...extra, ...shuffled]);
        expect(items.equals(expected)).toBe(true);
        expect(items.toSnapshot()).toEqual(v.expected);
      }
    });
  });
});

describe("fractional-index vectors (IT-4)", () => {
  const doc = fractionalIndex as { cases: { before: string | null; after: string | null; key: string }[] };

  it.each(doc.cases.map((c) => [c.before, c.after, c.key] as const))("keyBetween(%s, %s) = %s", (before, after, key) => {
    expect(keyBetween(before, after)).toBe(key);
  });
});
