// A merged text field read and edited by position (TX-2): the tree of tree.ts plus the choices a
// client makes, exactly as TextField.java makes them (insertAt, deleteAt), and what carets and the
// undo stack need (anchors, positions, what is visible, spans of deleted text).
import { leftmost, plus, TextError, TextTree, type CharId, type IdRange, type Node, type TextOp } from "./tree";

export { codePoints, compareIds, TextError, type CharId, type IdRange, type Run, type TextOp } from "./tree";

export class TextField extends TextTree {
  /** The id of the visible character at `pos` (0-based, code points). */
  idAt(pos: number): CharId {
    if (pos < 0 || pos >= this.visible) throw new RangeError(`position ${pos} of ${this.visible}`);
    let seen = 0;
    for (const node of this.order) {
      if (node.deleted) continue;
      if (pos < seen + node.len) return [node.replica, node.n + pos - seen];
      seen += node.len;
    }
    throw new Error("visible length out of step");
  }

  /** The caret anchor of visible position `pos`: the character left of it, null at the start. */
  anchorAt(pos: number): CharId | null {
    return pos <= 0 ? null : this.idAt(Math.min(pos, this.visible) - 1);
  }

  /**
   * The visible position just after character `id` (null = the start: 0): where a caret anchored
   * there sits now. A deleted character gives the position where it would be. Null when unknown.
   */
  positionOf(id: CharId | null): number | null {
    if (id === null) return 0;
    const target = this.find(id);
    if (target === null) return null;
    let seen = 0;
    for (const node of this.order) {
      if (node === target) return seen + (node.deleted ? 0 : id[1] - node.n + 1);
      if (!node.deleted) seen += node.len;
    }
    return null;
  }

  /**
   * An insert of `text` by `replica` after character `left` (null = the start), Fugue's rule: as
   * its right child when it has none (the next character of its run counts as one), else as the
   * left child of the next character in document order (tombstones included).
   */
  insertAfter(left: CharId | null, text: string, replica: string): TextOp & { kind: "ins" } {
    const first: CharId = [replica, this.nextN(replica)];
    if (left === null) {
      if (this.roots.length === 0) return { kind: "ins", id: first, text, parent: null, right: true };
      return { kind: "ins", id: first, text, parent: (this.order[0] as Node).first(), right: false };
    }
    const node = this.find(left);
    if (node === null) throw new TextError(`unknown character ${left.join(":")}`);
    const inRun = left[1] < node.n + node.len - 1;
    if (!inRun && node.rightKids.length === 0) return { kind: "ins", id: first, text, parent: left, right: true };
    const next = inRun ? plus(left, 1) : leftmost(node.rightKids[0] as Node).first();
    return { kind: "ins", id: first, text, parent: next, right: false };
  }

  /** An insert of `text` at visible position `pos` by `replica`. */
  insertAt(pos: number, text: string, replica: string): TextOp & { kind: "ins" } {
    return this.insertAfter(pos === 0 ? null : this.idAt(pos - 1), text, replica);
  }

  /** A delete of the visible characters [pos, pos + len). */
  deleteAt(pos: number, len: number): TextOp & { kind: "del" } {
    const ranges: IdRange[] = [];
    let seen = 0;
    const end = pos + len;
    for (const node of this.order) {
      if (node.deleted) continue;
      const from = Math.max(pos, seen);
      const to = Math.min(end, seen + node.len);
      if (from < to) {
        const first: CharId = [node.replica, node.n + from - seen];
        const last = ranges[ranges.length - 1];
        if (last && last.id[0] === first[0] && last.id[1] + last.len === first[1]) last.len += to - from;
        else ranges.push({ id: first, len: to - from });
      }
      seen += node.len;
      if (seen >= end) break;
    }
    return { kind: "del", ranges };
  }

  /** The characters of `ranges` that are visible now, as ranges (what a delete of them would hide). */
  visibleIn(ranges: IdRange[]): IdRange[] {
    const out: IdRange[] = [];
    for (const r of ranges) {
      for (let i = 0; i < r.len; ) {
        const node = this.find(plus(r.id, i));
        if (node === null) {
          i++;
          continue;
        }
        const take = Math.min(node.n + node.len - (r.id[1] + i), r.len - i);
        if (!node.deleted) out.push({ id: plus(r.id, i), len: take });
        i += take;
      }
    }
    return out;
  }

  /**
   * The characters of `ids` grouped into spans that read as one piece of text now: consecutive in
   * document order, with nothing visible between them. Each span's text goes back after its last
   * character when an undo re-inserts what was deleted.
   */
  spans(ids: IdRange[]): { text: string; last: CharId }[] {
    const wanted = new Map<string, [number, number][]>();
    for (const r of ids) {
      const list = wanted.get(r.id[0]) ?? [];
      list.push([r.id[1], r.id[1] + r.len]);
      wanted.set(r.id[0], list);
    }
    const isWanted = (replica: string, n: number) => (wanted.get(replica) ?? []).some(([a, b]) => n >= a && n < b);
    const out: { text: string; last: CharId }[] = [];
    let current: { text: string; last: CharId } | null = null;
    for (const node of this.order) {
      for (let k = 0; k < node.len; k++) {
        if (isWanted(node.replica, node.n + k)) {
          if (current === null) out.push((current = { text: "", last: [node.replica, node.n + k] }));
          current.text += node.chars[k];
          current.last = [node.replica, node.n + k];
        } else if (!node.deleted) {
          current = null;
        }
      }
    }
    return out;
  }

  /** An independent copy, node for node. */
  copy(): TextField {
    const out = new TextField();
    this.copyInto(out);
    return out;
  }
}
