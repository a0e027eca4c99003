// Stamps and registers, mirroring server/.../board/Stamp.java and Register.java (rules ST-1, ST-2).
import type { Json, Register, Stamp } from "./api";

/** Compares strings by UTF-16 code units, like Java's String.compareTo (sign only). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Element by element: ms, counter, then replica (ST-1). */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return compareStrings(a[2], b[2]);
}

export function stampsEqual(a: Stamp, b: Stamp): boolean {
  return compareStamps(a, b) === 0;
}

/**
 * True when `a` beats `b` (ST-2): the greater stamp wins; equal stamps (a misbehaving replica)
 * are broken by the greater compact JSON text of the value.
 */
export function beats(a: Register, b: Register): boolean {
  const c = compareStamps(a.s, b.s);
  if (c !== 0) return c > 0;
  return compareStrings(JSON.stringify(a.v), JSON.stringify(b.v)) > 0;
}

/** Deep JSON equality; object key order does not matter. */
export function jsonEquals(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEquals(x, b[i] as Json));
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEquals(a[k] as Json, b[k] as Json));
}

export function registersEqual(a: Register, b: Register): boolean {
  return stampsEqual(a.s, b.s) && jsonEquals(a.v, b.v);
}
