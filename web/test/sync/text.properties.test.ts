// Properties of the client's text CRDT (TX-1..TX-4), as TextPropertiesTest checks the node's: any
// delivery order with duplicates converges; two runs typed at one place at once (forward or
// backward) never interleave; deleting what you see deletes exactly that. Each case is driven by a
// seeded PRNG from a fast-check integer, so a failing case replays from its numbers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextError, TextField, type TextOp } from "../../src/sync/text/field";
import { readTextOp, stateJson } from "../../src/sync/text/json";
import { propertySettings } from "../seeds";
import { seeded } from "./fake-server";

const SETTINGS = propertySettings(20261207, 200, "text.properties.test.ts");
const ALPHABET = [..."abcdefghijklmnopqrstuvwxyz ëé😀中"];

class Rnd {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seeded(seed);
  }
  int(bound: number): number {
    return Math.floor(this.next() * bound);
  }
  text(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += ALPHABET[this.int(ALPHABET.length)];
    return s;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
    }
    return xs;
  }
}

/** A replica editing its own copy and logging what it sends. */
class Editor {
  readonly field = new TextField();
  readonly sent: TextOp[] = [];
  constructor(readonly replica: string) {}

  edit(r: Rnd): void {
    const len = this.field.length;
    if (len > 0 && r.int(4) === 0) {
      const at = r.int(len);
      this.local(this.field.deleteAt(at, 1 + r.int(Math.min(5, len - at))));
    } else {
      const pos = r.int(len + 1);
      if (r.int(6) === 0) this.local(this.field.insertAt(pos, r.text(1 + r.int(30)), this.replica));
      else for (let k = 0, n = 1 + r.int(6); k < n; k++) this.local(this.field.insertAt(pos + k, r.text(1), this.replica));
    }
  }

  typeRun(pos: number, word: string, backwards: boolean): void {
    const cps = [...word];
    if (backwards) for (let k = cps.length - 1; k >= 0; k--) this.local(this.field.insertAt(pos, cps[k]!, this.replica));
    else cps.forEach((cp, k) => this.local(this.field.insertAt(pos + k, cp, this.replica)));
  }

  local(op: TextOp): void {
    this.field.apply(op);
    this.sent.push(op);
  }
}

/** Delivers `ops` in a random order that respects what each op names, with duplicates; an op that cannot apply yet comes again later. */
function deliver(field: TextField, ops: TextOp[], r: Rnd): void {
  const waiting = [...ops];
  for (const op of ops) if (r.int(5) === 0) waiting.push(op);
  r.shuffle(waiting);
  let stuck = 0;
  while (waiting.length > 0) {
    const op = waiting.shift() as TextOp;
    try {
      field.check(op);
      field.apply(op);
      stuck = 0;
    } catch (e) {
      if (!(e instanceof TextError)) throw e;
      waiting.push(op);
      if (++stuck > waiting.length * 2) throw new Error(`ops that can never apply: ${waiting.length}`);
    }
  }
}

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe("text properties (TX-1..TX-4)", () => {
  it("any delivery order with duplicates converges, and the state reads back", () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 2, max: 4 }), (s, replicas) => {
        const r = new Rnd(s);
        const editors = Array.from({ length: replicas }, (_, i) => new Editor(`replica${i}`));
        const all: TextOp[] = [];
        for (let round = 0; round < 12; round++) {
          const e = editors[r.int(replicas)]!;
          const before = e.sent.length;
          e.edit(r);
          all.push(...e.sent.slice(before));
          // Sometimes someone catches up on everything so far, so later edits build on others' text.
          if (r.int(3) === 0) deliver(editors[r.int(replicas)]!.field, all, r);
        }
        const fresh = new TextField();
        deliver(fresh, all, r);
        for (const e of editors) {
          deliver(e.field, all, r);
          expect(e.field.text()).toBe(fresh.text());
          expect(stateJson(e.field)).toBe(stateJson(fresh));
        }
        const decoded = new TextField();
        decoded.apply(readTextOp(JSON.parse(stateJson(fresh)))!);
        expect(stateJson(decoded)).toBe(stateJson(fresh));
        const copy = fresh.copy();
        expect(stateJson(copy)).toBe(stateJson(fresh));
      }),
      SETTINGS,
    );
  });

  it("two runs typed at one place at once never interleave (forward or backward)", () => {
    fc.assert(
      fc.property(seed, (s) => {
        const r = new Rnd(s);
        const a = new Editor("annA0001");
        const b = new Editor("bartB001");
        for (let i = 0; i < 3; i++) a.edit(r);
        deliver(b.field, a.sent, r);
        const pos = r.int(a.field.length + 1);
        const wordA = `<${r.text(1 + r.int(20))}>`;
        const wordB = `{${r.text(1 + r.int(20))}}`;
        const sentA = a.sent.length;
        const backwards = r.int(2) === 0;
        a.typeRun(pos, wordA, backwards);
        b.typeRun(pos, wordB, !backwards && r.int(2) === 0);
        deliver(a.field, b.sent, r);
        deliver(b.field, a.sent.slice(sentA), r);
        expect(stateJson(a.field)).toBe(stateJson(b.field));
        const text = a.field.text();
        expect(text.includes(wordA) && text.includes(wordB), text).toBe(true);
      }),
      SETTINGS,
    );
  });

  it("deleting what you see deletes exactly that, and only that, everywhere", () => {
    fc.assert(
      fc.property(seed, (s) => {
        const r = new Rnd(s);
        const a = new Editor("annA0001");
        const b = new Editor("bartB001");
        for (let i = 0; i < 6; i++) a.edit(r);
        deliver(b.field, a.sent, r);
        if (a.field.length === 0) return;
        const cps = [...a.field.text()];
        const from = r.int(cps.length);
        const len = 1 + r.int(cps.length - from);
        const sentA = a.sent.length;
        a.local(a.field.deleteAt(from, len));
        const seen = [...cps.slice(0, from), ...cps.slice(from + len)].join("");
        expect(a.field.text()).toBe(seen);
        const sentB = b.sent.length;
        const word = `[${r.text(3)}]`;
        b.typeRun(r.int(b.field.length + 1), word, false);
        deliver(a.field, b.sent.slice(sentB), r);
        deliver(b.field, a.sent.slice(sentA), r);
        expect(stateJson(a.field)).toBe(stateJson(b.field));
        expect(a.field.text()).toContain(word);
        expect(a.field.text().replace(word, "")).toBe(seen);
      }),
      SETTINGS,
    );
  });

  it("a caret anchored to a character keeps its place through others' edits", () => {
    fc.assert(
      fc.property(seed, (s) => {
        const r = new Rnd(s);
        const a = new Editor("annA0001");
        const b = new Editor("bartB001");
        for (let i = 0; i < 5; i++) a.edit(r);
        deliver(b.field, a.sent, r);
        const caret = r.int(b.field.length + 1);
        const anchor = b.field.anchorAt(caret);
        const left = [...b.field.text()].slice(0, caret).join("");
        const sentA = a.sent.length;
        a.typeRun(r.int(a.field.length + 1), `(${r.text(2)})`, false);
        deliver(b.field, a.sent.slice(sentA), r);
        const now = b.field.positionOf(anchor)!;
        // What stood left of the caret still does, plus a's word when it went there (it never splits).
        const stripped = [...b.field.text()].slice(0, now).join("").replace(/\(.{2}\)/u, "");
        expect(stripped).toBe(left);
      }),
      SETTINGS,
    );
  });
});
