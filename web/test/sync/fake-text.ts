// The fake server's side of merged text (TX-3..TX-7), as the node is specified to do it: a batch's
// text ops are checked whole on a copy (TX-4), a plain string on a text field becomes a delete of
// every visible character and an insert at the start with TX-5 ids, and readers without the `text`
// capability get each changed text field as a plain register (TX-6).
import type { Op } from "../../src/sync/api";
import { Items } from "../../src/sync/items";
import { TextError, codePoints, type TextOp } from "../../src/sync/text/field";
import { readTextOp, textOpValue } from "../../src/sync/text/json";
import { isTextRegister, wholeWriteReplica } from "../../src/sync/text/register";
import { compareStamps } from "../../src/sync/stamp";

const NOT_TEXT = new Set(["kind", "x", "y", "w", "h", "color", "zone", "author", "z", "deleted"]);
export const TEXT_LIMIT = 4000;

/** The batch applied to a copy of `items`, with the ops as applied (plain writes on text turned into text ops); or the invalid_op message. */
export function acceptBatch(items: Items, replica: string, ops: Op[]): { items: Items; applied: Op[] } | string {
  const trial = items.copy();
  const applied: Op[] = [];
  const touched = new Set<string>();
  for (const op of ops) {
    const text = readTextOp(op.v);
    if (text) {
      if (NOT_TEXT.has(op.f) || op.f.includes(":")) return `no text ops on ${op.f}`;
      if (text.kind === "runs") return "clients do not send states";
      if (text.kind === "ins" && text.id[0] !== replica) return "an insert's ids are the sender's own";
      const field = trial.text(op.i, op.f);
      if (field === null) return `${op.f} holds no text`;
      try {
        field.check(text);
      } catch (e) {
        if (e instanceof TextError) return e.message;
        throw e;
      }
      if (trial.apply(op)) applied.push(op);
      touched.add(`${op.i}\u0000${op.f}`);
    } else if (typeof op.v === "string" && isTextRegister(trial.get(op.i, op.f))) {
      for (const converted of wholeWrite(trial, op)) if (trial.apply(converted)) applied.push(converted);
    } else if (trial.apply(op)) {
      applied.push(op);
    }
  }
  for (const key of touched) {
    const [i, f] = key.split("\u0000") as [string, string];
    if (codePoints(trial.text(i, f)?.text() ?? "").length > TEXT_LIMIT) return "the field would show more than 4,000 characters";
  }
  return { items: trial, applied };
}

/** TX-5: a plain string over a text field, as the node turns it into ops (nothing when its stamp is not greater). */
function wholeWrite(items: Items, op: Op): Op[] {
  const field = items.text(op.i, op.f)!;
  if (field.latest !== null && compareStamps(op.s, field.latest) <= 0) return [];
  const out: TextOp[] = [];
  if (field.length > 0) out.push(field.deleteAt(0, field.length));
  const text = op.v as string;
  if (text.length > 0) out.push({ kind: "ins", id: [wholeWriteReplica(op.s), 0], text, parent: null, right: true });
  return out.map((t) => ({ i: op.i, f: op.f, v: textOpValue(t), s: op.s }));
}

/** TX-6: the ops as a reader without the capability gets them: each text field once, as its merged text and latest stamp. */
export function forPlainReader(items: Items, ops: Op[]): Op[] {
  const out: Op[] = [];
  const seen = new Set<string>();
  for (const op of ops) {
    const r = items.get(op.i, op.f);
    if (!isTextRegister(r)) {
      out.push(op);
      continue;
    }
    const key = `${op.i}\u0000${op.f}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ i: op.i, f: op.f, v: r.v, s: r.s });
  }
  return out;
}

/** TX-6 for a welcome: every text field as a plain register. */
export function plainSnapshot(items: Items): ReturnType<Items["toSnapshot"]> {
  const snap = items.toSnapshot();
  for (const [item, fields] of Object.entries(snap)) {
    for (const f of Object.keys(fields)) {
      const r = items.get(item, f);
      if (isTextRegister(r)) fields[f] = { v: r.v, s: r.s };
    }
  }
  return snap;
}
