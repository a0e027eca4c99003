// The shared text vectors (server/vectors/text/*.json, rules TX-1..TX-4): the client's Fugue gives
// the node's text and canonical state in every listed order, refuses the hostile ops changing
// nothing, and makes exactly the ops the node's scenarios made (the same insertAt/deleteAt choices).
import { describe, expect, it } from "vitest";
import type { Json, Stamp } from "../../src/sync/api";
import { TextError, TextField, type TextOp } from "../../src/sync/text/field";
import { readTextOp, stateJson, textOpValue } from "../../src/sync/text/json";
import { propertySettings } from "../seeds";
import { seeded } from "./fake-server";

interface VectorOp {
  v: Json;
  s: Stamp;
}
interface TextVector {
  name: string;
  ops: VectorOp[];
  orders: number[][];
  expected: { text: string; state: Json };
  invalid: VectorOp[];
}

const modules = import.meta.glob<TextVector>("../../../server/vectors/text/*.json", { eager: true, import: "default" });
const files = Object.keys(modules).sort();
const vectors: [string, TextVector][] = files.map((f) => [f.slice(f.lastIndexOf("/") + 1), modules[f] as TextVector]);

function decode(o: VectorOp): TextOp {
  const op = readTextOp(o.v);
  if (!op) throw new Error(`not a text op: ${JSON.stringify(o.v)}`);
  return op;
}

/** Up to this many ops, a vector is delivered in every order there is (as TextVectorsTest does). */
const EVERY_ORDER_UP_TO = 6;
/** Seeded orders of a longer vector; a fresh seed with SEEDS=random. */
const ORDER_RUNS = 40;
const ORDER_SEED = propertySettings(20261208, ORDER_RUNS, "text.vectors.test.ts").seed;

function permutations(xs: number[]): number[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/**
 * The orders a vector's ops are delivered in: every permutation of a short vector (and each again
 * with its first op repeated), else the reverse and seeded shuffles with about a quarter of the ops
 * sent twice. None needs to be causal: `deliver` holds back what cannot apply yet.
 */
function deliveryOrders(n: number, name: string): number[][] {
  const identity = Array.from({ length: n }, (_, i) => i);
  if (n <= EVERY_ORDER_UP_TO) {
    const all = permutations(identity);
    return [...all, ...all.map((p) => [...p, p[0] as number])];
  }
  const out = [[...identity].reverse()];
  let h = 0;
  for (const c of name) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  for (let run = 0; run < ORDER_RUNS; run++) {
    const next = seeded(ORDER_SEED + run * 7919 + h);
    const order = [...identity];
    for (let i = 0; i < n; i++) if (Math.floor(next() * 4) === 0) order.push(i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    out.push(order);
  }
  return out;
}

/** Whether every character `op` names is in `f` (its parent, or what it deletes). */
function ready(f: TextField, op: TextOp): boolean {
  if (op.kind === "ins") return op.parent === null || f.contains(op.parent);
  if (op.kind === "del") return op.ranges.every((r) => Array.from({ length: r.len }, (_, i) => i).every((i) => f.contains([r.id[0], r.id[1] + i])));
  return true;
}

/** Delivers ops to a fresh field in `order`, holding back an op that names characters not there yet; every op must apply in the end. */
function deliver(ops: TextOp[], order: number[]): TextField {
  const f = new TextField();
  const held: TextOp[] = [];
  for (const i of order) {
    held.push(ops[i] as TextOp);
    for (let progress = true; progress; ) {
      progress = false;
      const k = held.findIndex((op) => ready(f, op));
      if (k >= 0) {
        f.apply(held.splice(k, 1)[0] as TextOp);
        progress = true;
      }
    }
  }
  expect(held, `ops that never applied in order ${order.join(",")}`).toEqual([]);
  return f;
}

describe("text vectors (TX-1..TX-4)", () => {
  it("finds the shared vectors", () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const [file, v] of vectors) {
      expect(`${v.name}.json`).toBe(file);
      expect(v.ops.length).toBeGreaterThan(0);
    }
  });

  describe.each(vectors)("%s", (_file, v) => {
    const ops = v.ops.map(decode);
    const state = JSON.stringify(v.expected.state);

    it("ops in the listed order give the text and the canonical state byte for byte", () => {
      const f = new TextField();
      ops.forEach((op, k) => f.apply(op, v.ops[k]!.s));
      expect(f.text()).toBe(v.expected.text);
      expect(stateJson(f)).toBe(state);
      expect(f.latest).toEqual(v.ops[v.ops.length - 1]!.s);
    });

    it("every other listed order, then every op again, gives the same state", () => {
      expect(v.orders.length).toBeGreaterThan(0);
      for (const order of v.orders) {
        const g = new TextField();
        for (const i of order) g.apply(ops[i]!);
        for (const op of ops) expect(g.apply(op)).toBe(false); // duplicates change nothing
        expect(stateJson(g)).toBe(state);
      }
    });

    it("delivered in every order (a short vector) or the reverse and seeded orders with duplicates, holding back what cannot apply yet", () => {
      const orders = deliveryOrders(ops.length, v.name);
      expect(orders.length).toBeGreaterThan(ops.length <= EVERY_ORDER_UP_TO ? 1 : ORDER_RUNS);
      for (const order of orders) {
        const g = deliver(ops, order);
        expect(stateJson(g), `${v.name} in order ${order.join(",")}`).toBe(state);
        expect(g.text()).toBe(v.expected.text);
      }
    });

    it("a state reads back into an equal field, and applying it again changes nothing", () => {
      const f = new TextField();
      ops.forEach((op) => f.apply(op));
      const st = readTextOp(JSON.parse(stateJson(f)))!;
      const g = new TextField();
      g.apply(st);
      expect(stateJson(g)).toBe(state);
      expect(g.apply(st)).toBe(false);
      expect(f.apply(st)).toBe(false);
    });

    it("hostile ops are refused and change nothing", () => {
      const f = new TextField();
      ops.forEach((op) => f.apply(op));
      for (const bad of v.invalid) {
        const op = decode(bad);
        expect(() => f.check(op)).toThrow(TextError);
        expect(() => f.apply(op)).toThrow(TextError);
        expect(stateJson(f)).toBe(state);
        expect(f.text()).toBe(v.expected.text);
      }
    });
  });
});

// ---- the node's scenarios (TextVectorsTest.scenarios), replayed with the client's field ---------

/** java.util.Random, for the offline scenario's words. */
class JavaRandom {
  private seed: bigint;
  constructor(seed: number) {
    this.seed = (BigInt(seed) ^ 0x5deece66dn) & ((1n << 48n) - 1n);
  }
  private next(bits: number): number {
    this.seed = (this.seed * 0x5deece66dn + 0xbn) & ((1n << 48n) - 1n);
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }
  nextInt(bound: number): number {
    if ((bound & -bound) === bound) return Number((BigInt(bound) * BigInt(this.next(31))) >> 31n);
    for (;;) {
      const bits = this.next(31);
      const val = bits % bound;
      if (bits - val + (bound - 1) < 2 ** 31) return val;
    }
  }
}

class Person {
  readonly field = new TextField();
  readonly sent: VectorOp[] = [];
  constructor(
    readonly replica: string,
    private readonly clock: number[],
  ) {}
  private send(op: TextOp): this {
    const s: Stamp = [this.clock[0]!++, 0, this.replica];
    this.field.apply(op, s);
    this.sent.push({ v: textOpValue(op), s });
    return this;
  }
  type(pos: number, text: string): this {
    let i = pos;
    for (const cp of text) this.send(this.field.insertAt(i++, cp, this.replica));
    return this;
  }
  typeBackwards(pos: number, text: string): this {
    for (const cp of [...text].reverse()) this.send(this.field.insertAt(pos, cp, this.replica));
    return this;
  }
  paste(pos: number, text: string): this {
    return this.send(this.field.insertAt(pos, text, this.replica));
  }
  delete(pos: number, len: number): this {
    return this.send(this.field.deleteAt(pos, len));
  }
  receive(ops: VectorOp[]): void {
    for (const o of ops) this.field.apply(decode(o), o.s);
  }
}

function scenarios(): Map<string, VectorOp[]> {
  const out = new Map<string, VectorOp[]>();
  const clock = [1_800_000_000_000];
  {
    const [ann, bart] = [new Person("ann0001a", clock), new Person("bart001b", clock)];
    ann.type(0, "Idee: ");
    bart.receive(ann.sent);
    ann.type(6, "buddy voor nieuwkomers");
    bart.type(6, "overuren beperken");
    out.set("concurrent-inserts-same-position", [...ann.sent, ...bart.sent]);
  }
  {
    const [ann, bart, cas] = [new Person("ann0001a", clock), new Person("bart001b", clock), new Person("cas0001c", clock)];
    ann.paste(0, "Werkdruk: ");
    bart.receive(ann.sent);
    cas.receive(ann.sent);
    ann.type(10, "planning");
    bart.type(10, "pauzes");
    cas.typeBackwards(10, "team");
    out.set("three-at-one-position", [...ann.sent, ...bart.sent, ...cas.sent]);
  }
  {
    const [ann, bart] = [new Person("ann0001a", clock), new Person("bart001b", clock)];
    ann.paste(0, "Samen aan zet voor gezond werk");
    bart.receive(ann.sent);
    ann.delete(0, 9);
    bart.delete(6, 8);
    out.set("overlapping-deletes", [...ann.sent, ...bart.sent]);
  }
  {
    const [ann, bart] = [new Person("ann0001a", clock), new Person("bart001b", clock)];
    ann.type(0, "de avonddienst alleen");
    bart.receive(ann.sent);
    ann.delete(3, 11);
    bart.type(5, "XYZ");
    out.set("insert-inside-deleted-word", [...ann.sent, ...bart.sent]);
  }
  {
    const [ann, bart] = [new Person("ann0001a", clock), new Person("bart001b", clock)];
    ann.paste(0, "Actie 1: buddy. Actie 2: rooster.");
    bart.receive(ann.sent);
    const r = new JavaRandom(14);
    const words = (
      "we spreken af dat nieuwe collega's een vaste buddy krijgen en dat de planning twee weken vooraf " +
      "vastligt zodat iedereen weet waar ze aan toe zijn"
    ).split(" ");
    let offline = "";
    while (offline.length < 320) offline += " " + words[r.nextInt(words.length)];
    ann.type(ann.field.length, offline);
    bart.delete(0, 9).type(0, "Eerst: ").type(5, "!");
    out.set("offline-run", [...ann.sent, ...bart.sent]);
  }
  {
    const ann = new Person("ann0001a", clock);
    ann.type(0, "Overuren 😀 ëé中");
    out.set("hostile-ops", ann.sent);
  }
  return out;
}

describe("the node's scenarios replayed with the client's field", () => {
  const made = scenarios();
  it.each(vectors)("%s: the same ops, id for id and stamp for stamp", (_file, v) => {
    const ops = made.get(v.name);
    expect(ops, `scenario ${v.name}`).toBeDefined();
    expect(JSON.stringify(ops)).toBe(JSON.stringify(v.ops));
  });
});
