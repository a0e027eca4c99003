// A field's register when it holds merged text (TX-3..TX-5): a Register whose `v` is the merged
// plain text and `s` the field's latest stamp (what the UI and every plain reader see, TX-6), plus
// the Fugue field behind it. Registers are replaced, never changed: each op works on a copy.
//
// A plain string register on which a text op lands is first read as one run of TX-5 ids,
// `["~<ms>.<counter>.<replica>", 0...]` from its stamp, at the start: the node reads it the same
// way, so an edit typed into a note that only ever had plain text names the same characters on
// both sides.
import type { Op, Register, Stamp } from "../api";
import { compareStamps } from "../stamp";
import { TextError, TextField } from "./field";
import { readTextOp, stateJson } from "./json";

export interface TextRegister extends Register {
  v: string;
  s: Stamp;
  readonly field: TextField;
}

export function isTextRegister(r: Register | undefined): r is TextRegister {
  return r !== undefined && (r as Partial<TextRegister>).field instanceof TextField;
}

/** The replica part of the ids a whole-field write gets (TX-5). */
export function wholeWriteReplica(s: Stamp): string {
  return `~${s[0]}.${s[1]}.${s[2]}`;
}

/** A plain register read as text (empty for a missing or non-string value). */
export function plainAsText(r: Register | undefined): TextField {
  const field = new TextField();
  if (!r) return field;
  if (typeof r.v === "string" && r.v.length > 0) {
    field.apply({ kind: "ins", id: [wholeWriteReplica(r.s), 0], text: r.v, parent: null, right: true }, r.s);
  } else {
    field.latest = r.s;
  }
  return field;
}

/** The field of a register as text: its own, or a plain string read as text; null for other values. */
export function textOf(r: Register | undefined): TextField | null {
  if (isTextRegister(r)) return r.field;
  if (r === undefined || typeof r.v === "string") return plainAsText(r);
  return null;
}

function registerOf(field: TextField): TextRegister {
  return { v: field.text(), s: field.latest as Stamp, field };
}

/**
 * What `op` makes of the register `current` when either is text; null when it changes nothing or
 * cannot apply (an op naming characters this state lacks is dropped, as the node refuses it).
 * `undefined` means neither is text: the plain last-writer-wins rule applies.
 */
export function applyTextOp(current: Register | undefined, op: Op): TextRegister | null | undefined {
  const textOp = readTextOp(op.v);
  const wasText = isTextRegister(current);
  if (!textOp && !wasText) return undefined;
  const field = wasText ? current.field.copy() : plainAsText(current);
  const before = field.latest;
  try {
    if (textOp) {
      field.check(textOp);
      const changed = field.apply(textOp, op.s);
      if (!changed && wasText && sameStamp(before, field.latest)) return null;
      return registerOf(field);
    }
    // TX-5: a plain value over text replaces it whole when its stamp is greater, else nothing.
    if (typeof op.v !== "string" || (before !== null && compareStamps(op.s, before) <= 0)) return null;
    const replica = wholeWriteReplica(op.s);
    if (field.length > 0) field.apply(field.deleteAt(0, field.length), op.s);
    if (op.v.length > 0) field.apply({ kind: "ins", id: [replica, field.nextN(replica)], text: op.v, parent: null, right: true }, op.s);
    field.latest = op.s;
    return registerOf(field);
  } catch (e) {
    if (e instanceof TextError) return null;
    throw e;
  }
}

function sameStamp(a: Stamp | null, b: Stamp | null): boolean {
  return a === b || (a !== null && b !== null && compareStamps(a, b) === 0);
}

/** Equal text registers: same stamp and the same canonical state. */
export function textRegistersEqual(a: TextRegister, b: TextRegister): boolean {
  return a.field === b.field || (compareStamps(a.s, b.s) === 0 && stateJson(a.field) === stateJson(b.field));
}
