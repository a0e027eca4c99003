// Ordering keys for `z` (rule IT-4), frozen by server/vectors/fractional-index.json.
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";

/** A key strictly between a and b (null = open end); a < b when both are given. */
export function keyBetween(a: string | null, b: string | null): string {
  return generateKeyBetween(a, b);
}

/** n distinct keys between a and b, in sorted order. */
export function keysBetween(a: string | null, b: string | null, n: number): string[] {
  return generateNKeysBetween(a, b, n);
}
