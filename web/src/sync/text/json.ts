// The JSON value of a text op (TX-3), as it travels in an op's `v`; mirrors TextJson.java:
//   insert {"ins":"text","id":["replica",n],"p":["replica",n]|null,"side":"r"|"l"}
//   delete {"del":[["replica",n,len], ...]}
//   state  {"runs":[["replica",n,"text",parent|null,"r"|"l",deleted 0|1], ...]} (parents first)
// A plain string is not a text op: it is a whole-field write (TX-5).
import type { Json } from "../api";
import { codePoints, type CharId, type IdRange, type Run, type TextField, type TextOp } from "./field";

/** Longest insert, in code points (TX-4). */
export const MAX_RUN = 4000;
/** Most ranges in one delete (TX-4). */
export const MAX_RANGES = 1000;

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}

function readId(x: unknown): CharId | null | undefined {
  if (x === null) return null;
  if (Array.isArray(x) && x.length === 2 && typeof x[0] === "string" && x[0].length > 0 && Number.isSafeInteger(x[1]) && (x[1] as number) >= 0) {
    return [x[0], x[1] as number];
  }
  return undefined;
}

/**
 * The text op in a value, or null when the value is not one (a plain value: a string, a number,
 * or an object of another shape). Malformed text ops are not text ops either.
 */
export function readTextOp(v: unknown): TextOp | null {
  if (!isRecord(v)) return null;
  const keys = Object.keys(v);
  if ("ins" in v) {
    if (keys.length !== 4 || typeof v.ins !== "string") return null;
    const id = readId(v.id);
    const parent = readId(v.p);
    const len = codePoints(v.ins).length;
    if (!id || parent === undefined || (v.side !== "r" && v.side !== "l") || len < 1 || len > MAX_RUN) return null;
    return { kind: "ins", id, text: v.ins, parent, right: v.side === "r" };
  }
  if ("del" in v) {
    if (keys.length !== 1 || !Array.isArray(v.del) || v.del.length === 0 || v.del.length > MAX_RANGES) return null;
    const ranges: IdRange[] = [];
    for (const r of v.del) {
      if (!Array.isArray(r) || r.length !== 3 || !Number.isSafeInteger(r[2]) || r[2] < 1 || r[2] > MAX_RUN) return null;
      const id = readId([r[0], r[1]]);
      if (!id) return null;
      ranges.push({ id, len: r[2] as number });
    }
    return { kind: "del", ranges };
  }
  if ("runs" in v) {
    if (keys.length !== 1 || !Array.isArray(v.runs)) return null;
    const runs: Run[] = [];
    for (const r of v.runs) {
      if (!Array.isArray(r) || r.length !== 6 || typeof r[2] !== "string" || r[2].length === 0) return null;
      const id = readId([r[0], r[1]]);
      const parent = readId(r[3]);
      if (!id || parent === undefined || (r[4] !== "r" && r[4] !== "l") || (r[5] !== 0 && r[5] !== 1)) return null;
      runs.push({ id, text: r[2], parent, right: r[4] === "r", deleted: r[5] === 1 });
    }
    return { kind: "runs", runs };
  }
  return null;
}

const idJson = (id: CharId | null): Json => (id === null ? null : [id[0], id[1]]);

/** The op's value (TX-3), keys in the order the node writes them. */
export function textOpValue(op: TextOp): Json {
  switch (op.kind) {
    case "ins":
      return { ins: op.text, id: idJson(op.id), p: idJson(op.parent), side: op.right ? "r" : "l" };
    case "del":
      return { del: op.ranges.map((r) => [r.id[0], r.id[1], r.len]) };
    case "runs":
      return { runs: op.runs.map((r) => [r.id[0], r.id[1], r.text, idJson(r.parent), r.right ? "r" : "l", r.deleted ? 1 : 0]) };
  }
}

/** The field as a state value: canonical, so equal fields encode equally. */
export function stateValue(field: TextField): Json {
  return textOpValue({ kind: "runs", runs: field.runs() });
}

/** The state's compact JSON text: byte for byte what TextJson.state writes. */
export function stateJson(field: TextField): string {
  return JSON.stringify(stateValue(field));
}
