// Properties of the merge (ST-2): order and duplicates never matter; merge is a join.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Json, Op } from "../../src/sync/api";
import { Items } from "../../src/sync/items";
import { beats } from "../../src/sync/stamp";
import { propertySettings } from "../seeds";

const SETTINGS = propertySettings(20261122, 300, "merge.properties.test.ts");

// Small domains so that equal fields, equal stamps and even equal stamps with different values are frequent.
const value: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, 1, "a", "b", "é", "\u{1F600}"),
  fc.array(fc.constantFrom<Json>(1, "x"), { maxLength: 2 }),
  fc.record({ k: fc.constantFrom<Json>(1, "y") }),
);
const op: fc.Arbitrary<Op> = fc.record({
  i: fc.constantFrom("n1", "n2", "n3"),
  f: fc.constantFrom("text", "x", "deleted", "vote:replicaA1"),
  v: value,
  s: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 2 }), fc.constantFrom("replicaA1", "replicaB2", "replicaC3")),
});
const ops = fc.array(op, { maxLength: 30 });
const state = ops.map((o) => Items.fromOps(o));

describe("merge properties", () => {
  it("any order with duplicates converges", () => {
    fc.assert(
      fc.property(
        ops.chain((o) => fc.tuple(fc.constant(o), fc.shuffledSubarray([...o, ...o], { minLength: o.length * 2 }))),
        ([original, shuffled]) => {
          expect(Items.fromOps(shuffled).equals(Items.fromOps(original))).toBe(true);
        },
      ),
      SETTINGS,
    );
  });

  it("merge is commutative", () => {
    fc.assert(fc.property(state, state, (a, b) => Items.merge(a, b).equals(Items.merge(b, a))), SETTINGS);
  });

  it("merge is associative", () => {
    fc.assert(
      fc.property(state, state, state, (a, b, c) =>
        Items.merge(Items.merge(a, b), c).equals(Items.merge(a, Items.merge(b, c))),
      ),
      SETTINGS,
    );
  });

  it("merge is idempotent and leaves its inputs alone", () => {
    fc.assert(
      fc.property(state, state, (a, b) => {
        const before = a.copy();
        const merged = Items.merge(a, b);
        return Items.merge(a, a).equals(a) && Items.merge(merged, b).equals(merged) && a.equals(before);
      }),
      SETTINGS,
    );
  });

  it("applying only the winning ops to a peer reaches the same state", () => {
    fc.assert(
      fc.property(ops, ops, (start, incoming) => {
        // server and peer start equal; the server fans out only the ops that won (OP-6)
        const server = Items.fromOps(start);
        const peer = Items.fromOps(start);
        const won = server.applyAll(incoming);
        peer.applyAll(won);
        return peer.equals(server);
      }),
      SETTINGS,
    );
  });

  it("beats is a strict total order on distinct registers", () => {
    fc.assert(
      fc.property(op, op, (a, b) => {
        const ra = { v: a.v, s: a.s };
        const rb = { v: b.v, s: b.s };
        const same = JSON.stringify(ra) === JSON.stringify(rb);
        return same ? !beats(ra, rb) && !beats(rb, ra) : beats(ra, rb) !== beats(rb, ra);
      }),
      SETTINGS,
    );
  });

  it("snapshots round-trip", () => {
    fc.assert(fc.property(state, (a) => Items.fromSnapshot(a.toSnapshot()).equals(a)), SETTINGS);
  });
});
