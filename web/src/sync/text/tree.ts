// The tree of a merged text field (rules TX-1..TX-4 in server/PROTOCOL.md): Fugue (Weidner, Gentle,
// Kleppmann 2023) stored as runs, a mirror of server/.../board/text/TextField.java that must apply
// ops and list canonical runs exactly as it does. field.ts adds the positions (insertAt, deleteAt).
//
// Every character is a node of a tree: the right or left child of another character (or of the
// start). The text is the tree read in order (left children, the character, right children;
// siblings by id). Typing on extends a run, so a run of typing is a chain; two people typing at one
// place get a subtree each and never interleave. Deleted characters stay as tombstones.
import type { Stamp } from "../api";
import { compareStamps } from "../stamp";

/** `[replica, n]`: who typed a character and its number among their characters here (TX-1). */
export type CharId = readonly [string, number];

/** A text op (TX-3), read from or written to an op's `v`. */
export type TextOp =
  | { kind: "ins"; id: CharId; text: string; parent: CharId | null; right: boolean }
  | { kind: "del"; ranges: IdRange[] }
  | { kind: "runs"; runs: Run[] };

/** `len` characters of one replica from `id` on. */
export interface IdRange {
  id: CharId;
  len: number;
}

/** A run as the state encoding lists it. */
export interface Run {
  id: CharId;
  text: string;
  parent: CharId | null;
  right: boolean;
  deleted: boolean;
}

/** An op names characters the field does not have, or reuses ids with other text (TX-4). */
export class TextError extends Error {}

/** Ids ordered by replica (UTF-16 code units, like Java's String.compareTo), then n. */
export function compareIds(a: CharId, b: CharId): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] - b[1];
}

/** Code points of a string: the unit of every position and length here. */
export function codePoints(s: string): string[] {
  return Array.from(s);
}

export const plus = (id: CharId, k: number): CharId => [id[0], id[1] + k];

/** A run of characters: children hang on its first character (left) and its last (right). */
export class Node {
  leftKids: Node[] = [];
  rightKids: Node[] = [];

  constructor(
    readonly replica: string,
    public n: number,
    public chars: string[],
    readonly parent: CharId | null,
    readonly right: boolean,
    public deleted: boolean,
  ) {}

  get len(): number {
    return this.chars.length;
  }

  first(): CharId {
    return [this.replica, this.n];
  }

  holds(k: number): boolean {
    return k >= this.n && k < this.n + this.chars.length;
  }
}

export function leftmost(node: Node): Node {
  while (node.leftKids.length > 0) node = node.leftKids[0] as Node;
  return node;
}

function rightmost(node: Node): Node {
  while (node.rightKids.length > 0) node = node.rightKids[node.rightKids.length - 1] as Node;
  return node;
}

export class TextTree {
  /** Right children of the start. */
  protected roots: Node[] = [];
  /** Every run in document order, tombstones included. */
  protected order: Node[] = [];
  /** Per replica, its runs sorted by n. */
  protected byReplica = new Map<string, Node[]>();
  protected visible = 0;
  protected cachedText: string | null = null;
  /** The greatest stamp of any op applied: the field's stamp as a plain register (TX-6). */
  latest: Stamp | null = null;

  /** The merged text. */
  text(): string {
    if (this.cachedText === null) {
      let out = "";
      for (const node of this.order) if (!node.deleted) out += node.chars.join("");
      this.cachedText = out;
    }
    return this.cachedText;
  }

  /** Visible length in code points. */
  get length(): number {
    return this.visible;
  }

  /** Runs held (tests). */
  get runCount(): number {
    return this.order.length;
  }

  contains(id: CharId): boolean {
    return this.find(id) !== null;
  }

  /** The next free character number of `replica` here. */
  nextN(replica: string): number {
    const runs = this.byReplica.get(replica);
    if (!runs || runs.length === 0) return 0;
    const last = runs[runs.length - 1] as Node;
    return last.n + last.len;
  }

  /** Applies an op; returns whether the text or tree changed. Throws TextError, changing nothing (states excepted: apply those to a copy). */
  apply(op: TextOp, stamp: Stamp | null = null): boolean {
    let changed: boolean;
    if (op.kind === "ins") changed = this.insert(op.id, codePoints(op.text), op.parent, op.right);
    else if (op.kind === "del") changed = this.delete(op.ranges, true);
    else changed = this.merge(op.runs);
    if (changed) this.cachedText = null;
    if (stamp && (this.latest === null || compareStamps(stamp, this.latest) > 0)) this.latest = stamp;
    return changed;
  }

  /** Throws TextError when `op` could not be applied; changes nothing. */
  check(op: TextOp): void {
    if (op.kind === "ins") this.checkInsert(op.id, codePoints(op.text), op.parent);
    else if (op.kind === "del") this.delete(op.ranges, false);
  }

  private checkInsert(first: CharId, chars: string[], parent: CharId | null): void {
    if (chars.length === 0) throw new TextError("an insert holds at least one character");
    const k = this.existingPrefix(first, chars);
    if (k === 0 && parent !== null && this.find(parent) === null) throw new TextError(`unknown parent character ${parent.join(":")}`);
    for (let i = k; i < chars.length; i++) {
      if (this.find(plus(first, i)) !== null) throw new TextError(`character ${first[0]}:${first[1] + i} exists already`);
    }
  }

  /** How many leading characters of the run exist already; they must hold the same text. */
  private existingPrefix(first: CharId, chars: string[]): number {
    let k = 0;
    while (k < chars.length) {
      const id = plus(first, k);
      const node = this.find(id);
      if (node === null) break;
      if (node.chars[id[1] - node.n] !== chars[k]) throw new TextError(`character ${id[0]}:${id[1]} exists with other text`);
      k++;
    }
    return k;
  }

  private insert(first: CharId, chars: string[], parent: CharId | null, right: boolean): boolean {
    this.checkInsert(first, chars, parent);
    const k = this.existingPrefix(first, chars);
    if (k === chars.length) return false;
    const p = k === 0 ? parent : plus(first, k - 1);
    const node = new Node(first[0], first[1] + k, chars.slice(k), p, k === 0 ? right : true, false);
    this.attach(node);
    this.visible += node.len;
    return true;
  }

  /** Hangs a new node under its parent character and puts it at its place in document order. */
  private attach(node: Node): void {
    let siblings: Node[];
    if (node.parent === null) {
      siblings = this.roots;
    } else {
      const host = this.splitFor(node.parent, node.right);
      if (node.right) {
        // Typing on at the end of one's own run extends it: no new node (the common case).
        if (host.rightKids.length === 0 && host.replica === node.replica && host.n + host.len === node.n && !host.deleted) {
          host.chars = host.chars.concat(node.chars);
          return;
        }
        siblings = host.rightKids;
      } else {
        siblings = host.leftKids;
      }
    }
    let lo = 0;
    let hi = siblings.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareIds((siblings[mid] as Node).first(), node.first());
      if (c === 0) throw new TextError(`character ${node.replica}:${node.n} exists already`);
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    const at = lo;
    let index: number;
    if (at < siblings.length) index = this.order.indexOf(leftmost(siblings[at] as Node));
    else if (node.parent === null) index = this.order.length;
    else if (node.right) index = this.order.indexOf(rightmost(this.find(node.parent) as Node)) + 1;
    else index = this.order.indexOf(this.find(node.parent) as Node);
    siblings.splice(at, 0, node);
    this.order.splice(index, 0, node);
    this.index(node);
  }

  /** The node whose first (left child) or last (right child) character is `id`, splitting its run if needed. */
  private splitFor(id: CharId, right: boolean): Node {
    let node = this.find(id);
    if (node === null) throw new TextError(`unknown parent character ${id.join(":")}`);
    const k = id[1] - node.n;
    if (right && k < node.len - 1) this.split(node, k + 1);
    else if (!right && k > 0) node = this.split(node, k);
    return right ? (this.find(id) as Node) : node;
  }

  /** Splits `node` before its k-th character; returns the second part. */
  private split(node: Node, k: number): Node {
    const tail = new Node(node.replica, node.n + k, node.chars.slice(k), [node.replica, node.n + k - 1], true, node.deleted);
    node.chars = node.chars.slice(0, k);
    tail.rightKids = node.rightKids;
    node.rightKids = [tail];
    this.order.splice(this.order.indexOf(node) + 1, 0, tail);
    this.index(tail);
    return tail;
  }

  private index(node: Node): void {
    let runs = this.byReplica.get(node.replica);
    if (!runs) this.byReplica.set(node.replica, (runs = []));
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((runs[mid] as Node).n < node.n) lo = mid + 1;
      else hi = mid;
    }
    runs.splice(lo, 0, node);
  }

  protected find(id: CharId): Node | null {
    const runs = this.byReplica.get(id[0]);
    if (!runs) return null;
    let lo = 0;
    let hi = runs.length - 1;
    let best: Node | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const node = runs[mid] as Node;
      if (node.n <= id[1]) {
        best = node;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return best !== null && best.holds(id[1]) ? best : null;
  }

  /** Marks the ranges deleted; with `apply` false only checks that every character exists. */
  private delete(ranges: IdRange[], apply: boolean): boolean {
    for (const r of ranges) {
      if (r.len < 1) throw new TextError("a deleted range holds at least one character");
      for (let i = 0; i < r.len; ) {
        const node = this.find(plus(r.id, i));
        if (node === null) throw new TextError(`unknown character ${r.id[0]}:${r.id[1] + i}`);
        i += node.n + node.len - (r.id[1] + i);
      }
    }
    if (!apply) return false;
    let changed = false;
    for (const r of ranges) {
      let i = 0;
      while (i < r.len) {
        const id = plus(r.id, i);
        let node = this.find(id) as Node;
        const from = id[1] - node.n;
        const take = Math.min(node.len - from, r.len - i);
        if (!node.deleted) {
          if (from > 0) node = this.split(node, from);
          if (take < node.len) this.split(node, take);
          node.deleted = true;
          this.visible -= node.len;
          changed = true;
        }
        i += take;
      }
    }
    return changed;
  }

  /** Merges a state: its runs (parents first), then its deletions. */
  private merge(runs: Run[]): boolean {
    let changed = false;
    for (const run of runs) changed = this.insert(run.id, codePoints(run.text), run.parent, run.right) || changed;
    const gone = runs.filter((r) => r.deleted).map((r) => ({ id: r.id, len: codePoints(r.text).length }));
    if (gone.length > 0) changed = this.delete(gone, true) || changed;
    return changed;
  }

  /**
   * Every run, parents before children (the node, its left subtrees, its right subtrees), joined
   * wherever the tree allows: equal fields list equal runs, however they were split.
   */
  runs(): Run[] {
    const out: Run[] = [];
    const visit = (node: Node): void => {
      // Join the chain of parts a split left behind (same replica, consecutive, same deletion).
      let chars = node.chars;
      let last = node;
      while (last.rightKids.length === 1) {
        const next = last.rightKids[0] as Node;
        if (next.leftKids.length > 0 || next.replica !== node.replica || next.n !== last.n + last.len || next.deleted !== node.deleted) break;
        chars = chars.concat(next.chars);
        last = next;
      }
      out.push({ id: node.first(), text: chars.join(""), parent: node.parent, right: node.right, deleted: node.deleted });
      for (const kid of node.leftKids) visit(kid);
      for (const kid of last.rightKids) visit(kid);
    };
    for (const root of this.roots) visit(root);
    return out;
  }

  /** Makes `out` (empty) a copy of this tree, node for node. */
  protected copyInto(out: TextTree): void {
    const twin = new Map<Node, Node>();
    for (const n of this.order) {
      const c = new Node(n.replica, n.n, n.chars, n.parent, n.right, n.deleted);
      twin.set(n, c);
      out.order.push(c);
    }
    for (const n of this.order) {
      const c = twin.get(n) as Node;
      c.leftKids = n.leftKids.map((k) => twin.get(k) as Node);
      c.rightKids = n.rightKids.map((k) => twin.get(k) as Node);
    }
    for (const [replica, runs] of this.byReplica) out.byReplica.set(replica, runs.map((k) => twin.get(k) as Node));
    out.roots = this.roots.map((r) => twin.get(r) as Node);
    out.visible = this.visible;
    out.cachedText = this.cachedText;
    out.latest = this.latest;
  }
}
