// Own values (IT-8, the Positive Health spider web): each person's mark per dimension lives in
// `own_<dimension>:<replica>` on the template's item. The node sends a person only their own
// (Visibility), so whatever this client holds is this person's; the latest-stamped of their tabs
// counts (ID-3). The geometry of the web is here too. Pure, so unit-tested.
import type { Change, ItemsView, Stamp } from "../../sync/api";
import { personOf } from "../../sync/seat";
import { compareStamps } from "../../sync/stamp";
import type { Template } from "../template";

export type OwnSpec = NonNullable<Template["ownValues"]>;

export function ownField(dimension: string, replica: string): string {
  return `own_${dimension}:${replica}`;
}

const later = (a: Stamp, b: Stamp): boolean => compareStamps(a, b) > 0;

/** My person's value for one dimension (latest over my tabs), or null. */
export function myValue(items: ItemsView, spec: OwnSpec, dimension: string, replica: string): number | null {
  const prefix = `own_${dimension}:`;
  const me = personOf(replica);
  let best: { s: Stamp; v: unknown } | null = null;
  for (const [f, r] of Object.entries(items.fields(spec.item))) {
    if (!f.startsWith(prefix) || personOf(f.slice(prefix.length)) !== me) continue;
    if (!best || later(r.s, best.s)) best = { s: r.s, v: r.v };
  }
  const v = best?.v;
  return typeof v === "number" && Number.isInteger(v) && v >= spec.min && v <= spec.max ? v : null;
}

export function ownChange(spec: OwnSpec, dimension: string, replica: string, value: number | null): Change {
  return { item: spec.item, field: ownField(dimension, replica), value };
}

/** The point of value `v` on axis `i` of `n`, the first pointing up, clockwise. */
export function webPoint(cx: number, cy: number, radius: number, i: number, n: number, v: number, max: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
  const r = (radius * Math.max(0, Math.min(v, max))) / max;
  return [Math.round((cx + r * Math.cos(angle)) * 10) / 10, Math.round((cy + r * Math.sin(angle)) * 10) / 10];
}

/** An SVG polygon's points for values per axis (null counts as 0). */
export function webPolygon(cx: number, cy: number, radius: number, values: readonly (number | null)[], max: number): string {
  return values.map((v, i) => webPoint(cx, cy, radius, i, values.length, v ?? 0, max).join(",")).join(" ");
}
