// The replicated board state, mirroring server/.../board/Items.java: item id → field → register.
// A state-based CRDT (LWW map): apply in any order, with duplicates, converges; merge is a join.
// A field that receives a text op merges character by character instead (TX-3..TX-5, text/).
import type { ItemsView, Json, Op, Register, Snapshot } from "./api";
import { beats, registersEqual } from "./stamp";
import type { TextField } from "./text/field";
import { stateValue } from "./text/json";
import { applyTextOp, isTextRegister, textOf, textRegistersEqual } from "./text/register";

type Fields = Record<string, Register>;

const EMPTY: Readonly<Fields> = Object.freeze(Object.create(null) as Fields);

function has(fields: Fields, field: string): boolean {
  return Object.prototype.hasOwnProperty.call(fields, field);
}

/**
 * Field records are copy-on-write: apply replaces an item's record instead of changing it, so a
 * record handed out by `fields()` never changes under its holder and `copy()` is cheap.
 */
export class Items implements ItemsView {
  private readonly map: Map<string, Fields>;

  constructor(map?: Map<string, Fields>) {
    this.map = map ?? new Map();
  }

  static fromSnapshot(snapshot: Snapshot): Items {
    const out = new Items();
    for (const [item, fields] of Object.entries(snapshot)) {
      for (const [field, r] of Object.entries(fields)) out.apply({ i: item, f: field, v: r.v, s: r.s });
    }
    return out;
  }

  static fromOps(ops: Iterable<Op>): Items {
    const out = new Items();
    for (const op of ops) out.apply(op);
    return out;
  }

  /** A new state equal to the merge of a and b; neither is changed. */
  static merge(a: Items, b: Items): Items {
    const out = a.copy();
    out.mergeFrom(b);
    return out;
  }

  /** Applies one op; true when it won its field (changed the state). */
  apply(op: Op): boolean {
    const current = this.map.get(op.i);
    const register = current && has(current, op.f) ? (current[op.f] as Register) : undefined;
    let incoming: Register | null | undefined = applyTextOp(register, op);
    if (incoming === null) return false;
    if (incoming === undefined) {
      incoming = { v: op.v, s: op.s };
      if (register && !beats(incoming, register)) return false;
    }
    const next = Object.assign(Object.create(null) as Fields, current);
    next[op.f] = incoming;
    this.map.set(op.i, next);
    return true;
  }

  /** Applies every op; returns the ones that won, in order. */
  applyAll(ops: Iterable<Op>): Op[] {
    const won: Op[] = [];
    for (const op of ops) if (this.apply(op)) won.push(op);
    return won;
  }

  mergeFrom(other: Items): void {
    for (const op of other.toOps()) this.apply(op);
  }

  /** Makes this state equal to `other`, which is not changed (records are shared, copy-on-write). */
  assign(other: Items): void {
    this.map.clear();
    for (const [item, fields] of other.map) this.map.set(item, fields);
  }

  copy(): Items {
    return new Items(new Map(this.map));
  }

  equals(other: Items): boolean {
    if (this.map.size !== other.map.size) return false;
    for (const [item, fields] of this.map) {
      const theirs = other.map.get(item);
      if (!theirs) return false;
      const keys = Object.keys(fields);
      if (keys.length !== Object.keys(theirs).length) return false;
      for (const f of keys) {
        if (!has(theirs, f) || !sameRegister(fields[f] as Register, theirs[f] as Register)) return false;
      }
    }
    return true;
  }

  /** Item ids in sorted order (UTF-16 code units, like Java's TreeMap). */
  itemIds(): string[] {
    return [...this.map.keys()].sort();
  }

  has(item: string): boolean {
    return this.map.has(item);
  }

  get size(): number {
    return this.map.size;
  }

  get(item: string, field: string): Register | undefined {
    const fields = this.map.get(item);
    return fields && has(fields, field) ? fields[field] : undefined;
  }

  fields(item: string): Readonly<Fields> {
    return this.map.get(item) ?? EMPTY;
  }

  value(item: string, field: string): Json | undefined {
    return this.get(item, field)?.v;
  }

  /** Whether the field merges text (it received a text op, TX-3). */
  isText(item: string, field: string): boolean {
    return isTextRegister(this.get(item, field));
  }

  /**
   * The field as text, not to be changed: its merged text, or a plain string (or nothing yet) read
   * as text the way a first text op reads it; null for a field holding another value.
   */
  text(item: string, field: string): TextField | null {
    return textOf(this.get(item, field));
  }

  /** Every register as an op, items and fields in sorted order. */
  toOps(): Op[] {
    const out: Op[] = [];
    for (const item of this.itemIds()) {
      const fields = this.map.get(item) as Fields;
      for (const f of Object.keys(fields).sort()) {
        const r = fields[f] as Register;
        // A text field travels as its state (TX-3), as the node's welcome gives it (TX-7).
        out.push({ i: item, f, v: isTextRegister(r) ? stateValue(r.field) : r.v, s: r.s });
      }
    }
    return out;
  }

  /** The wire shape of `welcome.snapshot`, items and fields in sorted order. */
  toSnapshot(): Snapshot {
    const out = Object.create(null) as Snapshot;
    for (const op of this.toOps()) {
      const fields = (out[op.i] ??= Object.create(null) as Fields);
      fields[op.f] = { v: op.v, s: op.s };
    }
    return out;
  }

  /** Ids of items whose fields differ between a and b (either side may lack the item). */
  static changedItems(a: Items, b: Items): Set<string> {
    const out = new Set<string>();
    for (const [item, fields] of a.map) {
      const theirs = b.map.get(item);
      if (theirs !== fields && (!theirs || !sameFields(fields, theirs))) out.add(item);
    }
    for (const item of b.map.keys()) if (!a.map.has(item)) out.add(item);
    return out;
  }
}

function sameFields(a: Fields, b: Fields): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((f) => has(b, f) && sameRegister(a[f] as Register, b[f] as Register));
}

function sameRegister(a: Register, b: Register): boolean {
  const ta = isTextRegister(a);
  if (ta !== isTextRegister(b)) return false;
  return ta ? textRegistersEqual(a, b as typeof a) : registersEqual(a, b);
}
